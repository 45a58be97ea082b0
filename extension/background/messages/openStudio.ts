/**
 * openStudio: the popup's "Build or fix a site profile here". Injects the studio's own bundle
 * (studio.js, built apart from the content scripts so host pages do not carry it) into the tab,
 * and remembers the tab so the studio comes back after each page load until it is closed.
 */
import type { Messages } from "../protocol";

export const STUDIO_FILE = "studio.js";
const TABS_KEY = "studio.tabs";

async function studioTabs(): Promise<number[]> {
  return ((await chrome.storage.session.get(TABS_KEY))[TABS_KEY] as number[] | undefined) ?? [];
}

export async function setStudioTab(tabId: number, open: boolean): Promise<void> {
  const tabs = (await studioTabs()).filter((t) => t !== tabId);
  await chrome.storage.session.set({ [TABS_KEY]: open ? [...tabs, tabId] : tabs });
}

export async function injectStudio(tabId: number): Promise<void> {
  await chrome.scripting.executeScript({ target: { tabId }, files: [STUDIO_FILE] });
}

export async function handler(body: unknown): Promise<Messages["openStudio"]["answer"]> {
  const tabId = (body as { tabId?: unknown } | null)?.tabId;
  if (typeof tabId !== "number" || !Number.isInteger(tabId)) return { ok: false, error: "No tab to open the studio in." };
  try {
    await injectStudio(tabId);
  } catch (e) {
    return { ok: false, error: `The studio could not open on this page (${(e as Error).message}). Allow Fair Shortlist on this site first.` };
  }
  await setStudioTab(tabId, true);
  return { ok: true };
}

/** After a page load in a tab with the studio open, open it again (the new page has no studio). */
export function reopenStudioOnLoad(): void {
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== "complete") return;
    void studioTabs().then((tabs) => (tabs.includes(tabId) ? injectStudio(tabId) : undefined)).catch(() => undefined);
  });
  chrome.tabs.onRemoved.addListener((tabId) => void setStudioTab(tabId, false).catch(() => undefined));
}
