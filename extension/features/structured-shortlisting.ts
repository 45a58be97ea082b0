/**
 * Structured shortlisting: beside each application, the person-specification criteria with the
 * trust's anchored scale (shared/src/scoring.ts presets), an evidence note per score (required
 * at the lowest and highest levels), note lint (shared/src/noteLint.ts) and progress. On the
 * applicants list, a badge per applicant shows how far scoring has got.
 * Stored only in chrome.storage.local, keyed by profile + vacancy + applicant.
 */
import { lintNote } from "@fair-shortlist/shared/noteLint"
import { descriptorFor, noteRequired } from "@fair-shortlist/shared/scoring"
import { h, replaceChildren, uid } from "~lib/dom"
import { defineFeature, type FeatureContext } from "~lib/feature"
import { mountOverlay, overlaysNear, type Overlay } from "~lib/overlayHost"
import { readCriteria, readValue, safeQuery, type PageCriterion } from "~lib/profileRead"
import {
  loadAssessor, loadCriteria, loadRecord, loadScale, loadVacancyRecords, saveApplicantIds, saveCriteria, scoringState,
  type ApplicantRecord,
} from "~lib/shortlisting"
import { sendToBackground } from "~background/protocol"
import { KEYS } from "~lib/storage"

const FEATURE = "structured-shortlisting"

export default defineFeature({
  id: FEATURE,
  name: "Structured shortlisting",
  screens: ["application", "shortlistingList"],
  init(ctx, signal) {
    return ctx.screen === "shortlistingList" ? listBadges(ctx, signal) : applicationPanel(ctx, signal)
  },
})

// --- Application screen -------------------------------------------------------------------------

function applicationPanel(ctx: FeatureContext, signal: AbortSignal): false | void {
  const { profile } = ctx
  const app = profile.application
  if (!app) return false
  let mount: AbortController | null = null
  let anchorEl: Element | null = null

  const start = (anchor: Element) => {
    anchorEl = anchor
    mount?.abort()
    mount = new AbortController()
    const local = AbortSignal.any([signal, mount.signal])
    overlaysNear(anchor, FEATURE).forEach((el) => el.remove())
    const overlay = mountOverlay(anchor, "after", { feature: FEATURE, label: "Structured shortlisting", signal: local })
    void renderPanel(ctx, overlay, local)
  }
  ctx.observe("application.anchor", app.anchor, start)
  // Criteria that arrive late (a tab opened, content loaded) re-render the panel once.
  for (const [i, group] of profile.criteria.entries()) {
    let pending = false
    ctx.observe(`criteria[${i}].item`, group.item, () => {
      if (pending || !anchorEl?.isConnected) return
      pending = true
      queueMicrotask(() => {
        pending = false
        if (anchorEl?.isConnected) start(anchorEl)
      })
    }, { expectWithinMs: 0 })
  }
}

async function renderPanel(ctx: FeatureContext, overlay: Overlay, signal: AbortSignal): Promise<void> {
  const { profile, storage, diagnostics } = ctx
  const vacancyRef = readValue(profile.vacancy.reference)
  const applicantId = readValue(profile.application!.applicantId)
  if (!vacancyRef || !applicantId) {
    const path = !vacancyRef ? "vacancy.reference" : "application.applicantId"
    diagnostics.report({ feature: FEATURE, path, message: "could not be read on this page, so scores cannot be kept for this applicant." })
    replaceChildren(overlay.body, h("div", { class: "fs-panel fs-warning" }, h("p", null, "Fair Shortlist cannot tell which vacancy or applicant this is, so scoring is switched off on this page.")))
    return
  }
  let criteria: PageCriterion[] = readCriteria(profile)
  if (criteria.length) await saveCriteria(storage, profile.id, vacancyRef, criteria)
  else criteria = await loadCriteria(storage, profile.id, vacancyRef)
  const [scale, assessorId, stored, applicantIds] = await Promise.all([
    loadScale(storage),
    loadAssessor(storage),
    loadRecord(storage, profile.id, vacancyRef, applicantId),
    storage.get<string[]>(KEYS.applicants(profile.id, vacancyRef), []),
  ])
  if (signal.aborted) return
  const record: ApplicantRecord = stored ?? { assessorId, applicantId, scores: {}, updatedAt: new Date().toISOString() }
  const key = KEYS.scores(profile.id, vacancyRef, applicantId)
  const drafts = new Map<string, string>(Object.entries(record.scores).map(([id, s]) => [id, s.note]))

  const headingId = uid("fs-ss")
  const progress = h("p", { class: "fs-progress", role: "status", "data-testid": "fs-applicant-progress" })
  const vacancyProgress = h("p", { class: "fs-hint", "data-testid": "fs-vacancy-progress" })
  const updateProgress = async () => {
    const n = criteria.filter((c) => record.scores[c.id]).length
    progress.textContent = `${n} of ${criteria.length} criteria scored for this applicant`
    if (applicantIds.length) {
      const records = await loadVacancyRecords(storage, profile.id, vacancyRef)
      records.set(applicantId, record)
      const done = applicantIds.filter((id) => scoringState(records.get(id), criteria) === "scored").length
      if (!signal.aborted) vacancyProgress.textContent = `Vacancy: ${done} of ${applicantIds.length} applicants scored`
      reportScoring(done > 0, done === applicantIds.length)
    } else reportScoring(n > 0, false)
  }
  // "Structured scoring was used (and completed)" for this vacancy goes to the API as a yes/no fact
  // (through the outbox), once per change of state on this page; never a score.
  let reported = ""
  const reportScoring = (used: boolean, completed: boolean) => {
    const state = !used ? "" : completed ? "completed" : "used"
    if (!state || state === reported || signal.aborted) return
    reported = state
    void sendToBackground("recordScoringFact", { reference: vacancyRef, stage: "shortlisting", completed })
  }
  const save = async () => {
    record.updatedAt = new Date().toISOString()
    await storage.set(key, record)
  }

  const criterionBlock = (c: PageCriterion, index: number) => {
    const name = uid("fs-level")
    const noteId = uid("fs-note")
    const errorId = uid("fs-err")
    const lintId = uid("fs-lint")
    const current = () => record.scores[c.id]
    const error = h("p", { class: "fs-error", id: errorId, "data-testid": "fs-note-required", hidden: true })
    const lint = h("ul", { class: "fs-lint", id: lintId, "data-testid": "fs-lint", "aria-live": "polite" })
    const note = h("textarea", { id: noteId, rows: 3, "data-testid": "fs-note", "aria-describedby": `${errorId} ${lintId}` })
    note.value = drafts.get(c.id) ?? ""
    const noteLabel = h("label", { for: noteId })
    const fieldset = h("fieldset", { class: "fs-criterion", "data-criterion-id": c.id, "data-testid": "fs-criterion" })
    const refresh = () => {
      const s = current()
      const required = s !== undefined && noteRequired(scale, s.level)
      noteLabel.textContent = required ? "Evidence note (required for this score)" : "Evidence note"
      const missing = required && note.value.trim() === ""
      error.hidden = !missing
      error.textContent = missing ? `A score of ${s!.level} needs the evidence behind it: quote or summarise what the application shows.` : ""
      note.setAttribute("aria-invalid", missing ? "true" : "false")
      fieldset.classList.toggle("fs-error-border", missing)
      const findings = lintNote(note.value)
      replaceChildren(lint, findings.map((f) => h("li", { "data-rule": f.ruleId }, h("strong", null, `"${f.match}"`), `: ${f.reason} ${f.suggestion}`)))
    }
    const radios = scale.levels.map((l) =>
      h("label", { class: "fs-radio" },
        h("input", {
          type: "radio", name, value: l.level, checked: current()?.level === l.level,
          "data-testid": `fs-level-${l.level}`,
          onchange: () => {
            record.scores[c.id] = { level: l.level, note: note.value }
            refresh()
            void save().then(updateProgress)
          },
        }),
        h("span", null, h("span", { class: "fs-radio-level" }, String(l.level)), " ", descriptorFor(scale, undefined, l.level) ?? ""),
      ))
    // Saved on every keystroke (a local write of one small record): a reload straight after
    // typing loses nothing.
    note.addEventListener("input", () => {
      drafts.set(c.id, note.value)
      refresh()
      const s = current()
      if (!s) return
      s.note = note.value
      void save()
    }, { signal })
    refresh()
    fieldset.append(
      h("legend", null, h("span", { class: `fs-tag ${c.kind === "essential" ? "" : "fs-tag--grey"}` }, c.kind === "essential" ? "Essential" : "Desirable"), " ", `${index + 1}. ${c.text}`),
      h("div", { class: "fs-radios" }, radios),
      noteLabel, note, error, lint,
    )
    return fieldset
  }

  replaceChildren(overlay.body,
    h("section", { class: "fs-panel", "aria-labelledby": headingId, "data-testid": "fs-structured-shortlisting" },
      h("h2", { id: headingId }, "Score against the person specification"),
      h("p", { class: "fs-hint" }, `Scale: ${scale.name}. Score only what the application shows. A score of ${scale.min} or ${scale.max} needs an evidence note. Scores stay in this browser.`),
      progress, vacancyProgress,
      criteria.length
        ? criteria.map(criterionBlock)
        : h("p", { class: "fs-info", "data-testid": "fs-no-criteria" }, "No person-specification criteria are showing yet. Open the part of the application that lists them (for example a Selection Criteria tab) and they will appear here."),
    ))
  await updateProgress()
}

// --- Applicants list ----------------------------------------------------------------------------

async function listBadges(ctx: FeatureContext, signal: AbortSignal): Promise<false | void> {
  const { profile, storage, diagnostics } = ctx
  const cfg = profile.applicants
  if (!cfg) return false
  const vacancyRef = readValue(profile.vacancy.reference)
  if (!vacancyRef) {
    diagnostics.report({ feature: FEATURE, path: "vacancy.reference", message: "could not be read on the applicants list, so progress cannot be shown." })
    return
  }
  const [records, loaded] = await Promise.all([loadVacancyRecords(storage, profile.id, vacancyRef), loadCriteria(storage, profile.id, vacancyRef)])
  let criteria = loaded
  if (signal.aborted) return
  const badges = new Map<string, Set<HTMLElement>>()
  const ids: string[] = []
  const idSet = new Set<string>()
  let saveQueued = false

  const badgeText = (id: string): [string, string] => {
    const r = records.get(id)
    const state = scoringState(r, criteria)
    if (!criteria.length || state === "unscored") return ["Scores: none", "fs-tag fs-tag--grey"]
    const n = criteria.filter((c) => r?.scores[c.id]).length
    const total = criteria.reduce((sum, c) => sum + (r?.scores[c.id]?.level ?? 0), 0)
    return state === "scored" ? [`Scores: all, total ${total}`, "fs-tag fs-tag--green"] : [`Scores: ${n} of ${criteria.length}`, "fs-tag"]
  }
  const paint = (id: string, span: HTMLElement) => {
    const [text, cls] = badgeText(id)
    span.textContent = text
    span.className = cls
  }

  /** The badge in each row and whose it is: a virtualised list reuses rows for other applicants. */
  const rowBadges = new WeakMap<Element, { id: string; host: HTMLElement; span: HTMLElement }>()
  const mountBadge = (row: HTMLElement, id: string) => {
    const anchor = (cfg.badgeAnchor ? safeQuery(row, cfg.badgeAnchor) : null) ?? row.lastElementChild ?? row
    const { host, body } = mountOverlay(anchor, "append", { feature: FEATURE, key: id, label: "Scoring progress", signal, region: false })
    host.style.setProperty("display", "inline-block", "important")
    host.style.setProperty("margin-left", "6px", "important")
    const span = h("span", { "data-testid": "fs-row-badge" })
    body.append(span)
    paint(id, span)
    const set = badges.get(id) ?? new Set()
    set.add(span)
    badges.set(id, set)
    rowBadges.set(row, { id, host, span })
  }
  // Badges are mounted as rows come near the viewport: a 500-row list costs the host's first
  // paint nothing, and only the rows a person can see get a shadow root.
  const rowIds = new WeakMap<Element, string>()
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue
      io.unobserve(e.target)
      const id = rowIds.get(e.target)
      if (id && e.target.isConnected && !signal.aborted && !rowBadges.has(e.target)) mountBadge(e.target as HTMLElement, id)
    }
  }, { rootMargin: "800px 0px" })
  signal.addEventListener("abort", () => io.disconnect(), { once: true })

  const noteId = (id: string) => {
    if (!idSet.has(id)) {
      idSet.add(id)
      ids.push(id)
    }
    if (!saveQueued) {
      saveQueued = true
      setTimeout(() => {
        saveQueued = false
        if (!signal.aborted) void saveApplicantIds(storage, profile.id, vacancyRef, [...ids])
      }, 50)
    }
  }

  ctx.observe<HTMLElement>("applicants.row", cfg.row, (row) => {
    const id = readValue(cfg.id, row)
    if (!id) {
      diagnostics.report({ feature: FEATURE, path: "applicants.id", message: "found applicant rows but no applicant reference inside them." })
      return
    }
    noteId(id)
    rowIds.set(row, id)
    io.observe(row)
  }, {
    batch: true,
    // The row now shows another applicant (or the host re-rendered its cells, taking the badge):
    // the badge follows the applicant, not the element.
    onContentChange: (row) => {
      const before = rowIds.get(row)
      if (before === undefined) return
      const id = readValue(cfg.id, row)
      const badge = rowBadges.get(row)
      if (!id) return
      if (id !== before) {
        rowIds.set(row, id)
        noteId(id)
      }
      if (!badge) return
      if (badge.id === id && badge.host.isConnected && row.contains(badge.host)) return
      badges.get(badge.id)?.delete(badge.span)
      badge.host.remove()
      rowBadges.delete(row)
      mountBadge(row, id)
    },
  })

  storage.onChanged(`${KEYS.scoresPrefix(profile.id, vacancyRef)}*`, (_k, value) => {
    const r = value as ApplicantRecord | undefined
    if (!r) return
    records.set(r.applicantId, r)
    for (const span of badges.get(r.applicantId) ?? []) if (span.isConnected) paint(r.applicantId, span)
  }, signal)
  // The person specification learnt while the list shows (an application opened in a drawer over it).
  storage.onChanged(KEYS.criteria(profile.id, vacancyRef), (_k, v) => {
    criteria = (v as PageCriterion[] | undefined) ?? criteria
    for (const [id, spans] of badges) for (const span of spans) if (span.isConnected) paint(id, span)
  }, signal)
}
