import { z } from "zod";
import { CONSISTENCY_FINDING_CODES, SCALE_PRESET_IDS } from "./scoringCore";

/**
 * Structured scoring: every applicant scored against the same criteria (shortlisting) or
 * questions (interview) on an anchored scale, each score with an evidence note.
 *
 * DOMAIN.md ("Recruitment systems", "What good tools already do"): NHS Jobs scores per
 * criterion, usually 0-2 or 0-3; Stonefish a 0-3 drop-down; Lever a fixed 4-point scale with
 * no neutral; Applied 1-5 stars against a review guide; Google re:Work / US OPM a rubric of
 * poor / mixed / good / excellent answers with equal weights. So totals here are unweighted.
 */

// The arithmetic lives in ./scoringCore (no zod), which the content script imports directly.
export * from "./scoringCore";

/** The id of a built-in scale. */
export const ScalePresetSchema = z.enum(SCALE_PRESET_IDS);
export type ScalePresetId = z.infer<typeof ScalePresetSchema>;
export const ScaleLevelSchema = z.strictObject({
  level: z.number().int(),
  descriptor: z.string().trim().min(1).max(500),
});
export type ScaleLevel = z.infer<typeof ScaleLevelSchema>;

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
  );
export type Scale = z.infer<typeof ScaleSchema>;
export const CriterionKindSchema = z.enum(["essential", "desirable"]);
export type CriterionKind = z.infer<typeof CriterionKindSchema>;

/** A person-specification criterion or an interview question. */
export const CriterionSchema = z.strictObject({
  id: z.string().trim().min(1).max(60),
  text: z.string().trim().min(1).max(1000),
  kind: CriterionKindSchema,
  /** Anchors specific to this criterion; levels not listed fall back to the scale's. */
  descriptors: z.array(ScaleLevelSchema).max(11).optional(),
});
export type Criterion = z.infer<typeof CriterionSchema>;

/** One assessor's score for one applicant on one criterion or question. */
export const ScoreSchema = z.strictObject({
  assessorId: z.string().trim().min(1).max(60),
  applicantId: z.string().trim().min(1).max(60),
  criterionId: z.string().trim().min(1).max(60),
  level: z.number().int(),
  note: z.string().max(5000),
});
export type Score = z.infer<typeof ScoreSchema>;

export const ShortlistDecisionSchema = z.enum(["shortlisted", "rejected", "undecided"]);
export type ShortlistDecision = z.infer<typeof ShortlistDecisionSchema>;
export const ConsistencyFindingCodeSchema = z.enum(CONSISTENCY_FINDING_CODES);
export type ConsistencyFindingCode = z.infer<typeof ConsistencyFindingCodeSchema>;
