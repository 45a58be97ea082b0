/** panelSyncSubmit: encrypt this assessor's submitted entry and send it to the Worker (panel sync on). */
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { submitEntry } from "../panelSyncService";
import { SyncSubmitDraftSchema } from "../syncDrafts";

export async function handler(body: unknown): Promise<Messages["panelSyncSubmit"]["answer"]> {
  const d = SyncSubmitDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "The scores to sync are incomplete or invalid.", issues: issuesOf(d.error, body) };
  return submitEntry(d.data);
}
