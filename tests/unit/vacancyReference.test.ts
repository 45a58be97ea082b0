// One vacancy, one key: every place that keys a vacancy (the vacancyKey sent to the API, and
// this browser's storage of scores, criteria, reasons, the panel check and the interview
// session) normalises the reference the same way, and every key maker normalises the
// organisation secret the same way, whether it was typed, imported or pushed by policy.
import { describe, expect, it } from "vitest";
import { normaliseOrgSecret, vacancyKey, vacancyKeyMaker, vacancyStorageRef } from "../../shared/src/vacancyKey";
import { KEYS } from "../../extension/lib/storage";
import { panelCheckKey } from "../../extension/interview/panelCheck";
import { interviewSessionKey } from "../../extension/interview/scoringSession";
import { mergeSettings } from "../../extension/settings/orgSettings";
import { parseExport } from "../../extension/lib/shortlisting";

const SECRET = "trust-secret-0123456789abcdef";
// How screens print one reference: the interview screen, the report, a list, a pasted copy.
const PRINTED = ["Ref: C9234-24-0123", "C9234-24-0123", " c9234 – 24 – 0123 ", "Job reference: C9234-24-0123"];

describe("one normalisation of the vacancy reference for every key", () => {
  it("every storage key of one vacancy is the same however the screen prints the reference", () => {
    const makers: Array<(ref: string) => string> = [
      (r) => panelCheckKey("nhs-jobs", r),
      (r) => interviewSessionKey("nhs-jobs", r),
      (r) => KEYS.scores("nhs-jobs", r, "A1"),
      (r) => KEYS.scoresPrefix("nhs-jobs", r),
      (r) => KEYS.criteria("nhs-jobs", r),
      (r) => KEYS.applicants("nhs-jobs", r),
      (r) => KEYS.reasons("nhs-jobs", r, "A1"),
      (r) => KEYS.reasonsPrefix("nhs-jobs", r),
      (r) => KEYS.colleagueScores("nhs-jobs", r),
      (r) => KEYS.vacancyFacts("nhs-jobs", r),
    ];
    for (const make of makers) expect(new Set(PRINTED.map(make)), make("C9234-24-0123")).toEqual(new Set([make("C9234-24-0123")]));
    expect(panelCheckKey("nhs-jobs", "Ref: C9234-24-0123")).toBe("panelCheck/nhs-jobs/C9234-24-0123");
  });

  it("the storage form is the vacancyKey's own normalisation", async () => {
    for (const r of PRINTED) expect(await vacancyKey(r, SECRET)).toBe(await vacancyKey(vacancyStorageRef(r), SECRET));
    expect(new Set(await Promise.all(PRINTED.map((r) => vacancyKey(r, SECRET)))).size).toBe(1);
  });

  it("a colleague's export printed with another form of the reference is accepted for this vacancy", () => {
    const file = JSON.stringify({ format: "fair-shortlist/scores@1", profileId: "nhs-jobs", vacancyRef: "Ref: C9234-24-0123", assessorId: "b", scaleId: "nhs-0-4", scores: [] });
    const parsed = parseExport(file, "nhs-jobs", "C9234-24-0123");
    expect(typeof parsed === "string" ? parsed : "accepted").toBe("accepted");
  });
});

describe("one normalisation of the organisation secret for every key maker", () => {
  it("a secret with a pasted newline or spaces gives the same keys as the trimmed one", async () => {
    const clean = await vacancyKey("C9234-24-0123", SECRET);
    for (const raw of [`${SECRET}\n`, `  ${SECRET}`, `\t${SECRET} \r\n`]) {
      expect(normaliseOrgSecret(raw)).toBe(SECRET);
      expect(await vacancyKey("C9234-24-0123", raw)).toBe(clean);
      // The dashboard's CSV import signs with the maker directly.
      expect(await (await vacancyKeyMaker(raw))("C9234-24-0123")).toBe(clean);
    }
  });

  it("a secret pushed by policy with whitespace is used trimmed, like one typed in the options page", () => {
    const pushed = mergeSettings({}, { orgSecret: `  ${SECRET}\n` });
    expect(pushed.orgSecret).toBe(SECRET);
    expect(pushed.source.orgSecret).toBe("managed");
    expect(mergeSettings({ orgSecret: `${SECRET} ` }, {}).orgSecret).toBe(SECRET);
    // Whitespace does not count toward the minimum length.
    expect(mergeSettings({}, { orgSecret: "   short-secret   " }).managedProblems.join(" ")).toMatch(/at least 16 characters/);
  });
});
