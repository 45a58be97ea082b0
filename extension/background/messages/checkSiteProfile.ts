/**
 * checkSiteProfile: validates a profile the studio loads from a file or pasted text (the same
 * check as the options page's import), so the studio builds no zod schema on the host page.
 */
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import type { Messages } from "../protocol";

export async function handler(body: unknown): Promise<Messages["checkSiteProfile"]["answer"]> {
  const profile = (body as { profile?: unknown } | null)?.profile;
  const r = validateSiteProfile(profile);
  if (!r.ok) return { ok: false, error: `The profile has ${r.errors.length === 1 ? "a problem" : `${r.errors.length} problems`}:`, issues: r.errors };
  return { ok: true, profile: r.profile };
}
