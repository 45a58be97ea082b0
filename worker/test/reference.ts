// An independent reference for the Worker tests: the WRES indicator 2 figures written out from
// their textbook definitions (docs/domain.md, "WRES indicator 2"), sharing no code with
// shared/src/wres2.ts. The tests check what the API serves against this, so a fault in the
// production arithmetic cannot also move the expected value.
import type { OutcomeCounts, OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";

/** Two-sided standard normal quantiles, from tables (Abramowitz & Stegun 26.2). */
export const Z: Readonly<Record<number, number>> = { 80: 1.2815515655446004, 90: 1.6448536269514722, 95: 1.959963984540054, 99: 2.5758293035489004, 99.8: 3.090232306167813 };

export function summed(list: readonly OutcomeSubmission[]): OutcomeCounts {
  const total: OutcomeCounts = { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } };
  for (const o of list)
    for (const g of ["white", "bme", "notStated"] as const) {
      total[g].shortlisted += o.counts[g].shortlisted;
      total[g].appointed += o.counts[g].appointed;
    }
  return total;
}

export interface ReferenceFigures {
  likelihoodWhite: number;
  likelihoodBme: number;
  relativeLikelihood: number;
  /** Katz log interval; defined only when every appointed and not-appointed count is non-zero. */
  katz: { lower: number; upper: number } | null;
}

/** likelihood = appointed / shortlisted; RR = white / BME; SE(ln RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2). */
export function referenceFigures(counts: OutcomeCounts, level = 95): ReferenceFigures {
  const { shortlisted: n1, appointed: a } = counts.white;
  const { shortlisted: n2, appointed: c } = counts.bme;
  const pw = a / n1;
  const pb = c / n2;
  const rr = pw / pb;
  const defined = a > 0 && c > 0 && a < n1 && c < n2;
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  const z = Z[level]!;
  return { likelihoodWhite: pw, likelihoodBme: pb, relativeLikelihood: rr, katz: defined ? { lower: rr * Math.exp(-z * se), upper: rr * Math.exp(z * se) } : null };
}

/** A count shown to the own audience is flagged small when it is 1 to threshold-1 (none is withheld). */
export function anySmall(counts: OutcomeCounts, threshold = 5): boolean {
  return [counts.white, counts.bme].some((g) => [g.shortlisted, g.appointed, g.shortlisted - g.appointed].some((n) => n > 0 && n < threshold));
}

/** A stratum's (white, BME) counts, as the Mantel-Haenszel formulas name them. */
export interface ReferenceStratum {
  white: { shortlisted: number; appointed: number };
  bme: { shortlisted: number; appointed: number };
}

/**
 * Mantel-Haenszel risk ratio with the Greenland & Robins (1985) variance of its log, from the
 * textbook (Rothman, Modern Epidemiology, ch. 15): per stratum a, n1 (white appointed,
 * shortlisted), c, n2 (BME), N = n1 + n2;
 *   RR = R / S,  R = Σ a·n2/N,  S = Σ c·n1/N,  Var(ln RR) = Σ((a + c)·n1·n2/N² − a·c/N) / (R·S).
 */
export function referenceMantelHaenszel(strata: readonly ReferenceStratum[], level = 95): { relativeLikelihood: number; lower: number; upper: number } {
  let r = 0;
  let s = 0;
  let v = 0;
  for (const { white, bme } of strata) {
    const n = white.shortlisted + bme.shortlisted;
    r += (white.appointed * bme.shortlisted) / n;
    s += (bme.appointed * white.shortlisted) / n;
    v += ((white.appointed + bme.appointed) * white.shortlisted * bme.shortlisted) / (n * n) - (white.appointed * bme.appointed) / n;
  }
  const rr = r / s;
  const se = Math.sqrt(v / (r * s));
  const z = Z[level]!;
  return { relativeLikelihood: rr, lower: rr * Math.exp(-z * se), upper: rr * Math.exp(z * se) };
}

/** Funnel-plot position of one organisation (Spiegelhalter 2005): RR and 1 / SE(ln RR), Katz. */
export function referencePoint(c: ReferenceStratum): { relativeLikelihood: number; precision: number } {
  const { shortlisted: n1, appointed: a } = c.white;
  const { shortlisted: n2, appointed: b } = c.bme;
  return { relativeLikelihood: a / n1 / (b / n2), precision: 1 / Math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2) };
}
