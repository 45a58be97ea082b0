/**
 * Site profiles pushed by trust IT through managed storage (key "siteProfiles"): validated here
 * and mirrored into chrome.storage.local, where the content script reads them with the imported
 * ones (lib/registry.ts). Runs in the background worker and the options page, never in the
 * content script, so the profile schema is not built on the host's pages.
 */
import { type SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import { KEYS } from "./storage";

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
