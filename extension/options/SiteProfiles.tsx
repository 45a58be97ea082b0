/**
 * Options page section "Site profiles": the built-in profiles, importing a trust's own profile
 * (validated, errors shown per field), asking for permission to run on its host, removing it.
 * The page shell (extension/options.tsx) renders this component.
 */
import { useCallback, useEffect, useState } from "react"
import { type ProfileError, type SiteProfile } from "@fair-shortlist/shared/siteProfile"
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile"
import { builtInOrigins, extraOrigins, type ProfileActivation } from "~lib/customScripts"
import { activateProfiles } from "~lib/profileActivation"
import { BUILT_IN_PROFILES } from "~lib/registry"
import { KEYS } from "~lib/storage"

function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector)
    return true
  } catch {
    return false
  }
}

function screensOf(p: SiteProfile): string {
  const names: Record<string, string> = { shortlistingList: "shortlisting list", application: "application", shortlistingDecision: "shortlisting decision", interview: "interview", outcomeReport: "outcome report" }
  return Object.keys(p.screens).map((k) => names[k] ?? k).join(", ")
}

export function SiteProfiles() {
  const [imported, setImported] = useState<SiteProfile[]>([])
  const [managed, setManaged] = useState<SiteProfile[]>([])
  const [activation, setActivation] = useState<ProfileActivation[]>([])
  const [text, setText] = useState("")
  const [errors, setErrors] = useState<ProfileError[]>([])
  const [message, setMessage] = useState<string>()

  const refresh = useCallback(async () => {
    const { activation } = await activateProfiles()
    const r = await chrome.storage.local.get([KEYS.importedProfiles, KEYS.managedProfiles])
    setImported((r[KEYS.importedProfiles] as SiteProfile[] | undefined) ?? [])
    setManaged((r[KEYS.managedProfiles] as SiteProfile[] | undefined) ?? [])
    setActivation(activation)
  }, [])
  useEffect(() => void refresh(), [refresh])

  const grant = async (profile: SiteProfile) => {
    const origins = extraOrigins(profile, builtInOrigins())
    if (!origins.length) return true
    // Must run straight from the click: Chrome asks the user to allow these hosts.
    const ok = await chrome.permissions.request({ origins })
    await refresh()
    return ok
  }

  const importProfile = async () => {
    setMessage(undefined)
    const result = validateSiteProfile(text, { isValidSelector })
    if (!result.ok) {
      setErrors(result.errors)
      return
    }
    setErrors([])
    const profile = result.profile
    // Ask first, while the click still counts as the user's gesture.
    const origins = extraOrigins(profile, builtInOrigins())
    const granted = origins.length ? await chrome.permissions.request({ origins }).catch(() => false) : true
    const next = [...imported.filter((p) => p.id !== profile.id), profile]
    await chrome.storage.local.set({ [KEYS.importedProfiles]: next })
    setText("")
    await refresh()
    setMessage(granted
      ? `Imported "${profile.name}". It is active on ${profile.matches.join(", ")}: reload any open page of that system.`
      : `Imported "${profile.name}", but it is not active yet: access to ${origins.join(", ")} was not allowed. Use "Allow access" below.`)
  }

  const remove = async (profile: SiteProfile) => {
    const next = imported.filter((p) => p.id !== profile.id)
    await chrome.storage.local.set({ [KEYS.importedProfiles]: next })
    const origins = extraOrigins(profile, builtInOrigins())
    const stillNeeded = new Set(next.flatMap((p) => extraOrigins(p, builtInOrigins())))
    const release = origins.filter((o) => !stillNeeded.has(o))
    if (release.length) await chrome.permissions.remove({ origins: release }).catch(() => false)
    await refresh()
    setMessage(`Removed "${profile.name}".`)
  }

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setText(await file.text())
  }

  const row = (p: SiteProfile, kind: "built-in" | "imported" | "managed") => {
    const a = activation.find((x) => x.profileId === p.id)
    return (
      <li key={`${kind}-${p.id}`} data-testid={`profile-${p.id}`} style={{ marginBottom: 12 }}>
        <strong>{p.name}</strong> <span className="fs-hint">({kind}, version {p.version})</span>
        {kind === "managed" && <span className="fs-managed">Set by your organisation</span>}
        <div className="fs-hint">Addresses: {p.matches.join(", ")}. Screens: {screensOf(p)}.</div>
        {kind !== "built-in" && a && a.missing.length > 0 && (
          <div className="fs-warning" data-testid="profile-not-active">
            Not active: Fair Shortlist may not run on {a.missing.join(", ")} yet.{" "}
            <button type="button" className="fs-button fs-button-secondary" onClick={() => void grant(p)}>Allow access</button>
          </div>
        )}
        {kind === "imported" && (
          <button type="button" className="fs-button fs-button-secondary" onClick={() => void remove(p)} aria-label={`Remove ${p.name}`}>Remove</button>
        )}
      </li>
    )
  }

  return (
    <section className="fs-card" aria-labelledby="site-profiles-heading" data-testid="site-profiles">
      <h2 id="site-profiles-heading">Site profiles</h2>
      <p>A site profile tells Fair Shortlist where things are on a recruitment system's pages. Built-in profiles cover NHS Jobs, TRAC and Stonefish; a trust on another system can import its own (see docs/site-profiles.md).</p>
      <ul style={{ paddingLeft: 20 }}>
        {BUILT_IN_PROFILES.map((p) => row(p, "built-in"))}
        {managed.map((p) => row(p, "managed"))}
        {imported.map((p) => row(p, "imported"))}
      </ul>
      <h3>Import a profile</h3>
      <label className="fs-label" htmlFor="profile-file">Choose a profile file (.json)</label>
      <input id="profile-file" type="file" accept="application/json,.json" onChange={(e) => void onFile(e.target.files?.[0])} />
      <label className="fs-label" htmlFor="profile-json">Or paste the profile</label>
      <p className="fs-hint" id="profile-json-hint">JSON, checked before anything is saved. Fair Shortlist then asks your permission to run on the profile's addresses.</p>
      <textarea id="profile-json" className={`fs-textarea${errors.length ? " fs-input-error" : ""}`} aria-describedby="profile-json-hint profile-errors" aria-invalid={errors.length > 0} value={text} onChange={(e) => setText(e.target.value)} data-testid="profile-json" />
      <div id="profile-errors">
        {errors.length > 0 && (
          <div className="fs-error-box" role="alert" data-testid="profile-errors">
            <p className="fs-error">The profile was not imported: fix {errors.length === 1 ? "this problem" : `these ${errors.length} problems`} and try again.</p>
            <ul>
              {errors.map((e, i) => (
                <li key={i} data-path={e.path}><code>{e.path || "(whole file)"}</code>: {e.message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <button type="button" className="fs-button" onClick={() => void importProfile()} disabled={!text.trim()} data-testid="import-profile">Import profile</button>
      {message && <p className="fs-success" role="status" data-testid="profile-message">{message}</p>}
    </section>
  )
}

export default SiteProfiles
