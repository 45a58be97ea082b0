/**
 * The profile studio's entry: injected on demand into a page of the system the analyst is
 * describing (background/messages/openStudio.ts, from the popup), never part of the content
 * script every host page runs. The draft is kept per address origin in the extension's storage,
 * so it survives moving between the system's screens; the background brings the studio back
 * after each page load until it is closed.
 */
import { sendToBackground } from "~background/protocol";
import { loadImportedProfiles, resolveProfile } from "~lib/registry";
import { draftFromProfile, emptyDraft, type Draft } from "./draft";
import { mountStudio, STUDIO_TAG, type StudioStore } from "./panel";

export const DRAFTS_KEY = "studio.drafts";

declare global {
  interface Window {
    __fairShortlistStudio?: { close(): void };
  }
}

async function drafts(): Promise<Record<string, Draft>> {
  return ((await chrome.storage.local.get(DRAFTS_KEY))[DRAFTS_KEY] as Record<string, Draft> | undefined) ?? {};
}

const origin = location.origin;
const store: StudioStore = {
  async load() {
    const saved = (await drafts())[origin];
    if (saved) return saved;
    // Repairing: start from the profile that runs here now (imported, managed or built-in).
    const current = resolveProfile(location.href, await loadImportedProfiles().catch(() => []));
    return current ? draftFromProfile(current) : emptyDraft(location.href);
  },
  async save(draft) {
    await chrome.storage.local.set({ [DRAFTS_KEY]: { ...(await drafts()), [origin]: draft } });
  },
  async reset() {
    const d = emptyDraft(location.href);
    await this.save(d);
    return d;
  },
};

if (!window.__fairShortlistStudio || !document.querySelector(STUDIO_TAG)) {
  const close = mountStudio(store, () => {
    window.__fairShortlistStudio = undefined;
    void sendToBackground("closeStudio", {});
  });
  window.__fairShortlistStudio = { close };
}
