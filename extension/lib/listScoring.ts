/**
 * Scoring from the applicants list, for systems with no page per applicant (and as a quicker
 * path on those with one): a panel above the list with a compact grid of applicants x criteria
 * (your levels, essential and desirable totals apart) and two ways of scoring:
 *
 * - applicant by applicant: every criterion for one applicant, then the next;
 * - criterion by criterion (Applied's method against halo and order effects): one criterion for
 *   every applicant, in an order shuffled per assessor and per criterion
 *   (shared/src/scoring.ts applicantOrderFor), applicants shown by reference only.
 *
 * Scores go into the same per-applicant records as on an application page, so the badges,
 * decision checks, summary and records do not care where a score was given.
 */
import { applicantOrderFor, totals, type Scale } from "@fair-shortlist/shared/scoring"
import type { GuideEntry, ReviewGuide } from "@fair-shortlist/shared/reviewGuide"
import { criterionLabels } from "@fair-shortlist/shared/records"
import { h, replaceChildren, uid } from "./dom"
import { isRevealed } from "./mask"
import type { Overlay } from "./overlayHost"
import type { PageCriterion } from "./profileRead"
import { checkWhenFocusLeaves, criterionField, errorSummary, errorSummaryContainer, guideEditor, guideList, type CriterionField } from "./scoringForm"
import { newRecord, recordToScores, scoringState, toCriteria, type ApplicantRecord } from "./shortlisting"

export type ScoringMode = "applicant" | "criterion"

export interface ListScoringOptions {
  vacancyRef: string
  scale: Scale
  assessorId: string
  records: Map<string, ApplicantRecord>
  criteria: () => PageCriterion[]
  guide: () => ReviewGuide | null
  /** Applicant references in list order. */
  ids: () => string[]
  mode: ScoringMode
  open: boolean
  save: (record: ApplicantRecord) => Promise<void>
  /** Saves one criterion's guide; may answer what to tell the user (shared with colleagues, or why not). */
  saveGuide: (criterionId: string, entry: GuideEntry) => Promise<string | void>
  /** With panel sync on: whose review guide this is, and any choice between two (lib/guideSyncPanel.ts). */
  guideStatus?: HTMLElement
  saveMode: (mode: ScoringMode) => void
  signal: AbortSignal
}

export interface ListScoring {
  /** (Re)draw into an overlay: a host re-render may take the old one away. */
  attach(overlay: Overlay): void
  /** Scores changed elsewhere (this panel, a badge, another tab): refresh grid and progress. */
  refresh(): void
  /** The applicant list or criteria changed: redraw. */
  rebuild(): void
  /** Open the panel on one applicant (from a row's "Score" button) and move focus there. */
  showApplicant(id: string): void
}

export function createListScoring(o: ListScoringOptions): ListScoring {
  let overlay: Overlay | null = null
  let open = o.open
  let mode: ScoringMode = o.mode
  let applicantIdx = 0
  let criterionIdx = 0
  let fields: CriterionField[] = []
  let gridBody: HTMLElement | null = null
  let progress: HTMLElement | null = null
  let summary: HTMLElement | null = null
  const headingId = uid("fs-ls")
  // Saving a guide redraws the panel (the guide shows above the editor): each criterion's editor
  // status stays, and the editor stays open, across that redraw.
  const guideStatusOf = new Map<string, HTMLElement>()
  const guideSaved = new Set<string>()
  const guideStatusFor = (id: string) => {
    let el = guideStatusOf.get(id)
    if (!el) {
      el = h("p", { class: "fs-hint", role: "status", "data-testid": "fs-guide-status" })
      guideStatusOf.set(id, el)
    }
    return el
  }

  const recordFor = (id: string) => {
    let r = o.records.get(id)
    if (!r) {
      r = newRecord(o.assessorId, id)
      o.records.set(id, r)
    }
    return r
  }

  const focusKey = (): string | null => {
    const active = overlay?.root.activeElement as HTMLElement | null
    return active?.dataset.focusKey ?? null
  }
  const restoreFocus = (key: string | null) => {
    if (!key || !overlay) return
    overlay.root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus()
  }

  const validity = (full = false) => {
    if (summary) errorSummary(summary, fields, { onlyShrink: !full })
  }

  const field = (id: string, c: PageCriterion, legend: string, withGuide = true) => {
    const f = criterionField({
      scale: o.scale, criterion: c, record: recordFor(id), legend, guide: withGuide ? o.guide()?.criteria[c.id] : undefined,
      save: o.save, onScored: () => paintGrid(), onValidity: () => validity(), testId: "fs-list-criterion", signal: o.signal,
    })
    fields.push(f)
    return f.el
  }

  const paintGrid = () => {
    const criteria = o.criteria()
    const ids = o.ids()
    if (progress) {
      const done = ids.filter((id) => scoringState(o.records.get(id), criteria) === "scored").length
      progress.textContent = `You have scored ${done} of ${ids.length} applicants on every criterion`
    }
    if (!gridBody) return
    const t = new Map(totals(toCriteria(criteria), ids.flatMap((id) => recordToScores(o.records.get(id), criteria))).map((x) => [x.applicantId, x]))
    replaceChildren(gridBody, ids.map((id) => {
      const r = o.records.get(id)
      const tot = t.get(id)
      return h("tr", { "data-applicant-id": id },
        h("th", { scope: "row" }, h("button", { type: "button", class: "fs-link", "data-focus-key": `grid-${id}`, "aria-label": `Score applicant ${id}`, onclick: () => showApplicant(id) }, id)),
        criteria.map((c) => h("td", { "data-criterion-id": c.id }, r?.scores[c.id] ? String(r.scores[c.id]!.level) : "-")),
        h("td", { "data-testid": "fs-grid-essential" }, tot ? fmt(tot.essentialTotal) : "-"),
        h("td", { "data-testid": "fs-grid-desirable" }, tot ? fmt(tot.desirableTotal) : "-"),
      )
    }))
  }

  const modeSwitch = () => {
    const name = uid("fs-mode")
    const opt = (value: ScoringMode, label: string, hint: string) => {
      const hintId = uid("fs-mode-hint")
      return h("div", { class: "fs-radio-item" },
        h("label", { class: "fs-radio" },
          h("input", { type: "radio", name, value, checked: mode === value, "aria-describedby": hintId, "data-focus-key": `mode-${value}`, "data-testid": `fs-mode-${value}`, onchange: () => setMode(value) }),
          h("span", null, label)),
        h("p", { class: "fs-hint", id: hintId }, hint))
    }
    return h("fieldset", { class: "fs-mode" },
      h("legend", { class: "fs-legend-s" }, "How do you want to score?"),
      h("div", { class: "fs-radios" },
        opt("applicant", "Applicant by applicant", "Every criterion for one applicant, then the next."),
        opt("criterion", "Criterion by criterion", "One criterion for every applicant, then the next; applicants in a shuffled order, by reference only. This reduces halo and order effects.")))
  }

  const applicantView = (ids: string[], criteria: PageCriterion[]) => {
    applicantIdx = Math.min(applicantIdx, ids.length - 1)
    const id = ids[applicantIdx]!
    return h("section", { class: "fs-step", "data-testid": "fs-applicant-step", "data-applicant-id": id },
      h("h3", { tabindex: -1, "data-focus-key": "step-heading", "data-testid": "fs-step-heading" }, `Applicant ${id}`, h("span", { class: "fs-caption" }, `${applicantIdx + 1} of ${ids.length}`)),
      criteria.map((c, i) => field(id, c, `${i + 1}. ${c.text}`)),
      stepNav(applicantIdx, ids.length, "applicant", (i) => { applicantIdx = i }),
    )
  }

  const criterionView = (ids: string[], criteria: PageCriterion[]) => {
    criterionIdx = Math.min(criterionIdx, criteria.length - 1)
    const c = criteria[criterionIdx]!
    const order = applicantOrderFor(ids, { assessorId: o.assessorId, vacancyRef: o.vacancyRef, criterionId: c.id })
    return h("section", { class: "fs-step", "data-testid": "fs-criterion-step", "data-criterion-id": c.id },
      h("h3", { tabindex: -1, "data-focus-key": "step-heading", "data-testid": "fs-step-heading" },
        h("span", { class: `fs-tag ${c.kind === "essential" ? "" : "fs-tag--grey"}` }, c.kind === "essential" ? "Essential" : "Desirable"), " ", c.text,
        h("span", { class: "fs-caption" }, `Criterion ${criterionIdx + 1} of ${criteria.length}`)),
      isRevealed(document)
        ? h("div", { class: "fs-warning", "data-testid": "fs-names-showing" }, h("p", null, "Names are showing on this page. Hide them (Alt+Shift+N) so that only the evidence for this criterion is in front of you."))
        : h("p", { class: "fs-hint" }, "Applicants are in an order shuffled for you, different for each criterion. Read each one's evidence for this criterion only."),
      o.guide()?.criteria[c.id] ? guideList(o.guide()!.criteria[c.id]!, o.scale) : h("p", { class: "fs-hint" }, "No review guide for this criterion yet."),
      guideEditor({ scale: o.scale, criterion: c, entry: o.guide()?.criteria[c.id], save: (e) => { guideSaved.add(c.id); return o.saveGuide(c.id, e) }, signal: o.signal, open: guideSaved.has(c.id), status: guideStatusFor(c.id) }),
      order.map((id) => field(id, c, `Applicant ${id}`, false)),
      stepNav(criterionIdx, criteria.length, "criterion", (i) => { criterionIdx = i }),
    )
  }

  const stepNav = (idx: number, n: number, what: "applicant" | "criterion", go: (i: number) => void) =>
    h("div", { class: "fs-row" },
      idx > 0 ? h("button", { type: "button", class: "fs-button fs-button--secondary", "data-focus-key": "prev", "data-testid": "fs-step-prev", onclick: () => { go(idx - 1); render(); focusHeading() } }, `Previous ${what}`) : null,
      idx < n - 1 ? h("button", { type: "button", class: "fs-button", "data-focus-key": "next", "data-testid": "fs-step-next", onclick: () => { go(idx + 1); render(); focusHeading() } }, `Next ${what}`) : null,
    )

  const focusHeading = () => overlay?.root.querySelector<HTMLElement>("[data-focus-key=step-heading]")?.focus()

  const setMode = (m: ScoringMode) => {
    mode = m
    o.saveMode(m)
    render()
    restoreFocus(`mode-${m}`)
  }

  const render = () => {
    if (!overlay || o.signal.aborted) return
    const key = focusKey()
    const criteria = o.criteria()
    const ids = o.ids()
    fields = []
    gridBody = null
    progress = h("p", { class: "fs-progress", role: "status", "data-testid": "fs-list-progress" })
    summary = errorSummaryContainer()
    const bodyId = uid("fs-ls-body")
    const toggle = h("button", {
      type: "button", class: "fs-button fs-button--secondary", "aria-expanded": String(open), "aria-controls": bodyId, "data-focus-key": "toggle", "data-testid": "fs-list-scoring-toggle",
      onclick: () => { open = !open; render(); restoreFocus("toggle") },
    }, open ? "Hide scoring" : "Score applicants here")
    let content: HTMLElement | null = null
    if (open) {
      if (!criteria.length) {
        content = h("p", { class: "fs-info" }, "Fair Shortlist has not seen the person specification for this vacancy yet. Open a screen that shows it and the criteria will appear here.")
      } else if (!ids.length) {
        content = h("p", { class: "fs-hint" }, "No applicants on this list yet.")
      } else {
        gridBody = h("tbody")
        content = h("div", null,
          summary,
          modeSwitch(),
          mode === "criterion" ? criterionView(ids, criteria) : applicantView(ids, criteria),
          h("details", { class: "fs-grid-details", "data-testid": "fs-grid-details" },
            h("summary", null, "All your scores so far"),
            h("div", { class: "fs-scroll" },
              h("table", { class: "fs-grid", "data-testid": "fs-grid" },
                h("caption", { class: "fs-visually-hidden" }, "Your levels per applicant and criterion, essential and desirable totals apart"),
                h("thead", null, h("tr", null,
                  h("th", { scope: "col" }, "Applicant"),
                  criterionLabels(criteria).map((label, i) => h("th", { scope: "col", title: criteria[i]!.text }, label)),
                  h("th", { scope: "col" }, "Essential total"), h("th", { scope: "col" }, "Desirable total"))),
                gridBody))),
        )
      }
    }
    replaceChildren(overlay.body,
      h("section", { class: "fs-panel", "aria-labelledby": headingId, "data-testid": "fs-list-scoring" },
        h("h2", { id: headingId }, "Score against the person specification"),
        h("p", { class: "fs-hint" }, `Scale: ${o.scale.name}. A score of ${o.scale.min} or ${o.scale.max} needs an evidence note. Scores stay in this browser.`),
        o.guideStatus ?? null,
        progress,
        toggle,
        h("div", { id: bodyId, hidden: !open }, content),
      ))
    paintGrid()
    validity(true)
    restoreFocus(key)
  }

  const showApplicant = (id: string) => {
    const idx = o.ids().indexOf(id)
    if (idx < 0) return
    open = true
    mode = "applicant"
    applicantIdx = idx
    render()
    overlay?.host.scrollIntoView({ block: "start" })
    focusHeading()
  }

  return {
    attach(next) {
      overlay = next
      checkWhenFocusLeaves(next.host, () => validity(true), o.signal)
      render()
    },
    refresh: paintGrid,
    rebuild: render,
    showApplicant,
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}
