/**
 * recordGuaranteedInterview: the shortlisting overlay's guaranteed-interview counts for a vacancy
 * changed. Keyed and queued in the outbox from this browser; the newest recording wins at the API.
 */
import { orgSecretProblem, vacancyKey } from "@fair-shortlist/shared/vacancyKey";
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { loadSettings } from "../../settings/store";
import { outbox } from "../outboxService";
import { GuaranteedInterviewDraftSchema } from "../syncDrafts";
import { factAnswer } from "./recordScoringFact";

export async function handler(body: unknown): Promise<Messages["recordGuaranteedInterview"]["answer"]> {
  const d = GuaranteedInterviewDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "Invalid guaranteed-interview counts.", issues: issuesOf(d.error, body) };
  const { orgSecret } = await loadSettings();
  const problem = orgSecretProblem(orgSecret);
  if (problem) return { ok: false, error: problem };
  const key = await vacancyKey(d.data.reference, orgSecret!);
  await outbox.enqueueFact("guaranteedInterview", { vacancyKey: key, recordedAt: new Date(d.data.recordedAt).toISOString(), counts: d.data.counts });
  return factAnswer(`guaranteedInterview:${key}`, key, "guaranteed-interview count", "two counts only, never who");
}
