import { describe, expect, it } from "vitest";
import { countOutcomes, outcomeOfStage, readStaffGroup } from "../../extension/outcomes/countOutcomes";

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

describe("countOutcomes: WDES metric 2 counts (disability) for the same applicants", () => {
  // Worked by hand: Disabled = rows 2, 5 (shortlisted 2, appointed 1: row 5); non-disabled =
  // rows 1, 4 (shortlisted 2, appointed 1: row 1), row 3 declined its offer so is in neither;
  // not declared = row 6 (blank) and row 7 ("Prefer not to say"): shortlisted 2, appointed 0.
  // Rows 8-9 were not shortlisted. Totals 6 shortlisted, 2 appointed, as by ethnicity.
  const ROWS = [
    { applicantId: "1", stage: "Offer accepted", ethnicity: "White - British", disability: "No" },
    { applicantId: "2", stage: "Interviewed", ethnicity: "White - Irish", disability: "Yes" },
    { applicantId: "3", stage: "Offer declined", ethnicity: "White - British", disability: "No" },
    { applicantId: "4", stage: "Interviewed", ethnicity: "Asian or Asian British - Indian", disability: "no" },
    { applicantId: "5", stage: "Offer accepted", ethnicity: "Black or Black British - African", disability: " Yes " },
    { applicantId: "6", stage: "Interviewed", ethnicity: "White - British", disability: "" },
    { applicantId: "7", stage: "Interview: Reserve", ethnicity: "Prefer not to say", disability: "Prefer not to say" },
    { applicantId: "8", stage: "Not shortlisted", ethnicity: "White - British", disability: "Yes" },
    { applicantId: "9", stage: "Not shortlisted", ethnicity: "White - British", disability: "No" },
  ];

  it("counts shortlisted and appointed per disability group with the WRES exclusions", () => {
    const r = countOutcomes(ROWS, LABELS, { disability: true });
    expect(r.disabilityCounts).toEqual({ disabled: { shortlisted: 2, appointed: 1 }, notDisabled: { shortlisted: 2, appointed: 1 }, notDeclared: { shortlisted: 2, appointed: 0 } });
    expect(r.counts).toEqual({ white: { shortlisted: 3, appointed: 1 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 1, appointed: 0 } });
    expect(r.disabilityWarnings).toEqual([]);
    expect(r.offersDeclined).toBe(1);
  });

  it("without the profile field, no disability counts at all (not recorded, never zero), and the WRES counts are unchanged", () => {
    const without = countOutcomes(ROWS, LABELS);
    expect(without.disabilityCounts).toBeNull();
    expect(without.disabilityWarnings).toEqual([]);
    expect(without.counts).toEqual(countOutcomes(ROWS, LABELS, { disability: true }).counts);
    // Rows read with no disability text at all (the page has no such column) cannot make counts appear.
    expect(countOutcomes(ROWS.map(({ disability: _d, ...r }) => r), LABELS).disabilityCounts).toBeNull();
  });

  it("never guesses an unknown disability answer: counted as not declared and reported with its rows", () => {
    const r = countOutcomes(
      [
        { applicantId: "1", stage: "Interviewed", ethnicity: "White - British", disability: "Maybe" },
        { applicantId: "2", stage: "Offer accepted", ethnicity: "White - British", disability: "Maybe" },
        { applicantId: "3", stage: "Interviewed", ethnicity: "White - British", disability: "Long-term condition" },
        { applicantId: "4", stage: "Not shortlisted", ethnicity: "White - British", disability: "Unheard of" },
        { applicantId: "5", stage: "Interviewed", ethnicity: "White - British", disability: "I do not wish to disclose this" },
      ],
      LABELS,
      { disability: true },
    );
    expect(r.disabilityCounts).toEqual({ disabled: { shortlisted: 0, appointed: 0 }, notDisabled: { shortlisted: 0, appointed: 0 }, notDeclared: { shortlisted: 4, appointed: 1 } });
    // Only counted rows are reported: the not-shortlisted applicant's answer changes no figure.
    expect(r.disabilityWarnings).toEqual([{ label: "Maybe", rows: 2 }, { label: "Long-term condition", rows: 1 }]);
  });

  it("a duplicate applicant whose disability answer differs is a conflict, counted once by the row furthest along", () => {
    const rows = [
      { applicantId: "1", stage: "Interviewed", ethnicity: "White - British", disability: "No" },
      { applicantId: "1", stage: "Offer accepted", ethnicity: "White - British", disability: "Yes" },
      { applicantId: "2", stage: "Interviewed", ethnicity: "White - British", disability: "Yes" },
      { applicantId: "2", stage: "Interviewed", ethnicity: "White - British", disability: "Y" },
      { applicantId: "3", stage: "Interviewed", ethnicity: "White - British", disability: "No" },
      { applicantId: "3", stage: "Interviewed", ethnicity: "White - British", disability: "Yes" },
    ];
    for (const order of [rows, [...rows].reverse()]) {
      const r = countOutcomes(order, LABELS, { disability: true });
      expect(r.duplicates).toBe(3);
      // Applicant 1 differs in stage, 3 in disability; "Yes" and "Y" (applicant 2) are the same answer.
      expect(r.conflicts).toBe(2);
      const d = r.disabilityCounts!;
      // Applicant 1 counts by the appointed row ("Yes") whichever comes first.
      expect(d.disabled.appointed).toBe(1);
      expect(d.disabled.shortlisted + d.notDisabled.shortlisted).toBe(3);
      expect(d.notDeclared).toEqual({ shortlisted: 0, appointed: 0 });
    }
    // Without disability counted, a differing disability answer is no conflict (the overlay does not read it).
    expect(countOutcomes(rows, LABELS).conflicts).toBe(1);
  });
});

describe("readStaffGroup", () => {
  it("uses the profile's labels first, then the usual NHS staff group names", () => {
    expect(readStaffGroup("Allied Health Professionals")).toBe("clinical");
    expect(readStaffGroup("Administrative and Clerical")).toBe("nonClinical");
    expect(readStaffGroup("Additional Professional Scientific and Technical", { clinical: [], nonClinical: ["Additional professional scientific and technical"] })).toBe("nonClinical");
    expect(readStaffGroup("Something else")).toBeNull();
  });
});
