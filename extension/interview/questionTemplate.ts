/**
 * A saved interview question set, validated in the background worker
 * (background/messages/checkQuestionTemplate.ts) rather than in the content script, which
 * builds no zod schemas on the host's pages (docs/extension.md).
 */
import * as z from "zod";
import { ScalePresetSchema } from "@fair-shortlist/shared/schemas/scoring";

export const QuestionTemplateSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  scaleId: ScalePresetSchema,
  questions: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(60),
        text: z.string().trim().min(1).max(1000),
        kind: z.enum(["essential", "desirable"]),
        descriptors: z.array(z.strictObject({ level: z.number().int(), descriptor: z.string().trim().min(1).max(500) })).max(11).optional(),
      }),
    )
    .min(1)
    .max(30),
});
