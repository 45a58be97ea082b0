import { describe, expect, it } from "vitest";
import { relativeLikelihood } from "@fair-shortlist/shared/wres2";
import { fourFifthsPosition, headline, intervalPhrase, levelPercent, ratioCell, shortfallPhrase } from "../../worker/src/dashboard/client/headline";
import { funnelLimits, logScale, niceTicks, NATIONAL_WRES2 } from "../../worker/src/dashboard/client/scales";
import type { Wres2Figures } from "../../worker/src/dashboard/client/types";

const figures = (over: Partial<Wres2Figures>): Wres2Figures => ({
  vacancies: 10,
  smallNumbers: false,
  counts: { white: { shortlisted: null, appointed: null }, bme: { shortlisted: null, appointed: null } },
  likelihood: { white: null, bme: null },
  relativeLikelihood: null,
  ci: { lower: null, upper: null, level: 0.95, method: "none" },
  significant: null,
  fisherP: null,
  interpretation: { category: "insufficientData", withinFourFifths: null, verdict: null, text: "" },
  shortfall: { toParity: null, toFourFifths: null },
  warnings: [],
  suppressed: false,
  ...over,
});
const ci = (lower: number | null, upper: number | null, level: number) => ({ lower, upper, level, method: "katz-log" });

describe("headline wording", () => {
  it("says the figure, its interval and the four-fifths position in board language", () => {
    const hl = headline(
      figures({ relativeLikelihood: 1.4612, ci: ci(1.2101, 1.7733, 0.95), shortfall: { toParity: 31, toFourFifths: 10 } }),
      { period: "2024/25" },
    );
    expect(hl.main).toBe(
      "White shortlisted applicants were 1.46 times as likely to be appointed as BME shortlisted applicants in 2024/25; 95% interval 1.21–1.77; outside the four-fifths range (above 1.25): adverse impact on BME applicants.",
    );
    expect(hl.significance).toMatch(/does not include 1.00/);
    expect(hl.shortfall).toBe(
      "Shortfall: 31 more BME appointments from the same shortlist would have brought the ratio to 1.00 (equal likelihood); 10 more would have brought it to 1.25, the edge of the four-fifths range.",
    );
    expect(hl.position).toBe("above");
  });

  it("describes figures from the shared core the same way, at any confidence level", () => {
    // SciPy relative_risk documentation: 10/75 vs 12/225 -> 2.5, 95% CI 1.1262-5.5499 (docs/domain.md).
    const r = relativeLikelihood({ white: { shortlisted: 75, appointed: 10 }, bme: { shortlisted: 225, appointed: 12 } }, { level: 0.95 });
    const hl = headline({ ...r, vacancies: 3, smallNumbers: false });
    expect(hl.main).toContain("2.50 times as likely");
    expect(hl.main).toContain("95% interval 1.13–5.55");
    const at80 = headline({ ...relativeLikelihood({ white: { shortlisted: 75, appointed: 10 }, bme: { shortlisted: 225, appointed: 12 } }, { level: 0.8 }), vacancies: 3, smallNumbers: false });
    expect(at80.main).toMatch(/80% interval 1\.\d\d–[34]\.\d\d/);
  });

  it("says the data cannot tell when the figure is outside the range but the interval includes 1.00", () => {
    // West Lancashire 2019/20: 1.504, 95% 0.431-5.243.
    const r = relativeLikelihood({ white: { shortlisted: 389, appointed: 117 }, bme: { shortlisted: 10, appointed: 2 } });
    const hl = headline({ ...r, vacancies: 1, smallNumbers: true }, { threshold: 5 });
    expect(hl.main).toContain("95% interval 0.43–5.24; outside the four-fifths range (above 1.25), but the interval includes 1.00: the data cannot tell");
    expect(hl.main).not.toMatch(/: adverse impact/);
    expect(hl.caution).toMatch(/^Small numbers: treat with caution: fewer than 5/);
  });

  it("handles within range, below 0.80, an open interval, no figure and suppression", () => {
    expect(headline(figures({ relativeLikelihood: 1.1, ci: ci(0.9, 1.3, 0.9) })).main).toMatch(/within the four-fifths range \(0.80–1.25\): no adverse impact\.$/);
    expect(headline(figures({ relativeLikelihood: 1.1, ci: ci(0.9, 1.3, 0.9) })).significance).toMatch(/90% interval includes 1.00/);
    expect(headline(figures({ relativeLikelihood: 0.5 })).main).toMatch(/BME applicants were 2.00 times as likely.*below 0.80.*cannot tell/);
    expect(intervalPhrase(ci(1.5, null, 0.99))).toBe("99% interval 1.50 to no upper limit");
    expect(headline(figures({ interpretation: { category: "insufficientData", withinFourFifths: null, verdict: null, text: "No BME shortlisted applicants." } })).main).toBe("The relative likelihood cannot be calculated: No BME shortlisted applicants.");
    const suppressed = headline(figures({ suppressed: true }), { period: "2024/25", threshold: 5 });
    expect(suppressed.main).toMatch(/^The figures in 2024\/25 are suppressed: fewer than 5 applicants in a group/);
    expect(ratioCell(figures({ suppressed: true }), 5)).toBe("suppressed: fewer than 5");
  });

  it("keeps the decimals that stop a figure rounding onto 0.80, 1.00 or 1.25", () => {
    // The lower bound excludes 1.00, so it must not print as "1.00".
    expect(ratioCell(figures({ relativeLikelihood: 1.2534, ci: ci(1.001, 1.6, 95) }))).toBe("1.253 (1.001–1.60)");
    expect(ratioCell(figures({ relativeLikelihood: 1.25042, ci: ci(1.1, 1.4, 95) }))).toBe("1.2504 (1.10–1.40)");
    expect(fourFifthsPosition(1.2534)).toBe("above");
  });

  it("phrases a zero shortfall", () => {
    expect(shortfallPhrase(figures({ shortfall: { toParity: 0, toFourFifths: 0 } }))).toMatch(/^No shortfall/);
    expect(shortfallPhrase(figures({ shortfall: { toParity: 1, toFourFifths: 0 } }))).toMatch(/1 more BME appointment from.*already inside/);
    expect(levelPercent(0.95)).toBe(95);
    expect(levelPercent(99)).toBe(99);
  });
});

describe("chart geometry", () => {
  it("puts ratios on a log scale symmetric about 1, always showing the four-fifths range", () => {
    const y = logScale([0.5, 2], 300, 0);
    expect(y(1)).toBeCloseTo(150, 6);
    expect(y(2) - y(1)).toBeCloseTo(y(1) - y(0.5), 6);
    expect(y.ticks).toEqual(expect.arrayContaining([0.8, 1, 1.25]));
    const narrow = logScale([1.1], 0, 100);
    expect(narrow.min).toBeLessThan(0.8);
    expect(narrow.max).toBeGreaterThan(1.25);
  });

  it("computes funnel limits centre × exp(±z / precision)", () => {
    const [p] = funnelLimits(1.5, [4], 1.96);
    expect(p!.lower).toBeCloseTo(1.5 * Math.exp(-0.49), 10);
    expect(p!.upper).toBeCloseTo(1.5 * Math.exp(0.49), 10);
  });

  it("makes round axis ticks", () => {
    expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
  });

  it("carries the national values from docs/domain.md", () => {
    expect(NATIONAL_WRES2.map((n) => `${n.label}:${n.value}`)).toEqual(["2016:1.57", "2018:1.45", "2018/19:1.46", "2020:1.61", "2022:1.54", "2023:1.59"]);
  });
});
