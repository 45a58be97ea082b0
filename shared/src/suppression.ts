import { CI_METHODS, type ReportedGroupCounts, type Wres2Result } from "./wres2";

/**
 * Small-cell suppression for outputs. A count of 1-4 applicants in a group, band and year
 * can point at a person: the one BME applicant shortlisted for a band 8c post who was not
 * appointed. docs/domain.md ("Privacy"): nothing that identifies an applicant may leave.
 *
 * Default threshold 5: counts from 1 to 4 are withheld. This is what Greenhouse's
 * demographic reports do ("<5") for the same kind of audience, the organisation's own HR and
 * EDI leads, who are already entitled to the monitoring data in aggregate. NHS statistical
 * practice suppresses 1-7 in some published outputs (docs/domain.md; Hospital Episode Statistics
 * is the best-known case); that stricter rule would blank most band-by-year views of a mid-sized trust,
 * where cells of 5-20 are usual, so it is offered as `SUPPRESSION_THRESHOLDS.publication`
 * for anything released outside the trust, rather than being the default.
 *
 * Which cells: for each group, shortlisted, appointed and not appointed (shortlisted −
 * appointed), because the third is recoverable by subtraction. Zero is not suppressed: it
 * says nobody, and points at no one.
 *
 * Why both groups go together: a total shortlisted or appointed is usually known from
 * elsewhere (the vacancy list, the appointments made), so hiding only the small BME count
 * would leave it as total − white. When a white or BME cell is small, every count, the
 * likelihoods, the ratio, its interval, the Fisher p and the shortfall are withheld: each
 * of them, with the others, could give the small count back. Not-stated applicants are
 * outside the indicator, so a small not-stated cell withholds only the not-stated counts.
 */

/** Smallest non-zero count that may be shown. Counts from 1 to threshold − 1 are withheld. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export const SUPPRESSION_THRESHOLDS = {
  /** Internal dashboard for the trust's HR / EDI leads; Greenhouse's "<5". */
  dashboard: 5,
  /** Outputs published outside the trust: NHS practice of suppressing 1-7. */
  publication: 8,
} as const;

export interface SuppressionOptions {
  /** Smallest non-zero count that may be shown (a whole number, 0-1000); 0 or 1 turns suppression off. */
  threshold?: number | undefined;
}

function thresholdOf(options: SuppressionOptions): number {
  const t = options.threshold;
  if (t === undefined) return DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(t) || t < 0 || t > 1000) throw new RangeError(`Suppression threshold must be a whole number from 0 to 1000, not ${t}`);
  return t;
}

/** Whether a count must be withheld: more than none, fewer than the threshold. */
export function isSmallCell(count: number, threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): boolean {
  return count > 0 && count < threshold;
}

/** The count, or null if it must be withheld. */
export function suppressCount(
  count: number | null,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
): number | null {
  return count === null || isSmallCell(count, threshold) ? null : count;
}

/** How a withheld count is written in a table: "<5" for the default threshold. */
export function formatSuppressedCount(
  count: number | null,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
): string {
  const shown = suppressCount(count, threshold);
  return shown === null ? `<${threshold}` : String(shown);
}

/** Whether any of shortlisted, appointed or not appointed is a small cell. */
export function hasSmallCell(
  group: ReportedGroupCounts,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
): boolean {
  const { shortlisted, appointed } = group;
  if (shortlisted === null || appointed === null) return false;
  return [shortlisted, appointed, shortlisted - appointed].some((count) => isSmallCell(count, threshold));
}

/**
 * Why a figure was withheld, for machines (the dashboard words it; suppressionReason says it in full):
 * - `smallCell`: a white or BME count of this very figure is between 1 and threshold − 1.
 * - `complementary`: nothing in this figure is small; it is withheld so that a small count withheld
 *   elsewhere (another row of the same breakdown) cannot be worked out by subtracting from the total.
 * - `notStatedSmallCell`: only the not-stated counts are withheld, being small; the indicator stands.
 * - `notStatedComplementary`: only the not-stated counts are withheld, to protect another row's.
 */
export const SUPPRESSION_CODES = ["smallCell", "complementary", "notStatedSmallCell", "notStatedComplementary"] as const;
export type SuppressionCode = (typeof SUPPRESSION_CODES)[number];

/**
 * The code for what `suppressWres2` did to a result: `smallCell`, `notStatedSmallCell`, or null when
 * nothing was withheld. (Complementary suppression happens across a breakdown, outside this module;
 * whoever applies it sets the complementary codes.)
 */
export function suppressionCodeOf(result: Wres2Result): SuppressionCode | null {
  if (result.suppressed) return "smallCell";
  if (result.counts.notStated && result.counts.notStated.shortlisted === null) return "notStatedSmallCell";
  return null;
}

const WITHHELD: ReportedGroupCounts = { shortlisted: null, appointed: null };

/**
 * Applies small-cell suppression to a WRES indicator 2 result before it leaves the Worker.
 * Returns a new result; idempotent. With a small white or BME cell: every count and figure
 * null, `suppressed: true` and a `suppressionReason`. With a small not-stated cell only:
 * the not-stated counts and likelihood null, the indicator kept, and a `suppressionReason`.
 */
export function suppressWres2(result: Wres2Result, options: SuppressionOptions = {}): Wres2Result {
  const threshold = thresholdOf(options);
  if (result.suppressed) return result;
  const { white, bme, notStated } = result.counts;

  if (hasSmallCell(white, threshold) || hasSmallCell(bme, threshold)) {
    const reason =
      `Suppressed to protect applicants' privacy: at least one white or BME count is between 1 and ${threshold - 1} ` +
      `(counts below ${threshold} are not shown). Both groups and every figure made from them are withheld, ` +
      "since any of them together with published totals could reveal the small count.";
    return {
      counts: {
        white: { ...WITHHELD },
        bme: { ...WITHHELD },
        ...(notStated ? { notStated: { ...WITHHELD } } : {}),
      },
      likelihood: { white: null, bme: null, ...(notStated ? { notStated: null } : {}) },
      relativeLikelihood: null,
      ci: { lower: null, upper: null, level: result.ci.level, method: CI_METHODS.suppressed },
      significant: null,
      fisherP: null,
      interpretation: { category: "insufficientData", withinFourFifths: null, verdict: null, text: reason },
      shortfall: { toParity: null, toFourFifths: null },
      // Warnings quote counts; they are for whoever entered the data, not for this output.
      warnings: [],
      suppressed: true,
      suppressionReason: reason,
    };
  }

  if (notStated && hasSmallCell(notStated, threshold)) {
    return {
      ...result,
      counts: { ...result.counts, notStated: { ...WITHHELD } },
      likelihood: { ...result.likelihood, notStated: null },
      warnings: result.warnings.filter((warning) => warning.group !== "notStated"),
      suppressionReason:
        `Not-stated counts withheld: at least one is between 1 and ${threshold - 1}. ` +
        "The indicator leaves out applicants who did not state their ethnicity, so it is unaffected.",
    };
  }
  return result;
}
