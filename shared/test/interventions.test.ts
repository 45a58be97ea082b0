import { describe, expect, it } from "vitest";
import { logRelativeLikelihoodSe, panelGroupOf, ratioOfRelativeLikelihoods, scoringGroupOf } from "../src/interventions";

const counts = (a: number, n1: number, c: number, n2: number) => ({ white: { shortlisted: n1, appointed: a }, bme: { shortlisted: n2, appointed: c } });

describe("by-intervention arithmetic (hand-worked values)", () => {
  it("Katz log standard error: 10/75 vs 12/225 gives sqrt(1/10 - 1/75 + 1/12 - 1/225) = sqrt(0.165556) = 0.406885", () => {
    expect(logRelativeLikelihoodSe(counts(10, 75, 12, 225))).toBeCloseTo(0.406885, 6);
  });

  it("ratio 2.5 / 1 = 2.5; SE sqrt(0.165556 + 0.08) = 0.495536; 95 %: exp(ln 2.5 -/+ 1.959964 * 0.495536) = 0.9465 to 6.6030", () => {
    // Without: 20/100 vs 20/100, RR 1, SE^2 = 1/20 - 1/100 + 1/20 - 1/100 = 0.08.
    const r = ratioOfRelativeLikelihoods(counts(10, 75, 12, 225), counts(20, 100, 20, 100), 95);
    expect(r.ratio).toBeCloseTo(2.5, 12);
    expect(r.ci.lower).toBeCloseTo(0.946541, 5);
    expect(r.ci.upper).toBeCloseTo(6.602991, 5);
    expect(r.ci.level).toBe(0.95);
    expect(r.significant).toBe(false);
    expect(r.text).toMatch(/includes 1/);
  });

  it("a smaller gap with the intervention: RR 1.1111 / 2.5 = 0.4444, interval excludes 1 at 95 % and 90 %", () => {
    // With: white 30/100, BME 27/100 -> SE^2 = 1/30 - 1/100 + 1/27 - 1/100 = 0.050370.
    // Without: white 40/100, BME 16/100 -> SE^2 = 1/40 - 1/100 + 1/16 - 1/100 = 0.0675.
    // SE = sqrt(0.117870) = 0.343323.
    const r95 = ratioOfRelativeLikelihoods(counts(30, 100, 27, 100), counts(40, 100, 16, 100), 0.95);
    expect(r95.ratio).toBeCloseTo(0.444444, 6);
    expect(r95.ci.lower).toBeCloseTo(0.226767, 5); // exp(ln 0.4444 - 1.959964 * 0.343323)
    expect(r95.ci.upper).toBeCloseTo(0.871072, 5);
    expect(r95.significant).toBe(true);
    expect(r95.text).toMatch(/gap was smaller with the intervention: ratio 0\.44/);
    const r90 = ratioOfRelativeLikelihoods(counts(30, 100, 27, 100), counts(40, 100, 16, 100), 90);
    expect(r90.ci.lower).toBeCloseTo(0.252676, 5); // z = 1.644854
    expect(r90.ci.upper).toBeCloseTo(0.781754, 5);
  });

  it("no BME appointment on one side: no ratio, and it says which side", () => {
    const r = ratioOfRelativeLikelihoods(counts(3, 10, 0, 8), counts(20, 100, 20, 100));
    expect(r).toMatchObject({ ratio: null, significant: null, ci: { lower: null, upper: null } });
    expect(r.text).toMatch(/the vacancies with the intervention had no white or no BME appointment/);
    expect(ratioOfRelativeLikelihoods(counts(20, 100, 20, 100), counts(0, 5, 1, 5)).text).toMatch(/the vacancies without it/);
  });

  it("groups: met / notMet / notRecorded / notApplicable, structured scoring used or not recorded", () => {
    expect(panelGroupOf({ panel: null, structuredScoring: false })).toBe("notRecorded");
    expect(panelGroupOf({ panel: { ruleApplies: false, ruleMet: true }, structuredScoring: false })).toBe("notApplicable");
    expect(panelGroupOf({ panel: { ruleApplies: true, ruleMet: true }, structuredScoring: false })).toBe("met");
    expect(panelGroupOf({ panel: { ruleApplies: true, ruleMet: false }, structuredScoring: false })).toBe("notMet");
    expect(scoringGroupOf({ panel: null, structuredScoring: true })).toBe("used");
    expect(scoringGroupOf({ panel: null, structuredScoring: false })).toBe("notRecorded");
  });
});
