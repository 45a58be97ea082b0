/**
 * Structured interview scoring, the pure part: one session per vacancy holding the question
 * set (anchored on a scale), the panellists, and each panellist's scores per candidate.
 * Scores stay in the browser (chrome.storage.local); only the feature file touches the DOM.
 *
 * Independence (docs/domain.md, Greenhouse and Lever): a panellist sees other panellists' scores for
 * a candidate only after submitting their own. Divergence of 2+ levels on a question is
 * surfaced for calibration (shared/scoringCore.ts `divergence`). Totals and ranking are the shared
 * core's (equal weights, the panel's mean per question).
 */
import { SCALE_PRESETS, descriptorFor, divergence, noteRequired, rankApplicants, type Criterion, type Divergence, type RankedApplicant, type Scale, type ScalePresetId, type Score } from "@fair-shortlist/shared/scoring";
import { lintNote, type NoteLintFinding } from "@fair-shortlist/shared/noteLint";
import { toCsv } from "@fair-shortlist/shared/csv";
import type { AgreedScore, AppointmentDecision } from "@fair-shortlist/shared/records";
import { vacancyStorageRef } from "@fair-shortlist/shared/vacancyKey";

export const DIVERGENCE_LEVELS = 2;
export const interviewSessionKey = (profileId: string, vacancyRef: string) => `interview/${profileId}/${vacancyStorageRef(vacancyRef)}`;
export const INTERVIEW_TEMPLATES_KEY = "interview.templates";

export interface Panellist {
  id: string;
  name: string;
  /** Shared-laptop mode: a salted SHA-256 of the panellist's PIN (a lock against others editing, not a vault). */
  pin?: { salt: string; hash: string };
}

export interface QuestionScore {
  level: number;
  note: string;
}

export interface PanellistEntry {
  scores: Record<string, QuestionScore>;
  submittedAt?: number;
  /** 1 (absent) for the first submission; a change after submitting is a new revision, shown as such. */
  revision?: number;
  /** Earlier submitted versions, oldest first (kept, never overwritten). */
  previous?: Array<{ scores: Record<string, QuestionScore>; submittedAt: number; revision: number }>;
}

export type ScoringMode = "ownDevice" | "sharedLaptop";

export interface InterviewSession {
  version: 1;
  scaleId: ScalePresetId;
  questions: Criterion[];
  mode?: ScoringMode;
  panellists: Panellist[];
  /** Own-device mode: which panellist this browser is. */
  me?: string;
  /** candidateId -> panellistId -> entry */
  entries: Record<string, Record<string, PanellistEntry>>;
  /** candidateId -> questionId -> the score the panel agreed at calibration (shared/src/records.ts). */
  agreed?: Record<string, Record<string, AgreedScore>>;
  /** candidateId -> the panel's decision. */
  decisions?: Record<string, { decision: AppointmentDecision; at: string; note?: string }>;
}

export interface QuestionTemplate {
  name: string;
  scaleId: ScalePresetId;
  questions: Criterion[];
}

export function newSession(scaleId: ScalePresetId = "nhsjobs-0-3"): InterviewSession {
  return { version: 1, scaleId, questions: [], panellists: [], entries: {} };
}

export function scaleOf(session: InterviewSession): Scale {
  return SCALE_PRESETS[session.scaleId] ?? SCALE_PRESETS["nhsjobs-0-3"];
}

/** FNV-1a of the text: a question keeps its id (and its scores) when others are added or reordered. */
export function questionId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `q-${(h >>> 0).toString(36)}`;
}

/** Questions from text, one per line; "(desirable)" at the end marks a desirable one. */
export function questionsFromLines(text: string): Criterion[] {
  const seen = new Set<string>();
  const out: Criterion[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/^\s*(?:\d+[.)]|[-*•])\s*/, "").trim();
    if (!line) continue;
    let kind: Criterion["kind"] = "essential";
    if (/\((desirable|d)\)\s*$/i.test(line)) {
      kind = "desirable";
      line = line.replace(/\s*\((desirable|d)\)\s*$/i, "");
    }
    line = line.slice(0, 1000);
    const id = questionId(line);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, text: line, kind });
  }
  return out;
}

/** Person-specification criteria turned into questions (same text, same kind). */
export function questionsFromCriteria(criteria: ReadonlyArray<{ text: string; kind: "essential" | "desirable" }>): Criterion[] {
  return criteria.map((c) => ({ id: questionId(c.text), text: c.text, kind: c.kind }));
}

// ------------------------------------------------------------------ panellists and PINs

export const PIN_PATTERN = /^\d{4,8}$/;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function hashPin(pin: string, salt: string = crypto.randomUUID()): Promise<{ salt: string; hash: string }> {
  if (!PIN_PATTERN.test(pin)) throw new Error("A PIN is 4 to 8 digits.");
  return { salt, hash: await sha256Hex(`${salt}:${pin}`) };
}

export async function pinMatches(panellist: Panellist, pin: string): Promise<boolean> {
  if (!panellist.pin) return true;
  return (await hashPin(pin, panellist.pin.salt).catch(() => null))?.hash === panellist.pin.hash;
}

export function panellistId(name: string, existing: readonly Panellist[]): string {
  const base = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "panellist";
  let id = base;
  for (let n = 2; existing.some((p) => p.id === id); n++) id = `${base}-${n}`;
  return id;
}

// ------------------------------------------------------------------ scoring

export function entryOf(session: InterviewSession, candidateId: string, panellist: string): PanellistEntry {
  return session.entries[candidateId]?.[panellist] ?? { scores: {} };
}

export function setScore(session: InterviewSession, candidateId: string, panellist: string, questionId: string, patch: Partial<QuestionScore>): InterviewSession {
  const entry = entryOf(session, candidateId, panellist);
  if (entry.submittedAt) throw new Error("These scores were submitted and are locked.");
  const current = entry.scores[questionId] ?? { level: Number.NaN, note: "" };
  const next: PanellistEntry = { ...entry, scores: { ...entry.scores, [questionId]: { ...current, ...patch } } };
  return { ...session, entries: { ...session.entries, [candidateId]: { ...session.entries[candidateId], [panellist]: next } } };
}

export interface SubmitProblem {
  questionId: string;
  message: string;
}

/** What stops a panellist submitting: an unscored question, or a lowest/highest score without evidence. */
export function submitProblems(session: InterviewSession, candidateId: string, panellist: string): SubmitProblem[] {
  const scale = scaleOf(session);
  const entry = entryOf(session, candidateId, panellist);
  const problems: SubmitProblem[] = [];
  session.questions.forEach((q, i) => {
    const s = entry.scores[q.id];
    if (!s || !Number.isInteger(s.level)) problems.push({ questionId: q.id, message: `Question ${i + 1} has no score.` });
    else if (noteRequired(scale, s.level) && s.note.trim() === "")
      problems.push({ questionId: q.id, message: `Question ${i + 1}: a score of ${s.level} needs an evidence note (lowest and highest scores always do).` });
  });
  return problems;
}

export function submit(session: InterviewSession, candidateId: string, panellist: string, now: number): InterviewSession {
  const problems = submitProblems(session, candidateId, panellist);
  if (problems.length) throw new Error(problems.map((p) => p.message).join(" "));
  const entry = entryOf(session, candidateId, panellist);
  return { ...session, entries: { ...session.entries, [candidateId]: { ...session.entries[candidateId], [panellist]: { ...entry, submittedAt: now } } } };
}

/** Record (or clear, with level null) the score agreed at calibration for one question. */
export function setAgreed(session: InterviewSession, candidateId: string, questionId: string, level: number | null, note: string, at: string): InterviewSession {
  const forCandidate = { ...session.agreed?.[candidateId] };
  if (level === null) delete forCandidate[questionId];
  else forCandidate[questionId] = { level, note: note.slice(0, 2000), at };
  return { ...session, agreed: { ...session.agreed, [candidateId]: forCandidate } };
}

export function setDecision(session: InterviewSession, candidateId: string, decision: AppointmentDecision | null, at: string): InterviewSession {
  const decisions = { ...session.decisions };
  if (decision === null) delete decisions[candidateId];
  else decisions[candidateId] = { decision, at };
  return { ...session, decisions };
}

export function hasSubmitted(session: InterviewSession, candidateId: string, panellist: string): boolean {
  return !!session.entries[candidateId]?.[panellist]?.submittedAt;
}

/**
 * Entries a viewer may see for a candidate: their own always; everyone's submitted entries once
 * they have submitted their own. `viewer` undefined (nobody signed in on a shared laptop) sees
 * a candidate's scores only when every panellist has submitted.
 */
export function visibleEntries(session: InterviewSession, candidateId: string, viewer: string | undefined): Record<string, PanellistEntry> {
  const all = session.entries[candidateId] ?? {};
  if (viewer === undefined) return allSubmitted(session, candidateId) ? all : {};
  if (!hasSubmitted(session, candidateId, viewer)) return all[viewer] ? { [viewer]: all[viewer] } : {};
  return Object.fromEntries(Object.entries(all).filter(([id, e]) => id === viewer || e.submittedAt));
}

export function allSubmitted(session: InterviewSession, candidateId: string): boolean {
  return session.panellists.length > 0 && session.panellists.every((p) => hasSubmitted(session, candidateId, p.id));
}

/** How many other panellists have submitted (shown while their scores are hidden). */
export function othersSubmitted(session: InterviewSession, candidateId: string, viewer: string): number {
  return Object.entries(session.entries[candidateId] ?? {}).filter(([id, e]) => id !== viewer && e.submittedAt).length;
}

export function scoresOf(entries: Record<string, PanellistEntry>, candidateId: string, onlySubmitted = true): Score[] {
  const out: Score[] = [];
  for (const [assessorId, e] of Object.entries(entries)) {
    if (onlySubmitted && !e.submittedAt) continue;
    for (const [criterionId, s] of Object.entries(e.scores)) {
      if (Number.isInteger(s.level)) out.push({ assessorId, applicantId: candidateId, criterionId, level: s.level, note: s.note });
    }
  }
  return out;
}

/** Questions where visible scores differ by 2+ levels, in question order. */
export function divergences(session: InterviewSession, candidateId: string, viewer: string | undefined): Divergence[] {
  const order = new Map(session.questions.map((q, i) => [q.id, i]));
  return divergence(scoresOf(visibleEntries(session, candidateId, viewer), candidateId), { threshold: DIVERGENCE_LEVELS }).sort(
    (a, b) => (order.get(a.criterionId) ?? 0) - (order.get(b.criterionId) ?? 0),
  );
}

/** Candidates a viewer may see in the decision record, with the visible scores. */
export function recordFor(session: InterviewSession, viewer: string | undefined): { candidates: string[]; scores: Score[]; ranking: RankedApplicant[] } {
  const candidates = Object.keys(session.entries).filter((c) => (viewer === undefined ? allSubmitted(session, c) : hasSubmitted(session, c, viewer))).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const scores = candidates.flatMap((c) => scoresOf(visibleEntries(session, c, viewer), c));
  return { candidates, scores, ranking: rankApplicants(session.questions, scores) };
}

export function lint(note: string): NoteLintFinding[] {
  return lintNote(note);
}

/** The decision record as CSV: one row per candidate, question and panellist, with totals and flags. */
export function decisionCsv(session: InterviewSession, viewer: string | undefined): string {
  const scale = scaleOf(session);
  const { candidates, scores, ranking } = recordFor(session, viewer);
  const names = new Map(session.panellists.map((p) => [p.id, p.name]));
  const rows: Array<Array<string | number>> = [["candidate", "rank", "total", "panellist", "question_no", "question", "kind", "level", "anchor", "evidence_note", "divergence_2plus"]];
  for (const c of candidates) {
    const r = ranking.find((x) => x.applicantId === c);
    const flagged = new Set(divergence(scores.filter((s) => s.applicantId === c), { threshold: DIVERGENCE_LEVELS }).map((d) => d.criterionId));
    session.questions.forEach((q, i) => {
      for (const s of scores.filter((x) => x.applicantId === c && x.criterionId === q.id)) {
        rows.push([c, r?.rank ?? "", r ? Number(r.total.toFixed(2)) : "", names.get(s.assessorId) ?? s.assessorId, i + 1, q.text, q.kind, s.level, descriptorFor(scale, q, s.level) ?? "", s.note, flagged.has(q.id) ? "yes" : "no"]);
      }
    });
  }
  // Spreadsheet formula injection: a note starting with = + - @ must stay text (numbers guarded too, as always).
  return toCsv(rows, { guardNumbers: true });
}

// ------------------------------------------------------------------ own devices: ids, files, sync

/** A panellist id unique to this browser (not derived from the name: two "AB"s stay two people). */
export function newPanellistId(): string {
  return `p-${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
}

export const INTERVIEW_SCORES_FORMAT = "fair-shortlist/interview-scores@1";

export interface InterviewScoresFile {
  format: typeof INTERVIEW_SCORES_FORMAT;
  profileId: string;
  vacancyRef: string;
  panellist: { id: string; name: string };
  questions: string[];
  entries: Record<string, PanellistEntry>;
}

/** This browser's submitted entries as the file a colleague imports. */
export function scoresFileOf(session: InterviewSession, profileId: string, vacancyRef: string): InterviewScoresFile {
  const me = session.me!;
  const p = session.panellists.find((x) => x.id === me)!;
  const entries = Object.fromEntries(Object.entries(session.entries).flatMap(([c, byP]) => (byP[me]?.submittedAt ? [[c, byP[me]!]] : [])));
  return { format: INTERVIEW_SCORES_FORMAT, profileId, vacancyRef, panellist: { id: p.id, name: p.name }, questions: session.questions.map((q) => q.id), entries };
}

const sameVacancy = (a: string, b: string) => vacancyStorageRef(a) === vacancyStorageRef(b);

/**
 * A colleague's file imported, and what happened in words: "Imported 12 scores from AB (3
 * candidates)", "This file is your own", "This file is for another vacancy (X), not Y".
 */
export function importScoresFile(session: InterviewSession, text: string, where: { profileId: string; vacancyRef: string }): { session: InterviewSession; message: string } | { error: string } {
  let d: Partial<InterviewScoresFile>;
  try {
    d = JSON.parse(text);
  } catch {
    return { error: "This file is not a Fair Shortlist interview scores export (not JSON)." };
  }
  if (d?.format !== INTERVIEW_SCORES_FORMAT || !d.panellist || typeof d.entries !== "object" || d.entries === null) return { error: "This file is not a Fair Shortlist interview scores export." };
  if (typeof d.vacancyRef !== "string" || !sameVacancy(d.vacancyRef, where.vacancyRef) || d.profileId !== where.profileId)
    return { error: `This file is for another vacancy (${String(d.vacancyRef).slice(0, 60)}), not ${where.vacancyRef}: nothing was imported.` };
  const id = String(d.panellist.id ?? "").slice(0, 60);
  const name = String(d.panellist.name ?? id).slice(0, 60);
  if (!id) return { error: "This file does not say whose scores it holds: nothing was imported." };
  if (id === session.me) return { error: "This file is your own scores export: nothing was imported." };
  const known = new Set(session.questions.map((q) => q.id));
  const entries = { ...session.entries };
  let scores = 0;
  let candidates = 0;
  for (const [c, e] of Object.entries(d.entries) as Array<[string, PanellistEntry]>) {
    if (!e?.submittedAt || typeof e.scores !== "object" || e.scores === null) continue;
    const kept = Object.fromEntries(Object.entries(e.scores).filter(([q, s]) => known.has(q) && Number.isInteger(s?.level)).map(([q, s]) => [q, { level: s.level, note: String(s.note ?? "").slice(0, 5000) }]));
    if (Object.keys(kept).length === 0) continue;
    entries[c.slice(0, 60)] = { ...entries[c.slice(0, 60)], [id]: { scores: kept, submittedAt: Number(e.submittedAt) } };
    scores += Object.keys(kept).length;
    candidates += 1;
  }
  if (scores === 0) return { error: `This file from ${name} holds no submitted scores for this vacancy's questions: nothing was imported.` };
  const panellists = session.panellists.some((p) => p.id === id) ? session.panellists : [...session.panellists, { id, name }];
  return {
    session: { ...session, panellists, entries },
    message: `Imported ${scores} score${scores === 1 ? "" : "s"} from ${name} (${candidates} candidate${candidates === 1 ? "" : "s"}).`,
  };
}

/** Colleagues' entries from panel sync, decrypted by the background; the latest revision per colleague is shown. */
export function mergeSyncedEntries(
  session: InterviewSession,
  candidateId: string,
  synced: ReadonlyArray<{ assessorId: string; revision: number; entry: { name: string; scores: Record<string, QuestionScore>; submittedAt: number } | null }>,
  you: string,
): { session: InterviewSession; colleagues: number; unreadable: number } {
  const latest = new Map<string, (typeof synced)[number]>();
  let unreadable = 0;
  for (const s of synced) {
    if (s.assessorId === you) continue;
    if (!s.entry) {
      unreadable++;
      continue;
    }
    const held = latest.get(s.assessorId);
    if (!held || s.revision > held.revision) latest.set(s.assessorId, s);
  }
  let panellists = session.panellists;
  const forCandidate = { ...session.entries[candidateId] };
  for (const [id, s] of latest) {
    if (!panellists.some((p) => p.id === id)) panellists = [...panellists, { id, name: s.entry!.name }];
    forCandidate[id] = { scores: s.entry!.scores, submittedAt: s.entry!.submittedAt, ...(s.revision > 1 ? { revision: s.revision } : {}) };
  }
  return { session: { ...session, panellists, entries: { ...session.entries, [candidateId]: forCandidate } }, colleagues: latest.size, unreadable };
}

/** Interview scoring is complete for the vacancy when every panellist has submitted for every candidate scored. */
export function interviewCompleted(session: InterviewSession): boolean {
  const candidates = Object.keys(session.entries);
  return candidates.length > 0 && candidates.every((c) => allSubmitted(session, c));
}

/**
 * Change a submitted entry: never an overwrite. The submitted version is kept in `previous`, and
 * the next submission is a new revision that colleagues see as one.
 */
export function revise(session: InterviewSession, candidateId: string, panellist: string): InterviewSession {
  const entry = entryOf(session, candidateId, panellist);
  if (!entry.submittedAt) return session;
  const revision = (entry.revision ?? 1) + 1;
  const next: PanellistEntry = {
    scores: entry.scores,
    revision,
    previous: [...(entry.previous ?? []), { scores: entry.scores, submittedAt: entry.submittedAt, revision: entry.revision ?? 1 }],
  };
  return { ...session, entries: { ...session.entries, [candidateId]: { ...session.entries[candidateId], [panellist]: next } } };
}
