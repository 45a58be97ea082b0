/**
 * Does an intervention work? WRES indicator 2 (relative likelihood white / BME of appointment from
 * shortlisting) for vacancies with an intervention and for vacancies without it, and the ratio
 * between the two with its interval.
 *
 * The ratio of two relative likelihoods from independent sets of vacancies is tested on the log
 * scale: ln(RR_with / RR_without) has standard error sqrt(SE_with^2 + SE_without^2), each SE the
 * Katz log standard error sqrt(1/a - 1/n1 + 1/c - 1/n2) (docs/statistics.md). Below 1 means the
 * gap between white and BME applicants was smaller where the intervention was in place. It is an
 * association across vacancies, not proof of cause: posts with diverse panels may differ in other
 * ways (band, staff group), which the breakdown filters let a reader hold fixed.
 */
import { criticalValue, normalizeConfidenceLevel, type Wres2Counts } from "./wres2";

/** The groups a vacancy falls into for each intervention. */
export const PANEL_GROUPS = ["met", "notMet", "notRecorded", "notApplicable"] as const;
export type PanelGroup = (typeof PANEL_GROUPS)[number];
export const SCORING_GROUPS = ["used", "notRecorded"] as const;
export type ScoringGroup = (typeof SCORING_GROUPS)[number];

/** What one vacancy holds about each intervention (from the facts the browsers sent). */
export interface VacancyInterventions {
  /** null: no panel check was recorded for the vacancy. */
  panel: { ruleApplies: boolean; ruleMet: boolean } | null;
  /** Structured scoring recorded as used at shortlisting or at interview. */
  structuredScoring: boolean;
}

export function panelGroupOf(v: VacancyInterventions): PanelGroup {
  if (!v.panel) return "notRecorded";
  if (!v.panel.ruleApplies) return "notApplicable";
  return v.panel.ruleMet ? "met" : "notMet";
}

export function scoringGroupOf(v: VacancyInterventions): ScoringGroup {
  return v.structuredScoring ? "used" : "notRecorded";
}

/** Katz standard error of ln(RR), or null when it is not defined (a group with no appointment or nobody shortlisted). */
export function logRelativeLikelihoodSe(counts: Wres2Counts): number | null {
  const { shortlisted: n1, appointed: a } = counts.white;
  const { shortlisted: n2, appointed: c } = counts.bme;
  if (n1 === 0 || n2 === 0 || a === 0 || c === 0) return null;
  return Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
}

export interface RatioOfRelativeLikelihoods {
  /** RR(with) / RR(without); null when either is undefined, infinite or zero. */
  ratio: number | null;
  ci: { lower: number | null; upper: number | null; level: number; method: string };
  /** Whether the interval excludes 1. */
  significant: boolean | null;
  /** In words, for a reader. */
  text: string;
}

export const RATIO_METHOD = "log ratio of two relative likelihoods, Katz standard errors added in quadrature";

/**
 * The ratio of WRES indicator 2 with the intervention to WRES indicator 2 without it, with a
 * log-normal interval. Both sets need at least one white and one BME appointment (otherwise the
 * Katz standard error, and with it the interval, is undefined): then ratio and interval are null
 * and the text says why.
 */
export function ratioOfRelativeLikelihoods(withIt: Wres2Counts, without: Wres2Counts, level = 0.95): RatioOfRelativeLikelihoods {
  const p = normalizeConfidenceLevel(level);
  const seWith = logRelativeLikelihoodSe(withIt);
  const seWithout = logRelativeLikelihoodSe(without);
  if (seWith === null || seWithout === null) {
    const which = seWith === null && seWithout === null ? "either set" : seWith === null ? "the vacancies with the intervention" : "the vacancies without it";
    return {
      ratio: null,
      ci: { lower: null, upper: null, level: p, method: RATIO_METHOD },
      significant: null,
      text: `No ratio: ${which} had no white or no BME appointment (or nobody shortlisted in a group), so the relative likelihood there has no finite interval.`,
    };
  }
  const rr = (c: Wres2Counts) => (c.white.appointed / c.white.shortlisted) / (c.bme.appointed / c.bme.shortlisted);
  const ratio = rr(withIt) / rr(without);
  const se = Math.sqrt(seWith * seWith + seWithout * seWithout);
  const z = criticalValue(p);
  const lower = Math.exp(Math.log(ratio) - z * se);
  const upper = Math.exp(Math.log(ratio) + z * se);
  const significant = lower > 1 || upper < 1;
  const pct = `${Math.round(p * 1000) / 10} %`;
  const range = `${pct} interval ${lower.toFixed(2)} to ${upper.toFixed(2)}`;
  const text = significant
    ? upper < 1
      ? `The white/BME gap was smaller with the intervention: ratio ${ratio.toFixed(2)} (${range}, excludes 1).`
      : `The white/BME gap was larger with the intervention: ratio ${ratio.toFixed(2)} (${range}, excludes 1).`
    : `Ratio ${ratio.toFixed(2)} (${range}): it includes 1, so these vacancies cannot tell the two apart.`;
  return { ratio, ci: { lower, upper, level: p, method: RATIO_METHOD }, significant, text };
}
