import * as z from "zod";
import { DISABILITY_GROUPS } from "../disability";
import { WDES_INTERPRETATION_CATEGORIES, WDES_WARNING_CODES, type GuaranteedInterviewFigure, type Wdes2Result, type WdesWarning } from "../wdes2";
import type { GuaranteedInterviewCounts } from "../guaranteedInterview";
import { ConfidenceIntervalSchema, ReportedGroupCountsSchema, VerdictSchema } from "./wres2";

/** WDES metric 2 as the shared core computes it (../wdes2): every number finite or null. */
export const WdesWarningSchema = z.strictObject({
  code: z.enum(WDES_WARNING_CODES),
  severity: z.enum(["error", "warning"]),
  group: z.enum(DISABILITY_GROUPS).optional(),
  message: z.string(),
}) satisfies z.ZodType<WdesWarning>;

export const Wdes2ResultSchema = z.strictObject({
  counts: z.strictObject({
    notDisabled: ReportedGroupCountsSchema,
    disabled: ReportedGroupCountsSchema,
    notDeclared: ReportedGroupCountsSchema.optional(),
  }),
  likelihood: z.strictObject({
    notDisabled: z.number().nullable(),
    disabled: z.number().nullable(),
    notDeclared: z.number().nullable().optional(),
  }),
  /** WDES metric 2: likelihood(non-disabled) / likelihood(Disabled); above 1.00 favours non-disabled applicants. */
  relativeLikelihood: z.number().nullable(),
  ci: ConfidenceIntervalSchema,
  significant: z.boolean().nullable(),
  fisherP: z.number().min(0).max(1).nullable(),
  interpretation: z.strictObject({
    category: z.enum(WDES_INTERPRETATION_CATEGORIES),
    withinFourFifths: z.boolean().nullable(),
    verdict: VerdictSchema.nullable(),
    text: z.string(),
  }),
  /** Extra Disabled appointments (same Disabled shortlist) needed to bring the ratio to 1.00 / 1.25. */
  shortfall: z.strictObject({ toParity: z.number().int().nonnegative().nullable(), toFourFifths: z.number().int().nonnegative().nullable() }),
  warnings: z.array(WdesWarningSchema),
  suppressed: z.boolean(),
  suppressionReason: z.string().optional(),
}) satisfies z.ZodType<Wdes2Result>;

/** A vacancy's guaranteed-interview counts as the shortlisting overlay sends them (../guaranteedInterview). */
export const GuaranteedInterviewCountsSchema = z
  .strictObject({
    eligible: z.number().int().nonnegative().max(100_000),
    interviewed: z.number().int().nonnegative().max(100_000),
  })
  .refine((c) => c.interviewed <= c.eligible, { message: "interviewed cannot exceed eligible", path: ["interviewed"] }) satisfies z.ZodType<GuaranteedInterviewCounts>;

const Share = z.number().min(0).max(1);
export const GuaranteedInterviewFigureSchema = z.strictObject({
  eligible: z.number().int().nonnegative(),
  interviewed: z.number().int().nonnegative(),
  vacancies: z.number().int().nonnegative(),
  share: Share.nullable(),
  ci: z.strictObject({ level: z.number(), lower: Share, upper: Share }).nullable(),
  notInterviewed: z.number().int().nonnegative(),
  text: z.string(),
}) satisfies z.ZodType<GuaranteedInterviewFigure>;
