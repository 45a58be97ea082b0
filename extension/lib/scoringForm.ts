/**
 * The scoring controls shared by every place an applicant is scored: the application page, the
 * list's applicant-by-applicant view and its criterion-by-criterion view. One criterion for one
 * applicant is a fieldset of level radios (anchored), an evidence note (required at the lowest
 * and highest levels), note lint and, when the vacancy has one, the review guide for that
 * criterion. Errors follow the NHS.UK pattern: the message above the field, prefixed "Error:",
 * and an error summary at the top of the form linking to each field.
 */
import { lintNote } from "@fair-shortlist/shared/noteLint"
import { descriptorFor, noteRequired, type Scale } from "@fair-shortlist/shared/scoring"
import { GUIDE_BANDS, guideBandLabel, templateEntry, type GuideDifference, type GuideEntry } from "@fair-shortlist/shared/reviewGuide"
import { append, h, replaceChildren, uid } from "./dom"
import type { PageCriterion } from "./profileRead"
import type { ApplicantRecord } from "./shortlisting"

export interface CriterionFieldOptions {
  scale: Scale
  criterion: PageCriterion
  record: ApplicantRecord
  /** The legend's text after the kind tag, e.g. "2. Good written communication" or "Applicant EH7003". */
  legend: string
  guide?: GuideEntry | undefined
  /** Saves the record (called after every change; a local write of one small record). */
  save: (record: ApplicantRecord) => Promise<void>
  /** After a level is chosen or cleared (progress, totals). */
  onScored?: () => void
  /** After any change that can add or clear an error. */
  onValidity?: () => void
  testId?: string
  signal: AbortSignal
}

export interface CriterionField {
  el: HTMLFieldSetElement
  /** The note's id and the error text, when a note is required and missing. */
  error(): { fieldId: string; focus(): void; text: string } | null
}

export function criterionField(o: CriterionFieldOptions): CriterionField {
  const { scale, criterion: c, record } = o
  const name = uid("fs-level")
  const noteId = uid("fs-note")
  const errorId = uid("fs-err")
  const lintId = uid("fs-lint")
  const current = () => record.scores[c.id]
  const error = h("p", { class: "fs-error-message", id: errorId, "data-testid": "fs-note-required", hidden: true })
  const lint = h("ul", { class: "fs-lint", id: lintId, "data-testid": "fs-lint", "aria-live": "polite" })
  const note = h("textarea", { id: noteId, rows: 2, "data-testid": "fs-note", "aria-describedby": `${errorId} ${lintId}` })
  note.value = current()?.note ?? ""
  const noteLabel = h("label", { for: noteId })
  const fieldset = h("fieldset", { class: "fs-criterion", "data-criterion-id": c.id, "data-applicant-id": record.applicantId, "data-testid": o.testId ?? "fs-criterion" })
  const missingText = () => {
    const s = current()
    return s !== undefined && noteRequired(scale, s.level) && note.value.trim() === ""
      ? `A score of ${s.level} for "${c.text.length > 60 ? `${c.text.slice(0, 57)}...` : c.text}" needs the evidence behind it: quote or summarise what the application shows.`
      : null
  }
  const refresh = () => {
    const s = current()
    const required = s !== undefined && noteRequired(scale, s.level)
    noteLabel.textContent = required ? "Evidence note (required for this score)" : "Evidence note"
    const missing = missingText()
    error.hidden = !missing
    replaceChildren(error, missing ? [h("span", { class: "fs-visually-hidden" }, "Error: "), missing] : [])
    note.setAttribute("aria-invalid", missing ? "true" : "false")
    fieldset.classList.toggle("fs-form-group--error", !!missing)
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
          o.onValidity?.()
          void o.save(record).then(() => o.onScored?.())
        },
      }),
      h("span", null, h("span", { class: "fs-radio-level" }, String(l.level)), " ", descriptorFor(scale, undefined, l.level) ?? ""),
    ))
  note.addEventListener("input", () => {
    refresh()
    const s = current()
    if (!s) return
    s.note = note.value
    void o.save(record)
  }, { signal: o.signal })
  note.addEventListener("blur", () => o.onValidity?.(), { signal: o.signal })
  refresh()
  const tag = h("span", { class: `fs-tag ${c.kind === "essential" ? "" : "fs-tag--grey"}` }, c.kind === "essential" ? "Essential" : "Desirable")
  append(fieldset, [
    h("legend", null, tag, " ", o.legend),
    o.guide ? guideList(o.guide, scale) : null,
    h("div", { class: "fs-radios" }, radios),
    noteLabel, error, note, lint,
  ])
  return {
    el: fieldset,
    error: () => {
      const text = missingText()
      return text ? { fieldId: noteId, focus: () => note.focus(), text } : null
    },
  }
}

/** The review guide for one criterion, as a short definition list. */
export function guideList(guide: GuideEntry, scale: Scale): HTMLElement {
  const items = GUIDE_BANDS.filter((b) => guide[b].trim() !== "")
  return h("details", { class: "fs-guide", open: true, "data-testid": "fs-guide" },
    h("summary", null, "Review guide"),
    h("dl", null, items.map((b) => [h("dt", null, guideBandLabel(b, scale)), h("dd", { "data-band": b }, guide[b])])),
  )
}

/**
 * The NHS.UK error summary: "There is a problem" and a link to each field in error. Links focus
 * the field themselves (the fields are in a shadow root, where a #fragment cannot reach).
 * With `onlyShrink` (while the user is working in the form) errors are only taken off, never
 * added: a summary growing above the field being clicked would move it from under the pointer.
 * New errors are listed when the form is drawn and when focus leaves it (the moment a form
 * with a submit button would be checked).
 */
export function errorSummary(container: HTMLElement, fields: readonly CriterionField[], opts: { onlyShrink?: boolean } = {}): void {
  const shown = new Set((container.dataset.fields ?? "").split(" ").filter(Boolean))
  const errors = fields.map((f) => f.error()).filter((e): e is NonNullable<typeof e> => e !== null && (!opts.onlyShrink || shown.has(e.fieldId)))
  container.dataset.fields = errors.map((e) => e.fieldId).join(" ")
  container.hidden = errors.length === 0
  if (!errors.length) {
    replaceChildren(container)
    return
  }
  const titleId = uid("fs-es")
  container.setAttribute("aria-labelledby", titleId)
  replaceChildren(container,
    h("h2", { class: "fs-error-summary__title", id: titleId }, "There is a problem"),
    h("ul", { class: "fs-error-summary__list" }, errors.map((e) =>
      h("li", null, h("a", { href: `#${e.fieldId}`, onclick: (ev: Event) => { ev.preventDefault(); e.focus() } }, e.text)))),
  )
}

/** Re-check the whole form when focus leaves `root`'s overlay (see errorSummary). */
export function checkWhenFocusLeaves(host: HTMLElement, check: () => void, signal: AbortSignal): void {
  host.addEventListener("focusout", (ev) => {
    const next = (ev as FocusEvent).relatedTarget as Node | null
    if (next && (host.contains(next) || host.shadowRoot?.contains(next))) return
    check()
  }, { signal })
}

export function errorSummaryContainer(): HTMLElement {
  return h("div", { class: "fs-error-summary", role: "alert", tabindex: -1, hidden: true, "data-testid": "fs-error-summary" })
}

/**
 * The review-guide editor for one criterion (written once per vacancy by the recruiting
 * manager, or started from the template): four short descriptions, saved for the vacancy and
 * shown to every assessor beside that criterion.
 */
export function guideEditor(o: {
  scale: Scale
  criterion: PageCriterion
  entry: GuideEntry | undefined
  save: (entry: GuideEntry) => Promise<string | void>
  signal: AbortSignal
  /** Drawn open (the panel was redrawn while the user worked in it). */
  open?: boolean
  /** A status line that outlives a redraw of the panel (what saving did arrives after the redraw it causes). */
  status?: HTMLElement
}): HTMLElement {
  const inputs = new Map<(typeof GUIDE_BANDS)[number], HTMLTextAreaElement>()
  const status = o.status ?? h("p", { class: "fs-hint", role: "status", "data-testid": "fs-guide-status" })
  const rows = GUIDE_BANDS.map((b) => {
    const id = uid("fs-guide")
    const ta = h("textarea", { id, rows: 2, "data-testid": `fs-guide-${b}`, "data-focus-key": `guide-${b}-${o.criterion.id}`, maxlength: 600 })
    ta.value = o.entry?.[b] ?? ""
    inputs.set(b, ta)
    return h("div", null, h("label", { for: id }, guideBandLabel(b, o.scale)), ta)
  })
  const current = (): GuideEntry => Object.fromEntries(GUIDE_BANDS.map((b) => [b, inputs.get(b)!.value.trim()])) as GuideEntry
  return h("details", { class: "fs-guide-editor", "data-testid": "fs-guide-editor", open: !!o.open },
    h("summary", null, o.entry ? "Edit the review guide for this criterion" : "Write a review guide for this criterion"),
    h("p", { class: "fs-hint" }, "What poor, partial, good and strong evidence looks like for this criterion in this post. Written once, by the recruiting manager; every assessor sees it while scoring."),
    h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-guide-template", onclick: () => {
      const t = templateEntry(o.criterion.text)
      for (const b of GUIDE_BANDS) if (!inputs.get(b)!.value.trim()) inputs.get(b)!.value = t[b]
      status.textContent = "Template added to the empty boxes: change it to fit this post, then save."
    } }, "Start from the template"),
    rows,
    h("button", { type: "button", class: "fs-button", "data-testid": "fs-guide-save", "data-focus-key": `guide-save-${o.criterion.id}`, onclick: () => {
      void o.save(current()).then((said) => { status.textContent = said || "Review guide saved for this vacancy." })
    } }, "Save review guide"),
    status,
  )
}

/**
 * Two review guides for one vacancy that differ (a colleague's file, or the one shared through
 * the organisation's server): what differs, criterion by criterion and band by band, and a choice
 * between keeping this browser's guide and using the colleague's. Nothing changes until the user
 * chooses. Text only; focus moves to the heading when it opens (call focus()).
 */
export function guideChoice(o: {
  title: string
  theirsLabel: string
  differences: readonly GuideDifference[]
  scale: Scale
  onKeep: () => void | Promise<void>
  onTake: () => void | Promise<void>
}): { el: HTMLElement; focus(): void } {
  const headingId = uid("fs-gc")
  const heading = h("h3", { class: "fs-warning-callout__label", id: headingId, tabindex: -1 }, h("span", { class: "fs-visually-hidden" }, "Important: "), o.title)
  const el = h("div", { class: "fs-warning-callout", role: "group", "aria-labelledby": headingId, "data-testid": "fs-guide-choice" },
    heading,
    h("p", null, "Nothing has changed yet. Compare them, then keep yours or use theirs for this vacancy."),
    o.differences.map((d) => h("div", { "data-testid": "fs-guide-difference", "data-criterion-id": d.criterionId },
      h("h4", null, `${d.number}. ${d.text}`),
      h("dl", null, d.bands.map((b) => [
        h("dt", null, guideBandLabel(b.band, o.scale)),
        h("dd", { "data-band": b.band, "data-side": "ours" }, `Yours: ${b.ours || "(nothing written)"}`),
        h("dd", { "data-band": b.band, "data-side": "theirs" }, `${o.theirsLabel}'s: ${b.theirs || "(nothing written)"}`),
      ])))),
    h("div", { class: "fs-row" },
      h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-guide-keep", onclick: () => void o.onKeep() }, "Keep my review guide"),
      h("button", { type: "button", class: "fs-button", "data-testid": "fs-guide-take", onclick: () => void o.onTake() }, `Use ${o.theirsLabel}'s review guide`)),
  )
  return { el, focus: () => heading.focus() }
}
