/**
 * "This page" in the popup: which recruitment system and screen a tab shows, by address alone
 * (the popup cannot see the page's markers). Uses the same profiles as the content script:
 * imported and managed ones first, then the built-in ones.
 */
import type { ScreenKind } from "@fair-shortlist/shared/siteProfile";
import { loadImportedProfiles, resolveProfile } from "~lib/registry";
import { screensForUrl } from "~lib/detect";

const SCREEN_NAMES: Record<ScreenKind, string> = {
  shortlistingList: "shortlisting list",
  application: "an application",
  shortlistingDecision: "shortlisting decision",
  interview: "interview screen",
  outcomeReport: "outcome report",
};

export async function describeTabPage(url: string | undefined): Promise<string> {
  if (!url || !/^https?:/.test(url)) return "not a web page the extension works on.";
  const imported = await loadImportedProfiles().catch(() => []);
  const profile = resolveProfile(url, imported);
  if (!profile) return "not a recruitment system the extension knows.";
  const screens = screensForUrl(profile, url);
  if (screens.length === 0) return `${profile.name}, but not a screen the overlay works on.`;
  return `${profile.name}: ${[...new Set(screens.map((s) => SCREEN_NAMES[s]))].join(", ")}.`;
}

/** The profile a tab's address belongs to (the popup's name-blind switch is per profile). */
export async function tabProfile(url: string | undefined): Promise<{ id: string; name: string; hasIdentifyingFields: boolean } | null> {
  if (!url || !/^https?:/.test(url)) return null;
  const imported = await loadImportedProfiles().catch(() => []);
  const profile = resolveProfile(url, imported);
  return profile ? { id: profile.id, name: profile.name, hasIdentifyingFields: profile.identifyingFields.length > 0 } : null;
}
