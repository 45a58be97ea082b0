/**
 * Bodies of the panel-check, scoring-fact, guaranteed-interview and panel-sync messages, validated in the background
 * (the content scripts build no zod schema). The vacancy reference arrives as text and is turned
 * into a key here, where the organisation secret lives.
 */
import * as z from "zod";
import { PanelOutcomeSchema, RecordedAtSchema, ScoringStageSchema, IsoDateSchema } from "@fair-shortlist/shared/schemas/api";
import { GuaranteedInterviewCountsSchema } from "@fair-shortlist/shared/schemas/wdes2";
import { SYNC_CHANNELS } from "./panelSync";
import { ReviewGuideSchema } from "@fair-shortlist/shared/schemas/reviewGuide";
import type { ReviewGuide } from "@fair-shortlist/shared/reviewGuide";

const reference = z.string().trim().min(1, "the vacancy reference is missing").max(200);

export const PanelCheckDraftSchema = z.strictObject({ reference, recordedAt: RecordedAtSchema, panel: PanelOutcomeSchema });
export type PanelCheckDraft = z.infer<typeof PanelCheckDraftSchema>;

export const ScoringFactDraftSchema = z.strictObject({ reference, stage: ScoringStageSchema, completed: z.boolean() });
export type ScoringFactDraft = z.infer<typeof ScoringFactDraftSchema>;

export const GuaranteedInterviewDraftSchema = z.strictObject({ reference, recordedAt: RecordedAtSchema, counts: GuaranteedInterviewCountsSchema });
export type GuaranteedInterviewDraft = z.infer<typeof GuaranteedInterviewDraftSchema>;

/** What one assessor's entry holds (encrypted before it leaves the browser). */
export const SyncedEntrySchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  scores: z.record(
    z.string().max(60),
    z.strictObject({ level: z.number().int().min(0).max(10), note: z.string().max(5000) }),
  ),
  submittedAt: z.number().int().positive(),
});
export type SyncedEntry = z.infer<typeof SyncedEntrySchema>;

const slot = { reference, channel: z.enum(SYNC_CHANNELS), subject: z.string().trim().min(1).max(200) };
export const SyncSubmitDraftSchema = z.strictObject({
  ...slot,
  revision: z.number().int().min(1).max(100),
  closingDate: IsoDateSchema.optional(),
  entry: SyncedEntrySchema,
});
export type SyncSubmitDraft = z.infer<typeof SyncSubmitDraftSchema>;
export const SyncReadDraftSchema = z.strictObject(slot);
export type SyncReadDraft = z.infer<typeof SyncReadDraftSchema>;
export const SyncDeleteDraftSchema = z.strictObject({ reference });
export type SyncDeleteDraft = z.infer<typeof SyncDeleteDraftSchema>;

/** The recruiting manager publishes the vacancy's review guide (encrypted here, a revision of its own kind). */
export const GuidePublishDraftSchema = z.strictObject({ reference, closingDate: IsoDateSchema.optional(), guide: ReviewGuideSchema });
export type GuidePublishDraft = z.infer<typeof GuidePublishDraftSchema>;
export const GuideFetchDraftSchema = z.strictObject({ reference });
export type GuideFetchDraft = z.infer<typeof GuideFetchDraftSchema>;

/** A colleague's synced entry as the background decrypted it (entry null: it did not open). */
export interface DecryptedEntry {
  assessorId: string;
  revision: number;
  /** When the Worker received it. */
  receivedAt: string;
  entry: SyncedEntry | null;
}

export interface FetchedGuide {
  /** This browser published it. */
  mine: boolean;
  revision: number;
  /** When the Worker received this revision. */
  publishedAt: string;
  /** Null when it does not open as a guide (another organisation secret, or not a guide). */
  guide: ReviewGuide | null;
}
