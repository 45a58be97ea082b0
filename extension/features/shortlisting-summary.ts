/**
 * Shortlisting summary for the vacancy, on the applicants list: "7 of 23 scored", the score
 * distribution, unscored applicants, outliers between shortlisters (from colleagues' exported
 * scores), and downloads for the recruitment file: a printable record (HTML) and CSV.
 * Built from this browser's records only; nothing is sent anywhere.
 */
import { divergence, outliersBetweenAssessors, scoreDistribution, totals, type Scale, type Score } from "@fair-shortlist/shared/scoring"
import { h, replaceChildren, uid } from "~lib/dom"
import { defineFeature } from "~lib/feature"
import { mountOverlay, overlaysNear, type Overlay } from "~lib/overlayHost"
import { readCount, readValue, readVacancy, type PageCriterion, type VacancyFacts } from "~lib/profileRead"
import {
  OWN_LABEL, assessorLabel, loadAssessor, loadAssessorName, loadCriteria, loadScale, loadVacancyRecords, parseExport, progressText, recordToScores, scoringState, toCriteria, toCsv,
  type ApplicantRecord, type ScoreExport,
} from "~lib/shortlisting"
import { KEYS } from "~lib/storage"
import type { RecordedReason } from "./consistency-checks"

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
    const [scale, assessorId, assessorName] = await Promise.all([loadScale(storage), loadAssessor(storage), loadAssessorName(storage)])
    let criteria = await loadCriteria(storage, profile.id, vacancyRef)
    const records = await loadVacancyRecords(storage, profile.id, vacancyRef)
    let colleagues = await storage.get<ScoreExport[]>(KEYS.colleagueScores(profile.id, vacancyRef), [])
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
      const diverging = assessors.length > 1 ? divergence(all) : []
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
                    ? h("p", null, `${diverging.length} scores differ by ${2} or more levels between shortlisters: talk them through before deciding (${diverging.slice(0, 5).map((d) => `${d.applicantId}: ${criterionText(criteria, d.criterionId)}`).join("; ")}${diverging.length > 5 ? "; ..." : ""}).`)
                    : h("p", null, "No score differs by 2 or more levels between shortlisters."))
              : h("p", null, "To compare with other shortlisters, ask each to use \"Export my scores\" and import the files here."),
            h("div", { class: "fs-row fs-no-print" },
              h("button", { type: "button", class: "fs-button", "data-testid": "fs-download-csv", onclick: () => download(`shortlisting-${safeName(vacancyRef)}.csv`, "text/csv", csv(ids, criteria, records, colleagues, scale)) }, "Download CSV"),
              h("button", { type: "button", class: "fs-button", "data-testid": "fs-download-record", onclick: async () => {
                const reasons = await storage.getByPrefix<RecordedReason[]>(KEYS.reasonsPrefix(profile.id, vacancyRef))
                download(`shortlisting-record-${safeName(vacancyRef)}.html`, "text/html", printableRecord(profile.name, vacancy, scale, criteria, ids, records, reasons, profile.id, vacancyRef))
              } }, "Download printable record"),
              h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-export-scores", onclick: () => {
                const data: ScoreExport = { format: "fair-shortlist/scores@1", profileId: profile.id, vacancyRef, assessorId, ...(assessorName ? { assessorName } : {}), scaleId: scale.id, scores: mine }
                download(`scores-${safeName(vacancyRef)}-${safeName(assessorName || "shortlister")}-${assessorId.slice(-6)}.json`, "application/json", JSON.stringify(data, null, 2))
              } }, "Export my scores"),
            ),
            h("label", { for: fileId, class: "fs-no-print" }, "Import a colleague's exported scores"),
            h("input", { type: "file", id: fileId, accept: "application/json,.json", class: "fs-no-print", "data-testid": "fs-import-scores", onchange: async (ev: Event) => {
              const file = (ev.target as HTMLInputElement).files?.[0]
              if (!file) return
              const parsed = parseExport(await file.text(), profile.id, vacancyRef, assessorId)
              if (typeof parsed === "string") { status.textContent = parsed; return }
              colleagues = [...colleagues.filter((c) => c.assessorId !== parsed.assessorId), parsed]
              await storage.set(KEYS.colleagueScores(profile.id, vacancyRef), colleagues)
              render()
              const done = overlay?.body.querySelector("[data-testid=fs-summary-message]")
              if (done) done.textContent = `Imported ${parsed.scores.length} score${parsed.scores.length === 1 ? "" : "s"} from ${assessorLabel(parsed)}.`
            } }),
            status,
          ),
        ))
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

/** A self-contained HTML record, built with DOM APIs so page text is escaped, never markup. */
export function printableRecord(system: string, vacancy: VacancyFacts, scale: Scale, criteria: readonly PageCriterion[], ids: readonly string[], records: Map<string, ApplicantRecord>, reasons: Record<string, RecordedReason[]>, profileId: string, vacancyRef: string): string {
  const doc = document.implementation.createHTMLDocument(`Shortlisting record ${vacancyRef}`)
  const style = doc.createElement("style")
  style.textContent = "body{font-family:Arial,sans-serif;color:#212b32;margin:24px}h1{font-size:24px}h2{font-size:19px;margin-top:24px}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border:1px solid #d8dde0;padding:4px;text-align:left;vertical-align:top}@media print{h2{break-before:auto}tr{break-inside:avoid}}"
  doc.head.append(style)
  const el = (tag: string, text?: string, ...children: Node[]) => {
    const e = doc.createElement(tag)
    if (text !== undefined) e.textContent = text
    e.append(...children)
    return e
  }
  const t = totals(toCriteria(criteria), ids.flatMap((id) => recordToScores(records.get(id), criteria)))
  doc.body.append(
    el("h1", `Shortlisting record: ${vacancy.jobTitle ?? ""} (${vacancyRef})`),
    el("p", `System: ${system}. Band: ${vacancy.band ?? "not shown"}. Closing date: ${vacancy.closingDate ?? "not shown"}. Scale: ${scale.name}. Generated ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by Fair Shortlist.`),
    el("h2", "Person specification"),
    el("ol", undefined, ...criteria.map((c) => el("li", `${c.kind === "essential" ? "Essential" : "Desirable"}: ${c.text}`))),
    el("h2", "Scores"),
  )
  const table = el("table")
  const head = el("tr", undefined, el("th", "Applicant"), ...criteria.map((_c, i) => el("th", `C${i + 1}`)), el("th", "Total"), el("th", "Evidence notes"), el("th", "Decision reasons"))
  table.append(el("thead", undefined, head))
  const body = el("tbody")
  for (const id of ids) {
    const r = records.get(id)
    const total = t.find((x) => x.applicantId === id)
    const notes = criteria.map((c, i) => (r?.scores[c.id]?.note ? `C${i + 1}: ${r.scores[c.id]!.note}` : "")).filter(Boolean).join("\n")
    const why = (reasons[KEYS.reasons(profileId, vacancyRef, id)] ?? []).map((x) => `${x.decision}: ${x.reason}`).join("\n")
    const notesCell = el("td", notes)
    notesCell.style.whiteSpace = "pre-wrap"
    const whyCell = el("td", why)
    whyCell.style.whiteSpace = "pre-wrap"
    body.append(el("tr", undefined, el("td", id), ...criteria.map((c) => el("td", r?.scores[c.id] ? String(r.scores[c.id]!.level) : "-")), el("td", total ? `${total.total}${total.complete ? "" : " (incomplete)"}` : "not scored"), notesCell, whyCell))
  }
  table.append(body)
  doc.body.append(table)
  return "<!doctype html>\n" + doc.documentElement.outerHTML
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
