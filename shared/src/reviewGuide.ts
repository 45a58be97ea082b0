/**
 * A review guide per criterion: what poor, partial, good and strong evidence looks like for
 * this criterion in this vacancy, written once by the recruiting manager (or started from a
 * template) and shown to every assessor while they score. Applied scores against a review guide
 * and Google re:Work / US OPM rubrics give an example answer per level (docs/domain.md, "What
 * good tools already do"): the same words for every criterion ("good evidence") leave each
 * assessor to invent their own bar, which is where inconsistency and bias come in.
 *
 * Pure (no zod, no DOM): the overlay's content script imports it.
 */
import { defaultMetLevel, type Scale } from "./scoring";

export const GUIDE_BANDS = ["poor", "partial", "good", "strong"] as const;
export type GuideBand = (typeof GUIDE_BANDS)[number];

/** What each band of evidence looks like for one criterion. */
export type GuideEntry = Record<GuideBand, string>;

/** A vacancy's guide, by criterion id. */
export interface ReviewGuide {
  format: "fair-shortlist/review-guide@1";
  /** Criterion id -> entry. */
  criteria: Record<string, GuideEntry>;
  /** Who wrote it and when (shown with the guide, kept in the record). */
  author: string;
  updatedAt: string;
}

export const GUIDE_TEXT_MAX = 600;

const BAND_NAMES: Record<GuideBand, string> = { poor: "Poor evidence", partial: "Partial evidence", good: "Good evidence", strong: "Strong evidence" };

/**
 * The scale levels each band covers: the lowest level is poor, levels below the met level
 * (defaultMetLevel) partial, from the met level up to below the top good, the top level strong.
 * 0-3: 0 / 1 / 2 / 3; 1-5: 1 / 2 / 3-4 / 5; 0-2: 0 / none / 1 / 2.
 */
export function bandLevels(scale: Scale, band: GuideBand): number[] {
  const met = defaultMetLevel(scale);
  const levels = scale.levels.map((l) => l.level);
  switch (band) {
    case "poor":
      return [scale.min];
    case "partial":
      return levels.filter((l) => l > scale.min && l < met);
    case "good":
      return levels.filter((l) => l >= met && l < scale.max);
    case "strong":
      return [scale.max];
  }
}

export function bandOfLevel(scale: Scale, level: number): GuideBand | undefined {
  return GUIDE_BANDS.find((b) => bandLevels(scale, b).includes(level));
}

/** "Good evidence (scores 3-4)", "Partial evidence" when the scale has no level for it. */
export function guideBandLabel(band: GuideBand, scale: Scale): string {
  const levels = bandLevels(scale, band);
  if (!levels.length) return BAND_NAMES[band];
  const range = levels.length === 1 ? `score ${levels[0]}` : `scores ${levels[0]}-${levels[levels.length - 1]}`;
  return `${BAND_NAMES[band]} (${range})`;
}

/**
 * A starting point for one criterion, worded around the criterion's own text. The recruiting
 * manager is expected to replace the generic parts with what this post needs.
 */
export function templateEntry(criterionText: string): GuideEntry {
  const t = criterionText.trim().replace(/[.\s]+$/, "");
  const c = t.charAt(0).toLowerCase() + t.slice(1);
  return {
    poor: `Nothing about ${c}, or only a claim with no example.`,
    partial: `Mentions ${c}, but the example is vague, long ago or not clearly their own work.`,
    good: `A specific, recent example of ${c}: what they did themselves and what came of it.`,
    strong: `More than one specific example of ${c}, showing range, and what they learned or changed as a result.`,
  };
}

function cleanText(v: unknown): string | null {
  if (typeof v !== "string") return null;
  return v.replace(/\s+/g, " ").trim().slice(0, GUIDE_TEXT_MAX);
}

/**
 * A guide read back from storage or a colleague's file: only known criteria, the four bands as
 * text (trimmed, at most GUIDE_TEXT_MAX characters each), anything else dropped. Returns null
 * when it is not a guide at all.
 */
export function normaliseGuide(raw: unknown, knownCriterionIds: readonly string[]): ReviewGuide | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Partial<ReviewGuide>;
  if (r.format !== "fair-shortlist/review-guide@1" || !r.criteria || typeof r.criteria !== "object") return null;
  const known = new Set(knownCriterionIds);
  const criteria: Record<string, GuideEntry> = {};
  for (const [id, entry] of Object.entries(r.criteria)) {
    if (!known.has(id) || !entry || typeof entry !== "object") continue;
    const e = entry as Partial<Record<GuideBand, unknown>>;
    const bands = GUIDE_BANDS.map((b) => cleanText(e[b]) ?? "");
    if (bands.every((b) => b === "")) continue;
    criteria[id] = Object.fromEntries(GUIDE_BANDS.map((b, i) => [b, bands[i]!])) as GuideEntry;
  }
  return {
    format: "fair-shortlist/review-guide@1",
    criteria,
    author: (cleanText(r.author) ?? "").slice(0, 60),
    updatedAt: typeof r.updatedAt === "string" && !Number.isNaN(Date.parse(r.updatedAt)) ? r.updatedAt : new Date(0).toISOString(),
  };
}

const GUIDE_FIELDS: readonly string[] = ["format", "criteria", "author", "updatedAt"];

/**
 * What is wrong with a guide that came from outside this browser (a colleague's file), in words:
 * a field the format does not have, a band that is not poor / partial / good / strong, a
 * description that is not text. Empty when the guide has only the format's fields. A guide with
 * problems is refused as a whole rather than half taken: an unknown field means another format
 * (or a file edited by hand), and quietly dropping parts of it would show assessors a guide
 * nobody wrote.
 */
export function guideFieldProblems(raw: unknown): string[] {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return ["it is not a review guide"];
  const problems: string[] = [];
  const name = (s: string) => JSON.stringify(s.slice(0, 40));
  for (const k of Object.keys(raw)) if (!GUIDE_FIELDS.includes(k)) problems.push(`unknown field ${name(k)}`);
  const r = raw as Record<string, unknown>;
  if (r.format !== "fair-shortlist/review-guide@1") problems.push("it is not a review guide (format)");
  if (r.author !== undefined && typeof r.author !== "string") problems.push("the author is not text");
  if (r.updatedAt !== undefined && (typeof r.updatedAt !== "string" || Number.isNaN(Date.parse(r.updatedAt)))) problems.push("updatedAt is not a date");
  const criteria = r.criteria;
  if (!criteria || typeof criteria !== "object" || Array.isArray(criteria)) {
    problems.push("it has no criteria");
    return problems;
  }
  for (const [id, entry] of Object.entries(criteria)) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      problems.push(`criterion ${name(id)} is not four descriptions`);
      continue;
    }
    for (const [band, text] of Object.entries(entry)) {
      if (!(GUIDE_BANDS as readonly string[]).includes(band)) problems.push(`unknown field ${name(band)} in criterion ${name(id)}`);
      else if (typeof text !== "string") problems.push(`${band} evidence for criterion ${name(id)} is not text`);
    }
  }
  return problems;
}

/** The guide's content only (not who wrote it or when), stable whatever the order of its keys. */
export function guideDigest(guide: ReviewGuide | null): string {
  if (!guide) return "";
  const ids = Object.keys(guide.criteria).sort();
  return JSON.stringify(ids.map((id) => [id, ...GUIDE_BANDS.map((b) => guide.criteria[id]![b])]));
}

/** How many criteria a guide describes. */
export function guideCriteriaCount(guide: ReviewGuide | null): number {
  return guide ? Object.keys(guide.criteria).length : 0;
}

export function criteriaPhrase(n: number): string {
  return `${n} ${n === 1 ? "criterion" : "criteria"}`;
}

export interface GuideDifference {
  criterionId: string;
  /** The criterion's position in the person specification, from 1. */
  number: number;
  text: string;
  bands: Array<{ band: GuideBand; ours: string; theirs: string }>;
}

/**
 * Where two guides differ, criterion by criterion in the person specification's order, band by
 * band (an empty text where a guide has nothing for it).
 */
export function guideDifferences(ours: ReviewGuide | null, theirs: ReviewGuide | null, criteria: ReadonlyArray<{ id: string; text: string }>): GuideDifference[] {
  const out: GuideDifference[] = [];
  for (const [i, c] of criteria.entries()) {
    const a = ours?.criteria[c.id];
    const b = theirs?.criteria[c.id];
    const bands = GUIDE_BANDS.map((band) => ({ band, ours: a?.[band] ?? "", theirs: b?.[band] ?? "" })).filter((x) => x.ours !== x.theirs);
    if (bands.length) out.push({ criterionId: c.id, number: i + 1, text: c.text, bands });
  }
  return out;
}

/** How a guide's author is shown: their initials, or "a colleague" for a browser id or nothing. */
export function guideAuthorLabel(author: string | undefined): string {
  const a = (author ?? "").trim();
  return !a || /^sh-[0-9a-f]{12}$/.test(a) || /^as_[0-9a-f]{32}$/.test(a) ? "a colleague" : a;
}

/** "2026-12-01 15:40 UTC", as the records write dates. */
export function guideTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "an unknown time" : `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
