// Zod schemas for WRES indicator 2 counts and results (../wres2 holds the types and the arithmetic).
import * as z from "zod";
import {
  INTERPRETATION_CATEGORIES,
  VERDICTS,
  PLAUSIBILITY_WARNING_CODES,
  type ConfidenceInterval,
  type GroupCounts,
  type InterpretationCategory,
  type PlausibilityWarning,
  type PlausibilityWarningCode,
  type ReportedGroupCounts,
  type Wres2Counts,
  type Verdict,
  type Wres2Result,
} from "../wres2";

// ---------------------------------------------------------------------------
// Counts

const CountSchema = z.number().int().nonnegative();

const groupCountsShape = { shortlisted: CountSchema, appointed: CountSchema };
const appointedWithinShortlisted = (group: { shortlisted: number; appointed: number }) =>
  group.appointed <= group.shortlisted;
const appointedWithinShortlistedError = { error: "appointed cannot exceed shortlisted", path: ["appointed"] };

/** Shortlisted and appointed counts for one ethnic group. Strict: for payloads. */
export const GroupCountsSchema = z
  .strictObject(groupCountsShape)
  .refine(appointedWithinShortlisted, appointedWithinShortlistedError) satisfies z.ZodType<GroupCounts>;

/**
 * Counts per group for one period (and optionally one band, staff group or organisation).
 * `notStated` (NHS ethnic category Z, 99 or blank) is reported alongside but excluded from
 * the indicator, as WRES excludes it (docs/domain.md).
 */
export const Wres2CountsSchema = z.strictObject({
  white: GroupCountsSchema,
  bme: GroupCountsSchema,
  notStated: GroupCountsSchema.optional(),
}) satisfies z.ZodType<Wres2Counts>;

// ---------------------------------------------------------------------------
// Result schema

// zod 4's z.number() rejects NaN and ±Infinity, so a result that parses is JSON-safe.
const NullableNumber = z.number().nullable();
const NullableCount = CountSchema.nullable();

/** Counts as output: each may be null once small-cell suppression has withheld it. */
export const ReportedGroupCountsSchema = z.strictObject({
  shortlisted: NullableCount,
  appointed: NullableCount,
}) satisfies z.ZodType<ReportedGroupCounts>;

export const InterpretationCategorySchema = z.enum(INTERPRETATION_CATEGORIES) satisfies z.ZodType<InterpretationCategory>;
export const VerdictSchema = z.enum(VERDICTS) satisfies z.ZodType<Verdict>;

export const PlausibilityWarningCodeSchema = z.enum(PLAUSIBILITY_WARNING_CODES) satisfies z.ZodType<PlausibilityWarningCode>;

export const PlausibilityWarningSchema = z.strictObject({
  code: PlausibilityWarningCodeSchema,
  /** "error": the counts cannot be right; "warning": possible, but check the data entry. */
  severity: z.enum(["error", "warning"]),
  group: z.enum(["white", "bme", "notStated"]).optional(),
  message: z.string(),
}) satisfies z.ZodType<PlausibilityWarning>;

export const ConfidenceIntervalSchema = z.strictObject({
  lower: NullableNumber,
  /** null when the bound is infinite (no BME appointments) or undefined. */
  upper: NullableNumber,
  /** As a proportion, e.g. 0.95. */
  level: z.number().gt(0).lt(1),
  method: z.string(),
}) satisfies z.ZodType<ConfidenceInterval>;

export const Wres2ResultSchema = z.strictObject({
  counts: z.strictObject({
    white: ReportedGroupCountsSchema,
    bme: ReportedGroupCountsSchema,
    notStated: ReportedGroupCountsSchema.optional(),
  }),
  likelihood: z.strictObject({
    white: NullableNumber,
    bme: NullableNumber,
    notStated: NullableNumber.optional(),
  }),
  /** WRES indicator 2: likelihood(white) / likelihood(BME). */
  relativeLikelihood: NullableNumber,
  ci: ConfidenceIntervalSchema,
  /** Whether the interval excludes 1; null when there is no interval. */
  significant: z.boolean().nullable(),
  /** Two-sided Fisher exact test of equal likelihoods, for small samples. */
  fisherP: z.number().min(0).max(1).nullable(),
  interpretation: z.strictObject({
    category: InterpretationCategorySchema,
    withinFourFifths: z.boolean().nullable(),
    /** Band and interval together: "adverseImpact" only when both say so. */
    verdict: VerdictSchema.nullable(),
    text: z.string(),
  }),
  /** Extra BME appointments (same BME shortlist) needed to bring the ratio to 1.00 / 1.25. */
  shortfall: z.strictObject({
    toParity: NullableCount,
    toFourFifths: NullableCount,
  }),
  warnings: z.array(PlausibilityWarningSchema),
  /** True when small-cell suppression withheld the counts and the indicator. */
  suppressed: z.boolean(),
  /** Why something was withheld; also set when only the not-stated counts were. */
  suppressionReason: z.string().optional(),
}) satisfies z.ZodType<Wres2Result>;
