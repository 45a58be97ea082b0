import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SUPPRESSION_THRESHOLD, formatSuppressedCount, hasSmallCell, isSmallCell, SUPPRESSION_THRESHOLDS, suppressCount, suppressionCodeOf, suppressWres2 } from "../src/suppression";
import { relativeLikelihood, type Wres2Counts } from "../src/wres2";
import { Wres2ResultSchema } from "../src/schemas/wres2";

function counts(whiteAppointed: number, whiteShortlisted: number, bmeAppointed: number, bmeShortlisted: number): Wres2Counts {
  return {
    white: { shortlisted: whiteShortlisted, appointed: whiteAppointed },
    bme: { shortlisted: bmeShortlisted, appointed: bmeAppointed },
  };
}

const group = fc
  .integer({ min: 0, max: 60 })
  .chain((shortlisted) => fc.record({ shortlisted: fc.constant(shortlisted), appointed: fc.integer({ min: 0, max: shortlisted }) }));
const anyCounts: fc.Arbitrary<Wres2Counts> = fc.record(
  { white: group, bme: group, notStated: group },
  { requiredKeys: ["white", "bme"] },
);

describe("small cells", () => {
  it("default threshold is 5: counts 1-4 are withheld, 0 and 5+ are shown (Greenhouse's <5)", () => {
    expect(DEFAULT_SUPPRESSION_THRESHOLD).toBe(5);
    expect([0, 1, 2, 3, 4, 5, 6, 100].map((n) => isSmallCell(n))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("the publication preset withholds 1-7 (NHS practice, docs/domain.md)", () => {
    expect(SUPPRESSION_THRESHOLDS.publication).toBe(8);
    expect(isSmallCell(7, SUPPRESSION_THRESHOLDS.publication)).toBe(true);
    expect(isSmallCell(8, SUPPRESSION_THRESHOLDS.publication)).toBe(false);
  });

  it("suppressCount and formatSuppressedCount", () => {
    expect(suppressCount(3)).toBeNull();
    expect(suppressCount(0)).toBe(0);
    expect(suppressCount(12)).toBe(12);
    expect(suppressCount(null)).toBeNull();
    expect(formatSuppressedCount(3)).toBe("<5");
    expect(formatSuppressedCount(6, 8)).toBe("<8");
    expect(formatSuppressedCount(40)).toBe("40");
  });

  it("not appointed counts too, because it is shortlisted minus appointed", () => {
    expect(hasSmallCell({ shortlisted: 10, appointed: 8 })).toBe(true); // 2 not appointed
    expect(hasSmallCell({ shortlisted: 10, appointed: 5 })).toBe(false);
    expect(hasSmallCell({ shortlisted: 10, appointed: 10 })).toBe(false); // 0 not appointed
  });
});

describe("suppressWres2", () => {
  it("leaves a result with no small cell untouched", () => {
    const result = relativeLikelihood(counts(10, 75, 12, 225));
    expect(suppressWres2(result)).toEqual(result);
    expect(suppressWres2(result).suppressed).toBe(false);
    expect(suppressWres2(result).suppressionReason).toBeUndefined();
  });

  it("does not suppress a zero: 'nobody' points at no one", () => {
    const result = relativeLikelihood(counts(10, 40, 0, 30));
    expect(suppressWres2(result).suppressed).toBe(false);
  });

  it("a small BME count withholds both groups and every figure", () => {
    const result = relativeLikelihood({ ...counts(40, 120, 3, 30), notStated: { shortlisted: 12, appointed: 6 } });
    const suppressed = suppressWres2(result);
    expect(suppressed.suppressed).toBe(true);
    expect(suppressed.counts).toEqual({
      white: { shortlisted: null, appointed: null },
      bme: { shortlisted: null, appointed: null },
      notStated: { shortlisted: null, appointed: null },
    });
    expect(suppressed.likelihood).toEqual({ white: null, bme: null, notStated: null });
    expect(suppressed.relativeLikelihood).toBeNull();
    expect(suppressed.ci).toEqual({ lower: null, upper: null, level: 0.95, method: "suppressed" });
    expect(suppressed.significant).toBeNull();
    expect(suppressed.fisherP).toBeNull();
    expect(suppressed.shortfall).toEqual({ toParity: null, toFourFifths: null });
    expect(suppressed.interpretation).toEqual({
      category: "insufficientData",
      verdict: null,
      withinFourFifths: null,
      text: suppressed.suppressionReason,
    });
    expect(suppressed.suppressionReason).toMatch(/between 1 and 4/);
    expect(Wres2ResultSchema.parse(suppressed)).toEqual(suppressed);
  });

  it("a small white count withholds the BME counts too (recoverable by subtraction)", () => {
    const suppressed = suppressWres2(relativeLikelihood(counts(2, 30, 20, 80)));
    expect(suppressed.suppressed).toBe(true);
    expect(suppressed.counts.bme).toEqual({ shortlisted: null, appointed: null });
  });

  it("a small not-appointed count is enough", () => {
    expect(suppressWres2(relativeLikelihood(counts(28, 30, 20, 80))).suppressed).toBe(true);
  });

  it("threshold is configurable; 0 or 1 turns suppression off", () => {
    const result = relativeLikelihood(counts(6, 30, 20, 80));
    expect(suppressWres2(result).suppressed).toBe(false);
    expect(suppressWres2(result, { threshold: SUPPRESSION_THRESHOLDS.publication }).suppressed).toBe(true);
    const tiny = relativeLikelihood(counts(1, 2, 1, 3));
    expect(suppressWres2(tiny, { threshold: 1 })).toEqual(tiny);
    expect(suppressWres2(tiny, { threshold: 0 })).toEqual(tiny);
  });

  it("rejects a threshold that is not a whole number 0-1000", () => {
    const result = relativeLikelihood(counts(10, 75, 12, 225));
    expect(() => suppressWres2(result, { threshold: -1 })).toThrow();
    expect(() => suppressWres2(result, { threshold: 2.5 })).toThrow();
  });

  it("a small not-stated count withholds only the not-stated counts", () => {
    const result = relativeLikelihood({ ...counts(10, 75, 12, 225), notStated: { shortlisted: 3, appointed: 1 } });
    const suppressed = suppressWres2(result);
    expect(suppressed.suppressed).toBe(false);
    expect(suppressed.counts.notStated).toEqual({ shortlisted: null, appointed: null });
    expect(suppressed.likelihood.notStated).toBeNull();
    expect(suppressed.relativeLikelihood).toBe(2.5);
    expect(suppressed.suppressionReason).toMatch(/Not-stated counts withheld/);
    expect(Wres2ResultSchema.parse(suppressed)).toEqual(suppressed);
  });

  it("is idempotent and never leaks a small count, for any counts", () => {
    fc.assert(
      fc.property(anyCounts, fc.constantFrom(0, 5, 8, 11), (input, threshold) => {
        const once = suppressWres2(relativeLikelihood(input), { threshold });
        expect(suppressWres2(once, { threshold })).toEqual(once);
        expect(Wres2ResultSchema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
        const shown = [once.counts.white, once.counts.bme, once.counts.notStated ?? { shortlisted: null, appointed: null }];
        for (const { shortlisted, appointed } of shown) {
          if (shortlisted === null || appointed === null) continue;
          for (const cell of [shortlisted, appointed, shortlisted - appointed]) {
            expect(isSmallCell(cell, threshold)).toBe(false);
          }
        }
        if (once.suppressed) {
          expect(once.relativeLikelihood).toBeNull();
          expect(once.likelihood.white).toBeNull();
          expect(once.shortfall.toParity).toBeNull();
          expect(once.warnings).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("suppression edges a reader would notice", () => {
  it("rejects thresholds above 1000 and accepts 1000 itself", () => {
    const result = relativeLikelihood(counts(10, 75, 12, 225));
    expect(() => suppressWres2(result, { threshold: 1001 })).toThrow(/0 to 1000/);
    expect(() => suppressWres2(result, { threshold: -1 })).toThrow(/0 to 1000/);
    expect(() => suppressWres2(result, { threshold: 2.5 })).toThrow(/0 to 1000/);
    // At 1000 every count here (10, 65, 75, 12, 213, 225) is small.
    expect(suppressWres2(result, { threshold: 1000 }).suppressed).toBe(true);
  });

  it("a group whose counts are already withheld, wholly or in part, is not a small cell", () => {
    expect(hasSmallCell({ shortlisted: null, appointed: null })).toBe(false);
    // Partly withheld: the known 3 is not compared, nor 3 − null.
    expect(hasSmallCell({ shortlisted: 3, appointed: null })).toBe(false);
    expect(hasSmallCell({ shortlisted: null, appointed: 3 })).toBe(false);
  });

  it("a small not-stated cell drops only the not-stated warnings and says which counts are withheld", () => {
    // White 10/40, BME 0/30: "no BME appointed" (bme). Not stated 2/30: 30 of 100 shortlisted did
    // not state (30 % > 20 %, "highNotStated"), and 2 appointed is a small cell.
    const result = relativeLikelihood({ ...counts(10, 40, 0, 30), notStated: { shortlisted: 30, appointed: 2 } });
    expect(result.warnings.map((w) => w.code).sort()).toEqual(["highNotStated", "noBmeAppointed"]);
    const suppressed = suppressWres2(result);
    expect(suppressed.suppressed).toBe(false);
    expect(suppressed.warnings.map((w) => w.code)).toEqual(["noBmeAppointed"]);
    expect(suppressed.suppressionReason).toContain("at least one is between 1 and 4.");
    expect(suppressWres2(result, { threshold: 8 }).suppressionReason).toContain("between 1 and 7.");
  });

  it("suppressionCodeOf names what was withheld", () => {
    expect(suppressionCodeOf(suppressWres2(relativeLikelihood(counts(40, 120, 3, 30))))).toBe("smallCell");
    const notStatedSmall = suppressWres2(relativeLikelihood({ ...counts(10, 75, 12, 225), notStated: { shortlisted: 3, appointed: 1 } }));
    expect(suppressionCodeOf(notStatedSmall)).toBe("notStatedSmallCell");
    expect(suppressionCodeOf(suppressWres2(relativeLikelihood({ ...counts(10, 75, 12, 225), notStated: { shortlisted: 12, appointed: 6 } })))).toBeNull();
    expect(suppressionCodeOf(suppressWres2(relativeLikelihood(counts(10, 75, 12, 225))))).toBeNull();
  });
});
