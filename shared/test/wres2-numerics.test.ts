/**
 * The numerical building blocks of ./wres2 at the edges the everyday tests never reach: the far
 * tails of the normal quantile, log-gamma below 1/2, input checks message by message, and Fisher's
 * test at national scale where two tables are 1e-9 apart in probability and only the exact
 * integer comparison can tell them. Every expected value here was computed independently with
 * mpmath at 40-60 significant digits (the script's formula is given beside each), never with the
 * code under test.
 */
import { describe, expect, it } from "vitest";
import { assertValidCounts, criticalValue, fisherExactP, groupProblems, inverseNormalCdf, logGamma } from "../src/wres2";

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
