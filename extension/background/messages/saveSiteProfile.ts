/**
 * saveSiteProfile: the studio's Save. Validated exactly as an import in the options page, kept
 * with the imported profiles (same id replaces), and the overlay registered for its hosts that
 * are already allowed; the next load of the system's pages runs it.
 */
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import type { Messages } from "../protocol";
import { KEYS } from "../../lib/storage";
import { activateProfiles } from "../../lib/profileActivation";

export async function handler(body: unknown): Promise<Messages["saveSiteProfile"]["answer"]> {
  const r = validateSiteProfile((body as { profile?: unknown } | null)?.profile);
  if (!r.ok) return { ok: false, error: `Not saved: fix ${r.errors.length === 1 ? "this problem" : `these ${r.errors.length} problems`} first.`, issues: r.errors };
  const profile = r.profile;
  const stored = ((await chrome.storage.local.get(KEYS.importedProfiles))[KEYS.importedProfiles] as SiteProfile[] | undefined) ?? [];
  await chrome.storage.local.set({ [KEYS.importedProfiles]: [...stored.filter((p) => p.id !== profile.id), profile] });
  const activation = (await activateProfiles()).activation.find((a) => a.profileId === profile.id);
  const missing = activation?.missing ?? [];
  const message = missing.length
    ? `Saved "${profile.name}", but it is not active on ${missing.join(", ")} yet: allow access in the extension's settings (Site profiles).`
    : `Saved "${profile.name}". Reload the page to see the overlay use it.`;
  return { ok: true, profile, message, missing };
}
