/**
 * WDES metric 2 (docs/domain.md): the relative likelihood of non-disabled applicants being
 * appointed from shortlisting compared with Disabled applicants, likelihood(non-disabled) /
 * likelihood(Disabled), as NHS England defines it. Above 1.00, non-disabled shortlisted
 * applicants are the more likely to be appointed. Applicants who did not declare are counted
 * beside the figure and left out of it, as "not stated" is for WRES indicator 2.
 *
 * The statistics are WRES indicator 2's (./wres2): the non-disabled group takes the white
 * (reference) place and the Disabled group the BME (focus) place, and only the names change.
 */
import type { DisabilityGroup } from "./disability";
import type { GuaranteedInterviewCounts } from "./guaranteedInterview";
import { pooledRelativeLikelihood, type PooledWres2Result } from "./pooled";
import {
  criticalValue,
  groupProblems,
  normalizeConfidenceLevel,
  relativeLikelihood,
  type ComparisonLabels,
  type ConfidenceInterval,
  type ConfidenceOptions,
  type GroupCounts,
  type InterpretationCategory,
  type PlausibilityWarning,
  type PlausibilityWarningCode,
  type ReportedGroupCounts,
  type Verdict,
  type Wres2Result,
} from "./wres2";

export interface Wdes2Counts {
  disabled: GroupCounts;
  notDisabled: GroupCounts;
  notDeclared?: GroupCounts | undefined;
}

export const WDES_LABELS: ComparisonLabels = { reference: "non-disabled", focus: "Disabled", excluded: "not-declared", excludedAttribute: "disability" };

export const WDES_INTERPRETATION_CATEGORIES = ["noAdverseImpact", "favoursNonDisabled", "favoursDisabled", "insufficientData"] as const;
export type WdesInterpretationCategory = (typeof WDES_INTERPRETATION_CATEGORIES)[number];

export const WDES_WARNING_CODES = [
  "invalidCount",
  "appointedExceedsShortlisted",
  "noShortlisted",
  "extremeRelativeLikelihood",
  "noDisabledAppointed",
  "noNonDisabledAppointed",
  "allAppointed",
  "highNotDeclared",
  "reportedValueMismatch",
] as const;
export type WdesWarningCode = (typeof WDES_WARNING_CODES)[number];

export interface WdesWarning {
  code: WdesWarningCode;
  severity: "error" | "warning";
  group?: DisabilityGroup | undefined;
  message: string;
}

export interface Wdes2Result {
  counts: { notDisabled: ReportedGroupCounts; disabled: ReportedGroupCounts; notDeclared?: ReportedGroupCounts | undefined };
  likelihood: { notDisabled: number | null; disabled: number | null; notDeclared?: number | null | undefined };
  /** WDES metric 2: likelihood(non-disabled) / likelihood(Disabled). */
  relativeLikelihood: number | null;
  ci: ConfidenceInterval;
  significant: boolean | null;
  fisherP: number | null;
  interpretation: { category: WdesInterpretationCategory; withinFourFifths: boolean | null; verdict: Verdict | null; text: string };
  /** Extra Disabled appointments (same Disabled shortlist) needed to bring the ratio to 1.00 / 1.25. */
  shortfall: { toParity: number | null; toFourFifths: number | null };
  warnings: WdesWarning[];
  suppressed: boolean;
  suppressionReason?: string | undefined;
}

// The whole mapping between the two standards: WRES names on the left, WDES on the right.
const GROUP: Record<"white" | "bme" | "notStated", DisabilityGroup> = { white: "notDisabled", bme: "disabled", notStated: "notDeclared" };
const CATEGORY: Record<InterpretationCategory, WdesInterpretationCategory> = {
  noAdverseImpact: "noAdverseImpact",
  favoursWhite: "favoursNonDisabled",
  favoursBme: "favoursDisabled",
  insufficientData: "insufficientData",
};
const CODE: Record<PlausibilityWarningCode, WdesWarningCode> = {
  invalidCount: "invalidCount",
  appointedExceedsShortlisted: "appointedExceedsShortlisted",
  noShortlisted: "noShortlisted",
  extremeRelativeLikelihood: "extremeRelativeLikelihood",
  noBmeAppointed: "noDisabledAppointed",
  noWhiteAppointed: "noNonDisabledAppointed",
  allAppointed: "allAppointed",
  highNotStated: "highNotDeclared",
  reportedValueMismatch: "reportedValueMismatch",
};

function toWdesWarning(w: PlausibilityWarning): WdesWarning {
  return { code: CODE[w.code], severity: w.severity, ...(w.group ? { group: GROUP[w.group] } : {}), message: w.message };
}

/** A WRES-shaped result (computed on mapped counts) renamed into WDES terms. */
export function toWdes2Result(r: Wres2Result): Wdes2Result {
  return {
    counts: { notDisabled: r.counts.white, disabled: r.counts.bme, ...(r.counts.notStated ? { notDeclared: r.counts.notStated } : {}) },
    likelihood: {
      notDisabled: r.likelihood.white,
      disabled: r.likelihood.bme,
      ...(r.likelihood.notStated !== undefined ? { notDeclared: r.likelihood.notStated } : {}),
    },
    relativeLikelihood: r.relativeLikelihood,
    ci: r.ci,
    significant: r.significant,
    fisherP: r.fisherP,
    interpretation: { ...r.interpretation, category: CATEGORY[r.interpretation.category] },
    shortfall: r.shortfall,
    warnings: r.warnings.map(toWdesWarning),
    suppressed: r.suppressed,
    ...(r.suppressionReason !== undefined ? { suppressionReason: r.suppressionReason } : {}),
  };
}

/** WDES counts in the places WRES indicator 2's arithmetic expects them. */
export function asWresCounts(counts: Wdes2Counts): { white: GroupCounts; bme: GroupCounts; notStated?: GroupCounts } {
  return { white: counts.notDisabled, bme: counts.disabled, ...(counts.notDeclared ? { notStated: counts.notDeclared } : {}) };
}

/**
 * WDES metric 2 for one set of counts, with the same interval, significance, Fisher p,
 * four-fifths verdict, shortfall and plausibility warnings as WRES indicator 2.
 * Throws a RangeError on impossible counts.
 */
export function wdesRelativeLikelihood(counts: Wdes2Counts, options: Omit<ConfidenceOptions, "labels"> = {}): Wdes2Result {
  // Checked here first so that an error names the disability groups, not the places they fill.
  const problems = [
    ...groupProblems(counts.disabled, "disabled"),
    ...groupProblems(counts.notDisabled, "notDisabled"),
    ...(counts.notDeclared === undefined ? [] : groupProblems(counts.notDeclared, "notDeclared")),
  ];
  if (problems.length) throw new RangeError(`Invalid WDES metric 2 counts: ${problems.join("; ")}`);
  return toWdes2Result(relativeLikelihood(asWresCounts(counts), { ...options, labels: WDES_LABELS }));
}

/** WDES metric 2 pooled across strata (bands, say): Mantel-Haenszel, in WDES terms. */
export interface PooledWdes2Result extends Omit<PooledWres2Result, "interpretation"> {
  interpretation: { category: WdesInterpretationCategory; withinFourFifths: boolean | null; verdict: Verdict | null; text: string };
}

/**
 * WDES metric 2 allowing for strata ("is the gap explained by the mix of bands?"), with the
 * same Mantel-Haenszel ratio, interval and heterogeneity test as WRES indicator 2 (./pooled).
 */
export function wdesPooledRelativeLikelihood(strata: readonly Wdes2Counts[], options: Omit<ConfidenceOptions, "labels"> = {}): PooledWdes2Result {
  const r = pooledRelativeLikelihood(strata.map(asWresCounts), { ...options, labels: WDES_LABELS });
  return { ...r, interpretation: { ...r.interpretation, category: CATEGORY[r.interpretation.category] } };
}

// ---------------------------------------------------------------------------
// The Disability Confident guaranteed-interview figure, beside metric 2 (./guaranteedInterview counts it).

export interface GuaranteedInterviewFigure extends GuaranteedInterviewCounts {
  /** Vacancies that reported the figure (the others did not record it: not zero). */
  vacancies: number;
  /** interviewed / eligible, or null with no eligible applicant. */
  share: number | null;
  /** Wilson score interval for the share at the asked level; null with no eligible applicant. */
  ci: { level: number; lower: number; upper: number } | null;
  /** Eligible applicants who were not invited: each one is a promise the scheme did not keep. */
  notInterviewed: number;
  text: string;
}

/** Wilson score interval for k successes of n (well behaved at 0 % and 100 %, unlike Wald's). */
export function wilsonInterval(k: number, n: number, level: number): { lower: number; upper: number } {
  const z = criticalValue(normalizeConfidenceLevel(level));
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Exact bounds at the edges (the formula gives them up to rounding).
  return { lower: k === 0 ? 0 : Math.max(0, centre - half), upper: k === n ? 1 : Math.min(1, centre + half) };
}

export function guaranteedInterviewFigure(counts: GuaranteedInterviewCounts, vacancies: number, level: number): GuaranteedInterviewFigure {
  const { eligible, interviewed } = counts;
  if (!Number.isInteger(eligible) || !Number.isInteger(interviewed) || eligible < 0 || interviewed < 0 || interviewed > eligible) {
    throw new RangeError("guaranteed-interview counts must be whole numbers with interviewed <= eligible");
  }
  const notInterviewed = eligible - interviewed;
  if (eligible === 0) {
    return {
      eligible, interviewed, vacancies, share: null, ci: null, notInterviewed,
      text: vacancies === 0
        ? "No vacancy has reported guaranteed-interview decisions for this period."
        : "No applicant under the guaranteed-interview scheme met every essential criterion in these vacancies.",
    };
  }
  const share = interviewed / eligible;
  const ci = { level: normalizeConfidenceLevel(level), ...wilsonInterval(interviewed, eligible, level) };
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const text = notInterviewed === 0
    ? `All ${eligible} applicants under the guaranteed-interview scheme who met the essential criteria were invited to interview.`
    : `${interviewed} of ${eligible} applicants under the guaranteed-interview scheme who met the essential criteria were invited to interview (${pct(share)}); ${notInterviewed} ${notInterviewed === 1 ? "was" : "were"} not, although the scheme guarantees it.`;
  return { eligible, interviewed, vacancies, share, ci, notInterviewed, text };
}
