/**
 * Messages to the background service worker: names, bodies and answers. The content scripts,
 * popup and options page call `sendToBackground`; the worker routes each name to its handler in
 * background/messages/<name>.ts. Bodies are validated there with strict schemas (outcomeDraft.ts).
 */
// Types only from the schema modules: the overlay's content script imports this file, and it
// must not build the API's zod schemas at page load (docs/extension.md).
import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import type { OutboxStatus, SubmissionState } from "./outbox";
import type { OutcomeDraft } from "./outcomeDraft";
import type { PanelPolicy } from "@fair-shortlist/shared/panelPolicy";
import type { QuestionTemplate } from "../interview/scoringSession";
import type { DecryptedEntry, FetchedGuide, GuaranteedInterviewDraft, GuideFetchDraft, GuidePublishDraft, PanelCheckDraft, ScoringFactDraft, SyncDeleteDraft, SyncReadDraft, SyncSubmitDraft, SyncedEntry } from "./syncDrafts";

export type { SyncedEntry } from "./syncDrafts";
export type { DecryptedEntry, FetchedGuide } from "./syncDrafts";
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";

export type { OutcomeDraft } from "./outcomeDraft";

export type Failure = { ok: false; error: string; issues?: Array<{ path: string; message: string }> };

export interface SyncStatusAnswer {
  ok: true;
  status: OutboxStatus;
  /** Why nothing can be sent (settings missing), in words. */
  settingsProblem?: string;
}

export interface Messages {
  previewOutcome: { body: OutcomeDraft; answer: { ok: true; payload: OutcomeSubmission } | Failure };
  queueOutcome: {
    body: OutcomeDraft;
    answer:
      | { ok: true; payload: OutcomeSubmission; submission: SubmissionState; delivered: boolean; message: string; status: OutboxStatus }
      | Failure;
  };
  /** Where one vacancy's submission stands: queued, delivered, or rejected with the API's reason. */
  getSubmissionState: { body: { vacancyKey: string }; answer: { ok: true; submission: SubmissionState } | Failure };
  /** The user has dealt with a rejected submission: stop showing it. */
  dismissRejected: { body: { vacancyKey: string }; answer: { ok: true; status: OutboxStatus } | Failure };
  syncNow: { body: Record<string, never>; answer: { ok: true; attempted: number; delivered: number; rejected: number; status: OutboxStatus } | Failure };
  getSyncStatus: { body: Record<string, never>; answer: SyncStatusAnswer | Failure };
  /** The organisation's panel policy, validated (managed wins over local; the default preset when unset). */
  getPanelPolicy: { body: Record<string, never>; answer: { ok: true; policy: PanelPolicy; /** The trust's e-mail domains (empty: unset). */ internalEmailDomains: string[] } | Failure };
  /** A question set the interview overlay wants to save as a template, validated. */
  checkQuestionTemplate: { body: unknown; answer: { ok: true; template: QuestionTemplate } | Failure };
  /** The chair recorded the panel check: its yes/no per rule is keyed and queued from this browser. */
  recordPanelCheck: { body: PanelCheckDraft; answer: FactAnswer };
  /** Structured scoring was used (and completed) at a stage: queued from this browser. */
  recordScoringFact: { body: ScoringFactDraft; answer: FactAnswer };
  /** The shortlisting decisions' guaranteed-interview counts for a vacancy changed: queued from this browser (two counts, never who). */
  recordGuaranteedInterview: { body: GuaranteedInterviewDraft; answer: FactAnswer };
  /** Whether trust IT switched panel sync on. */
  panelSyncEnabled: { body: Record<string, never>; answer: { ok: true; enabled: boolean } | Failure };
  /** Encrypt and send this assessor's submitted entry for one item (candidate). */
  panelSyncSubmit: { body: SyncSubmitDraft; answer: { ok: true; assessorId: string; revision: number } | (Failure & { status?: number }) };
  /** Every entry for the item, decrypted; refused by the Worker until this assessor has submitted. */
  panelSyncRead: { body: SyncReadDraft; answer: { ok: true; you: string; entries: DecryptedEntry[] } | (Failure & { notSubmitted?: boolean }) };
  /** The vacancy's published review guide, decrypted and checked as a guide (null: none published). Readable before submitting anything. */
  reviewGuideFetch: { body: GuideFetchDraft; answer: { ok: true; guide: FetchedGuide | null } | Failure };
  /** Publish this browser's review guide as the vacancy's next revision (refused when another browser is its author). */
  reviewGuidePublish: { body: GuidePublishDraft; answer: { ok: true; revision: number; status: "created" | "replaced" | "unchanged" } | (Failure & { status?: number; otherAuthor?: boolean }) };
  /** Delete every synced entry of the vacancy. */
  panelSyncDelete: { body: SyncDeleteDraft; answer: { ok: true; deleted: number } | Failure };
  /** A profile the studio loads from a file, validated as the options page's import validates it. */
  checkSiteProfile: { body: { profile: unknown }; answer: { ok: true; profile: SiteProfile } | Failure };
  /** The studio's Save: validated, kept with the imported profiles, registered for its allowed hosts. */
  saveSiteProfile: { body: { profile: unknown }; answer: { ok: true; profile: SiteProfile; message: string; missing: string[] } | Failure };
  /** The popup opens the profile studio in a tab (its bundle is injected on demand). */
  openStudio: { body: { tabId: number }; answer: { ok: true } | Failure };
  /** The overlay needs a screen's features: their group's bundle is injected into the sender's document (lib/featureBundles.ts). */
  /** group: a feature group (lib/featureBundles.ts); the handler refuses any other text. */
  loadFeatures: { body: { group: string }; answer: { ok: true } | Failure };
  /** The studio was closed in the sender's tab. */
  closeStudio: { body: Record<string, never>; answer: { ok: true } | Failure };
}

export type FactAnswer = { ok: true; vacancyKey: string; delivered: boolean; message: string } | Failure;
export type MessageName = keyof Messages;

export interface Envelope<N extends MessageName = MessageName> {
  fairShortlist: 1;
  name: N;
  body: Messages[N]["body"];
}

export function isEnvelope(m: unknown): m is Envelope {
  return !!m && typeof m === "object" && (m as Envelope).fairShortlist === 1 && typeof (m as Envelope).name === "string";
}

export async function sendToBackground<N extends MessageName>(name: N, body: Messages[N]["body"]): Promise<Messages[N]["answer"]> {
  const envelope: Envelope<N> = { fairShortlist: 1, name, body };
  try {
    const answer = await chrome.runtime.sendMessage(envelope);
    if (answer === undefined) return { ok: false, error: "The extension's background service did not answer. Try again." } as Messages[N]["answer"];
    return answer as Messages[N]["answer"];
  } catch (e) {
    return { ok: false, error: `The extension's background service is not reachable (${(e as Error).message}). Reload the page and try again.` } as Messages[N]["answer"];
  }
}
