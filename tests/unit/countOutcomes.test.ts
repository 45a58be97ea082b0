import { describe, expect, it } from "vitest";
import { countOutcomes, outcomeOfStage, parseClosingDate, readStaffGroup } from "../../extension/outcomes/countOutcomes";

const LABELS = { shortlisted: ["Interviewed", "Interview: Reserve"], appointed: ["Offer accepted"], offerDeclined: ["Offer declined"] };

describe("countOutcomes: WRES indicator 2 counts for one vacancy", () => {
  it("counts appointed as shortlisted too, leaves out declined offers and not-shortlisted stages", () => {
    const r = countOutcomes(
      [
        { applicantId: "1", stage: "Offer accepted", ethnicity: "White - British" },
        { applicantId: "2", stage: "Interviewed", ethnicity: "White - Irish" },
        { applicantId: "3", stage: "Offer declined", ethnicity: "White - British" },
        { applicantId: "4", stage: "Offer accepted", ethnicity: "Asian or Asian British - Indian" },
        { applicantId: "5", stage: "interview: reserve", ethnicity: "N" },
        { applicantId: "6", stage: "Interviewed", ethnicity: "Prefer not to say" },
        { applicantId: "7", stage: "Not shortlisted", ethnicity: "Black or Black British - African" },
        { applicantId: "8", stage: "Not shortlisted", ethnicity: "White - British" },
      ],
      LABELS,
    );
    expect(r.counts).toEqual({ white: { shortlisted: 2, appointed: 1 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 1, appointed: 0 } });
    expect(r.offersDeclined).toBe(1);
    expect(r.notCounted).toEqual([{ stage: "Not shortlisted", rows: 2 }]);
    expect(r.rows).toBe(8);
  });

  it("counts a re-rendered duplicate row once, and never guesses an unreadable ethnicity", () => {
    const r = countOutcomes(
      [
        { applicantId: "1", stage: "Interviewed", ethnicity: "Martian" },
        { applicantId: "1", stage: "Interviewed", ethnicity: "Martian" },
        { applicantId: "2", stage: "Interviewed", ethnicity: "" },
      ],
      LABELS,
    );
    expect(r.duplicates).toBe(1);
    expect(r.counts.notStated).toEqual({ shortlisted: 2, appointed: 0 });
    expect(r.counts.white.shortlisted + r.counts.bme.shortlisted).toBe(0);
    expect(r.ethnicityWarnings).toHaveLength(1);
    expect(r.ethnicityWarnings[0]).toMatchObject({ label: "Martian", rows: 1 });
  });

  it("conflicting duplicate rows for one applicant are reported, and counted by the row furthest along, whichever comes first", () => {
    const rows = [
      { applicantId: "1", stage: "Interviewed", ethnicity: "White - British" },
      { applicantId: "1", stage: "Offer accepted", ethnicity: "White - British" },
      { applicantId: "2", stage: "Interviewed", ethnicity: "White - British" },
      { applicantId: "2", stage: "Interviewed", ethnicity: "Asian or Asian British - Indian" },
      { applicantId: "3", stage: "Interviewed", ethnicity: "N" },
      { applicantId: "3", stage: "Interviewed", ethnicity: "N" },
    ];
    for (const order of [rows, [...rows].reverse()]) {
      const r = countOutcomes(order, LABELS);
      expect(r.duplicates).toBe(3);
      // Applicants 1 (stage) and 2 (ethnicity) disagree with themselves; 3 is a plain re-render.
      expect(r.conflicts).toBe(2);
      // Applicant 1 counts as appointed either way.
      expect(r.counts.white.appointed).toBe(1);
      expect(r.counts.white.shortlisted + r.counts.bme.shortlisted + r.counts.notStated.shortlisted).toBe(3);
    }
  });

  it("reads a declined offer as declined even if the host also lists it among shortlisted stages", () => {
    expect(outcomeOfStage("Offer declined", { ...LABELS, shortlisted: [...LABELS.shortlisted, "Offer declined"] })).toBe("offerDeclined");
    expect(outcomeOfStage(null, LABELS)).toBe("notCounted");
  });
});

describe("parseClosingDate", () => {
  it.each([
    ["2026-02-27", "2026-02-27"],
    ["27/02/2026", "2026-02-27"],
    ["06/03/2026", "2026-03-06"],
    ["12 March 2026", "2026-03-12"],
    ["Friday 27th Feb 2026", "2026-02-27"],
    ["31/02/2026", null],
    // An instant on the page is dated in UK time, as the API dates it.
    ["2025-03-31T23:00:00Z", "2025-04-01"],
    ["Closes 2025-04-01T00:30:00+01:00", "2025-04-01"],
    ["soon", null],
    [null, null],
  ])("%s -> %s", (text, iso) => expect(parseClosingDate(text)).toBe(iso));
});

describe("readStaffGroup", () => {
  it("uses the profile's labels first, then the usual NHS staff group names", () => {
    expect(readStaffGroup("Allied Health Professionals")).toBe("clinical");
    expect(readStaffGroup("Administrative and Clerical")).toBe("nonClinical");
    expect(readStaffGroup("Additional Professional Scientific and Technical", { clinical: [], nonClinical: ["Additional professional scientific and technical"] })).toBe("nonClinical");
    expect(readStaffGroup("Something else")).toBeNull();
  });
});
