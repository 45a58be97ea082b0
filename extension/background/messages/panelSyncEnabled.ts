/** panelSyncEnabled: whether trust IT switched panel sync on (managed storage). */
import type { Messages } from "../protocol";
import { isEnabled } from "../panelSyncService";

export async function handler(): Promise<Messages["panelSyncEnabled"]["answer"]> {
  return { ok: true, enabled: await isEnabled() };
}
