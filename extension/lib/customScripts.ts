/**
 * Content scripts for imported site profiles. The manifest only names the built-in systems'
 * hosts; an imported profile's host is an optional permission, requested at runtime, and once
 * granted the overlay's own content script (the same file the manifest uses) is registered for
 * that profile's patterns with chrome.scripting.registerContentScripts. Called through
 * lib/profileActivation.ts (after the managed profiles are mirrored) by the background worker and
 * the options page (registrations persist, but the built file name changes with each release).
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile"
import { originPatternOf } from "@fair-shortlist/shared/matchPattern"
import { KEYS } from "./storage"

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

/** The manifest's own content scripts (shadow-root mask in the main world, mask, overlay; all at document_start), reused as they are. */
function manifestScripts(): Array<{ js: string[]; runAt: "document_start" | "document_end" | "document_idle"; world?: "MAIN" | "ISOLATED" }> {
  return (chrome.runtime.getManifest().content_scripts ?? [])
    .filter((c) => c.js?.length)
    .map((c) => {
      // The shadow-root mask runs in the page's own world (lib/shadowMaskMain.ts).
      const world = (c as { world?: "MAIN" | "ISOLATED" }).world
      return { js: c.js!, runAt: (c.run_at ?? "document_idle") as "document_start" | "document_end" | "document_idle", ...(world ? { world } : {}) }
    })
}

/**
 * The main-world script (contents/shadow-mask.ts): Plasmo does not list main-world scripts in the
 * manifest but registers them from the background at start-up, so it is found among the
 * registered scripts. Plasmo issues that registration first thing when the background starts,
 * before any sync has read storage; were it late, the next sync (options page, install, policy
 * change) adds it, as registrations are compared and completed on every sync.
 */
async function mainWorldScript(): Promise<{ js: string[]; runAt: "document_start"; world: "MAIN" } | null> {
  const s = (await chrome.scripting.getRegisteredContentScripts()).find((x) => x.world === "MAIN" && !x.id.startsWith(CUSTOM_SCRIPT_PREFIX) && x.js?.length)
  return s ? { js: s.js!, runAt: "document_start", world: "MAIN" } : null
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

/**
 * Read straight from storage, not through the content scripts' cached snapshot (lib/storage.ts):
 * the managed mirror has just been written by this context, and the cache only learns of that
 * when storage.onChanged arrives, later.
 */
async function currentProfiles(): Promise<SiteProfile[]> {
  const r = await chrome.storage.local.get([KEYS.managedProfiles, KEYS.importedProfiles])
  return [...((r[KEYS.managedProfiles] as SiteProfile[] | undefined) ?? []), ...((r[KEYS.importedProfiles] as SiteProfile[] | undefined) ?? [])]
}

type Registration = chrome.scripting.RegisteredContentScript

const sameRegistration = (a: Registration, b: Registration) =>
  a.id === b.id && a.runAt === b.runAt && (a.world ?? "ISOLATED") === (b.world ?? "ISOLATED") && JSON.stringify(a.js) === JSON.stringify(b.js) && JSON.stringify([...(a.matches ?? [])].sort()) === JSON.stringify([...(b.matches ?? [])].sort())

async function syncNow(): Promise<ProfileActivation[]> {
  const profiles = await currentProfiles()
  const builtIn = builtInOrigins()
  const main = await mainWorldScript()
  const scripts = [...(main ? [main] : []), ...manifestScripts()]
  const wanted: Registration[] = []
  const result: ProfileActivation[] = []
  const seen = new Set<string>()
  for (const profile of profiles) {
    // Managed profiles come first: one pushed by trust IT wins over an imported one with its id.
    if (seen.has(profile.id)) continue
    seen.add(profile.id)
    const origins = extraOrigins(profile, builtIn)
    const missing: string[] = []
    for (const o of origins) if (!(await chrome.permissions.contains({ origins: [o] }))) missing.push(o)
    const matches = profile.matches.filter((m) => {
      const o = originPatternOf(m)
      return o !== null && origins.includes(o) && !missing.includes(o)
    })
    const registered = matches.length > 0 && scripts.length > 0
    if (registered)
      scripts.forEach((s, i) => wanted.push({ id: `${CUSTOM_SCRIPT_PREFIX}${profile.id}-${i}`, js: s.js, matches, runAt: s.runAt, allFrames: false, persistAcrossSessions: true, ...(s.world ? { world: s.world } : {}) }))
    result.push({ profileId: profile.id, missing, registered })
  }
  // Change only what differs: this runs at every start of the background worker, and a script
  // unregistered for a moment would miss a page loading in that moment.
  const existing = (await chrome.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(CUSTOM_SCRIPT_PREFIX))
  const stale = existing.filter((e) => !wanted.some((w) => sameRegistration(e, w))).map((e) => e.id)
  const fresh = wanted.filter((w) => !existing.some((e) => sameRegistration(e, w)))
  if (stale.length) await chrome.scripting.unregisterContentScripts({ ids: stale })
  if (fresh.length) {
    try {
      await chrome.scripting.registerContentScripts(fresh)
    } catch {
      // Another context (the options page) registered the same ids a moment ago: replace, retry once.
      await chrome.scripting.unregisterContentScripts({ ids: fresh.map((e) => e.id) }).catch(() => undefined)
      await chrome.scripting.registerContentScripts(fresh)
    }
  }
  return result
}
