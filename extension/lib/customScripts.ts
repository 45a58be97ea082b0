/**
 * Content scripts for imported site profiles. The manifest only names the built-in systems'
 * hosts; an imported profile's host is an optional permission, requested at runtime, and once
 * granted the overlay's own content script (the same file the manifest uses) is registered for
 * that profile's patterns with chrome.scripting.registerContentScripts. Called by the options
 * page after an import/removal and at background start-up (registrations persist, but the
 * built file name changes with each release).
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile"
import { originPatternOf } from "@fair-shortlist/shared/matchPattern"
import { loadImportedProfiles } from "./registry"

export const CUSTOM_SCRIPT_PREFIX = "fs-profile-"

/** Origins (https://host/*) a profile needs beyond the manifest's built-in host permissions. */
export function extraOrigins(profile: SiteProfile, builtInOrigins: readonly string[]): string[] {
  const out = new Set<string>()
  for (const m of profile.matches) {
    const o = originPatternOf(m)
    if (o && !builtInOrigins.includes(o)) out.add(o)
  }
  return [...out]
}

/** Origins where the manifest's own content script already runs (the built-in systems). */
export function builtInOrigins(): string[] {
  const cs = chrome.runtime.getManifest().content_scripts ?? []
  return cs.flatMap((c) => c.matches ?? []).map((p: string) => originPatternOf(p) ?? p)
}

/** The manifest's own content scripts (mask at document_start, overlay at document_end), reused as they are. */
function manifestScripts(): Array<{ js: string[]; runAt: "document_start" | "document_end" | "document_idle" }> {
  return (chrome.runtime.getManifest().content_scripts ?? [])
    .filter((c) => c.js?.length)
    .map((c) => ({ js: c.js!, runAt: (c.run_at ?? "document_idle") as "document_start" | "document_end" | "document_idle" }))
}

export interface ProfileActivation {
  profileId: string
  /** Origins still waiting for the user's permission. */
  missing: string[]
  registered: boolean
}

let queue: Promise<unknown> = Promise.resolve()

/** Re-registers content scripts for every imported profile whose hosts are granted (one run at a time). */
export function syncCustomProfileScripts(): Promise<ProfileActivation[]> {
  const run = queue.then(syncNow, syncNow)
  queue = run.catch(() => undefined)
  return run
}

async function syncNow(): Promise<ProfileActivation[]> {
  const profiles = await loadImportedProfiles()
  const builtIn = builtInOrigins()
  const existing = await chrome.scripting.getRegisteredContentScripts()
  const ours = existing.filter((s) => s.id.startsWith(CUSTOM_SCRIPT_PREFIX)).map((s) => s.id)
  if (ours.length) await chrome.scripting.unregisterContentScripts({ ids: ours })
  const scripts = manifestScripts()
  const result: ProfileActivation[] = []
  for (const profile of profiles) {
    const origins = extraOrigins(profile, builtIn)
    const missing: string[] = []
    for (const o of origins) if (!(await chrome.permissions.contains({ origins: [o] }))) missing.push(o)
    const matches = profile.matches.filter((m) => {
      const o = originPatternOf(m)
      return o !== null && origins.includes(o) && !missing.includes(o)
    })
    let registered = false
    if (matches.length && scripts.length) {
      const entries = scripts.map((s, i) => ({
        id: `${CUSTOM_SCRIPT_PREFIX}${profile.id}-${i}`, js: s.js, matches, runAt: s.runAt, allFrames: false, persistAcrossSessions: true,
      }))
      try {
        await chrome.scripting.registerContentScripts(entries)
      } catch {
        // The background and the options page may sync at the same moment: replace, then retry once.
        await chrome.scripting.unregisterContentScripts({ ids: entries.map((e) => e.id) }).catch(() => undefined)
        await chrome.scripting.registerContentScripts(entries)
      }
      registered = true
    }
    result.push({ profileId: profile.id, missing, registered })
  }
  return result
}
