/**
 * Consistency checks next to the host's decision control: rejected although every essential
 * criterion is met, shortlisted although one is not, a guaranteed-interview (Disability
 * Confident) applicant meeting the essentials but not shortlisted, a decision taken before the
 * essentials were scored (shared/src/scoring.ts shortlistingConsistency). A warning explains and
 * asks for a reason, kept in this browser; it never blocks or changes the host's control.
 * From the same decisions and scores it counts, for the vacancy, the guaranteed-interview
 * applicants who meet the essentials and how many were shortlisted, and sends those two numbers
 * (through the background's outbox) when they change.
 */
import { meetsEssentials, shortlistingConsistency, type ConsistencyFinding } from "@fair-shortlist/shared/scoring"
import type { DecisionControl, Flag, ValueSource } from "@fair-shortlist/shared/siteProfile"
import { h, replaceChildren, uid } from "~lib/dom"
import { defineFeature } from "~lib/feature"
import { keepFocusAcrossRerenders } from "~lib/focusKeeper"
import { mountOverlay, overlaysNear, type Overlay } from "~lib/overlayHost"
import { readCriteria, readDecision, readFlag, readValue, safeQuery, type PageCriterion } from "~lib/profileRead"
import { loadCriteria, loadScale, loadVacancyRecords, recordToScores, toCriteria, type ApplicantRecord } from "~lib/shortlisting"
import { KEYS } from "~lib/storage"
import { createGuaranteedInterviewReporter, guaranteedInterviewCounts } from "~lib/guaranteedInterviewFact"
import type { GuaranteedInterviewCounts } from "@fair-shortlist/shared/guaranteedInterview"
import { sendToBackground } from "~background/protocol"

const FEATURE = "consistency-checks"

const CRITERIA_UNKNOWN = {
  code: "criteriaUnknown",
  severity: "info",
  message: "This decision cannot be checked yet: Fair Shortlist has not seen the person specification for this vacancy. Open an application that shows the criteria and score it.",
  criterionIds: [],
} as unknown as ConsistencyFinding

export interface SeenDecision {
  decision: "shortlisted" | "rejected" | "undecided"
  guaranteedInterview: boolean
  seenAt: string
}

export interface RecordedReason {
  code: string
  decision: string
  reason: string
  at: string
}

interface Scope {
  /** The element the control and applicant facts are read within (a list row, or the document). */
  root: ParentNode
  control: DecisionControl
  applicantId: ValueSource
  guaranteedInterview?: Flag
  overlay?: Overlay
  overlayAbort?: AbortController
}

export default defineFeature({
  id: FEATURE,
  name: "Consistency checks",
  screens: ["shortlistingDecision", "shortlistingList"],
  async init(ctx, signal) {
    const { profile, storage, diagnostics } = ctx
    const pageLevel = ctx.screens.includes("shortlistingDecision") && profile.decision && profile.application
    const rowLevel = profile.applicants?.decision
    if (!pageLevel && !rowLevel) return false
    // Host decision forms re-render on save: keep a keyboard user's place.
    keepFocusAcrossRerenders(signal)
    const vacancyRef = readValue(profile.vacancy.reference)
    if (!vacancyRef) {
      diagnostics.report({ feature: FEATURE, path: "vacancy.reference", message: "could not be read, so decisions cannot be checked against scores." })
      return
    }
    let criteria: PageCriterion[] = readCriteria(profile)
    if (!criteria.length) criteria = await loadCriteria(storage, profile.id, vacancyRef)
    const [scale, records, reasons] = await Promise.all([
      loadScale(storage),
      loadVacancyRecords(storage, profile.id, vacancyRef),
      storage.getByPrefix<RecordedReason[]>(KEYS.reasonsPrefix(profile.id, vacancyRef)),
    ])
    if (signal.aborted) return
    const scopes = new Set<Scope>()
    // Decisions as seen, for the recruitment-file record (shortlisting-summary).
    const seen = await storage.get<Record<string, SeenDecision>>(KEYS.decisions(profile.id, vacancyRef), {})
    let seenQueued = false
    // Guaranteed-interview counts for the vacancy (only where the profile can see the scheme's flag).
    const readsScheme = !!(profile.guaranteedInterview || profile.applicants?.guaranteedInterview)
    const meetsEssential = (applicantId: string): boolean | null => {
      const c = toCriteria(criteria)
      if (!c.some((x) => x.kind === "essential")) return null
      const status = meetsEssentials(c, recordToScores(records.get(applicantId), criteria), scale).status
      return status === "met" ? true : status === "notMet" ? false : null
    }
    const sentKey = KEYS.guaranteedInterviewSent(profile.id, vacancyRef)
    const reporter = createGuaranteedInterviewReporter({
      compute: () => guaranteedInterviewCounts(seen, meetsEssential),
      loadSent: () => storage.get<GuaranteedInterviewCounts | undefined>(sentKey, undefined),
      saveSent: (counts) => (counts ? storage.set(sentKey, counts) : storage.remove(sentKey)),
      send: async (counts, recordedAt) => {
        // Refused when trust IT has not set the organisation secret (scoring works without the API):
        // not remembered as sent, so it goes once the settings are there.
        const r = await sendToBackground("recordGuaranteedInterview", { reference: vacancyRef, recordedAt, counts })
        return r.ok
      },
      now: () => new Date(),
      delayMs: 1000,
      signal,
    })
    const remember = (applicantId: string, decision: SeenDecision["decision"], guaranteedInterview: boolean) => {
      const before = seen[applicantId]
      if (before && before.decision === decision && before.guaranteedInterview === guaranteedInterview) return
      seen[applicantId] = { decision, guaranteedInterview, seenAt: new Date().toISOString() }
      if (seenQueued) return
      seenQueued = true
      setTimeout(() => {
        seenQueued = false
        void storage.set(KEYS.decisions(profile.id, vacancyRef), seen)
      }, 50)
    }

    const evaluate = (scope: Scope) => {
      const controlEl = safeQuery(scope.root, scope.control.control)
      const applicantId = readValue(scope.applicantId, scope.root)
      if (!controlEl || !applicantId) return
      const decision = readDecision(scope.control, scope.root)
      if (decision === null) {
        diagnostics.report({ feature: FEATURE, path: scope.root === document ? "decision.values" : "applicants.decision.values", message: "the host's decision control shows a value the profile does not map to shortlisted, rejected or undecided." })
        return
      }
      remember(applicantId, decision, readFlag(scope.guaranteedInterview, scope.root))
      if (readsScheme) reporter.schedule()
      if (!criteria.length) criteria = readCriteria(profile)
      if (!criteria.length) {
        // No person specification seen for this vacancy yet: with no essentials, the shared check
        // would call everyone "met", so say plainly that nothing can be checked.
        render(scope, controlEl, applicantId, decision, decision === "undecided" ? [] : [CRITERIA_UNKNOWN])
        return
      }
      const findings = shortlistingConsistency(toCriteria(criteria), scale, {
        scores: recordToScores(records.get(applicantId), criteria),
        decision,
        guaranteedInterview: readFlag(scope.guaranteedInterview, scope.root),
      })
      render(scope, controlEl, applicantId, decision, findings)
    }

    const render = (scope: Scope, controlEl: Element, applicantId: string, decision: string, findings: ConsistencyFinding[]) => {
      if (!findings.length) {
        scope.overlayAbort?.abort()
        scope.overlay = undefined
        return
      }
      if (!scope.overlay || !scope.overlay.host.isConnected) {
        scope.overlayAbort?.abort()
        scope.overlayAbort = new AbortController()
        overlaysNear(controlEl, FEATURE).forEach((el) => el.remove())
        scope.overlay = mountOverlay(controlEl, "after", { feature: FEATURE, label: "Decision check", signal: AbortSignal.any([signal, scope.overlayAbort.signal]) })
      }
      const reasonKey = KEYS.reasons(profile.id, vacancyRef, applicantId)
      const recorded = reasons[reasonKey] ?? []
      replaceChildren(scope.overlay.body, findings.map((f) => findingBlock(f, decision, recorded, async (reason) => {
        const next = [...(reasons[reasonKey] ?? []), { code: f.code, decision, reason, at: new Date().toISOString() }]
        reasons[reasonKey] = next
        await storage.set(reasonKey, next)
        render(scope, controlEl, applicantId, decision, findings)
      })))
    }

    const addScope = (scope: Scope) => {
      scopes.add(scope)
      evaluate(scope)
    }

    if (pageLevel) {
      ctx.observe("decision.control", profile.decision!.control, () => {
        for (const s of scopes) if (s.root === document) scopes.delete(s)
        addScope({ root: document, control: profile.decision!, applicantId: profile.application!.applicantId, guaranteedInterview: profile.guaranteedInterview })
      })
    }
    if (rowLevel && profile.applicants) {
      const cfg = profile.applicants
      ctx.observe("applicants.row", cfg.row, (row) => {
        for (const s of scopes) if (s.root !== document && !(s.root as Element).isConnected) scopes.delete(s)
        addScope({ root: row, control: cfg.decision!, applicantId: cfg.id, guaranteedInterview: cfg.guaranteedInterview })
      }, { batch: true })
    }

    // The host's control changed: re-check that applicant (never preventDefault: the host decides).
    const onChange = (ev: Event) => {
      const target = ev.target as Element | null
      if (!target?.closest) return
      for (const s of scopes) {
        const controlEl = safeQuery(s.root, s.control.control)
        if (controlEl && (controlEl === target || controlEl.contains(target))) evaluate(s)
      }
    }
    document.addEventListener("change", onChange, { signal, capture: true })
    document.addEventListener("input", onChange, { signal, capture: true })
    // Scores changed (this tab or another): re-check.
    storage.onChanged(`${KEYS.scoresPrefix(profile.id, vacancyRef)}*`, (_k, value) => {
      const r = value as ApplicantRecord | undefined
      if (r) records.set(r.applicantId, r)
      for (const s of scopes) evaluate(s)
    }, signal)
    storage.onChanged(KEYS.criteria(profile.id, vacancyRef), (_k, value) => {
      criteria = (value as PageCriterion[] | undefined) ?? criteria
      for (const s of scopes) evaluate(s)
    }, signal)
  },
})

function findingBlock(f: ConsistencyFinding, decision: string, recorded: RecordedReason[], onReason: (reason: string) => Promise<void>): HTMLElement {
  const mine = recorded.filter((r) => r.code === f.code && r.decision === decision)
  const cls = f.severity === "error" ? "fs-warning fs-warning--error" : f.severity === "warning" ? "fs-warning" : "fs-info"
  const title = f.severity === "error" ? "This decision breaks a rule" : f.severity === "warning" ? "Check this decision" : "Decision not yet checkable"
  const box = h("div", { class: cls, role: "status", "data-testid": "fs-consistency", "data-code": f.code, "data-severity": f.severity },
    h("h2", { class: "fs-h3" }, title),
    h("p", null, f.message),
  )
  if (f.severity === "info") return box
  if (mine.length) {
    box.append(h("p", { "data-testid": "fs-reason-recorded" }, h("strong", null, "Reason recorded: "), mine[mine.length - 1]!.reason))
  }
  const id = uid("fs-reason")
  const hintId = uid("fs-reason-hint")
  const textarea = h("textarea", { id, rows: 2, "aria-describedby": hintId, "data-testid": "fs-reason" })
  const error = h("p", { class: "fs-error", hidden: true }, "Write the reason before saving it.")
  box.append(
    h("label", { for: id }, mine.length ? "Add to the reason" : "Reason for this decision"),
    h("p", { class: "fs-hint", id: hintId }, "Kept in this browser for the recruitment file. This does not stop you saving the decision."),
    textarea, error,
    h("button", {
      type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-save-reason",
      onclick: () => {
        const reason = textarea.value.trim()
        error.hidden = reason !== ""
        if (reason) void onReason(reason)
        else textarea.focus()
      },
    }, "Save reason"),
  )
  return box
}

