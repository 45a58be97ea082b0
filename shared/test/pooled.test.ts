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

describe("pooledRelativeLikelihood: what the figures and words say (hand-worked)", () => {
  it("a pooled ratio significantly below 1 is significant (upper bound < 1)", () => {
    // White 10/100 vs BME 30/100 and 5/50 vs 15/50: each 1/3. R = 10·100/200 + 5·50/100 = 7.5,
    // S = 30·100/200 + 15·50/100 = 22.5, RR = 1/3. Greenland-Robins numerator
    // (40·100·100/200² − 300/200) + (20·50·50/100² − 75/100) = 8.5 + 4.25 = 12.75;
    // Var = 12.75 / (7.5 × 22.5) = 0.0755556, SE = 0.274874; (1/3)·exp(±1.959964 × 0.274874) = 0.1945 to 0.5713.
    const pooled = pooledRelativeLikelihood([counts(10, 100, 30, 100), counts(5, 50, 15, 50)]);
    expectRelativelyClose(pooled.relativeLikelihood, 1 / 3);
    expectRelativelyClose(pooled.ci.lower, 0.19449382638488935);
    expectRelativelyClose(pooled.ci.upper, 0.571283485837901);
    expect(pooled.significant).toBe(true);
    expect(pooled.interpretation.category).toBe("favoursBme");
    expect(pooled.interpretation.withinFourFifths).toBe(false);
    expect(pooled.interpretation.text).toContain("(95% confidence interval 0.19 to 0.57). The interval excludes 1: significant at the 95% level.");
    // Crude (15/150) / (45/150) = 1/3 too: the same ratio, though far from 1.
    expect(pooled.interpretation.text).toContain("changes the ratio little");
    expect(pooled.interpretation.text).not.toContain("more than chance");
  });

  it("the band-mix example is not significant, within no band, and says so", () => {
    const pooled = pooledRelativeLikelihood([counts(40, 100, 15, 50), counts(8, 40, 9, 60)]);
    expect(pooled.interpretation.withinFourFifths).toBe(false);
    expect(pooled.interpretation.text).toContain("(Mantel-Haenszel over 2 of 2 strata)");
    expect(pooled.interpretation.text).toContain("The interval includes 1: not significant at the 95% level.");
    expect(pooled.interpretation.text).not.toContain("more than chance");
  });

  it("a 90% level is used for the pooled and the crude interval", () => {
    // Same strata, z = 1.644854 (SciPy norm.ppf(0.95)): 1.3333·exp(±1.644854 × 0.216714) = 0.9335 to 1.9044.
    const strata = [counts(40, 100, 15, 50), counts(8, 40, 9, 60)];
    const pooled = pooledRelativeLikelihood(strata, { level: 0.9 });
    expectRelativelyClose(pooled.ci.lower, 0.9335308093211987);
    expectRelativelyClose(pooled.ci.upper, 1.9043589777936296);
    expect(pooled.ci.level).toBe(0.9);
    expect(pooled.crude.ci.level).toBe(0.9);
    expect(pooled.interpretation.text).toContain("(90% confidence interval 0.93 to 1.90)");
  });

  it("allowing for strata can move the ratio away from 1", () => {
    // White 40/50 vs BME 40/100 and 20/200 vs 5/100: each 2. Crude (60/250) / (45/200) = 1.0667.
    // R = 40·100/150 + 20·100/300 = 33.333, S = 40·50/150 + 5·200/300 = 16.667, RR = 2.
    const pooled = pooledRelativeLikelihood([counts(40, 50, 40, 100), counts(20, 200, 5, 100)]);
    expectRelativelyClose(pooled.relativeLikelihood, 2);
    expectRelativelyClose(pooled.crude.relativeLikelihood, 60 / 250 / (45 / 200));
    expect(pooled.interpretation.text).toContain("give 1.07. Allowing for strata moves the ratio away from 1.00");
  });

  it("moderate heterogeneity is reported with its p value", () => {
    // White 30/100 vs BME 10/100 (ratio 3) and 10/100 vs 10/100 (ratio 1): R = 15 + 5, S = 5 + 5, RR = 2.
    // Katz variances 1/30 − 1/100 + 1/10 − 1/100 = 0.113333 and 0.18;
    // Q = (ln 1.5)² / 0.113333 + (ln 0.5)² / 0.18 = 1.45060 + 2.66918 = 4.11979, p = 0.0424 (SciPy chi2.sf).
    const pooled = pooledRelativeLikelihood([counts(30, 100, 10, 100), counts(10, 100, 10, 100)]);
    expectRelativelyClose(pooled.heterogeneity!.q, 4.1197888861846055);
    expectRelativelyClose(pooled.heterogeneity!.iSquared, (4.1197888861846055 - 1) / 4.1197888861846055);
    expect(pooled.interpretation.text).toContain("(Cochran's Q, p = 0.042)");
  });

  it("a stratum with everyone appointed in one group only still counts towards heterogeneity", () => {
    // 10/10 vs 5/10 (ratio 2, Katz variance 0.1) and 20/100 vs 10/100 (ratio 2): Q = 0 over 2 strata.
    // A third stratum with everyone appointed in both groups has zero variance and is left out.
    const pooled = pooledRelativeLikelihood([counts(10, 10, 5, 10), counts(20, 100, 10, 100)]);
    expectRelativelyClose(pooled.relativeLikelihood, 2);
    expect(pooled.heterogeneity!.strataUsed).toBe(2);
    expect(pooled.heterogeneity!.q).toBeCloseTo(0, 12);
    const withFull = pooledRelativeLikelihood([counts(10, 10, 5, 10), counts(20, 100, 10, 100), counts(10, 10, 10, 10)]);
    expect(withFull.heterogeneity!.strataUsed).toBe(2);
  });

  it("ratios of exactly 1.25 and 0.8 are within four-fifths (one stratum, 5/8 vs 1/2)", () => {
    const above = pooledRelativeLikelihood([counts(5, 8, 1, 2)]);
    expect(above.relativeLikelihood).toBe(1.25);
    expect(above.interpretation.category).toBe("noAdverseImpact");
    expect(above.interpretation.withinFourFifths).toBe(true);
    expect(above.interpretation.text).toContain("(Mantel-Haenszel over 1 of 1 stratum)");
    const below = pooledRelativeLikelihood([counts(1, 2, 5, 8)]);
    expect(below.relativeLikelihood).toBe(0.8);
    expect(below.interpretation.category).toBe("noAdverseImpact");
  });

  it("everyone appointed everywhere: no interval, no significance", () => {
    // Greenland-Robins numerator 20·10·10/400 − 100/20 = 0: a zero-width interval would claim certainty.
    const pooled = pooledRelativeLikelihood([counts(10, 10, 10, 10)]);
    expect(pooled.relativeLikelihood).toBe(1);
    expect(pooled.ci).toEqual({ lower: null, upper: null, level: 0.95, method: POOLED_METHODS.none });
    expect(pooled.significant).toBeNull();
    expect(pooled.interpretation.text).not.toContain("interval");
  });

  it("no white appointed: no significance and no crude comparison on the ratio scale", () => {
    // Used strata have no white appointment (ratio 0); the second has white appointments but no BME
    // shortlisted, so the crude ratio (5/30) / (3/10) = 0.56 is not 0, and cannot be compared on a log scale.
    const pooled = pooledRelativeLikelihood([counts(0, 20, 3, 10), counts(5, 10, 0, 0)]);
    expect(pooled.relativeLikelihood).toBe(0);
    expect(pooled.significant).toBeNull();
    expect(pooled.interpretation.withinFourFifths).toBe(false);
    expect(pooled.interpretation.text).not.toContain("interval");
    expect(pooled.interpretation.text).not.toContain("crude");
    const onlyZero = pooledRelativeLikelihood([counts(0, 20, 3, 10)]);
    expect(onlyZero.interpretation.text).not.toContain("crude");
  });

  it("a stratum with no white shortlisted is not used", () => {
    const pooled = pooledRelativeLikelihood([counts(40, 100, 15, 50), counts(8, 40, 9, 60), counts(0, 0, 3, 10)]);
    expect(pooled.strataUsed).toBe(2);
    expectRelativelyClose(pooled.relativeLikelihood, 4 / 3);
  });

  it("no strata: says why, and withinFourFifths is null", () => {
    const pooled = pooledRelativeLikelihood([]);
    expect(pooled.significant).toBeNull();
    expect(pooled.interpretation.withinFourFifths).toBeNull();
    expect(pooled.interpretation.text).toMatch(/^No stratum had both white and BME shortlisted applicants/);
  });
});

describe("chiSquareSurvival: more reference points", () => {
  // SciPy 1.17 scipy.stats.chi2.sf; the first two use the series, the last the continued fraction
  // far in the tail, where 1 − series would lose every digit.
  it.each([
    [0.3, 1, 0.583882420770365],
    [3, 3, 0.3916251762710877],
    [4, 3, 0.26146412994911117],
    [2, 1, 0.15729920705028105],
    [100, 10, 5.4497019829205215e-17],
    [200, 4, 3.75727673578106e-42],
  ])("Q(%s, df %s) = %s", (x, df, p) => {
    expectRelativelyClose(chiSquareSurvival(x, df), p, 1e-9);
  });

  it("negative x is 1 and the df guard is its own", () => {
    expect(chiSquareSurvival(-1, 2)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow(/degrees of freedom must be positive/);
    expect(() => chiSquareSurvival(1, -2)).toThrow(/degrees of freedom must be positive/);
  });
});

describe("pooledRelativeLikelihood: mirror cases (hand-worked)", () => {
  it("a pooled ratio significantly above 1 is significant (lower bound > 1)", () => {
    // The groups of the 1/3 example swapped: R and S swap, the variance numerator is symmetric,
    // so RR = 3 and the interval is 1/0.571283 to 1/0.194494 = 1.7504 to 5.1416.
    const pooled = pooledRelativeLikelihood([counts(30, 100, 10, 100), counts(15, 50, 5, 50)]);
    expectRelativelyClose(pooled.relativeLikelihood, 3);
    expectRelativelyClose(pooled.ci.lower, 1 / 0.571283485837901);
    expectRelativelyClose(pooled.ci.upper, 1 / 0.19449382638488935);
    expect(pooled.significant).toBe(true);
  });

  it("everyone BME appointed in one stratum only still counts towards heterogeneity", () => {
    // 5/10 vs 10/10 and 10/100 vs 20/100: each 0.5, Katz variances 0.1 and 0.13: Q = 0 over 2 strata.
    const pooled = pooledRelativeLikelihood([counts(5, 10, 10, 10), counts(10, 100, 20, 100)]);
    expectRelativelyClose(pooled.relativeLikelihood, 0.5);
    expect(pooled.heterogeneity!.strataUsed).toBe(2);
  });
});
