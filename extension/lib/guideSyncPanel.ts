/**
 * Where the review guide meets panel sync on a scoring panel: a line saying whose guide is shown
 * (revision, when it was updated), the colleague's guide taken or a choice offered
 * (lib/guideSync.ts decides which), and publishing when the author saves. Only made when trust IT
 * switched panel sync on; without it the guide stays in this browser (and in exported files).
 */
import { guideAuthorLabel, guideDigest, guideTime, type ReviewGuide } from "@fair-shortlist/shared/reviewGuide"
import type { Scale } from "@fair-shortlist/shared/scoring"
import { sendToBackground } from "~background/protocol"
import { h, replaceChildren } from "./dom"
import { reconcileGuide, type GuideSyncState } from "./guideSync"
import type { PageCriterion } from "./profileRead"
import { guideChoice } from "./scoringForm"
import { loadGuide } from "./shortlisting"
import { KEYS, type Storage } from "./storage"

export interface GuideSyncPanel {
  /** The status line (and, when guides differ, the choice): put it at the top of a scoring panel. */
  el: HTMLElement
  /** Fetch the published guide and act on it. */
  refresh(): Promise<void>
  /** The guide was saved here: publish it (when this browser is its author). Returns what to tell the user. */
  publish(guide: ReviewGuide): Promise<string>
}

export function guideSyncPanel(o: { storage: Storage; profileId: string; vacancyRef: string; scale: Scale; criteria: () => PageCriterion[]; signal: AbortSignal }): GuideSyncPanel {
  // data-focus-key: a list panel redrawn after a choice puts focus back here (lib/listScoring.ts).
  const note = h("p", { class: "fs-hint", role: "status", "data-testid": "fs-guide-sync", "data-focus-key": "guide-sync" })
  const actions = h("div", null)
  const el = h("div", { class: "fs-guide-sync", "data-testid": "fs-guide-sync-area" }, note, actions)
  const stateKey = KEYS.reviewGuideSync(o.profileId, o.vacancyRef)
  const guideKey = KEYS.reviewGuide(o.profileId, o.vacancyRef)
  const say = (text: string, ...rest: Array<HTMLElement | null>) => {
    if (o.signal.aborted) return
    note.textContent = text
    replaceChildren(actions, rest)
  }

  const publish = async (guide: ReviewGuide): Promise<string> => {
    const r = await sendToBackground("reviewGuidePublish", { reference: o.vacancyRef, guide })
    if (r.ok) {
      const state: GuideSyncState = { revision: r.revision, digest: guideDigest(guide), mine: true, author: guide.author, updatedAt: guide.updatedAt }
      await o.storage.set(stateKey, state)
      say(`Your review guide is shared with colleagues (revision ${r.revision}, updated ${guideTime(guide.updatedAt)}).`)
      return r.status === "unchanged" ? `Review guide saved; colleagues already have it (revision ${r.revision}).` : `Review guide saved and shared with colleagues as revision ${r.revision}.`
    }
    if ("otherAuthor" in r && r.otherAuthor) {
      await refresh()
      return "Review guide saved in this browser. It was not shared: a colleague published this vacancy's guide, and only they can change it (compare the two above)."
    }
    const text = `Review guide saved in this browser. Not shared: ${r.error}`
    say(text)
    return text
  }

  const refresh = async () => {
    const criteria = o.criteria()
    if (!criteria.length) return
    const [local, state, r] = await Promise.all([
      loadGuide(o.storage, o.profileId, o.vacancyRef, criteria),
      o.storage.get<GuideSyncState | undefined>(stateKey, undefined),
      sendToBackground("reviewGuideFetch", { reference: o.vacancyRef }),
    ])
    if (o.signal.aborted) return
    if (!r.ok) return say(`The review guide shared for this vacancy could not be fetched: ${r.error}`)
    const step = reconcileGuide(local, r.guide, state, criteria)
    switch (step.kind) {
      case "none":
        return say(step.note, step.canShare && local
          ? h("button", { type: "button", class: "fs-button fs-button--secondary", "data-testid": "fs-guide-share", onclick: () => void publish(local) }, "Share this review guide with colleagues")
          : null)
      case "unreadable":
      case "inSync":
        if (step.kind === "inSync") await o.storage.set(stateKey, step.state)
        return say(step.note)
      case "publish":
        if (local) await publish(local)
        return
      case "adopt":
        await o.storage.set(stateKey, step.state)
        await o.storage.set(guideKey, step.guide)
        return say(step.note)
      case "keptOwn":
        return say(step.note, h("button", { type: "button", class: "fs-link", "data-testid": "fs-guide-take", onclick: () => void take(step.theirs, step.state) }, `Use ${guideAuthorLabel(step.theirs.author)}'s review guide instead`))
      case "conflict": {
        const who = guideAuthorLabel(step.theirs.author)
        const choice = guideChoice({
          title: step.title, theirsLabel: who, differences: step.differences, scale: o.scale,
          onKeep: async () => {
            await o.storage.set(stateKey, { ...step.state, keptOwn: true })
            say(`You are using your own review guide for this vacancy, not the one ${who} shared (revision ${step.state.revision}).`)
            note.focus()
          },
          onTake: () => take(step.theirs, step.state),
        })
        say(`${step.title}: nothing has changed yet.`, choice.el)
        return
      }
    }
  }

  const take = async (theirs: ReviewGuide, state: GuideSyncState) => {
    await o.storage.set(stateKey, { ...state, keptOwn: false })
    await o.storage.set(guideKey, theirs)
    say(`Now using the review guide ${guideAuthorLabel(theirs.author)} shared (revision ${state.revision}).`)
    note.focus()
  }

  note.tabIndex = -1
  return { el, refresh, publish }
}
