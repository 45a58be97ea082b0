// Zod schemas for suppression options and codes (../suppression holds the rules).
import * as z from "zod";
import { SUPPRESSION_CODES, type SuppressionCode, type SuppressionOptions } from "../suppression";

export const SuppressionOptionsSchema = z.strictObject({
  /** Smallest non-zero count that may be shown; 0 or 1 turns suppression off. */
  threshold: z.number().int().min(0).max(1000).optional(),
}) satisfies z.ZodType<SuppressionOptions>;

export const SuppressionCodeSchema = z.enum(SUPPRESSION_CODES) satisfies z.ZodType<SuppressionCode>;
