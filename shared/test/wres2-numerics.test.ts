/**
 * The numerical building blocks of ./wres2 at the edges the everyday tests never reach: the far
 * tails of the normal quantile, log-gamma below 1/2, input checks message by message, and Fisher's
 * test at national scale where two tables are 1e-9 apart in probability and only the exact
 * integer comparison can tell them. Every expected value here was computed independently with
 * mpmath at 40-60 significant digits (the script's formula is given beside each), never with the
 * code under test.
 */
import { describe, expect, it } from "vitest";
import { assertValidCounts, fisherExactP, groupProblems, inverseNormalCdf, logGamma, plausibilityWarnings, relativeLikelihood, relativeLikelihoodChange, type Wres2Counts } from "../src/wres2";

/** White appointed of shortlisted, then BME appointed of shortlisted. */
const counts = (a: number, n1: number, c: number, n2: number): Wres2Counts => ({ white: { shortlisted: n1, appointed: a }, bme: { shortlisted: n2, appointed: c } });
const codes = (c: Wres2Counts, o = {}) => plausibilityWarnings(c, o).map((w) => w.code);

const relativeError = (got: number, want: number) => Math.abs(got - want) / Math.max(1, Math.abs(want));

describe("inverseNormalCdf in the far tails (AS 241's third approximation, r > 5)", () => {
  // mpmath: findroot(ncdf(z) - p) at 50 digits.
  it.each([
    [1e-11, -6.7060231554951362873],
    [1e-12, -7.0344838253011319298],
    [1e-20, -9.2623400897984075737],
    [1e-30, -11.464024688443615727],
    [1e-100, -21.273453560965324295],
    [1e-300, -37.047096299361199237],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    expect(relativeError(inverseNormalCdf(p), z)).toBeLessThan(1e-14);
  });

  it("is exact on both sides of the switch between the central and the near-tail formulas (|p - 0.5| = 0.425)", () => {
    // mpmath: -sqrt(2) * erfinv(1 - 2p).
    for (const [p, z] of [
      [0.075, -1.4395314709384559153],
      [0.0749999, -1.4395321773759005465],
      [0.0750001, -1.4395307645017296872],
      [0.925, 1.4395314709384559153],
      [0.001, -3.0902323061678135415],
      [0.3, -0.52440051270804078404],
      [0.7, 0.52440051270804078404],
    ] as const) {
      expect(relativeError(inverseNormalCdf(p), z), String(p)).toBeLessThan(1e-14);
    }
  });
});

describe("logGamma below 1/2 (reflection) and far above", () => {
  // mpmath: loggamma(x) at 40 digits.
  it.each([
    [1e-8, 18.42068073818020890538],
    [0.001, 6.907178885383853682512],
    [0.1, 2.25271265173420595987],
    [0.25, 1.288022524698077457371],
    [0.4999, 0.5725613186041184375193],
    [0.75, 0.2032809514312953714814],
    [3.5, 1.200973602347074224816],
    [12345.6, 103959.1850661684555825],
    [1e7, 151180949.3694739139401],
  ])("ln Γ(%s) = %s", (x, want) => {
    expect(Math.abs(logGamma(x) - want) / Math.max(1e-300, Math.abs(want))).toBeLessThan(1e-13);
  });

  it.each([0, -1, -0.5, Number.NaN])("refuses %s (no real log-gamma is asked for there)", (x) => {
    expect(() => logGamma(x)).toThrow(/logGamma needs x > 0/);
  });
});

describe("input checks, problem by problem", () => {
  it("names a group that is not an object, whatever it is instead", () => {
    for (const bad of [null, undefined, "12 of 40", 7, true]) {
      expect(groupProblems(bad, "bme"), String(bad)).toEqual(["bme: must be an object with shortlisted and appointed counts"]);
    }
  });

  it("says 'must be a number' for anything that is not a finite number, before any other check", () => {
    for (const bad of ["3", Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, undefined, {}]) {
      expect(groupProblems({ shortlisted: bad, appointed: 0 }, "white"), String(bad)).toEqual(["white.shortlisted: must be a number"]);
      expect(groupProblems({ shortlisted: 4, appointed: bad }, "white"), String(bad)).toEqual(["white.appointed: must be a number"]);
    }
    expect(groupProblems({ shortlisted: 2.5, appointed: -1 }, "white")).toEqual(["white.shortlisted: must be a whole number", "white.appointed: cannot be negative"]);
    expect(groupProblems({ shortlisted: 3, appointed: 4 }, "white")).toEqual(["white.appointed: appointed cannot exceed shortlisted"]);
    expect(groupProblems({ shortlisted: 3, appointed: 3 }, "white")).toEqual([]);
  });

  it("refuses counts that are not an object with one message, and checks notStated only when it is given", () => {
    for (const bad of [null, undefined, "white 3/10", 42]) {
      expect(() => assertValidCounts(bad), String(bad)).toThrow(new RangeError("Invalid WRES indicator 2 counts: counts: must be an object"));
    }
    const ok = { white: { shortlisted: 10, appointed: 3 }, bme: { shortlisted: 5, appointed: 1 } };
    expect(() => assertValidCounts(ok)).not.toThrow();
    expect(() => assertValidCounts({ ...ok, notStated: undefined })).not.toThrow();
    expect(() => assertValidCounts({ ...ok, notStated: null })).toThrow(/notStated: must be an object/);
    expect(() => assertValidCounts({ ...ok, notStated: { shortlisted: 1, appointed: 2 } })).toThrow(/notStated\.appointed: appointed cannot exceed shortlisted/);
    expect(() => assertValidCounts({ white: ok.white, bme: { shortlisted: "5", appointed: 1 } }, "WDES metric 2 counts")).toThrow(
      new RangeError("Invalid WDES metric 2 counts: bme.shortlisted: must be a number"),
    );
  });
});

describe("fisherExactP: near-ties at national scale are decided exactly", () => {
  // Margins built so that two neighbouring tables at the mode differ in probability by a factor
  // 1 + 1/(u·v) ≈ 1 ± 9.18e-10: inside the 1e-9 band where floating point cannot be trusted,
  // far outside SciPy's 1e-14 tie tolerance. For observed x the neighbour x + 1 is
  // f(x+1)/f(x) = (row1 - x)(column1 - x) / ((x + 1)(row2 - column1 + x + 1)) = p·q / (u·v).
  // mpmath (60 digits, every table within 4,000 of the mode; the rest weigh < 1e-400):
  // p = Σ f(y) over f(y) <= f(observed)·(1 + 1e-14), / Σ f(y).
  it("leaves out a neighbour more likely by 9.18e-10 above the observed table (p·q = u·v + 1)", () => {
    // u = 33002, v = 33003, p = 27223, q = 40009; observed x = u - 1 = 33001.
    expect(fisherExactP([[33001, 27223], [40009, 33002]])).toBeCloseTo(0.99558765071981417, 9);
    // Observed at the more likely one, the less likely neighbour counts: every table does.
    expect(fisherExactP([[33002, 27222], [40008, 33003]])).toBe(1);
  });

  it("leaves out a neighbour more likely by 9.18e-10 below the observed table (p·q = u·v - 1)", () => {
    // u = 33003, v = 33004, p = 27271, q = 39941; the observed table is x + 1 = 33003.
    expect(fisherExactP([[33003, 27270], [39940, 33004]])).toBeCloseTo(0.99558808245785552, 9);
    expect(fisherExactP([[33002, 27271], [39941, 33003]])).toBe(1);
  });
});

describe("fisherExactP: margins and input", () => {
  it("gives SciPy's p for tables whose support starts above 0 or ends below the row total", () => {
    // scipy.stats.fisher_exact 1.17 (same 1e-14 tie rule).
    expect(fisherExactP([[8, 2], [5, 0]])).toBeCloseTo(0.5238095238095238, 14); // column total 13 > second row 5: support 8..10
    expect(fisherExactP([[2, 8], [0, 5]])).toBeCloseTo(0.5238095238095238, 14);
    expect(fisherExactP([[7, 3], [1, 9]])).toBeCloseTo(0.019766611097880447, 14);
    expect(fisherExactP([[0, 5], [5, 0]])).toBeCloseTo(0.007936507936507938, 14);
  });

  it("names the cell that is not a count", () => {
    expect(() => fisherExactP([[-1, 2], [3, 4]])).toThrow(/table\[0\]\[0\]/);
    expect(() => fisherExactP([[1, -2], [3, 4]])).toThrow(/table\[0\]\[1\] must be a whole number/);
    expect(() => fisherExactP([[1, 2], [3.5, 4]])).toThrow(/table\[1\]\[0\] must be a whole number/);
    expect(() => fisherExactP([[1, 2], [3, Number.NaN]])).toThrow(/table\[1\]\[1\] must be a whole number/);
  });
});

describe("plausibilityWarnings at every threshold", () => {
  it("judges nothing else once a count is impossible, and reports each bad count", () => {
    expect(plausibilityWarnings(counts(-1, 40, 2, 40)).map((w) => [w.code, w.group, w.message])).toEqual([
      ["invalidCount", "white", "The white appointed count (-1) must be a whole number, 0 or more."],
    ]);
    expect(codes({ ...counts(10, 40, 10, 40), notStated: { shortlisted: 2.5, appointed: 0 } })).toEqual(["invalidCount"]);
    // Nobody BME shortlisted would be a warning of its own; with a bad white count it is not judged.
    expect(codes(counts(2.5, 40, 0, 0))).toEqual(["invalidCount"]);
    expect(codes({ ...counts(10, 40, 10, 40), notStated: { shortlisted: 1, appointed: 3 } })).toEqual(["appointedExceedsShortlisted"]);
  });

  it("everyone appointed: flagged from 20 shortlisted (the adequate count), not below", () => {
    expect(codes(counts(20, 20, 30, 40))).toEqual(["allAppointed"]);
    expect(codes(counts(19, 19, 30, 40))).toEqual([]);
    expect(codes(counts(30, 40, 20, 20))).toEqual(["allAppointed"]);
    expect(codes(counts(30, 40, 19, 19))).toEqual([]);
    expect(codes(counts(12, 12, 30, 40), { adequateShortlisted: 12 })).toEqual(["allAppointed"]);
    expect(codes(counts(12, 12, 30, 40))).toEqual([]);
  });

  it("an extreme ratio needs both groups at 20 or more, and a ratio strictly beyond 5 or 0.2 (or the trust's own limits)", () => {
    expect(codes(counts(10, 20, 2, 20))).toEqual([]); // (10/20) / (2/20) = 5 exactly: not beyond
    expect(codes(counts(11, 20, 2, 20))).toEqual(["extremeRelativeLikelihood"]); // 5.5
    expect(codes(counts(2, 20, 10, 20))).toEqual([]); // 0.2 exactly
    expect(codes(counts(2, 20, 11, 20))).toEqual(["extremeRelativeLikelihood"]); // 0.18
    expect(codes(counts(11, 19, 2, 20))).toEqual([]); // 5.79, but 19 white shortlisted
    expect(codes(counts(11, 20, 2, 19))).toEqual([]); // 5.23, but 19 BME shortlisted
    expect(codes(counts(4, 20, 10, 20))).toEqual([]); // 0.4
    expect(codes(counts(4, 20, 10, 20), { extremeBelow: 0.5 })).toEqual(["extremeRelativeLikelihood"]);
    expect(codes(counts(8, 20, 2, 20), { extremeAbove: 3 })).toEqual(["extremeRelativeLikelihood"]);
  });

  it("nobody appointed in one group is flagged only when the other group had appointments and both lists are adequate", () => {
    expect(codes(counts(10, 20, 0, 20))).toEqual(["noBmeAppointed"]);
    expect(codes(counts(0, 20, 10, 20))).toEqual(["noWhiteAppointed"]);
    expect(codes(counts(0, 20, 0, 20))).toEqual([]);
    expect(codes(counts(10, 19, 0, 20))).toEqual([]);
    expect(codes(counts(0, 19, 5, 20))).toEqual([]);
  });

  it("a high not-stated share: more than 20 % of at least 20 shortlisted", () => {
    const withNotStated = (w: [number, number], b: [number, number], ns: [number, number]): Wres2Counts => ({
      white: { appointed: w[0], shortlisted: w[1] },
      bme: { appointed: b[0], shortlisted: b[1] },
      notStated: { appointed: ns[0], shortlisted: ns[1] },
    });
    expect(codes(withNotStated([2, 8], [2, 7], [1, 5]))).toEqual(["highNotStated"]); // 5 of 20
    expect(codes(withNotStated([2, 8], [2, 6], [1, 5]))).toEqual([]); // 5 of 19
    expect(codes(withNotStated([10, 40], [10, 40], [5, 20]))).toEqual([]); // exactly 20 %
    expect(codes(withNotStated([10, 40], [10, 40], [5, 21]))).toEqual(["highNotStated"]);
    expect(plausibilityWarnings(withNotStated([2, 8], [2, 7], [1, 5]))[0]!.message).toBe(
      "25% of shortlisted applicants did not state their ethnicity; the indicator leaves them out, so it rests on a smaller share of applicants than usual.",
    );
  });

  it("a reported value is checked only when the counts give a number, to half a hundredth", () => {
    expect(codes(counts(0, 0, 5, 20), { reportedRelativeLikelihood: 1 })).toEqual(["noShortlisted"]);
    expect(codes(counts(10, 40, 0, 40), { reportedRelativeLikelihood: 2 })).toEqual(["noBmeAppointed"]);
    // 30/100 vs 20/100 = 1.5: a report rounding to 2 dp may say 1.50 or anything within 0.005.
    expect(codes(counts(30, 100, 20, 100), { reportedRelativeLikelihood: 1.505 + 5e-10 })).toEqual([]);
    expect(codes(counts(30, 100, 20, 100), { reportedRelativeLikelihood: 1.4950000005 })).toEqual([]);
    expect(codes(counts(30, 100, 20, 100), { reportedRelativeLikelihood: 1.5051 })).toEqual(["reportedValueMismatch"]);
  });
});

describe("relativeLikelihood: undefined ratios and the sentences a board reads", () => {
  it("no ratio without anyone shortlisted in both groups", () => {
    expect(relativeLikelihood(counts(0, 0, 3, 10)).relativeLikelihood).toBeNull();
    expect(relativeLikelihood(counts(3, 10, 0, 0)).relativeLikelihood).toBeNull();
    expect(relativeLikelihood(counts(0, 10, 0, 10)).relativeLikelihood).toBeNull();
  });

  it("nobody white appointed: the BME share in the sentence, the interval from 0", () => {
    expect(relativeLikelihood(counts(0, 10, 3, 10)).interpretation.text).toBe(
      "No white shortlisted applicants were appointed (0 of 10), against 30.0% of BME shortlisted applicants: relative likelihood 0.00 (95% confidence interval 0.00 to 1.08). " +
        "The interval includes 1.00, so at the 95% level the data are consistent with no difference. " +
        "This is below 0.80, outside the four-fifths band (0.80 to 1.25), but the interval includes 1.00: the data cannot tell whether there is adverse impact on white applicants.",
    );
  });

  it("nobody BME appointed, not significant: says the interval includes 1.00", () => {
    expect(relativeLikelihood(counts(3, 10, 0, 10)).interpretation.text).toBe(
      "No BME shortlisted applicants were appointed (0 of 10), against 30.0% of white shortlisted applicants: the relative likelihood is infinitely large, so it is not given as a number (95% confidence interval 0.92 to infinity). " +
        "The interval includes 1.00, so at the 95% level the data are consistent with no difference. " +
        "This is above 1.25, outside the four-fifths band (0.80 to 1.25), but the interval includes 1.00: the data cannot tell whether there is adverse impact on BME applicants.",
    );
  });

  it("within the four-fifths band: says so", () => {
    // 30/100 vs 27/100 = 1.111; Katz 95 % interval from the formula in docs/domain.md.
    const r = relativeLikelihood(counts(30, 100, 27, 100));
    expect(r.interpretation.text).toMatch(/^White shortlisted applicants were 1\.11 times as likely to be appointed as BME shortlisted applicants \(95% confidence interval 0\.\d\d to 1\.\d\d\)\. /);
    expect(r.interpretation.text.endsWith(" The interval includes 1.00, so at the 95% level the data are consistent with no difference. This is within the four-fifths band (0.80 to 1.25): no adverse impact.")).toBe(true);
  });
});

describe("relativeLikelihoodChange (hand-worked: ln RR2 - ln RR1 with the two Katz variances added)", () => {
  // mpmath at 30 digits; z = sqrt(2)·erfinv(level).
  it("gives the ratio, difference and interval at the chosen level", () => {
    // 2.0 (40/100 vs 20/100) then 1.2 (30/100 vs 25/100): variances 0.055 and 0.05333.
    const c = relativeLikelihoodChange(counts(40, 100, 20, 100), counts(30, 100, 25, 100))!;
    expect(c.ratio).toBeCloseTo(0.6, 14);
    expect(c.difference).toBeCloseTo(-0.8, 14);
    expect(c.lower).toBeCloseTo(0.31476506416910134, 12);
    expect(c.upper).toBeCloseTo(1.1437101539534168, 12);
    expect([c.level, c.significant]).toEqual([0.95, false]);
    const at90 = relativeLikelihoodChange(counts(40, 100, 20, 100), counts(30, 100, 25, 100), { level: 90 })!;
    expect([at90.lower, at90.upper, at90.level]).toEqual([expect.closeTo(0.34916411260184512, 12), expect.closeTo(1.03103379473168, 12), 0.9]);
  });

  it("is significant when the interval lies wholly below or wholly above 1", () => {
    const down = relativeLikelihoodChange(counts(400, 1000, 200, 1000), counts(300, 1000, 300, 1000))!;
    expect([down.ratio, down.significant]).toEqual([0.5, true]);
    expect(down.lower).toBeCloseTo(0.41033961494213073, 12);
    expect(down.upper).toBeCloseTo(0.60925143685007584, 12);
    const up = relativeLikelihoodChange(counts(300, 1000, 300, 1000), counts(400, 1000, 200, 1000))!;
    expect([up.ratio, up.difference, up.significant]).toEqual([2, 1, true]);
    expect(up.lower).toBeCloseTo(1.6413584597685229, 12);
  });

  it("needs a Katz interval in both periods: someone appointed in each group, not everyone", () => {
    const fine = counts(30, 100, 25, 100);
    for (const bad of [counts(0, 0, 5, 10), counts(5, 10, 0, 0), counts(0, 10, 5, 10), counts(5, 10, 0, 10), counts(10, 10, 5, 5)]) {
      expect(relativeLikelihoodChange(bad, fine), JSON.stringify(bad)).toBeNull();
      expect(relativeLikelihoodChange(fine, bad), JSON.stringify(bad)).toBeNull();
    }
    // Everyone appointed in one group only still has a Katz interval, whichever group it is.
    const allBme = relativeLikelihoodChange(counts(5, 10, 10, 10), fine)!;
    expect([allBme.ratio, allBme.lower, allBme.upper]).toEqual([expect.closeTo(2.4, 14), expect.closeTo(1.1140365515842454, 12), expect.closeTo(5.1703869067929935, 12)]);
    const c = relativeLikelihoodChange(counts(10, 10, 5, 10), counts(6, 10, 3, 10))!;
    expect(c.ratio).toBeCloseTo(1, 14);
    expect(c.lower).toBeCloseTo(0.2895028710899464, 12);
    expect(c.upper).toBeCloseTo(3.4541971768193878, 12);
  });

  it("refuses impossible counts in either period", () => {
    const fine = counts(30, 100, 25, 100);
    expect(() => relativeLikelihoodChange(counts(12, 10, 5, 10), fine)).toThrow(/white\.appointed: appointed cannot exceed shortlisted/);
    expect(() => relativeLikelihoodChange(fine, counts(3, 10, -1, 10))).toThrow(/bme\.appointed: cannot be negative/);
  });
});
