/** syncNow: send everything queued now, whatever its retry time (the popup's "Sync now"). */
import type { Messages } from "../protocol";
import { outbox } from "../outboxService";

export async function handler(): Promise<Messages["syncNow"]["answer"]> {
  const r = await outbox.flush({ force: true });
  return { ok: true, ...r };
}
