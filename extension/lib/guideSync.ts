/**
 * The vacancy's review guide through panel sync (opt-in, trust IT's `panelSync` policy): the
 * recruiting manager's browser publishes it, encrypted, as the vacancy's guide; colleagues'
 * browsers fetch it and show it while they score, before they have submitted anything (the guide
 * is what they score against, not a score). background/panelSyncService.ts does the keys and the
 * calls; this decides, from what this browser holds and what was published, what happens and what
 * the user is told. A later revision from the author replaces the earlier one visibly; a guide
 * this browser wrote or took from a file is never silently replaced by a different one.
 *
 * Pure: unit-tested without a browser (tests/unit/guideSync.test.ts).
 */
import {
  criteriaPhrase, guideAuthorLabel, guideCriteriaCount, guideDifferences, guideDigest, guideTime, normaliseGuide, type GuideDifference, type ReviewGuide,
} from "@fair-shortlist/shared/reviewGuide"
import type { PageCriterion } from "./profileRead"

/** What this browser last saw of the published guide (lib/storage.ts KEYS.reviewGuideSync). */
export interface GuideSyncState {
  revision: number
  /** guideDigest of that revision's content. */
  digest: string
  /** This browser published it. */
  mine: boolean
  author: string
  updatedAt: string
  /** The user chose to keep their own guide over this revision. */
  keptOwn?: boolean
}

/** The published guide as the background hands it over (decrypted, checked as a guide; null guide: could not be opened). */
export interface PublishedGuide {
  mine: boolean
  revision: number
  publishedAt: string
  guide: ReviewGuide | null
}

export type GuideStep =
  | { kind: "none"; canShare: boolean; note: string }
  | { kind: "unreadable"; note: string }
  | { kind: "inSync"; state: GuideSyncState; note: string }
  | { kind: "adopt"; guide: ReviewGuide; state: GuideSyncState; note: string }
  | { kind: "publish" }
  | { kind: "keptOwn"; theirs: ReviewGuide; state: GuideSyncState; note: string }
  | { kind: "conflict"; theirs: ReviewGuide; state: GuideSyncState; differences: GuideDifference[]; title: string }

const short = (t: string) => (t.length > 50 ? `${t.slice(0, 47)}...` : t)

export function stateOf(p: PublishedGuide, guide: ReviewGuide): GuideSyncState {
  return { revision: p.revision, digest: guideDigest(guide), mine: p.mine, author: guide.author, updatedAt: guide.updatedAt }
}

export function reconcileGuide(local: ReviewGuide | null, published: PublishedGuide | null, state: GuideSyncState | undefined, criteria: readonly PageCriterion[]): GuideStep {
  const hasLocal = guideCriteriaCount(local) > 0
  if (!published) {
    // Taken from a colleague, then deleted from the server (or expired): this copy is theirs, not this browser's to publish.
    if (hasLocal && state && !state.mine && state.digest === guideDigest(local)) {
      return { kind: "none", canShare: false, note: `The review guide ${guideAuthorLabel(state.author)} shared (revision ${state.revision}) is no longer on your organisation's server; this browser keeps its copy.` }
    }
    return { kind: "none", canShare: hasLocal, note: hasLocal ? "Your review guide is in this browser only: colleagues do not see it yet." : "" }
  }
  const theirs = published.guide && criteria.length ? normaliseGuide(published.guide, criteria.map((c) => c.id)) : null
  if (!theirs) return { kind: "unreadable", note: "A review guide was shared for this vacancy, but it could not be opened as one (another organisation secret?), so it is not shown." }
  if (guideCriteriaCount(theirs) === 0) return { kind: "unreadable", note: "A review guide was shared for this vacancy, but for none of the criteria Fair Shortlist has seen for it, so it is not shown." }
  const next = stateOf(published, theirs)
  const who = guideAuthorLabel(theirs.author)
  const when = `revision ${published.revision}, updated ${guideTime(theirs.updatedAt)}`
  // A server handing back an older revision than this browser has seen changes nothing here.
  if (state && published.revision < state.revision && !published.mine) {
    return { kind: "inSync", state, note: `Review guide from ${guideAuthorLabel(state.author)} (revision ${state.revision}). The server offered an older revision (${published.revision}); it was ignored.` }
  }
  if (hasLocal && guideDigest(local) === next.digest) {
    return { kind: "inSync", state: next, note: published.mine ? `Your review guide is shared with colleagues (${when}).` : `Review guide from ${who}, shared through your organisation (${when}).` }
  }
  if (published.mine) return hasLocal ? { kind: "publish" } : { kind: "adopt", guide: theirs, state: next, note: `Your review guide, as you shared it (${when}).` }
  if (!hasLocal) return { kind: "adopt", guide: theirs, state: next, note: `Review guide for ${criteriaPhrase(guideCriteriaCount(theirs))} from ${who}, shared through your organisation (${when}).` }
  // What this browser holds is the revision it took from the author before: the author's new one replaces it, and says what changed.
  if (state && !state.mine && state.digest === guideDigest(local) && published.revision > state.revision) {
    const changed = guideDifferences(local, theirs, criteria)
    return {
      kind: "adopt", guide: theirs, state: next,
      note: `${who} updated the review guide: revision ${published.revision} replaces revision ${state.revision} (updated ${guideTime(theirs.updatedAt)}). Changed: ${changed.map((d) => `${d.number}. ${short(d.text)}`).join("; ") || "nothing you can see"}.`,
    }
  }
  if (state?.keptOwn && state.revision === published.revision) {
    return { kind: "keptOwn", theirs, state, note: `You are using your own review guide for this vacancy, not the one ${who} shared (revision ${published.revision}).` }
  }
  return { kind: "conflict", theirs, state: next, differences: guideDifferences(local, theirs, criteria), title: `The review guide ${who} shared for this vacancy differs from yours` }
}
