/**
 * loadFeatures: the overlay content script needs a screen's features (lib/featureBundles.ts).
 * Injects that group's bundle (features-<group>.js, built apart so that host pages do not all
 * carry every screen's code) into the very document that asked, in the content script's isolated
 * world. Only a content script in a tab can ask; the group must be one of the known ones and the
 * body must carry nothing else. No web_accessible_resources needed: the background injects it.
 */
import type { Messages } from "../protocol";
import { bundleFile, isFeatureGroup } from "../../lib/featureBundles";

export async function handler(body: unknown, sender?: chrome.runtime.MessageSender): Promise<Messages["loadFeatures"]["answer"]> {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { ok: false, error: "Not a feature request." };
  const keys = Object.keys(body);
  const group = (body as { group?: unknown }).group;
  if (keys.length !== 1 || !isFeatureGroup(group)) return { ok: false, error: "Not a known group of features." };
  const tabId = sender?.tab?.id;
  if (typeof tabId !== "number") return { ok: false, error: "Features load only into a page's tab." };
  const target: chrome.scripting.InjectionTarget = sender?.documentId
    ? { tabId, documentIds: [sender.documentId] }
    : { tabId, frameIds: [sender?.frameId ?? 0] };
  try {
    // At once, not at document_idle (the default): the bundle only registers features, and the
    // runner waits for it before the screen's overlays can appear.
    await chrome.scripting.executeScript({ target, files: [bundleFile(group)], injectImmediately: true });
  } catch (e) {
    return { ok: false, error: `the extension could not add ${bundleFile(group)} to this page (${(e as Error).message})` };
  }
  return { ok: true };
}
