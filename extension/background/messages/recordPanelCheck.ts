/**
 * recordPanelCheck: the chair recorded the panel check. Its yes/no per rule is keyed and queued
 * in the outbox at once, from this browser, whoever captures the outcome later and wherever.
 */
import { orgSecretProblem, vacancyKey } from "@fair-shortlist/shared/vacancyKey";
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { loadSettings } from "../../settings/store";
import { outbox } from "../outboxService";
import { PanelCheckDraftSchema } from "../syncDrafts";
import { factAnswer } from "./recordScoringFact";

export async function handler(body: unknown): Promise<Messages["recordPanelCheck"]["answer"]> {
  const d = PanelCheckDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "The panel check is incomplete or invalid.", issues: issuesOf(d.error, body) };
  const { orgSecret } = await loadSettings();
  const problem = orgSecretProblem(orgSecret);
  if (problem) return { ok: false, error: `Recorded in this browser only: ${problem}` };
  const key = await vacancyKey(d.data.reference, orgSecret!);
  await outbox.enqueueFact("panel", { vacancyKey: key, recordedAt: new Date(d.data.recordedAt).toISOString(), panel: d.data.panel });
  return factAnswer(`panel:${key}`, key, "panel check");
}
