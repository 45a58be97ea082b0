import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CI_METHODS, criticalValue, fisherExactP, formatRelativeLikelihood, inverseNormalCdf, logGamma, normalizeConfidenceLevel, plausibilityWarnings, relativeLikelihood, type Wres2Counts, type Wres2Result } from "../src/wres2";
import { Wres2CountsSchema, Wres2ResultSchema } from "../src/schemas/wres2";

function counts(whiteAppointed: number, whiteShortlisted: number, bmeAppointed: number, bmeShortlisted: number): Wres2Counts {
  return {
    white: { shortlisted: whiteShortlisted, appointed: whiteAppointed },
    bme: { shortlisted: bmeShortlisted, appointed: bmeAppointed },
  };
}

function swapped(input: Wres2Counts): Wres2Counts {
  return { white: input.bme, bme: input.white };
}

/** Relative closeness, for values that span orders of magnitude. */
function expectRelativelyClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

const groupCounts = fc
  .integer({ min: 0, max: 1000 })
  .chain((shortlisted) => fc.record({ shortlisted: fc.constant(shortlisted), appointed: fc.integer({ min: 0, max: shortlisted }) }));
// Small counts are where the edge cases live; bias towards them as well.
const smallGroupCounts = fc
  .integer({ min: 0, max: 12 })
  .chain((shortlisted) => fc.record({ shortlisted: fc.constant(shortlisted), appointed: fc.integer({ min: 0, max: shortlisted }) }));
const anyGroup = fc.oneof(groupCounts, smallGroupCounts);
const anyCounts: fc.Arbitrary<Wres2Counts> = fc.record({ white: anyGroup, bme: anyGroup });
const anyCountsWithNotStated: fc.Arbitrary<Wres2Counts> = fc.record(
  { white: anyGroup, bme: anyGroup, notStated: anyGroup },
  { requiredKeys: ["white", "bme"] },
);
const levels = [0.8, 0.9, 0.95, 0.99] as const;

describe("inverseNormalCdf (Wichura AS 241)", () => {
  // Reference values: SciPy 1.17 scipy.stats.norm.ppf.
  it.each([
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9995, 3.2905267314919255],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThan(1e-9 * Math.max(1, Math.abs(z)));
  });

  it("is antisymmetric about 0.5", () => {
    // Not tested nearer 0: there 1 - p itself is rounded, not the quantile.
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 0.5, noNaN: true }), (p) => {
        expect(inverseNormalCdf(p) + inverseNormalCdf(1 - p)).toBeCloseTo(0, 8);
      }),
    );
  });

  it("rejects p outside (0, 1)", () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => inverseNormalCdf(p)).toThrow(RangeError);
  });

  it("gives the usual two-sided critical values for 80, 90, 95, 99 %", () => {
    expect(criticalValue(0.8)).toBeCloseTo(1.2815515655446004, 12);
    expect(criticalValue(90)).toBeCloseTo(1.6448536269514722, 12);
    expect(criticalValue(95)).toBeCloseTo(1.959963984540054, 12);
    expect(criticalValue(0.99)).toBeCloseTo(2.5758293035489004, 12);
  });
});

describe("normalizeConfidenceLevel", () => {
  it("accepts proportions and percentages", () => {
    expect(normalizeConfidenceLevel(0.95)).toBe(0.95);
    expect(normalizeConfidenceLevel(95)).toBe(0.95);
    expect(normalizeConfidenceLevel(99.9)).toBeCloseTo(0.999, 12);
    expect(normalizeConfidenceLevel()).toBe(0.95);
  });
  it.each([0, 1, 100, -5, 150, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s", (level) => {
    expect(() => normalizeConfidenceLevel(level)).toThrow(/Confidence level/);
  });
});

describe("logGamma", () => {
  it("matches ln n! and ln Γ(1/2)", () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    // SciPy scipy.special.gammaln: ln(1000!) and ln Γ(100.5).
    expect(Math.abs(logGamma(1001) / 5912.128178488164 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(100.5) / 361.43554046777757 - 1)).toBeLessThan(1e-14);
  });
});

describe("relativeLikelihood: reference values", () => {
  it("SciPy's relative_risk example: 10/75 vs 12/225 gives 2.5, 95% Katz CI 1.1262-5.5499", () => {
    const result = relativeLikelihood(counts(10, 75, 12, 225));
    expect(result.relativeLikelihood).toBe(2.5);
    expect(result.ci.method).toBe(CI_METHODS.katz);
    expect(result.ci.level).toBe(0.95);
    // SciPy: ConfidenceInterval(low=1.1261564003469628, high=5.549850800541033)
    expectRelativelyClose(result.ci.lower, 1.1261564003469628);
    expectRelativelyClose(result.ci.upper, 5.549850800541033);
    expect(result.significant).toBe(true);
    expect(result.likelihood.white).toBeCloseTo(10 / 75, 15);
    expect(result.likelihood.bme).toBeCloseTo(12 / 225, 15);
    expect(result.interpretation.category).toBe("favoursWhite");
    expect(result.interpretation.withinFourFifths).toBe(false);
    expect(result.interpretation.text).toContain(
      "White shortlisted applicants were 2.50 times as likely to be appointed as BME shortlisted applicants (95% confidence interval 1.13 to 5.55).",
    );
    expect(result.interpretation.text).toContain("statistically significant at the 95% level");
    // SciPy fisher_exact([[10, 65], [12, 213]]).pvalue
    expect(result.fisherP).toBeCloseTo(0.037002657594809335, 10);
  });

  it.each([
    // SciPy relative_risk(10, 75, 12, 225).confidence_interval(level)
    [0.8, 1.4841561821331566, 4.211147098425291],
    [90, 1.280210037120024, 4.882011403425703],
    [0.99, 0.8765372679491101, 7.130330025354793],
  ])("same example at level %s matches SciPy", (level, lower, upper) => {
    const result = relativeLikelihood(counts(10, 75, 12, 225), { level });
    expectRelativelyClose(result.ci.lower, lower);
    expectRelativelyClose(result.ci.upper, upper);
    expect(result.significant).toBe(lower > 1);
  });

  it("The Christie 2022-23 worked example: BME 14.65%, white 46.99% -> 3.2 (docs/domain.md)", () => {
    // Smallest counts that reproduce the published percentages: 39/83 = 46.99%, 23/157 = 14.65%.
    const result = relativeLikelihood(counts(39, 83, 23, 157));
    expect((result.likelihood.white! * 100).toFixed(2)).toBe("46.99");
    expect((result.likelihood.bme! * 100).toFixed(2)).toBe("14.65");
    expect(result.relativeLikelihood!.toFixed(1)).toBe("3.2");
    expect(result.interpretation.text).toMatch(/^White shortlisted applicants were 3\.21 times as likely/);
    expect(result.interpretation.category).toBe("favoursWhite");
    expect(result.significant).toBe(true);
  });

  it("Koopman's (1984) example 36/40 vs 16/80 with the score interval matches PropCIs::riskscoreci", () => {
    // Katz is used here, as the counts allow it; the score interval is checked on the zero cells below
    // and its root-finder against Nam's (1995) closed form (R PropCIs): 2.939569192, 7.152223435.
    const katz = relativeLikelihood(counts(36, 40, 16, 80));
    expect(katz.relativeLikelihood).toBe(4.5);
    expect(katz.ci.method).toBe(CI_METHODS.katz);
    // Zero-cell cases computed with Nam's closed form (PropCIs::riskscoreci): 5/10 vs 0/10 and 0/10 vs 5/10.
    const noBme = relativeLikelihood(counts(5, 10, 0, 10));
    expectRelativelyClose(noBme.ci.lower, 1.6316924873849037, 1e-8);
    const noWhite = relativeLikelihood(counts(0, 10, 5, 10));
    expectRelativelyClose(noWhite.ci.upper, 0.6128605774257663, 1e-8);
    const rare = relativeLikelihood(counts(0, 40, 4, 25));
    expectRelativelyClose(rare.ci.upper, 0.571035393010193, 1e-8);
  });
});

describe("relativeLikelihood: zero and tiny counts", () => {
  it("no BME appointed: ratio infinite -> null, upper bound null, lower from Koopman", () => {
    const result = relativeLikelihood(counts(5, 10, 0, 10));
    expect(result.relativeLikelihood).toBeNull();
    expect(result.likelihood).toEqual({ white: 0.5, bme: 0 });
    expect(result.ci.upper).toBeNull();
    expect(result.ci.method).toBe(CI_METHODS.koopmanUpperUnbounded);
    expect(result.significant).toBe(true); // lower 1.63 > 1
    expect(result.interpretation.category).toBe("favoursWhite");
    expect(result.interpretation.withinFourFifths).toBe(false);
    expect(result.interpretation.text).toContain("No BME shortlisted applicants were appointed (0 of 10)");
    expect(result.interpretation.text).toContain("infinitely large");
    expect(result.interpretation.text).toContain("1.63 to infinity");
    expect(result.shortfall).toEqual({ toParity: 5, toFourFifths: 4 });
  });

  it("no BME appointed on tiny counts is not significant", () => {
    const result = relativeLikelihood(counts(1, 1, 0, 1));
    expect(result.relativeLikelihood).toBeNull();
    expect(result.ci.lower).not.toBeNull();
    expect(result.ci.lower!).toBeLessThan(1);
    expect(result.significant).toBe(false);
    expect(result.fisherP).toBe(1);
  });

  it("no white appointed: ratio 0, lower bound 0, upper from Koopman", () => {
    const result = relativeLikelihood(counts(0, 10, 5, 10));
    expect(result.relativeLikelihood).toBe(0);
    expect(result.ci.lower).toBe(0);
    expect(result.ci.method).toBe(CI_METHODS.koopman);
    expect(result.significant).toBe(true);
    expect(result.interpretation.category).toBe("favoursBme");
    expect(result.interpretation.text).toContain("No white shortlisted applicants were appointed (0 of 10)");
    expect(result.shortfall).toEqual({ toParity: 0, toFourFifths: 0 });
  });

  it("nobody appointed: undefined, insufficient data", () => {
    const result = relativeLikelihood(counts(0, 12, 0, 7));
    expect(result.relativeLikelihood).toBeNull();
    expect(result.ci).toEqual({ lower: null, upper: null, level: 0.95, method: CI_METHODS.none });
    expect(result.significant).toBeNull();
    expect(result.interpretation.category).toBe("insufficientData");
    expect(result.interpretation.withinFourFifths).toBeNull();
    expect(result.interpretation.text).toContain("0 divided by 0");
    expect(result.fisherP).toBe(1);
  });

  it.each([
    [counts(0, 0, 3, 10), "No white shortlisted applicants"],
    [counts(3, 10, 0, 0), "No BME shortlisted applicants"],
    [counts(0, 0, 0, 0), "No white or BME shortlisted applicants"],
  ])("nobody shortlisted in a group: %j", (input, message) => {
    const result = relativeLikelihood(input);
    expect(result.relativeLikelihood).toBeNull();
    expect(result.ci.lower).toBeNull();
    expect(result.fisherP).toBeNull();
    expect(result.shortfall).toEqual({ toParity: null, toFourFifths: null });
    expect(result.interpretation.category).toBe("insufficientData");
    expect(result.interpretation.text).toContain(message);
  });

  it("everyone appointed in both groups: score interval around 1, not a zero-width Katz interval", () => {
    const result = relativeLikelihood(counts(10, 10, 10, 10));
    expect(result.relativeLikelihood).toBe(1);
    expect(result.ci.method).toBe(CI_METHODS.koopman);
    // Closed form on this boundary (PropCIs): n1 / (n1 + z²) and (n2 + z²) / n2.
    const zSquared = 1.959963984540054 ** 2;
    expectRelativelyClose(result.ci.lower, 10 / (10 + zSquared), 1e-8);
    expectRelativelyClose(result.ci.upper, (10 + zSquared) / 10, 1e-8);
    expect(result.significant).toBe(false);
    expect(result.interpretation.category).toBe("noAdverseImpact");
    expect(result.interpretation.text).toMatch(/^White and BME shortlisted applicants were equally likely to be appointed/);
  });

  // Only both groups fully appointed makes the Katz SE zero: one group fully appointed leaves the
  // other's 1/c − 1/n2 term, so Katz still applies. Hand-worked, and equal to SciPy 1.17's
  // scipy.stats.contingency.relative_risk(...).confidence_interval(0.95):
  // 10/10 vs 5/10: RR = 2, Var = (1/10 − 1/10) + (1/5 − 1/10) = 0.1, 2·exp(±1.959964·0.316228) = 1.0761 to 3.7171.
  // 5/10 vs 10/10: RR = 0.5, the same variance, 0.5·exp(±0.619795) = 0.2690 to 0.9293.
  it.each([
    [counts(10, 10, 5, 10), 2, 1.0761094202541792, 3.717094121390734],
    [counts(5, 10, 10, 10), 0.5, 0.2690273550635448, 0.9292735303476835],
  ])("everyone appointed in one group only: still the Katz interval (%j)", (input, ratio, lower, upper) => {
    const result = relativeLikelihood(input);
    expect(result.ci.method).toBe(CI_METHODS.katz);
    expectRelativelyClose(result.relativeLikelihood, ratio);
    expectRelativelyClose(result.ci.lower, lower);
    expectRelativelyClose(result.ci.upper, upper);
    expect(result.significant).toBe(true);
  });
});

describe("relativeLikelihood: four-fifths interpretation", () => {
  it("exactly 1.25 is within the band (inclusive), decided in integers", () => {
    // 5/8 vs 1/2 = 1.25 exactly.
    const result = relativeLikelihood(counts(5, 8, 1, 2));
    expect(result.relativeLikelihood).toBe(1.25);
    expect(result.interpretation.category).toBe("noAdverseImpact");
    expect(result.interpretation.withinFourFifths).toBe(true);
    expect(result.shortfall.toFourFifths).toBe(0);
    // Parity needs c' >= 5 x 2 / 8 = 1.25, so 2 BME appointments: 1 more.
    expect(result.shortfall.toParity).toBe(1);
  });

  it("exactly 0.80 is within the band", () => {
    const result = relativeLikelihood(counts(4, 10, 5, 10));
    expect(result.relativeLikelihood).toBe(0.8);
    expect(result.interpretation.category).toBe("noAdverseImpact");
  });

  it("below 0.80 favours BME and says so both ways", () => {
    const result = relativeLikelihood(counts(20, 100, 40, 100));
    expect(result.relativeLikelihood).toBe(0.5);
    expect(result.interpretation.category).toBe("favoursBme");
    expect(result.interpretation.text).toContain("White shortlisted applicants were 0.50 times as likely");
    expect(result.interpretation.text).toContain("BME shortlisted applicants were 2.00 times as likely");
    expect(result.interpretation.text).toContain("adverse impact on white applicants");
  });

  it("national 2018/19 value 1.46 reads in plain English (docs/domain.md)", () => {
    // 146/1000 vs 100/1000.
    const result = relativeLikelihood(counts(146, 1000, 100, 1000));
    expect(result.interpretation.text).toMatch(
      /^White shortlisted applicants were 1\.46 times as likely to be appointed as BME shortlisted applicants/,
    );
    expect(result.interpretation.category).toBe("favoursWhite");
  });

  it("shows a third decimal where two would round onto a boundary", () => {
    expect(formatRelativeLikelihood(1.2549)).toBe("1.255");
    expect(formatRelativeLikelihood(1.25)).toBe("1.25");
    expect(formatRelativeLikelihood(0.7951)).toBe("0.795");
    expect(formatRelativeLikelihood(3.2074)).toBe("3.21");
  });
});

describe("relativeLikelihood: shortfall (hand-worked)", () => {
  it("10/75 vs 12/225: 18 more BME appointments reach parity, 12 reach 1.25", () => {
    // Parity: c' >= 10 x 225 / 75 = 30, so 30 - 12 = 18. Four-fifths: c' >= 30 / 1.25 = 24, so 12.
    expect(relativeLikelihood(counts(10, 75, 12, 225)).shortfall).toEqual({ toParity: 18, toFourFifths: 12 });
  });

  it("The Christie example 39/83 vs 23/157: 51 and 37", () => {
    // Parity: c' >= 39 x 157 / 83 = 73.77 -> 74, 74 - 23 = 51.
    // Four-fifths: c' >= 73.77 / 1.25 = 59.02 -> 60, 60 - 23 = 37.
    expect(relativeLikelihood(counts(39, 83, 23, 157)).shortfall).toEqual({ toParity: 51, toFourFifths: 37 });
  });

  it("is 0 when already there", () => {
    expect(relativeLikelihood(counts(10, 50, 10, 50)).shortfall).toEqual({ toParity: 0, toFourFifths: 0 });
    expect(relativeLikelihood(counts(11, 50, 10, 50)).shortfall).toEqual({ toParity: 1, toFourFifths: 0 });
  });

  it("is minimal and sufficient for any counts", () => {
    fc.assert(
      fc.property(anyCounts, (input) => {
        const { shortfall } = relativeLikelihood(input);
        const { white, bme } = input;
        if (white.shortlisted === 0 || bme.shortlisted === 0) {
          expect(shortfall).toEqual({ toParity: null, toFourFifths: null });
          return;
        }
        // Always reachable for targets >= 1: appointing every BME applicant gives ratio <= 1.
        expect(shortfall.toParity).not.toBeNull();
        expect(shortfall.toFourFifths!).toBeLessThanOrEqual(shortfall.toParity!);
        expect(bme.appointed + shortfall.toParity!).toBeLessThanOrEqual(bme.shortlisted);
        for (const [extra, target] of [
          [shortfall.toParity!, [1, 1]],
          [shortfall.toFourFifths!, [5, 4]],
        ] as const) {
          // ratio <= p/q  <=>  (c + x)·n1·p >= a·n2·q
          const meets = (x: number) =>
            (bme.appointed + x) * white.shortlisted * target[0] >= white.appointed * bme.shortlisted * target[1];
          expect(meets(extra)).toBe(true);
          if (extra > 0) expect(meets(extra - 1)).toBe(false);
        }
      }),
    );
  });
});

describe("relativeLikelihood: options and validation", () => {
  it("a level of 95 and 0.95 give the same result", () => {
    expect(relativeLikelihood(counts(10, 75, 12, 225), { level: 95 })).toEqual(
      relativeLikelihood(counts(10, 75, 12, 225), { level: 0.95 }),
    );
  });

  it("reports not-stated counts but leaves them out of the indicator (docs/domain.md)", () => {
    const withNotStated = relativeLikelihood({ ...counts(10, 75, 12, 225), notStated: { shortlisted: 20, appointed: 19 } });
    expect(withNotStated.relativeLikelihood).toBe(2.5);
    expect(withNotStated.counts.notStated).toEqual({ shortlisted: 20, appointed: 19 });
    expect(withNotStated.likelihood.notStated).toBe(0.95);
    expect(withNotStated.shortfall).toEqual(relativeLikelihood(counts(10, 75, 12, 225)).shortfall);
  });

  it.each([
    [counts(11, 10, 1, 10), /white\.appointed: appointed cannot exceed shortlisted/],
    [counts(-1, 10, 1, 10), /white\.appointed/],
    [counts(1.5, 10, 1, 10), /white\.appointed/],
  ])("throws a clear RangeError on impossible counts %j", (input, message) => {
    expect(() => relativeLikelihood(input)).toThrow(RangeError);
    expect(() => relativeLikelihood(input)).toThrow(message);
  });

  it("accepts counts carrying other keys, while the payload schema is strict", () => {
    const labelled = { ...counts(10, 75, 12, 225), band: "8a" } as Wres2Counts;
    expect(relativeLikelihood(labelled).relativeLikelihood).toBe(2.5);
    expect(Wres2CountsSchema.safeParse(labelled).success).toBe(false);
  });
});

describe("relativeLikelihood: properties", () => {
  it("output is JSON-safe and valid against Wres2ResultSchema for any counts 0..1000", () => {
    fc.assert(
      fc.property(anyCountsWithNotStated, fc.constantFrom(...levels), (input, level) => {
        const result = relativeLikelihood(input, { level });
        const json = JSON.stringify(result);
        expect(JSON.parse(json)).toEqual(result); // NaN or Infinity would become null and differ
        expect(Wres2ResultSchema.parse(JSON.parse(json))).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });

  it("swapping groups inverts the ratio and its interval", () => {
    const invert = (value: number | null) => (value === null ? 0 : value === 0 ? null : 1 / value);
    fc.assert(
      fc.property(anyCounts, fc.constantFrom(...levels), (input, level) => {
        const original = relativeLikelihood(input, { level });
        const reverse = relativeLikelihood(swapped(input), { level });
        const closeTo = (actual: number | null, expected: number | null) => {
          if (expected === null || actual === null) expect(actual).toBe(expected);
          else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
        };
        if (original.ci.method === CI_METHODS.none) {
          expect(reverse.ci.method).toBe(CI_METHODS.none);
          return;
        }
        closeTo(reverse.relativeLikelihood, invert(original.relativeLikelihood));
        closeTo(reverse.ci.lower, invert(original.ci.upper));
        closeTo(reverse.ci.upper, invert(original.ci.lower));
        expect(reverse.significant).toBe(original.significant);
        expect(reverse.fisherP).toBeCloseTo(original.fisherP!, 12);
      }),
      { numRuns: 500 },
    );
  });

  it("the interval contains the estimate", () => {
    fc.assert(
      fc.property(anyCounts, fc.constantFrom(...levels), (input, level) => {
        const { relativeLikelihood: ratio, ci } = relativeLikelihood(input, { level });
        if (ratio === null || ci.lower === null) return;
        expect(ci.lower).toBeLessThanOrEqual(ratio * (1 + 1e-12));
        if (ci.upper !== null) expect(ci.upper).toBeGreaterThanOrEqual(ratio * (1 - 1e-12));
      }),
      { numRuns: 500 },
    );
  });

  it("a higher level gives a wider (or equal) interval", () => {
    fc.assert(
      fc.property(anyCounts, (input) => {
        const intervals = levels.map((level) => relativeLikelihood(input, { level }).ci);
        for (let i = 1; i < intervals.length; i++) {
          const narrow = intervals[i - 1]!;
          const wide = intervals[i]!;
          if (narrow.lower === null) {
            expect(wide.lower).toBeNull();
            continue;
          }
          expect(wide.lower!).toBeLessThanOrEqual(narrow.lower * (1 + 1e-12));
          if (wide.upper !== null) {
            expect(narrow.upper).not.toBeNull();
            expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper! * (1 - 1e-12));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("significant means the interval excludes 1, and the category follows the ratio", () => {
    fc.assert(
      fc.property(anyCounts, (input) => {
        const result: Wres2Result = relativeLikelihood(input);
        const { lower, upper } = result.ci;
        if (lower === null) expect(result.significant).toBeNull();
        else expect(result.significant).toBe(lower > 1 || (upper !== null && upper < 1));
        const ratio = result.relativeLikelihood;
        if (ratio !== null) {
          const expected = ratio > 1.25 + 1e-12 ? "favoursWhite" : ratio < 0.8 - 1e-12 ? "favoursBme" : undefined;
          if (expected) expect(result.interpretation.category).toBe(expected);
        }
        expect(result.interpretation.text.length).toBeGreaterThan(20);
        expect(result.interpretation.text).not.toMatch(/NaN|Infinity|null/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("fisherExactP", () => {
  it("Fisher's tea-tasting table [[3,1],[1,3]] gives p = 0.4857 (SciPy fisher_exact)", () => {
    expect(fisherExactP([[3, 1], [1, 3]])).toBeCloseTo(0.48571428571428565, 12);
  });

  it("matches SciPy on a WRES-sized table", () => {
    expect(fisherExactP([[10, 65], [12, 213]])).toBeCloseTo(0.037002657594809335, 10);
    // SciPy: 1.0260468598135327e-46, far into the tail
    const p = fisherExactP([[453, 511], [106, 617]]);
    expect(Math.abs(p / 1.0260468598135327e-46 - 1)).toBeLessThan(1e-6);
  });

  it("is 1 when the margins allow only one table, and symmetric in rows", () => {
    expect(fisherExactP([[0, 0], [3, 4]])).toBe(1);
    expect(fisherExactP([[0, 5], [0, 7]])).toBe(1);
    fc.assert(
      fc.property(anyCounts, ({ white, bme }) => {
        const table = [
          [white.appointed, white.shortlisted - white.appointed],
          [bme.appointed, bme.shortlisted - bme.appointed],
        ] as const;
        const p = fisherExactP(table);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(fisherExactP([table[1], table[0]])).toBeCloseTo(p, 12);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects impossible cells", () => {
    expect(() => fisherExactP([[-1, 2], [3, 4]])).toThrow(RangeError);
    expect(() => fisherExactP([[1.5, 2], [3, 4]])).toThrow(RangeError);
  });
});

describe("plausibilityWarnings", () => {
  it("a published 17.16 is flagged as implausible (docs/domain.md)", () => {
    // 300/500 white vs 14/400 BME gives 17.14.
    const warnings = plausibilityWarnings(counts(300, 500, 14, 400));
    expect(warnings.map((w) => w.code)).toEqual(["extremeRelativeLikelihood"]);
    expect(warnings[0]!.message).toContain("17.14");
  });

  it("checks a reported value against the counts", () => {
    const warnings = plausibilityWarnings(counts(146, 1000, 100, 1000), { reportedRelativeLikelihood: 17.16 });
    expect(warnings.map((w) => w.code)).toEqual(["reportedValueMismatch"]);
    expect(plausibilityWarnings(counts(146, 1000, 100, 1000), { reportedRelativeLikelihood: 1.46 })).toEqual([]);
  });

  it("an extreme ratio from small counts is noise, not a data-entry error", () => {
    expect(plausibilityWarnings(counts(6, 10, 1, 10))).toEqual([]);
  });

  it("appointed above shortlisted is an error, and nothing else is judged", () => {
    const warnings = plausibilityWarnings(counts(12, 10, 200, 100));
    expect(warnings.map((w) => [w.code, w.severity, w.group])).toEqual([
      ["appointedExceedsShortlisted", "error", "white"],
      ["appointedExceedsShortlisted", "error", "bme"],
    ]);
  });

  it("negative or fractional counts are errors", () => {
    expect(plausibilityWarnings(counts(-1, 10, 1.5, 10)).map((w) => w.code)).toEqual(["invalidCount", "invalidCount"]);
  });

  it("flags everyone appointed, nobody shortlisted, no BME appointed and a large not-stated share", () => {
    expect(plausibilityWarnings(counts(30, 30, 5, 40)).map((w) => w.code)).toContain("allAppointed");
    expect(plausibilityWarnings(counts(3, 10, 0, 0)).map((w) => w.code)).toEqual(["noShortlisted"]);
    expect(plausibilityWarnings(counts(10, 40, 0, 30)).map((w) => w.code)).toEqual(["noBmeAppointed"]);
    expect(plausibilityWarnings(counts(0, 40, 10, 30)).map((w) => w.code)).toEqual(["noWhiteAppointed"]);
    expect(
      plausibilityWarnings({ ...counts(10, 40, 10, 40), notStated: { shortlisted: 40, appointed: 10 } }).map((w) => w.code),
    ).toEqual(["highNotStated"]);
  });

  it("is included in the result", () => {
    expect(relativeLikelihood(counts(300, 500, 14, 400)).warnings.map((w) => w.code)).toEqual([
      "extremeRelativeLikelihood",
    ]);
    expect(relativeLikelihood(counts(10, 75, 12, 225)).warnings).toEqual([]);
  });
});
