/**
 * The site profiles the overlay knows: built-in ones (bundled, validated by a unit test) and
 * those a trust imported in the options page (validated on import, kept in chrome.storage.local)
 * or pushed by trust IT through managed storage (key "siteProfiles", validated here).
 * An imported profile with a built-in's id replaces it, so a trust can fix a broken selector
 * without waiting for a release.
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { urlMatchesAny, validateSiteProfile } from "@fair-shortlist/shared/siteProfile";
import nhsJobs from "../site-profiles/nhs-jobs.json";
import stonefish from "../site-profiles/stonefish.json";
import trac from "../site-profiles/trac.json";
import { KEYS } from "./storage";

export const BUILT_IN_PROFILES: readonly SiteProfile[] = [nhsJobs, trac, stonefish] as unknown as SiteProfile[];

export function builtInProfileFor(url: string): SiteProfile | null {
  return BUILT_IN_PROFILES.find((p) => urlMatchesAny(url, p.matches)) ?? null;
}

/** Imported first (they may override a built-in), then built-in. */
export function resolveProfile(url: string, imported: readonly SiteProfile[]): SiteProfile | null {
  const match = imported.find((p) => urlMatchesAny(url, p.matches));
  if (match) return match;
  const builtIn = builtInProfileFor(url);
  if (builtIn && imported.some((p) => p.id === builtIn.id)) return null; // overridden, and the override does not match here
  return builtIn;
}

export async function loadImportedProfiles(): Promise<SiteProfile[]> {
  const local = ((await chrome.storage.local.get(KEYS.importedProfiles))[KEYS.importedProfiles] as SiteProfile[] | undefined) ?? [];
  let managed: SiteProfile[] = [];
  try {
    const raw = (await chrome.storage.managed.get("siteProfiles"))["siteProfiles"];
    if (Array.isArray(raw)) {
      managed = raw.flatMap((p) => {
        const r = validateSiteProfile(p);
        return r.ok ? [r.profile] : [];
      });
    }
  } catch {
    // No managed storage schema or no policy: nothing pushed by trust IT.
  }
  return [...managed, ...local];
}

export function allMatchPatterns(profiles: readonly SiteProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.matches))];
}
