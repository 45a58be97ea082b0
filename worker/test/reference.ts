// An independent reference for the Worker tests: the WRES indicator 2 figures written out from
// their textbook definitions (docs/domain.md, "WRES indicator 2"), sharing no code with
// shared/src/wres2.ts. The tests check what the API serves against this, so a fault in the
// production arithmetic cannot also move the expected value.
import type { OutcomeCounts, OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";

/** Two-sided standard normal quantiles, from tables (Abramowitz & Stegun 26.2). */
export const Z: Readonly<Record<number, number>> = { 80: 1.2815515655446004, 90: 1.6448536269514722, 95: 1.959963984540054, 99: 2.5758293035489004 };

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
