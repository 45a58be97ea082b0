/**
 * What the analyst can map a cell value to, per field: shared by the counting (importer.ts, in
 * the Web Worker) and the preview (ui.ts, on the page) without pulling the counting code into
 * the page's bundle.
 */
import type { StageOutcome } from "@fair-shortlist/shared/stages";

/** Cell values the analyst maps once per file. */
export const VALUE_FIELDS = ["stage", "staffGroup", "band", "closingDate", "ethnicity", "disability"] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/** What a stage can be mapped to: an outcome, or "leave these rows out" (said, and counted as left out). */
export type StageChoice = StageOutcome | "leaveOut";

/** The meanings a stage can be given in the preview, as [value, words]. */
export const STAGE_CHOICES: ReadonlyArray<readonly [StageChoice, string]> = [
  ["notShortlisted", "not shortlisted"],
  ["shortlisted", "shortlisted (not appointed)"],
  ["appointed", "appointed"],
  ["offerDeclined", "offer declined (left out)"],
  ["withdrawn", "withdrawn (left out)"],
  ["leaveOut", "leave these rows out"],
];
