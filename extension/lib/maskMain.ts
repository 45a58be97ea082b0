/**
 * The document_start script (contents/mask.ts): hides the identifying fields before the host
 * page first paints. Deliberately tiny (no zod, no features): it blocks the page's parser while
 * it runs. Built-in profiles are bundled, so their mask goes in synchronously. A page matched only
 * by an imported profile (script registered at runtime) must wait for storage: the page is held
 * invisible for those few milliseconds (capped) rather than risk showing a name.
 * The remembered "show names" choice is applied once storage answers (masked until then).
 */
import { urlMatchesAny } from "@fair-shortlist/shared/matchPattern"
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile"
import nhsJobs from "../site-profiles/nhs-jobs.json"
import stonefish from "../site-profiles/stonefish.json"
import trac from "../site-profiles/trac.json"
import { maskCss, maskStyle, setRevealed } from "./mask"
import { KEYS } from "./storage"

type MaskProfile = Pick<SiteProfile, "id" | "matches" | "identifyingFields">

const BUILT_IN = [nhsJobs, trac, stonefish] as unknown as MaskProfile[]
const HOLD_ID = "fair-shortlist-hold"
const MAX_HOLD_MS = 1500

declare global {
  interface Window {
    __fairShortlistMask?: boolean
  }
}

function hold(): () => void {
  const style = document.createElement("style")
  style.id = HOLD_ID
  style.textContent = "html { visibility: hidden !important; }"
  document.documentElement.appendChild(style)
  const release = () => style.remove()
  setTimeout(release, MAX_HOLD_MS)
  return release
}

export function startMask(): void {
  if (window.__fairShortlistMask) return
  window.__fairShortlistMask = true
  const url = location.href
  const builtIn = BUILT_IN.find((p) => urlMatchesAny(url, p.matches)) ?? null
  let release: (() => void) | null = null
  if (builtIn) maskStyle(document).textContent = maskCss(builtIn)
  else release = hold()
  void chrome.storage.local
    .get([KEYS.importedProfiles, KEYS.managedProfiles, KEYS.nameBlindRevealed])
    .then((r) => {
      const imported = [...((r[KEYS.managedProfiles] as MaskProfile[] | undefined) ?? []), ...((r[KEYS.importedProfiles] as MaskProfile[] | undefined) ?? [])]
      // An imported profile may replace a built-in one (same id) or cover another system.
      const profile = imported.find((p) => urlMatchesAny(url, p.matches)) ?? (builtIn && !imported.some((p) => p.id === builtIn.id) ? builtIn : null)
      if (profile && profile !== builtIn) maskStyle(document).textContent = maskCss(profile)
      if (profile) setRevealed(document, ((r[KEYS.nameBlindRevealed] as Record<string, boolean> | undefined) ?? {})[profile.id] ?? false)
    })
    .catch(() => undefined)
    .finally(() => release?.())
}
