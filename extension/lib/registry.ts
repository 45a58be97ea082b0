/**
 * The site profiles the overlay knows: built-in ones (bundled, validated by a unit test) and
 * those a trust imported in the options page (validated on import, kept in chrome.storage.local)
 * or pushed by trust IT through managed storage (key "siteProfiles", validated and mirrored by
 * lib/managedProfiles.ts).
 * An imported profile with a built-in's id replaces it, so a trust can fix a broken selector
 * without waiting for a release.
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { urlMatchesAny } from "@fair-shortlist/shared/matchPattern";
import nhsJobs from "../site-profiles/nhs-jobs.json";
import stonefish from "../site-profiles/stonefish.json";
import trac from "../site-profiles/trac.json";
import { KEYS, storage } from "./storage";

/**
 * Used as they are, not validated at load: the content script imports this module on every host
 * page, and building the profile schema there cost tens of milliseconds of the host's load. The
 * files are kept in their validated form (defaults written out), and
 * tests/unit/extension-builtInProfiles.test.ts checks that validating each one changes nothing.
 */
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

/**
 * Imported profiles, from local storage only: one quick read at document_start. Profiles pushed
 * by trust IT (managed storage "siteProfiles") are validated and mirrored into local storage by
 * syncManagedProfiles() (lib/managedProfiles.ts: background start-up and the options page),
 * because reading managed storage from a content script at document_start can stall.
 */
export async function loadImportedProfiles(): Promise<SiteProfile[]> {
  const r = await storage.getMany([KEYS.importedProfiles, KEYS.managedProfiles]);
  const local = (r[KEYS.importedProfiles] as SiteProfile[] | undefined) ?? [];
  const managed = (r[KEYS.managedProfiles] as SiteProfile[] | undefined) ?? [];
  return [...managed, ...local];
}

export function allMatchPatterns(profiles: readonly SiteProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.matches))];
}
