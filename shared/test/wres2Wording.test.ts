import { describe, expect, it } from "vitest";
import { FISHER_TIE_TOLERANCE, fisherExactP, formatAgainst, formatRelativeLikelihood, relativeLikelihood } from "../src/wres2";

const counts = (wa: number, ws: number, ba: number, bs: number) => ({
  white: { shortlisted: ws, appointed: wa },
  bme: { shortlisted: bs, appointed: ba },
});

describe("interpretation: band and interval together", () => {
  it("West Lancashire 2019/20 (117 of 389 white, 2 of 10 BME): 1.504, Katz 0.431-5.243, the data cannot tell", () => {
    const r = relativeLikelihood(counts(117, 389, 2, 10));
    expect(r.relativeLikelihood!.toFixed(3)).toBe("1.504"); // NHS England published 1.504
    expect(r.ci.method).toBe("katz-log");
    expect(r.ci.lower!.toFixed(3)).toBe("0.431");
    expect(r.ci.upper!.toFixed(3)).toBe("5.243");
    expect(r.interpretation.category).toBe("favoursWhite");
    expect(r.interpretation.verdict).toBe("cannotTell");
    expect(r.interpretation.text).toContain("the data cannot tell whether there is adverse impact on BME applicants");
    expect(r.interpretation.text).not.toMatch(/: adverse impact/);
  });

  it("outside the band with an interval excluding 1.00 is adverse impact", () => {
    const r = relativeLikelihood(counts(300, 1000, 100, 1000)); // 3.0, tight interval
    expect(r.significant).toBe(true);
    expect(r.interpretation.verdict).toBe("adverseImpact");
    expect(r.interpretation.text).toMatch(/interval excludes 1\.00: adverse impact on BME applicants\.$/);
    const low = relativeLikelihood(counts(100, 1000, 300, 1000));
    expect(low.interpretation.verdict).toBe("adverseImpact");
    expect(low.interpretation.text).toMatch(/adverse impact on white applicants\.$/);
  });

  it("within the band is no adverse impact whatever the interval", () => {
    const r = relativeLikelihood(counts(11, 100, 10, 100)); // 1.10
    expect(r.interpretation.verdict).toBe("noAdverseImpact");
  });

  it("no BME appointment: adverse impact only if the score interval's lower bound is above 1", () => {
    expect(relativeLikelihood(counts(3, 10, 0, 2)).interpretation.verdict).toBe("cannotTell");
    expect(relativeLikelihood(counts(200, 400, 0, 100)).interpretation.verdict).toBe("adverseImpact");
  });
});

describe("display never contradicts the decision", () => {
  it("1.25042 prints as 1.2504 and reads as above 1.25; 0.79960 prints as 0.7996 and reads as below 0.80", () => {
    expect(formatRelativeLikelihood(1.25042)).toBe("1.2504");
    expect(formatRelativeLikelihood(0.7996)).toBe("0.7996");
    expect(formatRelativeLikelihood(1.25)).toBe("1.25");
    expect(formatRelativeLikelihood(0.8)).toBe("0.80");
    expect(formatRelativeLikelihood(1.46)).toBe("1.46");
    const above = relativeLikelihood(counts(62521, 100000, 50000, 100000)); // exactly 1.25042
    expect(above.interpretation.category).toBe("favoursWhite");
    expect(above.interpretation.text).toContain("1.2504 times as likely");
    expect(above.interpretation.text).toContain("above 1.25");
    const below = relativeLikelihood(counts(39980, 100000, 50000, 100000)); // exactly 0.79960
    expect(below.interpretation.category).toBe("favoursBme");
    expect(below.interpretation.text).toContain("0.7996 times as likely");
    expect(below.interpretation.text).toContain("below 0.80");
  });

  it("an interval bound that would round onto 1.00 gets the digits that show which side it is", () => {
    expect(formatAgainst(1.0004, [1])).toBe("1.0004");
    expect(formatAgainst(0.99996, [1])).toBe("0.99996");
    // Every printed figure in the sentence agrees with `significant`.
    for (let wa = 40; wa <= 80; wa++) {
      const r = relativeLikelihood(counts(wa, 200, 40, 200));
      const m = /interval ([\d.]+) to ([\d.]+)/.exec(r.interpretation.text)!;
      const [lo, hi] = [Number(m[1]), Number(m[2])];
      expect(lo > 1 || hi < 1, r.interpretation.text).toBe(r.significant);
      const shown = Number(/were ([\d.]+) times/.exec(r.interpretation.text)?.[1] ?? NaN);
      if (r.interpretation.category === "favoursWhite") expect(shown).toBeGreaterThan(1.25);
      if (r.interpretation.category === "noAdverseImpact" && r.relativeLikelihood !== 1) expect(shown >= 0.8 && shown <= 1.25).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------
// Fisher's exact p against exact rational arithmetic

function choose(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** Exact two-sided p with a relative tie tolerance `tol` (a decimal, 1e-14 SciPy, 1e-7 R), as a double. */
function exactP(a: number, b: number, c: number, d: number, tol: number): number {
  const row1 = a + b;
  const row2 = c + d;
  const k = a + c;
  const lo = Math.max(0, k - row2);
  const hi = Math.min(row1, k);
  // w(x) = C(row1, x) C(row2, k - x), stepped exactly: w(x+1) (x+1)(row2-k+x+1) = w(x) (row1-x)(k-x).
  const weights: bigint[] = [choose(row1, lo) * choose(row2, k - lo)];
  for (let x = lo; x < hi; x++) {
    weights.push((weights.at(-1)! * BigInt((row1 - x) * (k - x))) / BigInt((x + 1) * (row2 - k + x + 1)));
  }
  const observed = weights[a - lo]!;
  const scale = BigInt(Math.round(1 / tol));
  let total = 0n;
  let extreme = 0n;
  for (const w of weights) {
    total += w;
    if (w * scale <= observed * (scale + 1n)) extreme += w;
  }
  // Ratio of two big integers as a double, keeping 18 significant digits.
  const shift = BigInt(Math.max(0, total.toString().length - 18));
  return Number(extreme / 10n ** shift) / Number(total / 10n ** shift);
}

describe("fisherExactP with SciPy's tie tolerance, against exact values", () => {
  it(`uses a relative tolerance of ${FISHER_TIE_TOLERANCE} (SciPy), not R's 1e-7`, () => {
    expect(FISHER_TIE_TOLERANCE).toBe(1e-14);
  });

  it("equals the exact p for every table with up to 12 applicants per group", () => {
    for (let row1 = 1; row1 <= 12; row1++) {
      for (let row2 = 1; row2 <= 12; row2++) {
        for (let a = 0; a <= row1; a++) {
          for (let c = 0; c <= row2; c++) {
            const p = fisherExactP([[a, row1 - a], [c, row2 - c]]);
            const want = exactP(a, row1 - a, c, row2 - c, 1e-14);
            expect(Math.abs(p - want)).toBeLessThanOrEqual(1e-12 * Math.max(want, 1e-300));
          }
        }
      }
    }
  });

  it("counts exactly tied tables of thousands of applicants once each (symmetric margins)", () => {
    // Equal rows: the table with x and the one with k - x are exactly as likely.
    for (const [a, n, k] of [[1210, 2500, 2300], [2600, 5000, 5000], [1000, 3000, 2100]] as const) {
      const p = fisherExactP([[a, n - a], [k - a, n - (k - a)]]);
      const want = exactP(a, n - a, k - a, n - (k - a), 1e-14);
      expect(Math.abs(p / want - 1)).toBeLessThan(1e-9);
    }
  });

  it("does not count near-ties as ties: tables where R's 1e-7 rule gives a p several per cent too high", () => {
    // Margins found by search: one other table is between 5e-8 and 6e-8 more likely than the observed one.
    const nearTies = [
      [850, 641, 592, 327],
      [1789, 1073, 1467, 916],
      [3175, 3969, 3248, 1442],
    ] as const;
    for (const [row1, row2, k, a] of nearTies) {
      const table = [[a, row1 - a], [k - a, row2 - (k - a)]] as const;
      const scipy = exactP(a, row1 - a, k - a, row2 - (k - a), 1e-14);
      const rRule = exactP(a, row1 - a, k - a, row2 - (k - a), 1e-7);
      expect(rRule / scipy - 1).toBeGreaterThan(0.01); // the rules really differ here
      expect(Math.abs(fisherExactP(table) / scipy - 1)).toBeLessThan(1e-9);
    }
  });
});

describe("relativeLikelihoodChange", () => {
  it("adds the two years' Katz variances on the log scale", async () => {
    const { relativeLikelihoodChange } = await import("../src/wres2");
    const earlier = counts(100, 400, 40, 200); // 1.25
    const later = counts(90, 400, 45, 200); // 1.00
    const change = relativeLikelihoodChange(earlier, later)!;
    expect(change.ratio).toBeCloseTo(0.8, 12);
    expect(change.difference).toBeCloseTo(-0.25, 12);
    const se = Math.sqrt(1 / 100 - 1 / 400 + 1 / 40 - 1 / 200 + (1 / 90 - 1 / 400 + 1 / 45 - 1 / 200));
    expect(change.lower).toBeCloseTo(0.8 * Math.exp(-1.959963984540054 * se), 10);
    expect(change.upper).toBeCloseTo(0.8 * Math.exp(1.959963984540054 * se), 10);
    expect(change.significant).toBe(false);
    expect(relativeLikelihoodChange(earlier, counts(90, 400, 0, 200))).toBeNull();
  });
});
