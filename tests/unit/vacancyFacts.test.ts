/**
 * Vacancy facts remembered across a vacancy's screens: a report or interview screen that does not
 * print the band, staff group or closing date gets what the list or application showed; what the
 * page shows now always wins.
 */
import { describe, expect, it } from "vitest";
import { mergeFacts } from "../../extension/lib/vacancyFacts";

describe("vacancy facts seen on another screen", () => {
  it("fills only what this page does not show, and says which", () => {
    const stored = { band: "Band 8a", closingDate: "Mon 3 Feb 2025", jobTitle: "Lead Nurse" };
    expect(mergeFacts({ jobTitle: "Lead Nurse – Infection Prevention" }, stored)).toEqual({
      facts: { jobTitle: "Lead Nurse – Infection Prevention", band: "Band 8a", closingDate: "Mon 3 Feb 2025" },
      remembered: ["band", "closingDate"],
    });
  });
  it("the page wins over what was seen before; nothing seen gives nothing", () => {
    expect(mergeFacts({ band: "Band 7" }, { band: "Band 8a" })).toEqual({ facts: { band: "Band 7" }, remembered: [] });
    expect(mergeFacts({}, {})).toEqual({ facts: {}, remembered: [] });
  });
  it("a stored value that is not text (an older or tampered entry) is ignored", () => {
    expect(mergeFacts({}, { band: 7 as unknown as string, staffGroup: "" })).toEqual({ facts: {}, remembered: [] });
  });
});
