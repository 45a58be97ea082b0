/**
 * getPanelPolicy: the panel policy the interview overlay checks against. Settings are validated
 * here (zod), so the content script, which only reads the result, builds no schemas on the page.
 */
import type { Messages } from "../protocol";
import { loadSettings } from "../../settings/store";

export async function handler(): Promise<Messages["getPanelPolicy"]["answer"]> {
  const settings = await loadSettings();
  return { ok: true, policy: settings.panelPolicy.policy, internalEmailDomains: settings.internalEmailDomains };
}
