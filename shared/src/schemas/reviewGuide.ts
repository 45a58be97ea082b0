// Zod schema for a vacancy's review guide when it arrives from outside this browser profile
// through panel sync (../reviewGuide holds the type and the pure checks the overlay uses).
import * as z from "zod";
import { GUIDE_TEXT_MAX, type GuideEntry, type ReviewGuide } from "../reviewGuide";

/** More than any person specification has; keeps a guide inside the Worker's limit for its kind. */
export const GUIDE_MAX_CRITERIA = 40;

const Description = z.string().max(GUIDE_TEXT_MAX);
export const GuideEntrySchema = z.strictObject({ poor: Description, partial: Description, good: Description, strong: Description }) satisfies z.ZodType<GuideEntry>;

/** Strict: a field the format does not have (a score, a note, a name) makes it no guide at all. */
export const ReviewGuideSchema = z.strictObject({
  format: z.literal("fair-shortlist/review-guide@1"),
  criteria: z
    .record(z.string().min(1).max(60), GuideEntrySchema)
    .refine((c) => Object.keys(c).length <= GUIDE_MAX_CRITERIA, `at most ${GUIDE_MAX_CRITERIA} criteria`),
  author: z.string().max(60),
  updatedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be a date"),
}) satisfies z.ZodType<ReviewGuide>;
