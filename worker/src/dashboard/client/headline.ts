/**
 * The headline a board member reads: the indicator in words, its interval, where it sits
 * against the four-fifths range (0.80-1.25, docs/domain.md), and the shortfall in appointments.
 * Pure: the page puts these strings into the DOM with textContent.
 */
import { formatRelativeLikelihood, FOUR_FIFTHS_BAND, WRES_LABELS, type ComparisonLabels } from "@fair-shortlist/shared/wres2";
import { SMALL_NUMBERS_TEXT } from "@fair-shortlist/shared/disclosure";
import type { Interval, SuppressionCode } from "./types";

/**
 * What the headline reads of a figure: WRES indicator 2's and WDES metric 2's share it (the
 * groups' names come from ComparisonLabels, WRES_LABELS unless told otherwise).
 */
export interface RatioFigures {
  relativeLikelihood: number | null;
  ci?: Interval | null;
  suppressed: boolean;
  suppressionCode?: SuppressionCode | null;
  smallNumbers?: boolean;
  interpretation?: { text: string } | null;
  shortfall?: { toParity: number | null; toFourFifths: number | null } | null;
  /** Vacancies the figure covers. */
  vacancies?: number | null;
}

/** "white" → "White", "non-disabled" → "Non-disabled": a group's name at the start of a sentence. */
export function sentenceCase(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** 0.95 → 95, 95 → 95, 99.8 → 99.8. */
export function levelPercent(level: number): number {
  return level > 0 && level < 1 ? Number((level * 100).toFixed(4)) : level;
}

export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "not available" : formatRelativeLikelihood(value);
}

/** "95% interval 1.21–1.77"; "95% interval 1.21 to no upper limit"; "" when there is none. */
export function intervalPhrase(ci: Interval | null | undefined): string {
  if (!ci || ci.lower === null) return "";
  const level = `${levelPercent(ci.level)}% interval`;
  if (ci.upper === null) return `${level} ${formatRatio(ci.lower)} to no upper limit`;
  return `${level} ${formatRatio(ci.lower)}–${formatRatio(ci.upper)}`;
}

export type FourFifthsPosition = "within" | "above" | "below" | "unknown";

export function fourFifthsPosition(value: number | null | undefined): FourFifthsPosition {
  if (value === null || value === undefined || !Number.isFinite(value)) return "unknown";
  if (value > FOUR_FIFTHS_BAND.upper) return "above";
  if (value < FOUR_FIFTHS_BAND.lower) return "below";
  return "within";
}

/** Whether an interval excludes 1.00; null when there is none. */
export function excludesOne(ci: Interval | null | undefined): boolean | null {
  if (!ci || ci.lower === null) return null;
  return ci.lower > 1 || (ci.upper !== null && ci.upper < 1);
}

/**
 * Where the figure sits against the four-fifths range, read with its interval: "adverse impact"
 * only outside the range and with an interval that excludes 1.00; outside it with an interval
 * that includes 1.00, the data cannot tell (as the shared core's verdict).
 */
export function fourFifthsPhrase(value: number | null | undefined, ci?: Interval | null, labels: ComparisonLabels = WRES_LABELS): string {
  const position = fourFifthsPosition(value);
  if (position === "above" || position === "below") {
    const range = position === "above" ? "outside the four-fifths range (above 1.25)" : "outside the four-fifths range (below 0.80)";
    const on = position === "above" ? labels.focus : labels.reference;
    return excludesOne(ci) === true
      ? `${range}: adverse impact on ${on} applicants`
      : `${range}, but the interval includes 1.00: the data cannot tell whether there is adverse impact on ${on} applicants`;
  }
  switch (position) {
    case "within":
      return "within the four-fifths range (0.80–1.25): no adverse impact";
    default:
      return "";
  }
}

export interface Headline {
  /** One sentence with the figure, interval and four-fifths position. */
  readonly main: string;
  /** Whether the interval rules out chance at the chosen level, in plain words. */
  readonly significance: string;
  /** Extra appointments of the focus group (BME, Disabled) needed, or "" when not available. */
  readonly shortfall: string;
  readonly position: FourFifthsPosition;
  /** "Small numbers: treat with caution …" where a group is small (own audience), else "". */
  readonly caution: string;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Builds the headline. `threshold` is the API's small-cell limit, named when figures are
 * suppressed; `period` is e.g. "2024/25"; `labels` name the groups (WRES_LABELS by default).
 */
export function headline(figures: RatioFigures, opts: { period?: string; threshold?: number; labels?: ComparisonLabels } = {}): Headline {
  const L = opts.labels ?? WRES_LABELS;
  const R = sentenceCase(L.reference);
  const when = opts.period ? ` in ${opts.period}` : "";
  if (figures.suppressed) {
    const why = isComplementary(figures.suppressionCode)
      ? "they are withheld so that a small count elsewhere cannot be worked out, which could identify someone."
      : `${opts.threshold ? `fewer than ${opts.threshold} applicants in a group` : "too few applicants"}, so publishing them could identify someone.`;
    return {
      main: `The figures${when} are suppressed: ${why}`,
      significance: "",
      shortfall: "",
      position: "unknown",
      caution: "",
    };
  }
  const rl = figures.relativeLikelihood;
  const ci = figures.ci;
  if (rl === null || rl === undefined) {
    const reason = figures.interpretation?.text || "there are not enough shortlisted or appointed applicants in both groups.";
    return { main: `The relative likelihood cannot be calculated${when}: ${reason}`, significance: "", shortfall: "", position: fourFifthsPosition(null), caution: "" };
  }
  const interval = intervalPhrase(ci);
  const position = fourFifthsPosition(rl);
  const lead = `${R} shortlisted applicants were ${formatRatio(rl)} times as likely to be appointed as ${L.focus} shortlisted applicants${when}`;
  const inverse = rl < 1 ? ` (${L.focus} applicants were ${formatRatio(1 / rl)} times as likely as ${L.reference} applicants)` : "";
  const main = [lead + inverse, interval, fourFifthsPhrase(rl, ci, L)].filter(Boolean).join("; ") + ".";

  let significance = "";
  if (ci && ci.lower !== null) {
    const level = `${levelPercent(ci.level)}%`;
    const excludesOne = ci.lower > 1 || (ci.upper !== null && ci.upper < 1);
    significance = excludesOne
      ? `The ${level} interval does not include 1.00: a difference this large is unlikely to be chance alone.`
      : `The ${level} interval includes 1.00: the data are consistent with no difference at this level.`;
  }
  const caution = figures.smallNumbers
    ? `${SMALL_NUMBERS_TEXT}: ${opts.threshold ? `fewer than ${opts.threshold}` : "very few"} applicants in a group were shortlisted, appointed or not appointed, so one appointment more or less moves the figure a long way. Not for publication as it stands.`
    : "";
  return { main, significance, shortfall: shortfallPhrase(figures, L), position, caution };
}

export function shortfallPhrase(figures: RatioFigures, labels: ComparisonLabels = WRES_LABELS): string {
  const s = figures.shortfall;
  if (!s || s.toParity === null) return "";
  if (s.toParity === 0) return `No shortfall: ${labels.focus} shortlisted applicants were at least as likely to be appointed as ${labels.reference} shortlisted applicants.`;
  const parity = `${plural(s.toParity, `more ${labels.focus} appointment`)} from the same shortlist would have brought the ratio to 1.00 (equal likelihood)`;
  if (s.toFourFifths === null) return `Shortfall: ${parity}.`;
  if (s.toFourFifths === 0) return `Shortfall: ${parity}; the ratio is already inside the four-fifths range.`;
  return `Shortfall: ${parity}; ${s.toFourFifths} more would have brought it to 1.25, the edge of the four-fifths range.`;
}

/** For a figure withheld although none of its own counts is small (complementary suppression). */
export const COMPLEMENTARY_LABEL = "withheld so that a small count elsewhere cannot be worked out";

/** Whether the API withheld a figure only to protect another row's small count. */
export function isComplementary(code: SuppressionCode | null | undefined): boolean {
  return code === "complementary" || code === "notStatedComplementary";
}

/**
 * How a withheld cell reads, by the API's suppressionCode: "suppressed: fewer than 5" for a small
 * count (or when no code is given), COMPLEMENTARY_LABEL for a figure withheld to protect another.
 */
export function suppressedLabel(threshold?: number, code?: SuppressionCode | null): string {
  if (isComplementary(code)) return COMPLEMENTARY_LABEL;
  return threshold ? `suppressed: fewer than ${threshold}` : "suppressed: small numbers";
}

/** "1.46 (1.21–1.77)" for tables; "suppressed: fewer than 5" or COMPLEMENTARY_LABEL for withheld cells. */
export function ratioCell(f: RatioFigures, threshold?: number): string {
  if (f.suppressed) return suppressedLabel(threshold, f.suppressionCode);
  if (f.relativeLikelihood === null) return "not available";
  const ci = f.ci && f.ci.lower !== null ? ` (${formatRatio(f.ci.lower)}–${f.ci.upper === null ? "no upper limit" : formatRatio(f.ci.upper)})` : "";
  return `${formatRatio(f.relativeLikelihood)}${ci}`;
}

export function percent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined ? "–" : `${(p * 100).toFixed(digits)}%`;
}
