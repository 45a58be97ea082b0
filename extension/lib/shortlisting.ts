/**
 * Shortlisting records kept in the browser: one record per profile + vacancy + applicant
 * (lib/storage.ts KEYS.scores), the trust's scale, and conversions to the shared core's Score
 * list. The pure parts (no chrome.*) are unit-tested in tests/unit.
 */
import { SCALE_PRESETS, type Criterion, type Scale, type ScalePresetId, type Score } from "@fair-shortlist/shared/scoring";
import type { PageCriterion } from "./profileRead";
import { KEYS, type Storage } from "./storage";
import {
  criteriaPhrase, guideCriteriaCount, guideDifferences, guideDigest, guideFieldProblems, normaliseGuide, type GuideDifference, type ReviewGuide,
} from "@fair-shortlist/shared/reviewGuide";
import { csvField as sharedCsvField, toCsv as sharedToCsv } from "@fair-shortlist/shared/csv";
import { vacancyStorageRef } from "@fair-shortlist/shared/vacancyKey";

export const DEFAULT_SCALE_PRESET: ScalePresetId = "nhsjobs-0-3";
/** How this browser's own scores are labelled when the shortlister has set no initials. */
export const OWN_LABEL = "You";

export interface CriterionScore {
  level: number;
  note: string;
}

export interface ApplicantRecord {
  assessorId: string;
  applicantId: string;
  /** By criterion id. */
  scores: Record<string, CriterionScore>;
  updatedAt: string;
}

/** A colleague's exported scores for one vacancy, imported for comparison. */
export interface ScoreExport {
  format: "fair-shortlist/scores@1";
  profileId: string;
  vacancyRef: string;
  /** Unique per browser ("sh-..."); older exports carry the initials here. */
  assessorId: string;
  /** The shortlister's initials, for display. */
  assessorName?: string;
  scaleId: string;
  /** When the colleague exported the file (ISO); older exports have none. */
  exportedAt?: string;
  scores: Score[];
  /** The vacancy's review guide as the exporting browser held it (files from older versions have none). */
  reviewGuide?: ReviewGuide;
}

export function scaleFor(presetId: string | undefined): Scale {
  return SCALE_PRESETS[(presetId ?? DEFAULT_SCALE_PRESET) as ScalePresetId] ?? SCALE_PRESETS[DEFAULT_SCALE_PRESET];
}

export function toCriteria(criteria: readonly PageCriterion[]): Criterion[] {
  return criteria.map((c) => ({ id: c.id, text: c.text.slice(0, 1000), kind: c.kind }));
}

export function recordToScores(record: ApplicantRecord | undefined, criteria?: readonly PageCriterion[]): Score[] {
  if (!record) return [];
  const known = criteria ? new Set(criteria.map((c) => c.id)) : null;
  return Object.entries(record.scores)
    .filter(([id]) => !known || known.has(id))
    .map(([criterionId, s]) => ({ assessorId: record.assessorId, applicantId: record.applicantId, criterionId, level: s.level, note: s.note }));
}

/** "unscored" | "partly" | "scored" for one applicant against the criteria. */
export function scoringState(record: ApplicantRecord | undefined, criteria: readonly PageCriterion[]): "unscored" | "partly" | "scored" {
  const n = criteria.filter((c) => record?.scores[c.id] !== undefined).length;
  if (n === 0) return "unscored";
  return n === criteria.length ? "scored" : "partly";
}

/** "7 of 23 scored"; for a list showing some rows at a time, "2 of 300 scored (40 seen)". */
export function progressText(scored: number, seen: number, total: number | null): string {
  if (total === null || total === seen) return `${scored} of ${seen} scored`
  return `${scored} of ${total} scored (${seen} seen)`
}

export async function loadScale(storage: Storage): Promise<Scale> {
  return scaleFor(await storage.get<string>(KEYS.scalePreset, DEFAULT_SCALE_PRESET));
}

export const ASSESSOR_UID_PATTERN = /^sh-[0-9a-f]{12}$/;

/** This browser's unique shortlister id, made on first use. */
export async function loadAssessor(storage: Storage): Promise<string> {
  const held = await storage.get<string>(KEYS.assessorUid, "");
  if (ASSESSOR_UID_PATTERN.test(held)) return held;
  const id = `sh-${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await storage.set(KEYS.assessorUid, id);
  return id;
}

/** The initials the shortlister set in the options page, or "" ("me" from older versions counts as unset). */
export async function loadAssessorName(storage: Storage): Promise<string> {
  const a = (await storage.get<string>(KEYS.assessorId, "")).trim().slice(0, 60);
  return a === "me" ? "" : a;
}

/** How an assessor is shown: their initials, or the id when a file carries none. */
export function assessorLabel(e: Pick<ScoreExport, "assessorId" | "assessorName">): string {
  return e.assessorName?.trim() || e.assessorId;
}

export async function loadRecord(storage: Storage, profileId: string, vacancyRef: string, applicantId: string): Promise<ApplicantRecord | undefined> {
  return storage.get<ApplicantRecord | undefined>(KEYS.scores(profileId, vacancyRef, applicantId), undefined);
}

export async function loadVacancyRecords(storage: Storage, profileId: string, vacancyRef: string): Promise<Map<string, ApplicantRecord>> {
  const all = await storage.getByPrefix<ApplicantRecord>(KEYS.scoresPrefix(profileId, vacancyRef));
  return new Map(Object.values(all).map((r) => [r.applicantId, r]));
}

export async function loadCriteria(storage: Storage, profileId: string, vacancyRef: string): Promise<PageCriterion[]> {
  return storage.get<PageCriterion[]>(KEYS.criteria(profileId, vacancyRef), []);
}

export async function saveCriteria(storage: Storage, profileId: string, vacancyRef: string, criteria: PageCriterion[]): Promise<void> {
  const before = await loadCriteria(storage, profileId, vacancyRef);
  if (JSON.stringify(before) !== JSON.stringify(criteria)) await storage.set(KEYS.criteria(profileId, vacancyRef), criteria);
}

/** Applicant ids seen on the list, in list order (the summary counts unscored ones from here). */
export async function saveApplicantIds(storage: Storage, profileId: string, vacancyRef: string, ids: string[]): Promise<void> {
  const before = await storage.get<string[]>(KEYS.applicants(profileId, vacancyRef), []);
  if (before.length === ids.length && before.every((x, i) => x === ids[i])) return;
  await storage.set(KEYS.applicants(profileId, vacancyRef), ids);
}

/**
 * Every colleague's scores for the vacancy, wherever this browser keeps them: today the files
 * colleagues exported and this browser imported (KEYS.colleagueScores). Records and summaries
 * read colleagues only through here, so another way of receiving them lands in one place.
 */
export async function loadColleagueScores(storage: Storage, profileId: string, vacancyRef: string): Promise<ScoreExport[]> {
  return storage.get<ScoreExport[]>(KEYS.colleagueScores(profileId, vacancyRef), []);
}

/** The vacancy's review guide (validated on the way out of storage: a colleague may have written it). */
export async function loadGuide(storage: Storage, profileId: string, vacancyRef: string, criteria: readonly PageCriterion[]): Promise<ReviewGuide | null> {
  return normaliseGuide(await storage.get<unknown>(KEYS.reviewGuide(profileId, vacancyRef), null), criteria.map((c) => c.id));
}

export function newRecord(assessorId: string, applicantId: string): ApplicantRecord {
  return { assessorId, applicantId, scores: {}, updatedAt: new Date().toISOString() };
}

/** RFC 4180 CSV field (shared/src/csv.ts). Leading =,+,-,@ (numbers included) are prefixed with ' so a spreadsheet never runs page text as a formula. */
export function csvField(value: string | number): string {
  return sharedCsvField(value, { guardNumbers: true });
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return sharedToCsv(rows, { guardNumbers: true });
}

const sameVacancy = (a: string, b: string) => vacancyStorageRef(a) === vacancyStorageRef(b)

/**
 * Validates a colleague's export: same vacancy, not this browser's own, sane shape. Returns the
 * export, or what is wrong in words ("This file is your own…", "This file is for another vacancy…").
 */
export function parseExport(text: string, profileId: string, vacancyRef: string, ownId?: string): ScoreExport | string {
  const r = parseExportFile(text, profileId, vacancyRef, ownId)
  return typeof r === "string" ? r : r.scores
}

/**
 * A colleague's file: their scores (checked as parseExport does) and, untouched, the review guide
 * it carries (undefined when it has none), for guideFromFile to check against this vacancy.
 */
export function parseExportFile(text: string, profileId: string, vacancyRef: string, ownId?: string): { scores: ScoreExport; guide: unknown } | string {
  const scores = parseScores(text, profileId, vacancyRef, ownId)
  if (typeof scores === "string") return scores
  return { scores, guide: (JSON.parse(text) as { reviewGuide?: unknown }).reviewGuide }
}

function parseScores(text: string, profileId: string, vacancyRef: string, ownId?: string): ScoreExport | string {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return "This file is not a Fair Shortlist scores export (not JSON): nothing was imported."
  }
  const d = data as Partial<ScoreExport>
  if (d?.format !== "fair-shortlist/scores@1" || !Array.isArray(d.scores) || typeof d.assessorId !== "string") return "This file is not a Fair Shortlist scores export: nothing was imported."
  if (d.profileId !== profileId || typeof d.vacancyRef !== "string" || !sameVacancy(d.vacancyRef, vacancyRef)) return `This file is for another vacancy (${String(d.vacancyRef).slice(0, 60)}), not ${vacancyRef}: nothing was imported.`
  const assessorId = d.assessorId.slice(0, 60)
  if (ownId && assessorId === ownId) return "This file is your own scores export: nothing was imported."
  const scores = d.scores.filter((s): s is Score => !!s && typeof s.applicantId === "string" && typeof s.criterionId === "string" && Number.isInteger(s.level) && typeof s.note === "string")
    .map((s) => ({ assessorId, applicantId: s.applicantId.slice(0, 60), criterionId: s.criterionId.slice(0, 60), level: s.level, note: s.note.slice(0, 5000) }))
  const assessorName = typeof d.assessorName === "string" && d.assessorName.trim() ? d.assessorName.trim().slice(0, 60) : undefined
  const exportedAt = typeof d.exportedAt === "string" && !Number.isNaN(Date.parse(d.exportedAt)) ? new Date(d.exportedAt).toISOString() : undefined
  return { format: "fair-shortlist/scores@1", profileId, vacancyRef, assessorId, ...(assessorName ? { assessorName } : {}), scaleId: String(d.scaleId ?? ""), ...(exportedAt ? { exportedAt } : {}), scores }
}

/** What importing the review guide in a colleague's file does, and what the user is told. */
export type GuideImport =
  | { kind: "none" }
  | { kind: "refused"; message: string }
  | { kind: "same"; message: string }
  | { kind: "adopt"; guide: ReviewGuide; message: string }
  | { kind: "differs"; theirs: ReviewGuide; differences: GuideDifference[]; message: string }

/**
 * The review guide in a colleague's file against the one this browser holds: adopted when there
 * is none here, never silently over one that differs (the user chooses), refused whole when it has
 * fields the format does not. Only criteria of this vacancy's person specification are kept.
 */
export function guideFromFile(raw: unknown, ours: ReviewGuide | null, criteria: readonly PageCriterion[], from: string): GuideImport {
  if (raw === undefined) return { kind: "none" }
  const problems = guideFieldProblems(raw)
  if (problems.length) return { kind: "refused", message: `The review guide in this file was not imported: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; ..." : ""}.` }
  if (!criteria.length) return { kind: "refused", message: "The review guide in this file was not imported: Fair Shortlist has not seen this vacancy's person specification yet. Open a screen that shows the criteria, then import the file again." }
  const theirs = normaliseGuide(raw, criteria.map((c) => c.id))
  const offered = Object.keys((raw as { criteria: object }).criteria).length
  const n = guideCriteriaCount(theirs)
  if (!theirs || n === 0) return { kind: "refused", message: "The review guide in this file is for none of this vacancy's criteria: it was not imported." }
  const left = offered - n
  const leftOut = left > 0 ? ` (${criteriaPhrase(left)} in the file ${left === 1 ? "is" : "are"} not in this vacancy's person specification and ${left === 1 ? "was" : "were"} left out)` : ""
  if (guideCriteriaCount(ours) === 0) return { kind: "adopt", guide: theirs, message: `Imported the review guide for ${criteriaPhrase(n)} from ${from}${leftOut}.` }
  if (guideDigest(ours) === guideDigest(theirs)) return { kind: "same", message: `The review guide in ${from}'s file is the same as yours.` }
  const differences = guideDifferences(ours, theirs, criteria)
  return { kind: "differs", theirs, differences, message: `The review guide in ${from}'s file differs from yours for ${criteriaPhrase(differences.length)}: nothing was changed yet. Compare them below and keep yours or use theirs.` }
}
