/**
 * Structured shortlisting: beside each application, the person-specification criteria with the
 * trust's anchored scale (shared/src/scoring.ts presets), an evidence note per score (required
 * at the lowest and highest levels), note lint (shared/src/noteLint.ts) and progress. On the
 * applicants list, a badge per applicant shows how far scoring has got.
 * Stored only in chrome.storage.local, keyed by profile + vacancy + applicant.
 */
import { h, replaceChildren, uid } from "~lib/dom"
import { defineFeature, type FeatureContext } from "~lib/feature"
import { mountOverlay, overlaysNear, type Overlay } from "~lib/overlayHost"
import type { ReviewGuide } from "@fair-shortlist/shared/reviewGuide"
import { createListScoring, type ListScoring, type ScoringMode } from "~lib/listScoring"
import { hostScoreControls, readCriteria, readValue, safeQuery, setHostValue, type PageCriterion } from "~lib/profileRead"
import { vacancyFactsSeen } from "~lib/vacancyFacts"
import { checkWhenFocusLeaves, criterionField, errorSummary, errorSummaryContainer, type CriterionField } from "~lib/scoringForm"
import { guideSyncPanel, type GuideSyncPanel } from "~lib/guideSyncPanel"
import {
  loadAssessor, loadAssessorName, loadCriteria, loadGuide, loadRecord, loadScale, loadVacancyRecords, newRecord, saveApplicantIds, saveCriteria, scoringState,
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
    movedInPage = startedBefore && lastInputKeyboard
    startedBefore = true
    document.addEventListener("keydown", () => { lastInputKeyboard = true }, { capture: true, signal })
    document.addEventListener("pointerdown", () => { lastInputKeyboard = false }, { capture: true, signal })
    return ctx.screen === "shortlistingList" ? listBadges(ctx, signal) : applicationPanel(ctx, signal)
  },
})

// --- Application screen -------------------------------------------------------------------------

/** True once the content script has started a screen before: later starts are in-page moves. */
let startedBefore = false
let movedInPage = false
/** Whether the last thing the user did was a key press (then focus is worth managing for them). */
let lastInputKeyboard = false

function applicationPanel(ctx: FeatureContext, signal: AbortSignal): false | void {
  const { profile } = ctx
  const app = profile.application
  if (!app) return false
  let mount: AbortController | null = null
  let anchorEl: Element | null = null
  // One guide-sync line for the page, kept across re-renders so what it said (a new revision taken, a choice) stays.
  const guideShared: GuideShared = { signal, panel: null, ref: "", criteria: [] }

  const start = (anchor: Element) => {
    anchorEl = anchor
    mount?.abort()
    mount = new AbortController()
    const local = AbortSignal.any([signal, mount.signal])
    overlaysNear(anchor, FEATURE).forEach((el) => el.remove())
    const overlay = mountOverlay(anchor, "after", { feature: FEATURE, label: "Structured shortlisting", signal: local })
    void renderPanel(ctx, overlay, local, () => { if (anchorEl?.isConnected) start(anchorEl) }, guideShared)
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

/** Whether trust IT switched panel sync on (then the vacancy's review guide is shared through it). */
function panelSyncOn(): Promise<boolean> {
  return sendToBackground("panelSyncEnabled", {}).then((r) => r.ok && r.enabled).catch(() => false)
}

interface GuideShared {
  signal: AbortSignal
  panel: GuideSyncPanel | null
  ref: string
  criteria: PageCriterion[]
}

async function renderPanel(ctx: FeatureContext, overlay: Overlay, signal: AbortSignal, rerender: () => void, shared: GuideShared): Promise<void> {
  const { profile, storage, diagnostics } = ctx
  const vacancyRef = readValue(profile.vacancy.reference)
  const applicantId = readValue(profile.application!.applicantId)
  if (!vacancyRef || !applicantId) {
    const path = !vacancyRef ? "vacancy.reference" : "application.applicantId"
    diagnostics.report({ feature: FEATURE, path, message: "could not be read on this page, so scores cannot be kept for this applicant." })
    replaceChildren(overlay.body, h("div", { class: "fs-panel fs-warning" }, h("p", null, "Fair Shortlist cannot tell which vacancy or applicant this is, so scoring is switched off on this page.")))
    return
  }
  void vacancyFactsSeen(profile, storage, vacancyRef)
  let criteria: PageCriterion[] = readCriteria(profile)
  if (criteria.length) await saveCriteria(storage, profile.id, vacancyRef, criteria)
  else criteria = await loadCriteria(storage, profile.id, vacancyRef)
  const [scale, assessorId, stored, applicantIds, guide, syncOn] = await Promise.all([
    loadScale(storage),
    loadAssessor(storage),
    loadRecord(storage, profile.id, vacancyRef, applicantId),
    storage.get<string[]>(KEYS.applicants(profile.id, vacancyRef), []),
    loadGuide(storage, profile.id, vacancyRef, criteria),
    panelSyncOn(),
  ])
  if (signal.aborted) return
  // The guide shown beside each criterion is the vacancy's: when it changes (taken from a colleague
  // through sync, or imported from a file in another tab), the form is drawn again with it.
  storage.onChanged(KEYS.reviewGuide(profile.id, vacancyRef), rerender, signal)
  let guideSync: GuideSyncPanel | null = null
  let fetchGuide = false
  if (syncOn && criteria.length) {
    if (!shared.panel || shared.ref !== vacancyRef) {
      shared.panel = guideSyncPanel({ storage, profileId: profile.id, vacancyRef, scale, criteria: () => shared.criteria, signal: shared.signal })
      shared.ref = vacancyRef
      fetchGuide = true
    }
    shared.criteria = criteria
    guideSync = shared.panel
  }
  const record: ApplicantRecord = stored ?? newRecord(assessorId, applicantId)
  const key = KEYS.scores(profile.id, vacancyRef, applicantId)

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
  const save = async (r: ApplicantRecord) => {
    r.updatedAt = new Date().toISOString()
    await storage.set(key, r)
  }
  const summary = errorSummaryContainer()
  const fields: CriterionField[] = criteria.map((c, i) => criterionField({
    scale, criterion: c, record, legend: `${i + 1}. ${c.text}`, guide: guide?.criteria[c.id], save, signal,
    onScored: () => void updateProgress(),
    onValidity: () => errorSummary(summary, fields, { onlyShrink: true }),
  }))
  checkWhenFocusLeaves(overlay.host, () => errorSummary(summary, fields), signal)
  // A keyboard user who has scored (or wants only to decide) skips the rest of the form.
  const decisionControl = profile.decision && ctx.screens.includes("shortlistingDecision") ? profile.decision.control : null
  const skip = decisionControl
    ? h("a", { href: "#", class: "fs-skip-link", "data-testid": "fs-skip-to-decision", onclick: (ev: Event) => {
        ev.preventDefault()
        const control = safeQuery(document, decisionControl)
        const target = control?.matches("input, select, textarea, button") ? control : (control?.querySelector<HTMLElement>("input:checked") ?? control?.querySelector<HTMLElement>("input, select, textarea, button"))
        ;(target as HTMLElement | null | undefined)?.focus()
      } }, "Skip to the shortlisting decision")
    : null

  replaceChildren(overlay.body,
    h("section", { class: "fs-panel", "aria-labelledby": headingId, "data-testid": "fs-structured-shortlisting" },
      h("h2", { id: headingId, tabindex: -1, "data-testid": "fs-panel-heading" }, "Score against the person specification"),
      skip,
      summary,
      h("p", { class: "fs-hint" }, `Scale: ${scale.name}. Score only what the application shows. A score of ${scale.min} or ${scale.max} needs an evidence note. Scores stay in this browser.`),
      guideSync?.el ?? null,
      progress, vacancyProgress,
      criteria.length
        ? [fields.map((f) => f.el), hostScoreFill(ctx, criteria, record)]
        : h("p", { class: "fs-info", "data-testid": "fs-no-criteria" }, "No person-specification criteria are showing yet. Open the part of the application that lists them (for example a Selection Criteria tab) and they will appear here."),
    ))
  errorSummary(summary, fields)
  if (fetchGuide) void guideSync?.refresh()
  await updateProgress()
  // After an in-page move to another applicant made from the keyboard, the host drops focus to
  // the top of the page: bring it to this applicant's scoring heading instead (never on a fresh
  // page load, never after a mouse click).
  if (movedInPage && (document.activeElement === document.body || document.activeElement === null)) {
    overlay.body.querySelector<HTMLElement>("[data-testid=fs-panel-heading]")?.focus({ preventScroll: false })
  }
}

/**
 * Where the profile names the host's own score control per criterion (Stonefish's 0-3 select),
 * copy our scores into it, after the user has seen exactly what will change and confirmed.
 * The host's form is theirs to save: we set the values as a person would and stop there.
 */
function hostScoreFill(ctx: FeatureContext, criteria: readonly PageCriterion[], record: ApplicantRecord): HTMLElement | null {
  if (!ctx.profile.criteria.some((g) => g.hostScore)) return null
  const box = h("div", { class: "fs-inset", "data-testid": "fs-host-fill" })
  const status = h("p", { class: "fs-hint", role: "status", "data-testid": "fs-host-fill-status" })
  const planOf = () => {
    const controls = hostScoreControls(ctx.profile)
    return criteria.flatMap((c, i) => {
      const s = record.scores[c.id]
      const host = controls.get(c.id)
      if (!s || !host) return []
      const value = host.values[String(s.level)] ?? String(s.level)
      const current = (host.control as HTMLSelectElement).value ?? ""
      return [{ n: i + 1, c, value, current, control: host.control }]
    })
  }
  const idle = () => replaceChildren(box,
    h("h3", null, `Scores in ${ctx.profile.name}`),
    h("p", { class: "fs-hint" }, `${ctx.profile.name} has its own score box per criterion. Fair Shortlist can copy your scores into them, so you do not score twice. You will see what changes first.`),
    h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-host-fill-start", onclick: () => confirmStep() }, `Copy my scores into ${ctx.profile.name}`),
    status)
  const confirmStep = () => {
    const plan = planOf()
    if (!plan.length) {
      status.textContent = controlsMissing() ? `No score boxes of ${ctx.profile.name} are on the page now: open the tab that shows them.` : "Score at least one criterion first."
      return
    }
    const headingId = uid("fs-fill")
    replaceChildren(box,
      h("div", { class: "fs-warning-callout", role: "group", "aria-labelledby": headingId },
        h("h3", { class: "fs-warning-callout__label", id: headingId, tabindex: -1 }, h("span", { class: "fs-visually-hidden" }, "Important: "), `Check before copying into ${ctx.profile.name}`),
        h("ul", { "data-testid": "fs-host-fill-plan" }, plan.map((p) => h("li", null, `${p.n}. ${p.c.text}: ${p.current === "" ? "empty" : p.current} becomes ${p.value}`))),
        h("p", null, `Then save in ${ctx.profile.name} as usual: Fair Shortlist does not press its buttons.`),
        h("div", { class: "fs-row" },
          h("button", { type: "button", class: "fs-button", "data-testid": "fs-host-fill-confirm", onclick: () => {
            const done = plan.filter((p) => p.control.isConnected && setHostValue(p.control, p.value)).length
            idle()
            status.textContent = done === plan.length ? `Copied ${done} score${done === 1 ? "" : "s"} into ${ctx.profile.name}.` : `Copied ${done} of ${plan.length}: ${ctx.profile.name} has no option for the others' scores (check the scale in the options page).`
            ;(box.querySelector("[data-testid=fs-host-fill-start]") as HTMLElement | null)?.focus()
          } }, "Confirm and copy"),
          h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-host-fill-cancel", onclick: () => { idle(); status.textContent = "Nothing was copied." } }, "Cancel"))))
    ;(box.querySelector(`#${headingId}`) as HTMLElement | null)?.focus()
  }
  const controlsMissing = () => hostScoreControls(ctx.profile).size === 0
  idle()
  return box
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
  // The person specification may be on the list itself (a list-only system): read it here too.
  let criteria: PageCriterion[] = readCriteria(profile)
  if (criteria.length) await saveCriteria(storage, profile.id, vacancyRef, criteria)
  else criteria = await loadCriteria(storage, profile.id, vacancyRef)
  const [records, scale, assessorId, assessorName, mode, guide, syncOn] = await Promise.all([
    loadVacancyRecords(storage, profile.id, vacancyRef),
    loadScale(storage),
    loadAssessor(storage),
    loadAssessorName(storage),
    storage.get<ScoringMode>(KEYS.scoringMode, "applicant"),
    loadGuide(storage, profile.id, vacancyRef, criteria),
    panelSyncOn(),
  ])
  if (signal.aborted) return
  let currentGuide = guide
  const guideSync: GuideSyncPanel | null = syncOn ? guideSyncPanel({ storage, profileId: profile.id, vacancyRef, scale, criteria: () => criteria, signal }) : null
  let guideFetched = false
  const fetchGuideOnce = () => {
    if (guideFetched || !guideSync || !criteria.length) return
    guideFetched = true
    void guideSync.refresh()
  }
  const badges = new Map<string, Set<HTMLElement>>()
  const ids: string[] = []
  const idSet = new Set<string>()
  let saveQueued = false
  let rebuildQueued = false

  const scoring: ListScoring = createListScoring({
    vacancyRef, scale, assessorId, records,
    criteria: () => criteria,
    guide: () => currentGuide,
    ids: () => ids,
    mode: mode === "criterion" ? "criterion" : "applicant",
    // Open at once where the list is the only place to score; a click away where there is a page per applicant.
    open: !profile.screens.application,
    save: async (r) => {
      r.updatedAt = new Date().toISOString()
      records.set(r.applicantId, r)
      await storage.set(KEYS.scores(profile.id, vacancyRef, r.applicantId), r)
    },
    saveMode: (m) => void storage.set(KEYS.scoringMode, m),
    saveGuide: async (criterionId, entry) => {
      const next: ReviewGuide = {
        format: "fair-shortlist/review-guide@1",
        criteria: { ...currentGuide?.criteria, [criterionId]: entry },
        // Shown to colleagues with the guide: the initials set in the options page, or this browser's id.
        author: assessorName || assessorId,
        updatedAt: new Date().toISOString(),
      }
      currentGuide = next
      await storage.set(KEYS.reviewGuide(profile.id, vacancyRef), next)
      if (guideSync) return guideSync.publish(next)
    },
    ...(guideSync ? { guideStatus: guideSync.el } : {}),
    signal,
  })
  let panel: Overlay | null = null
  const rebuildSoon = () => {
    if (rebuildQueued) return
    rebuildQueued = true
    setTimeout(() => {
      rebuildQueued = false
      if (!signal.aborted) scoring.rebuild()
    }, 30)
  }

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
    const anchor = cfg.badgeAnchor ? safeQuery(row, cfg.badgeAnchor) : null
    // Beside the host's own tags, never inside one: into a cell or list item, after anything smaller.
    const into = !anchor || /^(td|th|li|tr|div|section|article)$/i.test(anchor.tagName)
    const target = anchor ?? row.lastElementChild ?? row
    const { host, body } = mountOverlay(target, into ? "append" : "after", { feature: FEATURE, key: id, label: "Scoring progress", signal, region: false })
    host.style.setProperty("display", "inline-block", "important")
    host.style.setProperty("margin-left", "6px", "important")
    host.style.setProperty("vertical-align", "middle", "important")
    const span = h("span", { "data-testid": "fs-row-badge" })
    body.append(span)
    if (criteria.length) {
      body.append(" ", h("button", {
        type: "button", class: "fs-link fs-small", "data-testid": "fs-row-score", "aria-label": `Score applicant ${id} here`,
        onclick: () => scoring.showApplicant(id),
      }, "Score"))
    }
    paint(id, span)
    const set = badges.get(id) ?? new Set()
    for (const old of set) if (!old.isConnected) set.delete(old)
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
      rebuildSoon()
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
    if (!criteria.length) {
      criteria = readCriteria(profile)
      if (criteria.length) {
        void saveCriteria(storage, profile.id, vacancyRef, criteria)
        rebuildSoon()
      }
    }
    // The panel sits above the list; a host that redraws the whole list takes it along, so put it back.
    if (!panel || !panel.host.isConnected) {
      const container = row.closest("table") ?? row.parentElement ?? row
      overlaysNear(container, `${FEATURE}-list`).forEach((el) => el.remove())
      panel = mountOverlay(container, "before", { feature: `${FEATURE}-list`, label: "Score from the list", signal })
      scoring.attach(panel)
      fetchGuideOnce()
    }
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
    const mine = records.get(r.applicantId)
    records.set(r.applicantId, r)
    for (const span of badges.get(r.applicantId) ?? []) if (span.isConnected) paint(r.applicantId, span)
    // Written elsewhere (an application page, another tab): redraw so the open form holds the new record.
    if (mine?.updatedAt !== r.updatedAt) rebuildSoon()
    else scoring.refresh()
  }, signal)
  // The person specification learnt while the list shows (an application opened in a drawer over it).
  storage.onChanged(KEYS.criteria(profile.id, vacancyRef), (_k, v) => {
    criteria = (v as PageCriterion[] | undefined) ?? criteria
    for (const [id, spans] of badges) for (const span of spans) if (span.isConnected) paint(id, span)
    rebuildSoon()
    fetchGuideOnce()
  }, signal)
  storage.onChanged(KEYS.reviewGuide(profile.id, vacancyRef), () => {
    void loadGuide(storage, profile.id, vacancyRef, criteria).then((g) => { currentGuide = g; rebuildSoon() })
  }, signal)
}
