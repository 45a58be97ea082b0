/**
 * Options page: where outcomes go (API URL, submit token, organisation secret), the interview
 * panel policy, what leaves the browser, and the shortlisting scale and
 * site profiles. Values pushed by trust IT through Chrome/Edge policy (managed storage) show
 * as "Set by your organisation" and cannot be changed here.
 */
import { useCallback, useEffect, useState } from "react"
import { PANEL_POLICY_PRESET_LIST, PANEL_POLICY_PRESETS, type PanelPolicyPresetId } from "@fair-shortlist/shared/panelPolicy"
import { bandLabel } from "@fair-shortlist/shared/bands"
import { PAGE_CSS } from "~settings/pageStyles"
import { loadSettings, saveLocalSettings } from "~settings/store"
import { parsePanelPolicyJson, type EffectiveSettings, type FieldError, type SettingKey } from "~settings/orgSettings"
import { ScoringPreset } from "~options/ScoringPreset"
import { apiEndpoint } from "~background/outbox"
import { SiteProfiles } from "~options/SiteProfiles"

function ManagedTag({ show }: { show: boolean }) {
  return show ? <span className="fs-managed">Set by your organisation</span> : null
}

function FieldErrors({ errors, path }: { errors: FieldError[]; path: string }) {
  const mine = errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`))
  if (!mine.length) return null
  return (
    <>
      {mine.map((e, i) => (
        <p key={i} className="fs-error" id={`${path}-error`}>
          {e.message}
        </p>
      ))}
    </>
  )
}

const LABELS: Record<Exclude<SettingKey, "panelPolicy">, { label: string; hint: string; secret: boolean }> = {
  apiUrl: { label: "Outcomes API URL", hint: "Your organisation's fair-shortlist API, e.g. https://fair-shortlist.example.nhs.uk", secret: false },
  submitToken: { label: "Organisation submit token", hint: "Starts fs_submit_. It can only send anonymised outcomes; it cannot read anything.", secret: true },
  orgSecret: { label: "Organisation secret for vacancy keys", hint: "The same on every browser of your organisation. Vacancy references are sent only as a keyed hash made with it.", secret: true },
  internalEmailDomains: { label: "Your organisation's e-mail domains (panel check)", hint: "Separated by commas, e.g. mytrust.nhs.uk, nhs.net. A panel member whose address is outside them counts as external. Left empty, no one counts as external by e-mail address: the chair is asked instead.", secret: false },
}

function ConnectionSection({ settings, onSaved }: { settings: EffectiveSettings; onSaved: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<FieldError[]>([])
  const [message, setMessage] = useState<string>()
  const [check, setCheck] = useState<string>()

  const save = async () => {
    setMessage(undefined)
    const patch: Partial<Record<SettingKey, unknown>> = {}
    for (const key of Object.keys(LABELS) as Array<keyof typeof LABELS>) {
      if (settings.source[key] === "managed") continue
      if (values[key] !== undefined) patch[key] = values[key].trim() === "" ? undefined : values[key].trim()
    }
    const r = await saveLocalSettings(patch)
    if (!r.ok) {
      setErrors(r.errors)
      return
    }
    setErrors([])
    setValues({})
    setMessage("Saved.")
    onSaved()
  }

  const checkConnection = async () => {
    setCheck("Checking…")
    try {
      const res = await fetch(apiEndpoint(settings.apiUrl!, "/v1/org"), { headers: { authorization: `Bearer ${settings.submitToken}` } })
      const body = await res.json().catch(() => undefined)
      if (res.ok) setCheck(`Connected: the API knows this token as ${body?.org?.name ?? "your organisation"} (${body?.data?.vacancies ?? 0} vacancies recorded).`)
      else setCheck(`The API answered ${res.status}: ${body?.error?.message ?? "check the token"}.`)
    } catch {
      setCheck(`Could not reach ${settings.apiUrl}.`)
    }
  }

  return (
    <section className="fs-card" aria-labelledby="connection-h">
      <h2 id="connection-h">Sending outcomes</h2>
      {(Object.keys(LABELS) as Array<keyof typeof LABELS>).map((key) => {
        const { label, hint, secret } = LABELS[key]
        const managed = settings.source[key] === "managed"
        const value = settings[key]
        const current = Array.isArray(value) ? (value.length ? value.join(", ") : undefined) : value
        const hasError = errors.some((e) => e.path === key)
        return (
          <div key={key} data-setting={key} data-source={settings.source[key]}>
            <label className="fs-label" htmlFor={`setting-${key}`}>
              {label}
              <ManagedTag show={managed} />
            </label>
            <p className="fs-hint" id={`setting-${key}-hint`}>
              {hint}
              {secret && current && !managed ? " A value is saved; type a new one to replace it." : ""}
            </p>
            <input
              id={`setting-${key}`}
              className={`fs-input${hasError ? " fs-input-error" : ""}`}
              type={secret ? "password" : key === "apiUrl" ? "url" : "text"}
              autoComplete="off"
              readOnly={managed}
              aria-describedby={`setting-${key}-hint${hasError ? ` ${key}-error` : ""}`}
              placeholder={secret && current ? "•••••••• (saved)" : ""}
              value={values[key] ?? (secret ? "" : (current ?? ""))}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
            />
            <FieldErrors errors={errors} path={key} />
          </div>
        )
      })}
      <button className="fs-button" type="button" onClick={save}>
        Save
      </button>
      <button className="fs-button fs-button-secondary" type="button" onClick={checkConnection} disabled={!settings.apiUrl || !settings.submitToken}>
        Check connection
      </button>
      {message && (
        <p className="fs-success" role="status">
          {message}
        </p>
      )}
      {check && <p role="status">{check}</p>}
    </section>
  )
}

function PolicySection({ settings, onSaved }: { settings: EffectiveSettings; onSaved: () => void }) {
  const managed = settings.source.panelPolicy === "managed"
  const [choice, setChoice] = useState<PanelPolicyPresetId | "custom">(settings.panelPolicy.presetId ?? "custom")
  const [json, setJson] = useState(() => JSON.stringify(settings.panelPolicy.policy, null, 2))
  const [errors, setErrors] = useState<FieldError[]>([])
  const [message, setMessage] = useState<string>()
  const policy = settings.panelPolicy.policy

  const save = async () => {
    setMessage(undefined)
    let value: unknown
    if (choice === "custom") {
      const parsed = parsePanelPolicyJson(json)
      if (!parsed.ok) {
        setErrors(parsed.errors)
        return
      }
      value = { custom: parsed.policy }
    } else value = { preset: choice }
    const r = await saveLocalSettings({ panelPolicy: value })
    if (!r.ok) {
      setErrors(r.errors)
      return
    }
    setErrors([])
    setMessage("Panel policy saved.")
    onSaved()
  }

  return (
    <section className="fs-card" aria-labelledby="policy-h" data-source={settings.source.panelPolicy}>
      <h2 id="policy-h">
        Interview panel policy
        <ManagedTag show={managed} />
      </h2>
      <p data-testid="policy-summary">
        In use: <strong>{policy.name}</strong>. Applies to posts at {bandLabel(policy.appliesFromBand)} and above: a panel of at least {policy.minPanelSize}
        {policy.requireEthnicMinorityMember ? ", a member from an ethnic minority background" : ""}
        {policy.requireTrainedMember ? ", a member trained in recruitment and selection" : ""}
        {policy.requireIndependentMember ? ", an independent or external member" : ""}
        {policy.requireGenderMix ? ", a gender mix" : ""}
        {policy.requireInclusionAmbassador ? ", an inclusion ambassador" : ""}.
      </p>
      {!managed && (
        <fieldset>
          <legend className="fs-label">Choose a policy</legend>
          {PANEL_POLICY_PRESET_LIST.map(({ id, policy: p }) => (
            <label key={id} className="fs-radio">
              <input type="radio" name="policy" value={id} checked={choice === id} onChange={() => { setChoice(id); setJson(JSON.stringify(PANEL_POLICY_PRESETS[id], null, 2)) }} />
              <strong>{p.name}</strong> <span className="fs-hint">{p.description}</span>
            </label>
          ))}
          <label className="fs-radio">
            <input type="radio" name="policy" value="custom" checked={choice === "custom"} onChange={() => setChoice("custom")} />
            <strong>Our own policy (JSON)</strong>
          </label>
          {choice === "custom" && (
            <>
              <label className="fs-label" htmlFor="policy-json">
                Policy JSON
              </label>
              <p className="fs-hint" id="policy-json-hint">
                Fields: name, description, appliesFromBand (e.g. "8a"), minPanelSize, requireEthnicMinorityMember, requireTrainedMember, requireIndependentMember, requireGenderMix, requireInclusionAmbassador.
              </p>
              <textarea id="policy-json" className={`fs-textarea${errors.length ? " fs-input-error" : ""}`} aria-describedby="policy-json-hint" value={json} onChange={(e) => setJson(e.target.value)} />
              {errors.length > 0 && (
                <div className="fs-error-box" role="alert" data-testid="policy-errors">
                  <strong>The policy has problems:</strong>
                  <ul>
                    {errors.map((e, i) => (
                      <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          <button className="fs-button" type="button" onClick={save}>
            Save panel policy
          </button>
          {message && (
            <p className="fs-success" role="status">
              {message}
            </p>
          )}
        </fieldset>
      )}
    </section>
  )
}

function WhatLeaves() {
  return (
    <section className="fs-card" aria-labelledby="privacy-h">
      <h2 id="privacy-h">What leaves this browser</h2>
      <p>Only this, and only when someone confirms an outcome on the recruitment system's outcome report:</p>
      <ul>
        <li>For one vacancy: how many applicants were shortlisted and how many appointed, in three groups (white, Black and minority ethnic, not stated).</li>
        <li>The post's band, staff group (clinical or non-clinical) and closing date.</li>
        <li>Whether the interview panel policy applied and was met, and which rules were not met (yes/no, never who on the panel is what).</li>
        <li>A keyed hash of the vacancy reference (so that sending again replaces, never double counts). The reference itself is not sent.</li>
      </ul>
      <p>
        Names, contact details, application text, shortlisting and interview scores, notes, reasons and panel members stay in this browser. They go nowhere unless you export
        them yourself (CSV or printed record).
      </p>
    </section>
  )
}

export default function Options() {
  const [settings, setSettings] = useState<EffectiveSettings>()
  const refresh = useCallback(() => void loadSettings().then(setSettings), [])
  useEffect(() => refresh(), [refresh])

  return (
    <main style={{ maxWidth: 860, margin: "0 auto", padding: 24 }}>
      <style>{PAGE_CSS}</style>
      <h1>Fair Shortlist settings</h1>
      <WhatLeaves />
      {settings?.managedProblems.length ? (
        <div className="fs-error-box" role="alert">
          <strong>Settings pushed by your organisation have problems:</strong>
          <ul>
            {settings.managedProblems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {settings && <ConnectionSection key={`c-${JSON.stringify(settings.source)}`} settings={settings} onSaved={refresh} />}
      {settings && <PolicySection key={`p-${settings.source.panelPolicy}-${settings.panelPolicy.policy.name}`} settings={settings} onSaved={refresh} />}
      <ScoringPreset />
      <SiteProfiles />
    </main>
  )
}
