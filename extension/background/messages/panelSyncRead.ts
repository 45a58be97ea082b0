/** panelSyncRead: colleagues' entries for one item, decrypted (the Worker releases them only after this assessor submitted). */
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { readEntries } from "../panelSyncService";
import { SyncReadDraftSchema } from "../syncDrafts";

export async function handler(body: unknown): Promise<Messages["panelSyncRead"]["answer"]> {
  const d = SyncReadDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "Invalid request for colleagues' scores.", issues: issuesOf(d.error, body) };
  return readEntries(d.data);
}
