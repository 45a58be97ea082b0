/**
 * Options page section "Shortlisting scale": the trust's anchored scale (presets from
 * shared/src/scoring.ts) and the shortlister's initials used on records and exports.
 */
import { useEffect, useState } from "react"
import { SCALE_PRESETS, SCALE_PRESET_IDS, type ScalePresetId } from "@fair-shortlist/shared/scoring"
import { DEFAULT_SCALE_PRESET } from "~lib/shortlisting"
import { KEYS } from "~lib/storage"

export function ScoringPreset() {
  const [preset, setPreset] = useState<ScalePresetId>(DEFAULT_SCALE_PRESET)
  const [assessor, setAssessor] = useState("")
  const [saved, setSaved] = useState<string>()

  useEffect(() => {
    void chrome.storage.local.get([KEYS.scalePreset, KEYS.assessorId]).then((r) => {
      const p = r[KEYS.scalePreset] as ScalePresetId | undefined
      if (p && SCALE_PRESET_IDS.includes(p)) setPreset(p)
      setAssessor((r[KEYS.assessorId] as string | undefined) ?? "")
    })
  }, [])

  const choose = async (id: ScalePresetId) => {
    setPreset(id)
    await chrome.storage.local.set({ [KEYS.scalePreset]: id })
    setSaved(`Scale set to ${SCALE_PRESETS[id].name}.`)
  }
  const saveAssessor = async () => {
    const v = assessor.trim().slice(0, 60)
    // Initials are a display name only; each browser also has its own unique shortlister id.
    if (v) await chrome.storage.local.set({ [KEYS.assessorId]: v })
    else await chrome.storage.local.remove(KEYS.assessorId)
    setSaved("Initials saved.")
  }

  return (
    <section className="fs-card" aria-labelledby="scale-heading" data-testid="scoring-preset">
      <h2 id="scale-heading">Shortlisting scale</h2>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="fs-label">Scale your trust uses for scoring applications against the person specification</legend>
        {SCALE_PRESET_IDS.map((id) => {
          const s = SCALE_PRESETS[id]
          return (
            <label key={id} className="fs-radio">
              <input type="radio" name="scale" value={id} checked={preset === id} onChange={() => void choose(id)} />
              <strong>{s.name}</strong>
              <span className="fs-hint" style={{ display: "block", marginLeft: 24 }}>{s.levels.map((l) => `${l.level}: ${l.descriptor}`).join(" · ")}</span>
            </label>
          )
        })}
      </fieldset>
      <label className="fs-label" htmlFor="assessor">Your initials (on shortlisting records and score exports)</label>
      <p className="fs-hint" id="assessor-hint">Use initials, not your full name: exports are shared with fellow shortlisters.</p>
      <input id="assessor" className="fs-input" style={{ maxWidth: 200 }} aria-describedby="assessor-hint" value={assessor} onChange={(e) => setAssessor(e.target.value)} />
      <div><button type="button" className="fs-button" onClick={() => void saveAssessor()}>Save initials</button></div>
      {saved && <p className="fs-success" role="status">{saved}</p>}
    </section>
  )
}

export default ScoringPreset
