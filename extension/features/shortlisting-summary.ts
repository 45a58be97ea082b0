/**
 * Shortlisting summary for the vacancy, on the applicants list: "7 of 23 scored", the score
 * distribution, unscored applicants, outliers between shortlisters (from colleagues' exported
 * scores, or with shortlister sync on, from their encrypted entries through the organisation's
 * server: lib/shortlistSync.ts), and downloads for the recruitment file: a printable record (HTML)
 * and CSV. Without sync nothing is sent anywhere.
 */
import { divergence, outliersBetweenAssessors, scoreDistribution, totals, type Scale, type Score } from "@fair-shortlist/shared/scoring"
import { h, replaceChildren, uid } from "~lib/dom"
import { defineFeature } from "~lib/feature"
import { mountOverlay, overlaysNear, type Overlay } from "~lib/overlayHost"
import { readCount, readValue, readVacancy, type PageCriterion, type VacancyFacts } from "~lib/profileRead"
import { vacancyFactsSeen } from "~lib/vacancyFacts"
import {
  OWN_LABEL, assessorLabel, guideFromFile, loadAssessor, loadAssessorName, loadColleagueScores, loadCriteria, loadGuide, loadScale, loadVacancyRecords, parseExportFile, progressText, recordToScores, scoringState, toCriteria, toCsv,
  type ApplicantRecord, type ScoreExport,
} from "~lib/shortlisting"
import { KEYS } from "~lib/storage"
import { DIVERGENCE_THRESHOLD_LEVELS, shortlistingRecord } from "@fair-shortlist/shared/records"
import { recordHtml } from "~lib/recordHtml"
import type { RecordedReason, SeenDecision } from "./consistency-checks"
import { sendToBackground } from "~background/protocol"
import { shareAndFetch, shareSummary, type SharedState, type SyncSend } from "~lib/shortlistSync"
import { guideChoice } from "~lib/scoringForm"
import { criteriaPhrase, type GuideDifference, type ReviewGuide } from "@fair-shortlist/shared/reviewGuide"

/** The background's panel-sync messages, on the shortlisting channel. */
const SYNC: SyncSend = {
  submit: (d) => sendToBackground("panelSyncSubmit", d),
  read: (d) => sendToBackground("panelSyncRead", d) as ReturnType<SyncSend["read"]>,
}

const FEATURE = "shortlisting-summary"

export default defineFeature({
  id: FEATURE,
  name: "Shortlisting summary",
  screens: ["shortlistingList"],
  async init(ctx, signal) {
    const { profile, storage, diagnostics } = ctx
    const cfg = profile.applicants
    if (!cfg) return false
    const vacancy = readVacancy(profile)
    const vacancyRef = vacancy.reference
    if (!vacancyRef) {
      diagnostics.report({ feature: FEATURE, path: "vacancy.reference", message: "could not be read, so there is no summary for this vacancy." })
      return
    }
    // The band and closing date shown here are remembered for the vacancy's other screens.
    void vacancyFactsSeen(profile, storage, vacancyRef)
    const [scale, assessorId, assessorName] = await Promise.all([loadScale(storage), loadAssessor(storage), loadAssessorName(storage)])
    let criteria = await loadCriteria(storage, profile.id, vacancyRef)
    const records = await loadVacancyRecords(storage, profile.id, vacancyRef)
    let colleagues = await loadColleagueScores(storage, profile.id, vacancyRef)
    const syncEnabled = await sendToBackground("panelSyncEnabled", {}).then((r) => r.ok && r.enabled).catch(() => false)
    let syncNote = ""
    let syncing = false
    if (signal.aborted) return
    const ids: string[] = []
    const idSet = new Set<string>()
    let overlay: Overlay | null = null
    let queued = false
    let open = false

    const schedule = () => {
      if (queued) return
      queued = true
      setTimeout(() => {
        queued = false
        if (!signal.aborted) render()
      }, 30)
    }

    const noteRow = (row: Element) => {
      const id = readValue(cfg.id, row)
      if (id && !idSet.has(id)) {
        idSet.add(id)
        ids.push(id)
        schedule()
      }
    }
    ctx.observe<HTMLElement>("applicants.row", cfg.row, (row) => {
      noteRow(row)
      if (!overlay || !overlay.host.isConnected) {
        // Beside the list: its table, or for a list inside a component, the component itself.
        const rootNode = row.getRootNode()
        const container = row.closest("table") ?? (rootNode instanceof ShadowRoot ? rootNode.host : null) ?? row.parentElement ?? row
        overlaysNear(container, FEATURE).forEach((el) => el.remove())
        overlay = mountOverlay(container, "before", { feature: FEATURE, label: "Shortlisting summary", signal })
      }
      schedule()
    }, { batch: true, onContentChange: noteRow })
    // A list showing some rows at a time says how many there are in all.
    const totalOf = () => {
      const n = cfg.total ? readCount(cfg.total) : null
      return n !== null && n >= ids.length ? n : null
    }

    const render = () => {
      if (!overlay) return
      // This browser's scores under its unique id (records made by older versions carry "me" or initials).
      const mine = [...records.values()].flatMap((r) => recordToScores(r, criteria)).map((s) => ({ ...s, assessorId }))
      const labels = new Map<string, string>([[assessorId, assessorName || OWN_LABEL], ...colleagues.map((c) => [c.assessorId, assessorLabel(c)] as [string, string])])
      const scored = ids.filter((id) => scoringState(records.get(id), criteria) === "scored")
      const unscored = ids.filter((id) => scoringState(records.get(id), criteria) !== "scored")
      const dist = scoreDistribution(scale, mine)
      const maxCount = Math.max(1, ...dist.map((d) => d.count))
      const all: Score[] = [...mine, ...colleagues.filter((c) => c.assessorId !== assessorId).flatMap((c) => c.scores)]
      const assessors = [...new Set(all.map((s) => s.assessorId))]
      const outliers = assessors.length > 1 ? outliersBetweenAssessors(all) : []
      const diverging = assessors.length > 1 ? divergence(all, { threshold: DIVERGENCE_THRESHOLD_LEVELS }) : []
      const headingId = uid("fs-sum")
      const detailsId = uid("fs-sum-body")
      const fileId = uid("fs-file")
      const status = h("p", { class: "fs-hint", role: "status", "data-testid": "fs-summary-message" })
      replaceChildren(overlay.body,
        h("section", { class: "fs-panel", "aria-labelledby": headingId, "data-testid": "fs-summary" },
          h("h2", { id: headingId }, "Shortlisting summary"),
          h("p", { class: "fs-progress", "data-testid": "fs-summary-progress" }, progressText(scored.length, ids.length, totalOf())),
          criteria.length ? null : h("p", { class: "fs-hint" }, "Open an application to start scoring it against the person specification."),
          h("button", { type: "button", class: "fs-link", "aria-expanded": String(open), "aria-controls": detailsId, "data-testid": "fs-summary-toggle", onclick: () => { open = !open; render() } }, open ? "Hide details" : "Show distribution, unscored applicants and downloads"),
          h("div", { id: detailsId, hidden: !open },
            h("h3", null, "Score distribution"),
            h("table", { "data-testid": "fs-distribution" },
              h("thead", null, h("tr", null, h("th", { scope: "col" }, "Level"), h("th", { scope: "col" }, "Anchor"), h("th", { scope: "col" }, "Scores"))),
              h("tbody", null, dist.map((d) => h("tr", null,
                h("td", null, String(d.level)), h("td", null, d.descriptor),
                h("td", null, h("span", { class: "fs-bar", style: `width:${Math.round((d.count / maxCount) * 120)}px`, "aria-hidden": "true" }), ` ${d.count}`))))),
            h("h3", null, `Unscored applicants (${unscored.length})`),
            unscored.length ? h("p", { "data-testid": "fs-unscored" }, unscored.join(", ")) : h("p", null, "Every applicant on this list is scored."),
            h("h3", null, "Between shortlisters"),
            assessors.length > 1
              ? h("div", { "data-testid": "fs-outliers" },
                  h("ul", null, outliers.map((o) => h("li", { "data-assessor": o.assessorId },
                    `${labels.get(o.assessorId) ?? o.assessorId}: ${o.direction}${o.outlier ? " (outlier)" : ""}, ${o.meanDifference >= 0 ? "+" : ""}${o.meanDifference.toFixed(2)} levels from the shortlisters' median score on average, over ${o.comparedItems} shared scores`))),
                  diverging.length
                    ? h("p", null, `${diverging.length} scores differ by ${DIVERGENCE_THRESHOLD_LEVELS} or more levels between shortlisters: talk them through before deciding (${diverging.slice(0, 5).map((d) => `${d.applicantId}: ${criterionText(criteria, d.criterionId)}`).join("; ")}${diverging.length > 5 ? "; ..." : ""}).`)
                    : h("p", null, `No score differs by ${DIVERGENCE_THRESHOLD_LEVELS} or more levels between shortlisters (a 1-level gap is ordinary rounding between careful readers).`))
              : h("p", null, syncEnabled
                  ? "To compare with other shortlisters, each shares their scores below; you see a colleague's scores for an applicant once you have shared your own for that applicant."
                  : "To compare with other shortlisters, ask each to use \"Export my scores\" and import the files here."),
            syncEnabled
              ? h("div", { class: "fs-row fs-no-print" },
                  h("button", { type: "button", class: "fs-button", "data-testid": "fs-sync-share", disabled: syncing, onclick: () => { void share(mine) } }, syncing ? "Syncing..." : "Share my scores and fetch colleagues'"),
                  h("p", { class: "fs-hint", role: "status", "data-testid": "fs-sync-status" }, syncNote || "Scores of fully scored applicants go to your colleagues encrypted; the server cannot read them. A change after sharing is sent as a revision, which colleagues see."))
              : null,
            h("div", { class: "fs-row fs-no-print" },
              h("button", { type: "button", class: "fs-button", "data-testid": "fs-download-csv", onclick: () => download(`shortlisting-${safeName(vacancyRef)}.csv`, "text/csv", csv(ids, criteria, records, colleagues, scale)) }, "Download CSV"),
              h("button", { type: "button", class: "fs-button", "data-testid": "fs-download-record", onclick: async () => {
                const [reasons, decisions, latestColleagues, guide] = await Promise.all([
                  storage.getByPrefix<RecordedReason[]>(KEYS.reasonsPrefix(profile.id, vacancyRef)),
                  storage.get<Record<string, SeenDecision>>(KEYS.decisions(profile.id, vacancyRef), {}),
                  loadColleagueScores(storage, profile.id, vacancyRef),
                  loadGuide(storage, profile.id, vacancyRef, criteria),
                ])
                download(`shortlisting-record-${safeName(vacancyRef)}.html`, "text/html", printableRecord(profile.name, vacancy, scale, criteria, ids, records, latestColleagues, reasons, decisions, profile.id, vacancyRef, assessorName, guide))
              } }, "Download printable record"),
              h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-export-scores", onclick: async () => {
                // The vacancy's review guide travels with the scores, so colleagues score against the same bar.
                const guide = await loadGuide(storage, profile.id, vacancyRef, criteria)
                const data: ScoreExport = { format: "fair-shortlist/scores@1", profileId: profile.id, vacancyRef, assessorId, ...(assessorName ? { assessorName } : {}), scaleId: scale.id, exportedAt: new Date().toISOString(), scores: mine, ...(guide && Object.keys(guide.criteria).length ? { reviewGuide: guide } : {}) }
                download(`scores-${safeName(vacancyRef)}-${safeName(assessorName || "shortlister")}-${assessorId.slice(-6)}.json`, "application/json", JSON.stringify(data, null, 2))
              } }, "Export my scores"),
            ),
            h("label", { for: fileId, class: "fs-no-print" }, "Import a colleague's exported scores"),
            h("input", { type: "file", id: fileId, accept: "application/json,.json", class: "fs-no-print", "data-testid": "fs-import-scores", onchange: async (ev: Event) => {
              const file = (ev.target as HTMLInputElement).files?.[0]
              if (!file) return
              const parsed = parseExportFile(await file.text(), profile.id, vacancyRef, assessorId)
              if (typeof parsed === "string") { status.textContent = parsed; return }
              const from = assessorLabel(parsed.scores)
              const n = parsed.scores.scores.length
              if (n) {
                colleagues = [...colleagues.filter((c) => c.assessorId !== parsed.scores.assessorId), parsed.scores]
                await storage.set(KEYS.colleagueScores(profile.id, vacancyRef), colleagues)
              }
              const guideStep = guideFromFile(parsed.guide, await loadGuide(storage, profile.id, vacancyRef, criteria), criteria, from)
              if (guideStep.kind === "adopt") await storage.set(KEYS.reviewGuide(profile.id, vacancyRef), guideStep.guide)
              render()
              const scoresText = n ? `Imported ${n} score${n === 1 ? "" : "s"} from ${from}.` : guideStep.kind === "none" ? "This file holds no scores: nothing was imported." : "The file holds no scores."
              const message = [scoresText, "message" in guideStep ? guideStep.message : ""].filter(Boolean).join(" ")
              const done = overlay?.body.querySelector("[data-testid=fs-summary-message]")
              if (done) done.textContent = message
              if (guideStep.kind === "differs") showGuideChoice(from, guideStep.theirs, guideStep.differences)
            } }),            status,
            choiceArea,
          ),
        ))
    }

    /** A colleague's file carries a review guide that differs from this browser's: the user keeps theirs or takes the colleague's. */
    const choiceArea = h("div", { "data-testid": "fs-guide-choice-area" })
    const showGuideChoice = (from: string, theirs: ReviewGuide, differences: GuideDifference[]) => {
      const say = (text: string) => {
        const el = overlay?.body.querySelector<HTMLElement>("[data-testid=fs-summary-message]")
        if (el) el.textContent = text
        replaceChildren(choiceArea)
        overlay?.body.querySelector<HTMLElement>("[data-testid=fs-import-scores]")?.focus()
      }
      const choice = guideChoice({
        title: `The review guide in ${from}'s file differs from yours`,
        theirsLabel: from, differences, scale,
        onKeep: () => say(`Kept your review guide; ${from}'s was not imported.`),
        onTake: async () => {
          await storage.set(KEYS.reviewGuide(profile.id, vacancyRef), theirs)
          say(`Now using ${from}'s review guide for ${criteriaPhrase(Object.keys(theirs.criteria).length)}.`)
        },
      })
      replaceChildren(choiceArea, choice.el)
      choice.focus()
    }

    /** Shortlister sync: share fully scored applicants that changed, then take colleagues' latest scores. */
    const share = async (mine: readonly Score[]) => {
      syncing = true
      render()
      try {
        const scoredApplicants = new Map<string, Score[]>()
        for (const id of [...records.keys()]) {
          if (scoringState(records.get(id), criteria) === "scored") scoredApplicants.set(id, mine.filter((s) => s.applicantId === id))
        }
        const state = await storage.get<SharedState>(KEYS.shortlistShared(profile.id, vacancyRef), {})
        const r = await shareAndFetch(SYNC, { reference: vacancyRef, profileId: profile.id, scaleId: scale.id, name: assessorName || "Shortlister", scoredApplicants, state })
        await storage.set(KEYS.shortlistShared(profile.id, vacancyRef), r.state)
        // Synced colleagues replace what came from them before; imported files from others stay.
        const synced = new Set(r.colleagues.map((c) => c.assessorId))
        colleagues = [...colleagues.filter((c) => !synced.has(c.assessorId)), ...r.colleagues]
        await storage.set(KEYS.colleagueScores(profile.id, vacancyRef), colleagues)
        syncNote = shareSummary(r)
      } catch (e) {
        syncNote = `Could not sync: ${(e as Error).message}`
      } finally {
        syncing = false
        if (!signal.aborted) render()
      }
    }

    storage.onChanged(`${KEYS.scoresPrefix(profile.id, vacancyRef)}*`, (_k, v) => {
      const r = v as ApplicantRecord | undefined
      if (r) records.set(r.applicantId, r)
      schedule()
    }, signal)
    storage.onChanged(KEYS.criteria(profile.id, vacancyRef), (_k, v) => {
      criteria = (v as PageCriterion[] | undefined) ?? criteria
      schedule()
    }, signal)
  },
})

function criterionText(criteria: readonly PageCriterion[], id: string): string {
  const t = criteria.find((c) => c.id === id)?.text ?? id
  return t.length > 60 ? `${t.slice(0, 57)}...` : t
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60)
}

export function csv(ids: readonly string[], criteria: readonly PageCriterion[], records: Map<string, ApplicantRecord>, colleagues: readonly ScoreExport[], scale: Scale): string {
  const rows: Array<Array<string | number>> = [["applicant", "assessor", "criterion kind", "criterion", "level", "anchor", "evidence note"]]
  for (const id of ids) {
    const r = records.get(id)
    for (const c of criteria) {
      const s = r?.scores[c.id]
      rows.push([id, r?.assessorId ?? "", c.kind, c.text, s ? s.level : "", s ? scale.levels.find((l) => l.level === s.level)?.descriptor ?? "" : "", s?.note ?? ""])
    }
    for (const col of colleagues) {
      for (const s of col.scores.filter((x) => x.applicantId === id)) {
        const c = criteria.find((x) => x.id === s.criterionId)
        rows.push([id, assessorLabel(col), c?.kind ?? "", c?.text ?? s.criterionId, s.level, scale.levels.find((l) => l.level === s.level)?.descriptor ?? "", s.note])
      }
    }
  }
  return toCsv(rows)
}

/** The shortlisting record for the file (shared/src/records.ts), from everything this browser holds. */
export function printableRecord(system: string, vacancy: VacancyFacts, scale: Scale, criteria: readonly PageCriterion[], ids: readonly string[], records: Map<string, ApplicantRecord>, colleagues: readonly ScoreExport[], reasons: Record<string, RecordedReason[]>, decisions: Record<string, SeenDecision>, profileId: string, vacancyRef: string, ownName = "", guide: ReviewGuide | null = null): string {
  const own = new Map<string, { scores: Score[]; scoredAt: Record<string, string> }>()
  for (const id of ids) {
    const r = records.get(id)
    if (!r) continue
    const a = own.get(r.assessorId) ?? { scores: [], scoredAt: {} }
    a.scores.push(...recordToScores(r, criteria))
    a.scoredAt[id] = r.updatedAt
    own.set(r.assessorId, a)
  }
  const assessors = [
    ...[...own].map(([assessorId, a]) => ({ assessorId, name: ownName, scores: a.scores, scoredAt: a.scoredAt })),
    ...colleagues.filter((c) => !own.has(c.assessorId)).map((c) => ({
      assessorId: c.assessorId,
      name: c.assessorName,
      scores: c.scores.filter((s) => ids.includes(s.applicantId)),
      scoredAt: c.exportedAt ? Object.fromEntries(c.scores.map((s) => [s.applicantId, c.exportedAt!])) : undefined,
    })),
  ]
  return recordHtml(shortlistingRecord({
    system,
    vacancy: { reference: vacancyRef, jobTitle: vacancy.jobTitle, band: vacancy.band, closingDate: vacancy.closingDate },
    scale,
    criteria: toCriteria(criteria),
    applicantIds: ids,
    decisions: Object.fromEntries(Object.entries(decisions).map(([id, d]) => [id, { decision: d.decision, seenAt: d.seenAt }])),
    guaranteedInterview: Object.fromEntries(Object.entries(decisions).map(([id, d]) => [id, d.guaranteedInterview])),
    assessors,
    reasons: Object.fromEntries(ids.map((id) => [id, reasons[KEYS.reasons(profileId, vacancyRef, id)] ?? []])),
    reviewGuide: guide,
    generatedAt: new Date().toISOString(),
  }))
}

function download(filename: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement("a")
  a.href = url
  a.download = filename
  a.style.display = "none"
  document.documentElement.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
