/**
 * The guaranteed-interview fact as the shortlisting overlay sends it: from the host decisions seen
 * in this browser and this browser's scores, the vacancy's two counts (shared/src/guaranteedInterview.ts),
 * handed to the background only when they differ from what was last handed over, after the page
 * has settled (a list renders row by row; a decision is clicked through several values).
 * No zod, no chrome API: unit-tested in Node with the timers and storage passed in.
 */
import { countGuaranteedInterviews, type GuaranteedInterviewCounts } from "@fair-shortlist/shared/guaranteedInterview"

/** One applicant's decision as the consistency checks remember it (their SeenDecision). */
export interface SeenForCount {
  decision: "shortlisted" | "rejected" | "undecided"
  guaranteedInterview: boolean
}

/**
 * Counts over every applicant seen. `meetsEssential` answers from the scores: true when every
 * essential criterion is scored as met, false when one is not, null when not all are scored (or no
 * essential criteria are known), which leaves the applicant out until it is known.
 */
export function guaranteedInterviewCounts(seen: Readonly<Record<string, SeenForCount>>, meetsEssential: (applicantId: string) => boolean | null): GuaranteedInterviewCounts {
  return countGuaranteedInterviews(Object.entries(seen).map(([id, d]) => ({
    guaranteedInterview: d.guaranteedInterview,
    // Scores are looked at only for applicants under the scheme.
    meetsEssential: d.guaranteedInterview ? meetsEssential(id) : null,
    decision: d.decision,
  })))
}

/**
 * Whether these counts are news: different from the last ones handed over. Before anything was
 * sent, 0 of 0 is no news (a vacancy with nobody eligible under the scheme yet says nothing); after
 * a send, a fall to 0 is (a decision undone corrects the figure).
 */
export function countsChanged(current: GuaranteedInterviewCounts, lastSent: GuaranteedInterviewCounts | undefined): boolean {
  if (!lastSent) return current.eligible > 0
  return current.eligible !== lastSent.eligible || current.interviewed !== lastSent.interviewed
}

export interface ReporterDeps {
  compute(): GuaranteedInterviewCounts
  loadSent(): Promise<GuaranteedInterviewCounts | undefined>
  /** undefined: nothing sent (forget). */
  saveSent(counts: GuaranteedInterviewCounts | undefined): Promise<void>
  /** Hand to the background (which keys and queues it); true when it was accepted. */
  send(counts: GuaranteedInterviewCounts, recordedAt: string): Promise<boolean>
  now(): Date
  delayMs: number
  signal: AbortSignal
}

/** `schedule()` after anything that may change the counts; one send per settled change. */
export function createGuaranteedInterviewReporter(deps: ReporterDeps): { schedule(): void; flushed(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> = Promise.resolve()
  deps.signal.addEventListener("abort", () => clearTimeout(timer))
  const run = async () => {
    const current = deps.compute()
    const before = await deps.loadSent()
    if (!countsChanged(current, before) || deps.signal.aborted) return
    // Remembered before the hand-over: once the background has the message its outbox keeps it,
    // even if this page is reloaded before the answer comes back (which would otherwise send the
    // same counts again). A refusal (no organisation secret yet) puts the old value back, so the
    // next change or visit tries again.
    await deps.saveSent(current)
    if (!(await deps.send(current, deps.now().toISOString()))) await deps.saveSent(before)
  }
  return {
    schedule() {
      if (deps.signal.aborted) return
      clearTimeout(timer)
      timer = setTimeout(() => {
        running = running.then(run).catch(() => undefined)
      }, deps.delayMs)
    },
    flushed: () => running,
  }
}
