import { describe, expect, it } from "vitest";
import { WDES_LABELS, wdesRelativeLikelihood } from "@fair-shortlist/shared/wdes2";
import { headline, shortfallPhrase } from "../../worker/src/dashboard/client/headline";
import { changePhrase, WDES } from "../../worker/src/dashboard/client/standard";
import { notDeclaredPhrase, recordedPhrase, WDES_DIRECTION } from "../../worker/src/dashboard/client/wdes";
import type { Wdes2Figures } from "../../worker/src/dashboard/client/types";

const figures = (counts: Parameters<typeof wdesRelativeLikelihood>[0], vacancies: number, vacanciesInPeriod: number, key?: string): Wdes2Figures => ({
  ...wdesRelativeLikelihood(counts, { level: 0.95 }),
  vacancies,
  vacanciesInPeriod,
  smallNumbers: false,
  ...(key ? { key } : {}),
});

describe("WDES metric 2 wording", () => {
  // Non-disabled 200 shortlisted / 60 appointed (30%), Disabled 50 / 8 (16%): 1.875, non-disabled favoured.
  const f = figures({ notDisabled: { shortlisted: 200, appointed: 60 }, disabled: { shortlisted: 50, appointed: 8 }, notDeclared: { shortlisted: 30, appointed: 5 } }, 7, 9);

  it("reads non-disabled over Disabled, names the groups and the shortfall in Disabled appointments", () => {
    const hl = headline(f, { period: "2024/25", labels: WDES_LABELS });
    expect(hl.main).toMatch(/^Non-disabled shortlisted applicants were 1\.88 times as likely to be appointed as Disabled shortlisted applicants in 2024\/25; 95% interval \d\.\d\d–\d\.\d\d; outside the four-fifths range \(above 1\.25\)/);
    expect(hl.main).toContain("on Disabled applicants");
    expect(hl.main).not.toMatch(/white|BME/);
    // 16% → 30% of 50 Disabled shortlisted is 15 appointments: 7 more.
    expect(shortfallPhrase(f, WDES_LABELS)).toMatch(/^Shortfall: 7 more Disabled appointments from the same shortlist would have brought the ratio to 1\.00/);
    const below = figures({ notDisabled: { shortlisted: 100, appointed: 10 }, disabled: { shortlisted: 100, appointed: 20 } }, 1, 1);
    expect(headline(below, { labels: WDES_LABELS }).main).toContain("(Disabled applicants were 2.00 times as likely as non-disabled applicants)");
  });

  it("says which way the metric reads, as NHS England defines it", () => {
    expect(WDES_DIRECTION).toContain("non-disabled over Disabled");
    expect(WDES_DIRECTION).toContain("above 1.00, non-disabled shortlisted applicants were more likely to be appointed");
    expect(WDES.definition).toContain("above 1.00 favours non-disabled applicants");
  });

  it("shows vacancies without disability counts as not recorded, never as zero", () => {
    expect(recordedPhrase(f)).toBe(
      "Vacancies with disability recorded: 7 of 9 in the period. The 2 other vacancies did not record disability and are left out of the metric (not recorded, not counted as zero); WRES indicator 2 still counts them.",
    );
    const none = figures({ notDisabled: { shortlisted: 0, appointed: 0 }, disabled: { shortlisted: 0, appointed: 0 } }, 0, 4);
    expect(recordedPhrase(none)).toMatch(/^Vacancies with disability recorded: 0 of 4 in the period\. Disability was not recorded for any of them/);
    expect(WDES.notRecorded(none)).toBe(true);
    expect(WDES.notRecorded(f)).toBe(false);
    expect(recordedPhrase({ vacancies: 3, vacanciesInPeriod: 3 })).toContain("Every vacancy in the period recorded it.");
  });

  it("gives the not-declared share of shortlisted applicants", () => {
    // 30 of 280 = 10.7%.
    expect(notDeclaredPhrase(f)).toMatch(/^Not declared: 30 of 280 shortlisted applicants \(10\.7%\) did not say whether they are disabled/);
    expect(notDeclaredPhrase(figures({ notDisabled: { shortlisted: 0, appointed: 0 }, disabled: { shortlisted: 0, appointed: 0 } }, 0, 0))).toBe("");
  });

  it("works out the change since last year on the Disabled and non-disabled counts, and not across an unrecorded year", () => {
    const before = figures({ notDisabled: { shortlisted: 200, appointed: 60 }, disabled: { shortlisted: 50, appointed: 8 } }, 5, 5, "2023/24");
    const now = figures({ notDisabled: { shortlisted: 200, appointed: 60 }, disabled: { shortlisted: 50, appointed: 15 } }, 5, 5, "2024/25");
    expect(changePhrase(WDES, 95, [before, now], "2024/25")).toMatch(/^Change since 2023\/24: from 1\.88 to 1\.00, a ratio of 0\.53/);
    const unrecorded = figures({ notDisabled: { shortlisted: 0, appointed: 0 }, disabled: { shortlisted: 0, appointed: 0 } }, 0, 3, "2023/24");
    expect(changePhrase(WDES, 95, [unrecorded, now], "2024/25")).toBe("");
  });
});
