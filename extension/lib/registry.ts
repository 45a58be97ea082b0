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
import { KEYS, storage } from "./storage";

/** Parsed once at load (fills the schema's defaults); an invalid file is skipped, loudly, not fatal. */
export const BUILT_IN_PROFILES: readonly SiteProfile[] = [nhsJobs, trac, stonefish].flatMap((json: unknown) => {
  const r = validateSiteProfile(json);
  if (r.ok) return [r.profile];
  console.error("[Fair Shortlist] built-in site profile is invalid", r.errors);
  return [];
});

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
 * syncManagedProfiles() (background start-up and the options page), because reading managed
 * storage from a content script at document_start can stall.
 */
export async function loadImportedProfiles(): Promise<SiteProfile[]> {
  const r = await storage.getMany([KEYS.importedProfiles, KEYS.managedProfiles]);
  const local = (r[KEYS.importedProfiles] as SiteProfile[] | undefined) ?? [];
  const managed = (r[KEYS.managedProfiles] as SiteProfile[] | undefined) ?? [];
  return [...managed, ...local];
}

/** Validates managed-storage profiles and mirrors them into local storage; returns the problems found. */
export async function syncManagedProfiles(): Promise<Array<{ index: number; errors: Array<{ path: string; message: string }> }>> {
  let raw: unknown;
  try {
    raw = (await chrome.storage.managed.get("siteProfiles"))["siteProfiles"];
    // managed-schema.json declares siteProfiles as JSON text (policy tools handle nested lists badly).
    if (typeof raw === "string") raw = JSON.parse(raw);
  } catch {
    raw = undefined;
  }
  const problems: Array<{ index: number; errors: Array<{ path: string; message: string }> }> = [];
  const profiles: SiteProfile[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((p, index) => {
      const r = validateSiteProfile(p);
      if (r.ok) profiles.push(r.profile);
      else problems.push({ index, errors: r.errors });
    });
  }
  await chrome.storage.local.set({ [KEYS.managedProfiles]: profiles });
  return problems;
}

export function allMatchPatterns(profiles: readonly SiteProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.matches))];
}
