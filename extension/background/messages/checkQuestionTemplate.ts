/**
 * checkQuestionTemplate: validates a question set the interview overlay saves as a template
 * (interview/questionTemplate.ts), so the content script builds no zod schema on the page.
 */
import type { Messages } from "../protocol";
import { QuestionTemplateSchema } from "../../interview/questionTemplate";
import { issuesOf } from "../../settings/orgSettings";

export async function handler(body: unknown): Promise<Messages["checkQuestionTemplate"]["answer"]> {
  const r = QuestionTemplateSchema.safeParse(body);
  if (!r.success) {
    const issues = issuesOf(r.error, body);
    return { ok: false, error: `The question set cannot be saved as a template: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}.`, issues };
  }
  return { ok: true, template: r.data };
}
