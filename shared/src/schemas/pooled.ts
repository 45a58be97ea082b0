// Zod schema for pooled WRES indicator 2 results (../pooled holds the types and the arithmetic).
import * as z from "zod";
import type { Heterogeneity, PooledWres2Result } from "../pooled";
import { WDES_INTERPRETATION_CATEGORIES, type PooledWdes2Result } from "../wdes2";
import { ConfidenceIntervalSchema, InterpretationCategorySchema, VerdictSchema } from "./wres2";

export const HeterogeneitySchema = z.strictObject({
  /** Cochran's Q of the stratum log ratios around the pooled log ratio. */
  q: z.number().nonnegative(),
  df: z.number().int().positive(),
  p: z.number().min(0).max(1),
  /** Share of the variation between strata beyond chance (Higgins & Thompson 2002), 0-1. */
  iSquared: z.number().min(0).max(1),
  strataUsed: z.number().int().nonnegative(),
}) satisfies z.ZodType<Heterogeneity>;

export const PooledWres2ResultSchema = z.strictObject({
  /** Mantel-Haenszel relative likelihood (white / BME), adjusted for strata. */
  relativeLikelihood: z.number().nullable(),
  ci: ConfidenceIntervalSchema,
  significant: z.boolean().nullable(),
  method: z.string(),
  /** Strata with someone shortlisted in both groups and someone appointed: they carry information. */
  strataUsed: z.number().int().nonnegative(),
  strataTotal: z.number().int().nonnegative(),
  /** All strata added together, ignoring them: the figure WRES publishes. */
  crude: z.strictObject({
    relativeLikelihood: z.number().nullable(),
    ci: ConfidenceIntervalSchema,
    significant: z.boolean().nullable(),
  }),
  /** Null with fewer than two strata where each stratum's own ratio and Katz variance are defined. */
  heterogeneity: HeterogeneitySchema.nullable(),
  interpretation: z.strictObject({
    category: InterpretationCategorySchema,
    withinFourFifths: z.boolean().nullable(),
    verdict: VerdictSchema.nullable(),
    text: z.string(),
  }),
}) satisfies z.ZodType<PooledWres2Result>;

/** The same, in WDES metric 2's terms (non-disabled / Disabled). */
export const PooledWdes2ResultSchema = PooledWres2ResultSchema.extend({
  interpretation: z.strictObject({
    category: z.enum(WDES_INTERPRETATION_CATEGORIES),
    withinFourFifths: z.boolean().nullable(),
    verdict: VerdictSchema.nullable(),
    text: z.string(),
  }),
}) satisfies z.ZodType<PooledWdes2Result>;
