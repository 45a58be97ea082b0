/**
 * Shortlister sync (opt-in, trust IT's `panelSync` policy): each shortlister's scores for an
 * applicant leave the browser only encrypted under a key derived from the organisation secret and
 * the vacancy reference (background/panelSync.ts), one entry per applicant on the "shortlisting"
 * channel. The Worker releases colleagues' entries for an applicant only to a shortlister who has
 * submitted their own for that applicant, and never lets a submitted revision be replaced: a
 * change after sharing goes up as the next revision, which colleagues see as such.
 *
 * The pure part (what is sent, what changed, what came back) is here with an injected `send`,
 * so it is unit-tested without a browser; the summary panel calls `shareAndFetch`.
 */
import type { Score } from "@fair-shortlist/shared/scoring"
import type { ScoreExport } from "./shortlisting"

/** One applicant's scores as sent (encrypted) to colleagues: criterion id -> level and note. */
export interface ShortlistEntry {
  name: string
  scores: Record<string, { level: number; note: string }>
  submittedAt: number
}

/** What this browser last shared per applicant: its revision and a digest of what it held. */
export type SharedState = Record<string, { revision: number; digest: string }>

type Answer<T> = ({ ok: true } & T) | { ok: false; error: string; status?: number; notSubmitted?: boolean }
export interface SyncSend {
  submit(d: { reference: string; channel: "shortlisting"; subject: string; revision: number; entry: ShortlistEntry }): Promise<Answer<{ revision: number }>>
  read(d: { reference: string; channel: "shortlisting"; subject: string }): Promise<Answer<{ you: string; entries: ReadonlyArray<{ assessorId: string; revision: number; entry: ShortlistEntry | null }> }>>
}

/** A stable digest of one applicant's scores (criterion order does not matter). */
export function digestOf(scores: readonly Score[]): string {
  return JSON.stringify([...scores].sort((a, b) => a.criterionId.localeCompare(b.criterionId)).map((s) => [s.criterionId, s.level, s.note]))
}

export interface ShareResult {
  shared: number
  revised: number
  unchanged: number
  /** Colleagues' scores per colleague (their sync id), latest revision of each applicant. */
  colleagues: ScoreExport[]
  unreadable: number
  problems: string[]
  state: SharedState
}

/**
 * Share every fully scored applicant that changed since it was last shared (revision + 1), then
 * fetch colleagues' entries for every applicant this browser has shared. Applicants scored only in
 * part are not shared: a colleague comparing with half a score would be misled.
 */
export async function shareAndFetch(
  send: SyncSend,
  o: { reference: string; profileId: string; scaleId: string; name: string; scoredApplicants: ReadonlyMap<string, readonly Score[]>; state: SharedState; now?: () => number },
): Promise<ShareResult> {
  const state: SharedState = { ...o.state }
  const problems: string[] = []
  let shared = 0
  let revised = 0
  let unchanged = 0
  const now = o.now ?? Date.now
  for (const [applicantId, scores] of o.scoredApplicants) {
    const digest = digestOf(scores)
    const held = state[applicantId]
    if (held && held.digest === digest) {
      unchanged++
      continue
    }
    let revision = held ? held.revision + 1 : 1
    const entry: ShortlistEntry = { name: o.name, scores: Object.fromEntries(scores.map((s) => [s.criterionId, { level: s.level, note: s.note }])), submittedAt: now() }
    let r = await send.submit({ reference: o.reference, channel: "shortlisting", subject: applicantId, revision, entry })
    // This browser lost what it had shared (storage cleared): the server holds that revision already.
    for (let tries = 0; !r.ok && r.status === 409 && tries < 5; tries++) {
      revision += 1
      r = await send.submit({ reference: o.reference, channel: "shortlisting", subject: applicantId, revision, entry })
    }
    if (!r.ok) {
      problems.push(`${applicantId}: ${r.error}`)
      continue
    }
    state[applicantId] = { revision, digest }
    if (revision > 1) revised++
    else shared++
  }
  const byColleague = new Map<string, ScoreExport>()
  let unreadable = 0
  for (const applicantId of Object.keys(state)) {
    const r = await send.read({ reference: o.reference, channel: "shortlisting", subject: applicantId })
    if (!r.ok) {
      problems.push(`${applicantId}: ${r.error}`)
      continue
    }
    const latest = new Map<string, { revision: number; entry: ShortlistEntry }>()
    for (const e of r.entries) {
      if (e.assessorId === r.you) continue
      if (!e.entry) {
        unreadable++
        continue
      }
      const h = latest.get(e.assessorId)
      if (!h || e.revision > h.revision) latest.set(e.assessorId, { revision: e.revision, entry: e.entry })
    }
    for (const [assessorId, { entry }] of latest) {
      const c = byColleague.get(assessorId) ?? { format: "fair-shortlist/scores@1" as const, profileId: o.profileId, vacancyRef: o.reference, assessorId, assessorName: entry.name, scaleId: o.scaleId, exportedAt: new Date(entry.submittedAt).toISOString(), scores: [] }
      for (const [criterionId, s] of Object.entries(entry.scores)) c.scores.push({ assessorId, applicantId, criterionId, level: s.level, note: s.note })
      byColleague.set(assessorId, c)
    }
  }
  return { shared, revised, unchanged, colleagues: [...byColleague.values()], unreadable, problems, state }
}

/** One sentence for the summary panel. */
export function shareSummary(r: ShareResult): string {
  const parts: string[] = []
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`
  if (r.shared) parts.push(`shared ${n(r.shared, "applicant's scores", "applicants' scores")}`)
  if (r.revised) parts.push(`sent ${n(r.revised, "revision", "revisions")} (colleagues see that you changed scores after sharing)`)
  if (!r.shared && !r.revised) parts.push(r.unchanged ? "nothing new to share" : "no applicant is fully scored yet, so nothing was shared")
  const people = r.colleagues.length
  parts.push(people ? `received scores from ${n(people, "colleague", "colleagues")}` : "no colleague has shared scores for the applicants you shared yet")
  let text = `Synced through your organisation's server (encrypted): ${parts.join("; ")}.`
  if (r.unreadable) text += ` ${n(r.unreadable, "entry", "entries")} could not be decrypted (another organisation secret?).`
  if (r.problems.length) text += ` Not synced: ${r.problems.slice(0, 3).map((p) => p.replace(/\.$/, "")).join("; ")}${r.problems.length > 3 ? "; ..." : ""}.`
  return text
}
