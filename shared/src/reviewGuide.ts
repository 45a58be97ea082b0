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
