/** recordScoringFact: structured scoring was used (and completed) for a vacancy at a stage: queued in the outbox. */
import { orgSecretProblem, vacancyKey } from "@fair-shortlist/shared/vacancyKey";
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { loadSettings } from "../../settings/store";
import { outbox } from "../outboxService";
import { ScoringFactDraftSchema } from "../syncDrafts";

/** `only` says what the fact holds, in the words the user sees. */
export async function factAnswer(id: string, key: string, what: string, only = "yes/no only"): Promise<Messages["recordPanelCheck"]["answer"]> {
  const { status } = await outbox.flush({ force: true });
  const waiting = status.queued.find((q) => q.id === id);
  const rejected = status.rejected.find((r) => r.vacancyKey === key && r.kind && id.startsWith(r.kind));
  if (rejected) return { ok: false, error: rejected.message };
  return waiting
    ? { ok: true, vacancyKey: key, delivered: false, message: `The ${what} is queued in this browser, not sent yet. ${waiting.lastError ?? status.lastError ?? "It will be sent automatically."}` }
    : { ok: true, vacancyKey: key, delivered: true, message: `The ${what} was sent to your organisation's API (${only}).` };
}

export async function handler(body: unknown): Promise<Messages["recordScoringFact"]["answer"]> {
  const d = ScoringFactDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "Invalid scoring fact.", issues: issuesOf(d.error, body) };
  const { orgSecret } = await loadSettings();
  const problem = orgSecretProblem(orgSecret);
  if (problem) return { ok: false, error: problem };
  const key = await vacancyKey(d.data.reference, orgSecret!);
  await outbox.enqueueFact("scoring", { vacancyKey: key, stage: d.data.stage, completed: d.data.completed });
  return factAnswer(`scoring:${d.data.stage}:${key}`, key, "structured-scoring fact");
}
