// Zod schemas for scales, criteria and scores (../scoring holds the types and the arithmetic).
import * as z from "zod";
import {
  CONSISTENCY_FINDING_CODES,
  CRITERION_KINDS,
  SCALE_PRESET_IDS,
  SHORTLIST_DECISIONS,
  type ConsistencyFindingCode,
  type Criterion,
  type CriterionKind,
  type Scale,
  type ScaleLevel,
  type ScalePresetId,
  type Score,
  type ShortlistDecision,
} from "../scoring";

/** The id of a built-in scale. */
export const ScalePresetSchema = z.enum(SCALE_PRESET_IDS) satisfies z.ZodType<ScalePresetId>;
export const ScaleLevelSchema = z.strictObject({
  level: z.number().int(),
  descriptor: z.string().trim().min(1).max(500),
}) satisfies z.ZodType<ScaleLevel>;

export const ScaleSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(60),
    name: z.string().trim().min(1).max(120),
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(10),
    /** One per whole level from min to max, in order. */
    levels: z.array(ScaleLevelSchema).min(2).max(11),
  })
  .refine(
    (s) =>
      s.max > s.min &&
      s.levels.length === s.max - s.min + 1 &&
      s.levels.every((l, i) => l.level === s.min + i),
    { message: "levels must list each whole level from min to max, in order", path: ["levels"] },
  ) satisfies z.ZodType<Scale>;
export const CriterionKindSchema = z.enum(CRITERION_KINDS) satisfies z.ZodType<CriterionKind>;

/** A person-specification criterion or an interview question. */
export const CriterionSchema = z.strictObject({
  id: z.string().trim().min(1).max(60),
  text: z.string().trim().min(1).max(1000),
  kind: CriterionKindSchema,
  /** Anchors specific to this criterion; levels not listed fall back to the scale's. */
  descriptors: z.array(ScaleLevelSchema).max(11).optional(),
}) satisfies z.ZodType<Criterion>;

/** One assessor's score for one applicant on one criterion or question. */
export const ScoreSchema = z.strictObject({
  assessorId: z.string().trim().min(1).max(60),
  applicantId: z.string().trim().min(1).max(60),
  criterionId: z.string().trim().min(1).max(60),
  level: z.number().int(),
  note: z.string().max(5000),
}) satisfies z.ZodType<Score>;

export const ShortlistDecisionSchema = z.enum(SHORTLIST_DECISIONS) satisfies z.ZodType<ShortlistDecision>;
export const ConsistencyFindingCodeSchema = z.enum(CONSISTENCY_FINDING_CODES) satisfies z.ZodType<ConsistencyFindingCode>;
