/**
 * The overlay content script's life on a page (document_end): pick the site profile (imported
 * ones may override built-ins), then run features per screen. Masking before first paint is done
 * earlier and separately by the tiny document_start script (lib/maskMain.ts).
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import type { FeatureEntry } from "./featureBundles";
import { installKernel } from "./kernel";
import { builtInProfileFor, loadImportedProfiles, resolveProfile } from "./registry";
import { startRunner, trace } from "./runner";
import { storage } from "./storage";
import { EVAL_START } from "./evalStart";

declare global {
  interface Window {
    __fairShortlist?: { profileId: string | null; startedAt: number; readyAt?: number };
  }
}

/**
 * The content script runs for the page's life. (An extension reload leaves the old script
 * orphaned; its chrome.* calls then fail and features stop reacting, which is harmless.)
 */
function pageLifetime(): AbortSignal {
  return new AbortController().signal;
}

export function startContentScript(features: readonly FeatureEntry[]): void {
  if (window.__fairShortlist) return; // injected twice (manifest + runtime registration)
  installKernel(); // before any feature bundle can be injected into this world
  const url = location.href;
  const builtIn = builtInProfileFor(url);
  window.__fairShortlist = { profileId: builtIn?.id ?? null, startedAt: performance.now() };
  trace(`content script ${builtIn ? builtIn.id : "(imported profile?)"} (script init ${Math.round(performance.now() - EVAL_START)} ms)`);

  void loadImportedProfiles()
    .catch(() => [] as SiteProfile[])
    .then((imported) => {
      const profile = resolveProfile(url, imported);
      trace(`profile ${profile?.id ?? "none"}`);
      if (!profile) return;
      window.__fairShortlist!.profileId = profile.id;
      startRunner({ profile, features, storage, signal: pageLifetime() });
    })
    .catch((e: unknown) => console.error("[Fair Shortlist] could not start", e));
}
