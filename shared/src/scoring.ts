/**
 * Structured scoring: every applicant scored against the same criteria (shortlisting) or
 * questions (interview) on an anchored scale, each score with an evidence note.
 *
 * docs/domain.md ("Recruitment systems", "What good tools already do"): NHS Jobs scores per
 * criterion, usually 0-2 or 0-3; Stonefish a 0-3 drop-down; Lever a fixed 4-point scale with
 * no neutral; Applied 1-5 stars against a review guide; Google re:Work / US OPM a rubric of
 * poor / mixed / good / excellent answers with equal weights. So totals here are unweighted.
 *
 * Pure (no zod): the overlay's content script imports it. The zod schemas are in ./schemas/scoring.
 */

export const SCALE_PRESET_IDS = ["nhsjobs-0-2", "nhsjobs-0-3", "lever-1-4", "applied-1-5"] as const;
/** The id of a built-in scale. */
export type ScalePresetId = (typeof SCALE_PRESET_IDS)[number];

export interface ScaleLevel {
  level: number;
  descriptor: string;
}

/** An anchored scale: one level per whole number from min to max, in order. */
export interface Scale {
  id: string;
  name: string;
  min: number;
  max: number;
  levels: ScaleLevel[];
}

export const CRITERION_KINDS = ["essential", "desirable"] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** A person-specification criterion or an interview question. */
export interface Criterion {
  id: string;
  text: string;
  kind: CriterionKind;
  /** Anchors specific to this criterion; levels not listed fall back to the scale's. */
  descriptors?: ScaleLevel[] | undefined;
}

/** One assessor's score for one applicant on one criterion or question. */
export interface Score {
  assessorId: string;
  applicantId: string;
  criterionId: string;
  level: number;
  note: string;
}

export const SHORTLIST_DECISIONS = ["shortlisted", "rejected", "undecided"] as const;
export type ShortlistDecision = (typeof SHORTLIST_DECISIONS)[number];

function scale(id: ScalePresetId, name: string, min: number, descriptors: string[]): Scale {
  return {
    id,
    name,
    min,
    max: min + descriptors.length - 1,
    levels: descriptors.map((descriptor, i) => ({ level: min + i, descriptor })),
  };
}

/**
 * Default anchors. A criterion may override them with its own descriptors (the re:Work
 * pattern of an example answer per level).
 */
export const SCALE_PRESETS: Readonly<Record<ScalePresetId, Scale>> = {
  "nhsjobs-0-2": scale("nhsjobs-0-2", "0-2 (NHS Jobs)", 0, [
    "No evidence: does not meet the criterion",
    "Some evidence: partly meets the criterion",
    "Clear evidence: fully meets the criterion",
  ]),
  "nhsjobs-0-3": scale("nhsjobs-0-3", "0-3 (NHS Jobs, Stonefish)", 0, [
    "No evidence",
    "Limited evidence: does not yet meet the criterion",
    "Good evidence: meets the criterion",
    "Strong evidence: exceeds the criterion",
  ]),
  // Lever: four points and no neutral, so every score leans one way.
  "lever-1-4": scale("lever-1-4", "1-4, no neutral (Lever)", 1, [
    "Poor: no relevant evidence",
    "Mixed: some evidence, with significant gaps",
    "Good: clear evidence that meets the criterion",
    "Excellent: strong evidence that exceeds the criterion",
  ]),
  "applied-1-5": scale("applied-1-5", "1-5 (Applied)", 1, [
    "No evidence",
    "Limited evidence",
    "Adequate evidence: meets the criterion",
    "Good evidence: meets the criterion well",
    "Excellent evidence: exceeds the criterion",
  ]),
};

// Float sums of means (e.g. 7/3 + 2/3) must still tie when they are equal on paper.
const EPSILON = 1e-9;

export function isLevelOnScale(scale: Scale, level: number): boolean {
  return Number.isInteger(level) && level >= scale.min && level <= scale.max;
}

/** The anchor shown for a level: the criterion's own if it has one, else the scale's. */
export function descriptorFor(scale: Scale, criterion: Criterion | undefined, level: number): string | undefined {
  return (
    criterion?.descriptors?.find((d) => d.level === level)?.descriptor ??
    scale.levels.find((d) => d.level === level)?.descriptor
  );
}

/**
 * A note is required at the lowest and highest levels: those are the scores that decide
 * rejection or a top rank, so they need evidence on file (Greenhouse can require a note per
 * rating; docs/domain.md).
 */
export function noteRequired(scale: Scale, level: number): boolean {
  return level === scale.min || level === scale.max;
}

/** Scores whose level needs a note but whose note is blank. */
export function missingRequiredNotes(scale: Scale, scores: readonly Score[]): Score[] {
  return scores.filter((s) => noteRequired(scale, s.level) && s.note.trim() === "");
}

function uniqueInOrder<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

// Created on first use: an Intl.Collator costs milliseconds, and the content script loads this
// module on every host page.
let applicantIdCollator: Intl.Collator | undefined;
function byApplicantId(a: string, b: string): number {
  return (applicantIdCollator ??= new Intl.Collator("en", { numeric: true })).compare(a, b);
}

/** Mean level per (applicant, criterion) across assessors: the panel's consensus score. */
function consensusByCell(scores: readonly Score[]): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const s of scores) {
    const perApplicant = sums.get(s.applicantId) ?? new Map<string, { sum: number; n: number }>();
    sums.set(s.applicantId, perApplicant);
    const cell = perApplicant.get(s.criterionId) ?? { sum: 0, n: 0 };
    cell.sum += s.level;
    cell.n += 1;
    perApplicant.set(s.criterionId, cell);
  }
  const out = new Map<string, Map<string, number>>();
  for (const [applicantId, cells] of sums) {
    out.set(applicantId, new Map([...cells].map(([c, { sum, n }]) => [c, sum / n])));
  }
  return out;
}

export interface CompletenessCount {
  readonly scored: number;
  readonly total: number;
  /** "7 of 23 scored" */
  readonly label: string;
  readonly complete: boolean;
}

export interface ApplicantCompleteness extends CompletenessCount {
  readonly applicantId: string;
  readonly missingCriterionIds: readonly string[];
}

export interface Completeness extends CompletenessCount {
  readonly byApplicant: readonly ApplicantCompleteness[];
}

function count(scored: number, total: number): CompletenessCount {
  return { scored, total, label: `${scored} of ${total} scored`, complete: scored === total };
}

/**
 * How much of the scoring grid is filled: one cell per applicant per criterion, scored when
 * any assessor in `scores` has scored it (filter `scores` to one assessor, or pass
 * `assessorId`, for "my progress"). Applicants default to those that appear in `scores`; pass
 * `applicantIds` so applicants with no scores yet are counted too. Scores for criteria not in
 * `criteria` are ignored.
 */
export function completeness(
  criteria: readonly Criterion[],
  scores: readonly Score[],
  options: { applicantIds?: readonly string[]; assessorId?: string } = {},
): Completeness {
  const inScope = options.assessorId === undefined ? scores : scores.filter((s) => s.assessorId === options.assessorId);
  const applicantIds = uniqueInOrder(options.applicantIds ?? inScope.map((s) => s.applicantId));
  const scoredCells = new Set(inScope.map((s) => `${s.applicantId}\u0000${s.criterionId}`));
  const byApplicant = applicantIds.map((applicantId): ApplicantCompleteness => {
    const missing = criteria.filter((c) => !scoredCells.has(`${applicantId}\u0000${c.id}`)).map((c) => c.id);
    return { applicantId, ...count(criteria.length - missing.length, criteria.length), missingCriterionIds: missing };
  });
  const scored = byApplicant.reduce((n, a) => n + a.scored, 0);
  return { ...count(scored, criteria.length * applicantIds.length), byApplicant };
}

export interface ApplicantTotal {
  readonly applicantId: string;
  /** Sum over criteria of the mean level across assessors (equal weights, re:Work). */
  readonly total: number;
  /** The same sum over essential criteria only. */
  readonly essentialTotal: number;
  /** The desirable criteria's part of `total`, kept apart: a desirable strength never makes up for a missed essential. */
  readonly desirableTotal: number;
  /** Each assessor's own sum, for calibration. */
  readonly byAssessor: Readonly<Record<string, number>>;
  readonly scoredCriteria: number;
  /** Every criterion has at least one score. */
  readonly complete: boolean;
}

/**
 * Totals per applicant, in order of first appearance. An unscored criterion adds nothing, so
 * an incomplete total is not comparable with a complete one; `complete` says which is which.
 */
export function totals(criteria: readonly Criterion[], scores: readonly Score[]): ApplicantTotal[] {
  const known = new Map(criteria.map((c) => [c.id, c]));
  const relevant = scores.filter((s) => known.has(s.criterionId));
  const consensus = consensusByCell(relevant);
  return uniqueInOrder(relevant.map((s) => s.applicantId)).map((applicantId) => {
    const cells = consensus.get(applicantId)!;
    let total = 0;
    let essentialTotal = 0;
    let desirableTotal = 0;
    for (const [criterionId, mean] of cells) {
      total += mean;
      if (known.get(criterionId)!.kind === "essential") essentialTotal += mean;
      else desirableTotal += mean;
    }
    const byAssessor: Record<string, number> = {};
    for (const s of relevant) {
      if (s.applicantId === applicantId) byAssessor[s.assessorId] = (byAssessor[s.assessorId] ?? 0) + s.level;
    }
    return {
      applicantId,
      total,
      essentialTotal,
      desirableTotal,
      byAssessor,
      scoredCriteria: cells.size,
      complete: cells.size === criteria.length,
    };
  });
}

export interface RankedApplicant extends ApplicantTotal {
  /** 1 = highest. null when scoring is incomplete: such totals are not comparable. */
  readonly rank: number | null;
}

/**
 * Rank by total, highest first. Ties share a rank and the next rank skips ("1, 2, 2, 4", as in
 * sports tables), so "rank 4" still means three applicants scored higher. Applicants with
 * unscored criteria come after all complete ones with rank null; within equal standing the
 * order is by applicant id (numeric-aware), never by anything that could identify them.
 */
export function rankApplicants(criteria: readonly Criterion[], scores: readonly Score[]): RankedApplicant[] {
  const all = totals(criteria, scores);
  const ordered = [...all].sort(
    (a, b) =>
      Number(b.complete) - Number(a.complete) ||
      (Math.abs(b.total - a.total) < EPSILON ? 0 : b.total - a.total) ||
      byApplicantId(a.applicantId, b.applicantId),
  );
  let previous: RankedApplicant | undefined;
  return ordered.map((t, i) => {
    let rank: number | null = null;
    if (t.complete) {
      rank = previous?.rank != null && Math.abs(previous.total - t.total) < EPSILON ? previous.rank : i + 1;
    }
    previous = { ...t, rank };
    return previous;
  });
}

export interface Divergence {
  readonly applicantId: string;
  readonly criterionId: string;
  readonly min: number;
  readonly max: number;
  /** max - min, in scale levels. */
  readonly spread: number;
  readonly levels: ReadonlyArray<{ readonly assessorId: string; readonly level: number }>;
}

type ScoresInput = readonly Score[] | Readonly<Record<string, readonly Score[]>>;

function flatten(input: ScoresInput): readonly Score[] {
  return Array.isArray(input) ? (input as readonly Score[]) : Object.values(input).flat();
}

/**
 * Items where assessors differ by at least `threshold` levels on the same applicant and
 * criterion: the ones to talk through at calibration (docs/domain.md: "divergence between panellists
 * surfaced for calibration"). Accepts a flat list or scores grouped by assessor. Largest spread
 * first. The default threshold of 2 levels is half of a 0-3 or 1-5 scale's range and the whole
 * of a 0-2 scale's: a disagreement about whether evidence exists at all.
 */
export function divergence(scoresByAssessor: ScoresInput, options: { threshold?: number } = {}): Divergence[] {
  const threshold = options.threshold ?? 2;
  const cells = new Map<string, Score[]>();
  for (const s of flatten(scoresByAssessor)) {
    const key = `${s.applicantId}\u0000${s.criterionId}`;
    cells.set(key, [...(cells.get(key) ?? []), s]);
  }
  const out: Divergence[] = [];
  for (const cell of cells.values()) {
    if (cell.length < 2) continue;
    const levels = cell.map((s) => s.level);
    const min = Math.min(...levels);
    const max = Math.max(...levels);
    if (max - min < threshold) continue;
    out.push({
      applicantId: cell[0]!.applicantId,
      criterionId: cell[0]!.criterionId,
      min,
      max,
      spread: max - min,
      levels: cell.map((s) => ({ assessorId: s.assessorId, level: s.level })),
    });
  }
  return out.sort(
    (a, b) =>
      b.spread - a.spread ||
      byApplicantId(a.applicantId, b.applicantId) ||
      a.criterionId.localeCompare(b.criterionId),
  );
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface AssessorDeviation {
  readonly assessorId: string;
  /** Items this assessor scored that at least one other assessor also scored. */
  readonly comparedItems: number;
  /** Mean of (own level - the panel's median level) over those items. Negative = harsher. */
  readonly meanDifference: number;
  /** "in line" unless |meanDifference| is above noise (DIRECTION_NOISE_LEVELS over MIN_ITEMS_FOR_DIRECTION items). */
  readonly direction: "harsher" | "more generous" | "in line";
  /** |meanDifference| >= threshold over at least minItems items. */
  readonly outlier: boolean;
}

/**
 * Below this mean difference (in scale levels) an assessor is "in line": levels are whole
 * numbers, so the smallest real disagreement on one item is a full level, and a mean under half
 * a level means most shared scores agree exactly and the rest split both ways. A 0.06-level
 * "harsher" is one score in seventeen and says nothing about the assessor.
 */
export const DIRECTION_NOISE_LEVELS = 0.5;
/** Fewer shared items than this and no direction is given at all: two items cannot show a habit. */
export const MIN_ITEMS_FOR_DIRECTION = 3;

/**
 * Assessors who score consistently harsher or more generously than their fellow assessors on
 * the same items (an interviewer calibration report, as Greenhouse offers). Each score is
 * compared with the median of all scores on its item: a median, not a mean, so one harsh
 * assessor does not make the other two look generous. With two assessors the median is the
 * midpoint, so each shows half the gap and neither is singled out unfairly. Returns every
 * assessor with something to compare, most deviant first. Defaults: threshold 1 level on
 * average, over at least 3 shared items, so one odd score does not brand anyone.
 */
export function outliersBetweenAssessors(
  scoresByAssessor: ScoresInput,
  options: { threshold?: number; minItems?: number } = {},
): AssessorDeviation[] {
  const threshold = options.threshold ?? 1;
  const minItems = options.minItems ?? 3;
  const cells = new Map<string, Score[]>();
  for (const s of flatten(scoresByAssessor)) {
    const key = `${s.applicantId}\u0000${s.criterionId}`;
    cells.set(key, [...(cells.get(key) ?? []), s]);
  }
  const diffs = new Map<string, number[]>();
  for (const cell of cells.values()) {
    if (cell.length < 2) continue;
    const median = medianOf(cell.map((s) => s.level));
    for (const s of cell) {
      diffs.set(s.assessorId, [...(diffs.get(s.assessorId) ?? []), s.level - median]);
    }
  }
  return [...diffs]
    .map(([assessorId, d]): AssessorDeviation => {
      const meanDifference = d.reduce((a, b) => a + b, 0) / d.length;
      const outlier = d.length >= minItems && Math.abs(meanDifference) >= threshold - EPSILON;
      const aboveNoise = d.length >= MIN_ITEMS_FOR_DIRECTION && Math.abs(meanDifference) >= DIRECTION_NOISE_LEVELS - EPSILON;
      const direction = !aboveNoise ? "in line" : meanDifference < 0 ? "harsher" : "more generous";
      return { assessorId, comparedItems: d.length, meanDifference, direction, outlier };
    })
    .sort((a, b) => Math.abs(b.meanDifference) - Math.abs(a.meanDifference) || a.assessorId.localeCompare(b.assessorId));
}

/**
 * The level at which an essential criterion counts as met, unless the caller sets one: the
 * middle of the scale, rounded up when the scale has no middle level. On the presets that is
 * the first level whose anchor says "meets": 0-2 -> 1, 0-3 -> 2, 1-4 -> 3, 1-5 -> 3. On 0-2,
 * "some evidence" meets, which a trust wanting full evidence changes with metLevel: 2.
 */
export function defaultMetLevel(scale: Scale): number {
  return Math.ceil((scale.min + scale.max) / 2);
}

export interface EssentialCriterionResult {
  readonly criterionId: string;
  /** Mean level across assessors; null if no one has scored it. */
  readonly consensus: number | null;
  readonly met: boolean | null;
}

export interface EssentialsResult {
  /** "met": every essential scored and met; "notMet": at least one scored below the met
   * level; "incomplete": none missed so far but some unscored. */
  readonly status: "met" | "notMet" | "incomplete";
  readonly met: boolean;
  readonly metLevel: number;
  readonly missedCriterionIds: readonly string[];
  readonly unscoredCriterionIds: readonly string[];
  readonly byCriterion: readonly EssentialCriterionResult[];
}

/**
 * Whether one applicant meets every essential criterion: consensus (mean across assessors)
 * at or above the met level (see defaultMetLevel). `scores` must belong to one applicant;
 * mixing applicants throws, since a pooled answer would be meaningless. With no essential
 * criteria the answer is "met".
 */
export function meetsEssentials(
  criteria: readonly Criterion[],
  scores: readonly Score[],
  scale: Scale,
  options: { metLevel?: number } = {},
): EssentialsResult {
  const applicants = uniqueInOrder(scores.map((s) => s.applicantId));
  if (applicants.length > 1) {
    throw new Error(`meetsEssentials takes one applicant's scores; got ${applicants.length} applicants`);
  }
  const metLevel = options.metLevel ?? defaultMetLevel(scale);
  const consensus = consensusByCell(scores).get(applicants[0] ?? "") ?? new Map<string, number>();
  const byCriterion = criteria
    .filter((c) => c.kind === "essential")
    .map((c): EssentialCriterionResult => {
      const mean = consensus.get(c.id);
      return mean === undefined
        ? { criterionId: c.id, consensus: null, met: null }
        : { criterionId: c.id, consensus: mean, met: mean >= metLevel - EPSILON };
    });
  const missed = byCriterion.filter((c) => c.met === false).map((c) => c.criterionId);
  const unscored = byCriterion.filter((c) => c.met === null).map((c) => c.criterionId);
  const status = missed.length > 0 ? "notMet" : unscored.length > 0 ? "incomplete" : "met";
  return {
    status,
    met: status === "met",
    metLevel,
    missedCriterionIds: missed,
    unscoredCriterionIds: unscored,
    byCriterion,
  };
}

export const CONSISTENCY_FINDING_CODES = [
  "rejectedButMeetsEssentials",
  "shortlistedButMissesEssential",
  "guaranteedInterviewNotShortlisted",
  "essentialsNotScored",
] as const;
export type ConsistencyFindingCode = (typeof CONSISTENCY_FINDING_CODES)[number];

export interface ConsistencyFinding {
  readonly code: ConsistencyFindingCode;
  /** "error": breaks a rule; "warning": needs a recorded reason; "info": cannot check yet. */
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly criterionIds: readonly string[];
}

export interface ShortlistingApplicant {
  readonly scores: readonly Score[];
  readonly decision: ShortlistDecision;
  /** Applied under the Disability Confident guaranteed-interview scheme. */
  readonly guaranteedInterview: boolean;
}

function listCriteria(criteria: readonly Criterion[], ids: readonly string[]): string {
  return ids.map((id) => `"${criteria.find((c) => c.id === id)?.text ?? id}"`).join(", ");
}

/**
 * Contradictions between a shortlisting decision and the scores (docs/domain.md, users: "be warned
 * when a decision contradicts the scores; Disability Confident guaranteed-interview rule
 * checked").
 *
 * - guaranteedInterviewNotShortlisted (error): a Disability Confident applicant who meets the
 *   essential criteria must be offered an interview. Reported instead of
 *   rejectedButMeetsEssentials for the same applicant, because "too many met the essentials"
 *   is no reason here.
 * - rejectedButMeetsEssentials (warning): may be legitimate when desirable criteria narrowed a
 *   long list, but the reason should be recorded.
 * - shortlistedButMissesEssential (warning): an essential criterion scored below the met level.
 * - essentialsNotScored (info): a decision was made before every essential was scored, so it
 *   cannot be checked.
 * Undecided applicants get no findings.
 */
export function shortlistingConsistency(
  criteria: readonly Criterion[],
  scale: Scale,
  applicant: ShortlistingApplicant,
  options: { metLevel?: number } = {},
): ConsistencyFinding[] {
  if (applicant.decision === "undecided") return [];
  const essentials = meetsEssentials(criteria, applicant.scores, scale, options);
  const metAnchor = descriptorFor(scale, undefined, essentials.metLevel);
  const metWording = `level ${essentials.metLevel}${metAnchor ? ` ("${metAnchor}")` : ""}`;
  const findings: ConsistencyFinding[] = [];

  if (applicant.decision === "rejected" && essentials.status === "met") {
    findings.push(
      applicant.guaranteedInterview
        ? {
            code: "guaranteedInterviewNotShortlisted",
            severity: "error",
            message: `This applicant applied under the Disability Confident guaranteed-interview scheme and meets every essential criterion (at or above ${metWording}), so they must be offered an interview.`,
            criterionIds: [],
          }
        : {
            code: "rejectedButMeetsEssentials",
            severity: "warning",
            message: `Rejected although every essential criterion is met (at or above ${metWording}). Record the reason, for example the desirable criteria used to narrow the shortlist.`,
            criterionIds: [],
          },
    );
  }
  if (applicant.decision === "shortlisted" && essentials.status === "notMet") {
    const ids = essentials.missedCriterionIds;
    findings.push({
      code: "shortlistedButMissesEssential",
      severity: "warning",
      message: `Shortlisted although ${ids.length === 1 ? "an essential criterion is" : `${ids.length} essential criteria are`} scored below ${metWording}: ${listCriteria(criteria, ids)}. Check the scores or record the reason.`,
      criterionIds: ids,
    });
  }
  if (essentials.unscoredCriterionIds.length > 0 && essentials.status !== "notMet") {
    const ids = essentials.unscoredCriterionIds;
    findings.push({
      code: "essentialsNotScored",
      severity: "info",
      message: `${applicant.decision === "shortlisted" ? "Shortlisted" : "Rejected"} before ${ids.length === 1 ? "an essential criterion was" : `${ids.length} essential criteria were`} scored: ${listCriteria(criteria, ids)}. Score them so the decision can be checked.`,
      criterionIds: ids,
    });
  }
  return findings;
}

export interface LevelCount {
  readonly level: number;
  readonly descriptor: string;
  readonly count: number;
}

/**
 * How many scores fall at each level of the scale, every level listed (zeros included) so a
 * summary chart has a stable shape. Scores off the scale are not counted.
 */
export function scoreDistribution(scale: Scale, scores: readonly Score[]): LevelCount[] {
  return scale.levels.map(({ level, descriptor }) => ({
    level,
    descriptor,
    count: scores.reduce((n, s) => n + (s.level === level ? 1 : 0), 0),
  }));
}

/** FNV-1a, 32-bit: a seed from text (assessor + vacancy + criterion). */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough to deal an order; not for anything secret. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with a seeded generator: the same seed always deals the same order. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const next = rng(seedOf(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order in which one assessor sees the applicants for one criterion when scoring criterion
 * by criterion (Applied's method, docs/domain.md): shuffled per assessor and per criterion, so
 * nobody is always read first or straight after a strong applicant (order and contrast effects),
 * and the same on every reload, so an assessor's place in the list does not move under them.
 * Sorted first, so the order does not depend on how the host happened to list them.
 */
export function applicantOrderFor(applicantIds: readonly string[], seed: { assessorId: string; vacancyRef: string; criterionId: string }): string[] {
  const sorted = [...new Set(applicantIds)].sort(byApplicantId);
  return seededShuffle(sorted, `${seed.assessorId}\u0000${seed.vacancyRef}\u0000${seed.criterionId}`);
}
