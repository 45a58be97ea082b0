/**
 * The content script's whole life on a page: pick the site profile, let features act before the
 * first paint (name-blind masking), then run features per screen until the extension goes away.
 *
 * Built-in profiles are bundled, so their document_start work is synchronous: nothing from the
 * host page paints before it. A page matched only by an imported profile (content script
 * registered at runtime) waits for storage, so there the whole page is held invisible for those
 * few milliseconds (capped) rather than risk showing a name.
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import type { Feature } from "./feature";
import { builtInProfileFor, loadImportedProfiles, resolveProfile } from "./registry";
import { startRunner, trace } from "./runner";
import { storage } from "./storage";

const HOLD_ID = "fair-shortlist-hold";
const MAX_HOLD_MS = 1500;

declare global {
  interface Window {
    __fairShortlist?: { profileId: string | null; startedAt: number; readyAt?: number };
  }
}

function runDocumentStart(features: readonly Feature[], profile: SiteProfile): void {
  for (const f of features) {
    try {
      f.documentStart?.(profile, document);
    } catch (e) {
      console.error(`[Fair Shortlist] ${f.id} documentStart failed`, e);
    }
  }
}

function holdPage(): () => void {
  const style = document.createElement("style");
  style.id = HOLD_ID;
  style.textContent = "html { visibility: hidden !important; }";
  document.documentElement.appendChild(style);
  const release = () => style.remove();
  setTimeout(release, MAX_HOLD_MS);
  return release;
}

/**
 * The content script runs for the page's life. (An extension reload leaves the old script
 * orphaned; its chrome.* calls then fail and features stop reacting, which is harmless.)
 */
function pageLifetime(): AbortSignal {
  return new AbortController().signal;
}

export function startContentScript(features: readonly Feature[]): void {
  if (window.__fairShortlist) return; // injected twice (manifest + runtime registration)
  const url = location.href;
  const builtIn = builtInProfileFor(url);
  window.__fairShortlist = { profileId: builtIn?.id ?? null, startedAt: performance.now() };
  let release: (() => void) | null = null;
  trace(`content script ${builtIn ? builtIn.id : "(imported profile?)"}`);
  if (builtIn) runDocumentStart(features, builtIn);
  else release = holdPage();

  void loadImportedProfiles()
    .catch(() => [] as SiteProfile[])
    .then((imported) => {
      const profile = resolveProfile(url, imported);
      trace(`profile ${profile?.id ?? "none"}`);
      if (profile && profile !== builtIn) runDocumentStart(features, profile);
      release?.();
      if (!profile) return;
      window.__fairShortlist!.profileId = profile.id;
      startRunner({ profile, features, storage, signal: pageLifetime() });
    })
    .catch((e: unknown) => console.error("[Fair Shortlist] could not start", e));
}
