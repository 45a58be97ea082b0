import { describe, expect, it } from "vitest";
import { OutcomeDraftSchema } from "../../extension/background/outcomeDraft";

const DRAFT = {
  reference: "C9234-24-0123",
  closingDate: "2025-01-31",
  band: "7",
  staffGroup: "clinical",
  counts: { white: { shortlisted: 4, appointed: 1 }, bme: { shortlisted: 3, appointed: 0 }, notStated: { shortlisted: 1, appointed: 0 } },
};

describe("the outcome draft the overlay hands to the background", () => {
  it("is accepted without disability counts (WDES not recorded)", () => {
    expect(OutcomeDraftSchema.safeParse(DRAFT).success).toBe(true);
  });

  it("is accepted with disability counts of the same applicants", () => {
    const disabilityCounts = { disabled: { shortlisted: 2, appointed: 0 }, notDisabled: { shortlisted: 5, appointed: 1 }, notDeclared: { shortlisted: 1, appointed: 0 } };
    expect(OutcomeDraftSchema.safeParse({ ...DRAFT, disabilityCounts }).success).toBe(true);
  });

  it("is refused when the disability counts add up to other totals than the ethnicity counts", () => {
    const disabilityCounts = { disabled: { shortlisted: 2, appointed: 1 }, notDisabled: { shortlisted: 5, appointed: 1 }, notDeclared: { shortlisted: 1, appointed: 0 } };
    const r = OutcomeDraftSchema.safeParse({ ...DRAFT, disabilityCounts });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["disabilityCounts"], message: expect.stringMatching(/same shortlisted and appointed totals/) });
  });

  it("refuses unknown fields and a missing reference", () => {
    expect(OutcomeDraftSchema.safeParse({ ...DRAFT, applicantNames: ["x"] }).success).toBe(false);
    expect(OutcomeDraftSchema.safeParse({ ...DRAFT, reference: "  " }).success).toBe(false);
  });
});
