/** closeStudio: the studio's Close; the tab no longer gets the studio back on the next page load. */
import type { Messages } from "../protocol";
import { setStudioTab } from "./openStudio";

export async function handler(_body: unknown, sender?: chrome.runtime.MessageSender): Promise<Messages["closeStudio"]["answer"]> {
  if (sender?.tab?.id !== undefined) await setStudioTab(sender.tab.id, false);
  return { ok: true };
}
