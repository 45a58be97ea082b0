/** panelSyncDelete: the panel removes every synced entry of a vacancy from the Worker. */
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { deleteVacancy } from "../panelSyncService";
import { SyncDeleteDraftSchema } from "../syncDrafts";

export async function handler(body: unknown): Promise<Messages["panelSyncDelete"]["answer"]> {
  const d = SyncDeleteDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "Invalid request.", issues: issuesOf(d.error, body) };
  return deleteVacancy(d.data);
}
