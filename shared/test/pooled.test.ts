import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chiSquareSurvival, POOLED_METHODS, pooledRelativeLikelihood } from "../src/pooled";
import { PooledWres2ResultSchema } from "../src/schemas/pooled";
import { relativeLikelihood, type Wres2Counts } from "../src/wres2";

function counts(whiteAppointed: number, whiteShortlisted: number, bmeAppointed: number, bmeShortlisted: number): Wres2Counts {
  return {
    white: { shortlisted: whiteShortlisted, appointed: whiteAppointed },
    bme: { shortlisted: bmeShortlisted, appointed: bmeAppointed },
  };
}

function expectRelativelyClose(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  // Relative, so that tail probabilities such as 1e-9 are checked to their own digits.
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance * (expected === 0 ? 1 : Math.abs(expected)));
}

const group = fc
  .integer({ min: 0, max: 300 })
  .chain((shortlisted) => fc.record({ shortlisted: fc.constant(shortlisted), appointed: fc.integer({ min: 0, max: shortlisted }) }));
const smallGroup = fc
  .integer({ min: 0, max: 8 })
  .chain((shortlisted) => fc.record({ shortlisted: fc.constant(shortlisted), appointed: fc.integer({ min: 0, max: shortlisted }) }));
const stratum: fc.Arbitrary<Wres2Counts> = fc.record({
  white: fc.oneof(group, smallGroup),
  bme: fc.oneof(group, smallGroup),
});

describe("pooledRelativeLikelihood: hand-worked two-stratum example (band mix)", () => {
  // Bands 2-5: white 40/100, BME 15/50 appointed (0.40 vs 0.30, ratio 4/3).
  // Bands 8a+: white 8/40, BME 9/60 appointed (0.20 vs 0.15, ratio 4/3).
  // Within each band the ratio is 1.33, but BME applicants are more often shortlisted for
  // senior posts, where fewer shortlisted applicants are appointed, so the crude ratio is
  // (48/140) / (24/110) = 1.5714.
  //
  // Mantel-Haenszel: R = 40·50/150 + 8·60/100 = 13.3333 + 4.8 = 18.1333
  //                  S = 15·100/150 + 9·40/100 = 10 + 3.6 = 13.6;  RR = R/S = 1.3333
  // Greenland-Robins: numerator = 55·100·50/150² − 40·15/150 + 17·40·60/100² − 8·9/100
  //                             = (12.2222 − 4) + (4.08 − 0.72) = 11.5822
  //                   Var(ln RR) = 11.5822 / (18.1333 × 13.6) = 0.046965; SE = 0.216714
  //                   95%: 1.3333 × exp(±1.959964 × 0.216714) = 0.8719 to 2.0389
  const strata = [counts(40, 100, 15, 50), counts(8, 40, 9, 60)];

  it("gives the pooled ratio, its interval and the crude ratio", () => {
    const pooled = pooledRelativeLikelihood(strata);
    expectRelativelyClose(pooled.relativeLikelihood, 4 / 3);
    expectRelativelyClose(pooled.ci.lower, 0.8719089733946694);
    expectRelativelyClose(pooled.ci.upper, 2.0389488261099324);
    expect(pooled.ci.method).toBe(POOLED_METHODS.mantelHaenszel);
    expect(pooled.method).toBe(POOLED_METHODS.mantelHaenszel);
    expect(pooled.significant).toBe(false);
    expect(pooled.strataUsed).toBe(2);
    expect(pooled.strataTotal).toBe(2);
    expectRelativelyClose(pooled.crude.relativeLikelihood, 48 / 140 / (24 / 110));
    expect(pooled.crude.ci.method).toBe("katz-log");
    expect(pooled.interpretation.category).toBe("favoursWhite");
  });

  it("finds no heterogeneity when both strata have the same ratio", () => {
    const { heterogeneity } = pooledRelativeLikelihood(strata);
    expect(heterogeneity).not.toBeNull();
    expect(heterogeneity!.q).toBeCloseTo(0, 12);
    expect(heterogeneity!.df).toBe(1);
    expect(heterogeneity!.p).toBeCloseTo(1, 10);
    expect(heterogeneity!.iSquared).toBe(0);
  });

  it("says the band mix explains part of the crude gap", () => {
    const { interpretation } = pooledRelativeLikelihood(strata);
    expect(interpretation.text).toContain("white shortlisted applicants were 1.33 times as likely");
    expect(interpretation.text).toContain("95% confidence interval 0.87 to 2.04");
    expect(interpretation.text).toContain("give 1.57");
    expect(interpretation.text).toContain("towards 1.00");
  });

  it("strata that cannot be compared are counted but not used", () => {
    const pooled = pooledRelativeLikelihood([
      ...strata,
      counts(5, 10, 0, 0), // no BME shortlisted
      counts(0, 6, 0, 4), // nobody appointed
    ]);
    expectRelativelyClose(pooled.relativeLikelihood, 4 / 3);
    expectRelativelyClose(pooled.ci.upper, 2.0389488261099324);
    expect(pooled.strataUsed).toBe(2);
    expect(pooled.strataTotal).toBe(4);
    expect(pooled.interpretation.text).toContain("2 of 4 strata");
  });
});

describe("pooledRelativeLikelihood: heterogeneity (hand-worked)", () => {
  it("opposite ratios of 4 and 0.25 pool to 1 with large Cochran's Q", () => {
    // Stratum ratios (40/100)/(10/100) = 4 and (10/100)/(40/100) = 0.25.
    // R = 40·100/200 + 10·100/200 = 25 = S, so RR_MH = 1.
    // Katz variance of each log ratio: 1/40 − 1/100 + 1/10 − 1/100 = 0.105.
    // Q = 2 × (ln 4)² / 0.105 = 36.606; df = 1; p = 1.446e-9 (SciPy chi2.sf); I² = 35.606/36.606 = 0.9727.
    const pooled = pooledRelativeLikelihood([counts(40, 100, 10, 100), counts(10, 100, 40, 100)]);
    expect(pooled.relativeLikelihood).toBe(1);
    expectRelativelyClose(pooled.heterogeneity!.q, 36.60594391757724);
    expectRelativelyClose(pooled.heterogeneity!.p, 1.4459015721220484e-9, 1e-6);
    expectRelativelyClose(pooled.heterogeneity!.iSquared, 0.9726820321243014);
    // Greenland-Robins: Σ(50·100·100/200² − 400/200) × 2 / 625 = 0.0336 → 0.6982 to 1.4323.
    expectRelativelyClose(pooled.ci.lower, 0.6981876779745708);
    expectRelativelyClose(pooled.ci.upper, 1.432279645640526);
    expect(pooled.interpretation.category).toBe("noAdverseImpact");
    expect(pooled.interpretation.text).toContain("more than chance would suggest (Cochran's Q, p < 0.001)");
    expect(pooled.interpretation.text).toContain("changes the ratio little");
  });
});

describe("pooledRelativeLikelihood: edge cases", () => {
  it("one stratum gives exactly the Katz interval (SciPy's 10/75 vs 12/225)", () => {
    const pooled = pooledRelativeLikelihood([counts(10, 75, 12, 225)]);
    expectRelativelyClose(pooled.relativeLikelihood, 2.5);
    expectRelativelyClose(pooled.ci.lower, 1.1261564003469628);
    expectRelativelyClose(pooled.ci.upper, 5.549850800541033);
    expect(pooled.heterogeneity).toBeNull();
  });

  it("no strata: nothing to say, defined output", () => {
    const pooled = pooledRelativeLikelihood([]);
    expect(pooled.relativeLikelihood).toBeNull();
    expect(pooled.ci.lower).toBeNull();
    expect(pooled.strataUsed).toBe(0);
    expect(pooled.crude.relativeLikelihood).toBeNull();
    expect(pooled.interpretation.category).toBe("insufficientData");
    expect(PooledWres2ResultSchema.parse(pooled)).toEqual(pooled);
  });

  it("no BME appointments anywhere: infinitely large, reported as null", () => {
    const pooled = pooledRelativeLikelihood([counts(5, 20, 0, 10), counts(3, 9, 0, 4)]);
    expect(pooled.relativeLikelihood).toBeNull();
    expect(pooled.ci.upper).toBeNull();
    expect(pooled.interpretation.category).toBe("favoursWhite");
    expect(pooled.interpretation.text).toContain("infinitely large");
  });

  it("no white appointments anywhere: 0, no log-scale interval", () => {
    const pooled = pooledRelativeLikelihood([counts(0, 20, 3, 10), counts(0, 9, 1, 4)]);
    expect(pooled.relativeLikelihood).toBe(0);
    expect(pooled.ci.lower).toBeNull();
    expect(pooled.interpretation.category).toBe("favoursBme");
  });

  it("accepts a level as a percentage and rejects impossible counts", () => {
    const strata = [counts(40, 100, 15, 50), counts(8, 40, 9, 60)];
    expect(pooledRelativeLikelihood(strata, { level: 90 })).toEqual(pooledRelativeLikelihood(strata, { level: 0.9 }));
    expect(() => pooledRelativeLikelihood([counts(11, 10, 1, 10)])).toThrow(/stratum 1.*appointed cannot exceed/);
  });
});

describe("pooledRelativeLikelihood: properties", () => {
  it("output is JSON-safe and valid for any strata", () => {
    fc.assert(
      fc.property(fc.array(stratum, { maxLength: 8 }), fc.constantFrom(0.8, 0.9, 0.95, 0.99), (strata, level) => {
        const pooled = pooledRelativeLikelihood(strata, { level });
        const roundTrip = JSON.parse(JSON.stringify(pooled));
        expect(roundTrip).toEqual(pooled);
        expect(PooledWres2ResultSchema.parse(roundTrip)).toEqual(pooled);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of strata", () => {
    fc.assert(
      fc.property(fc.array(stratum, { minLength: 1, maxLength: 6 }), (strata) => {
        const forward = pooledRelativeLikelihood(strata);
        const backward = pooledRelativeLikelihood([...strata].reverse());
        for (const [a, b] of [
          [forward.relativeLikelihood, backward.relativeLikelihood],
          [forward.ci.lower, backward.ci.lower],
          [forward.ci.upper, backward.ci.upper],
        ] as const) {
          if (a === null || b === null) expect(a).toBe(b);
          else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, a));
        }
      }),
    );
  });

  it("one stratum agrees with the single-table Katz interval whenever Katz applies", () => {
    fc.assert(
      fc.property(stratum, (single) => {
        const direct = relativeLikelihood(single);
        if (direct.ci.method !== "katz-log") return;
        const pooled = pooledRelativeLikelihood([single]);
        expectRelativelyClose(pooled.relativeLikelihood, direct.relativeLikelihood!);
        expectRelativelyClose(pooled.ci.lower, direct.ci.lower!);
        expectRelativelyClose(pooled.ci.upper, direct.ci.upper!);
      }),
    );
  });

  it("swapping groups in every stratum inverts the pooled ratio and interval", () => {
    fc.assert(
      fc.property(fc.array(stratum, { minLength: 1, maxLength: 6 }), (strata) => {
        const original = pooledRelativeLikelihood(strata);
        if (original.ci.lower === null) return;
        const reverse = pooledRelativeLikelihood(strata.map(({ white, bme }) => ({ white: bme, bme: white })));
        expectRelativelyClose(reverse.relativeLikelihood, 1 / original.relativeLikelihood!);
        expectRelativelyClose(reverse.ci.lower, 1 / original.ci.upper!);
        expectRelativelyClose(reverse.ci.upper, 1 / original.ci.lower);
      }),
    );
  });
});

describe("chiSquareSurvival", () => {
  // SciPy scipy.stats.chi2.sf
  it.each([
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [10, 3, 0.01856613546304325],
    [0.5, 4, 0.9735009788392561],
    [40, 10, 1.694474393006737e-5],
  ])("Q(%s, df %s) = %s", (x, df, p) => {
    expectRelativelyClose(chiSquareSurvival(x, df), p, 1e-9);
  });

  it("is 1 at 0 and rejects bad degrees of freedom", () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});
