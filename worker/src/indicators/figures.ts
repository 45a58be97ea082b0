import { BAND_IDS, bandLabel, STAFF_GROUPS, staffGroupLabel, type Band } from "@fair-shortlist/shared/bands";
import { emptyCounts } from "@fair-shortlist/shared/outcomeCounts";
import type { Breakdown, OutcomeCounts, Wres2BreakdownItem, Wres2Figures } from "@fair-shortlist/shared/schemas/api";
import { DEFAULT_SUPPRESSION_THRESHOLD, hasSmallCell, suppressionCodeOf, suppressWres2 } from "@fair-shortlist/shared/suppression";
import { CI_METHODS, relativeLikelihood, type Wres2Result } from "@fair-shortlist/shared/wres2";
import type { Cell } from "../db/aggregates";
import { financialYearLabel } from "@fair-shortlist/shared/periods";

/**
 * From summed counts to what the API reports. All arithmetic is the shared core's
 * (`relativeLikelihood`, `suppressWres2`); this module only groups cells and adds
 * complementary suppression across a breakdown.
 */
export const SUPPRESSION_THRESHOLD = DEFAULT_SUPPRESSION_THRESHOLD;

export const SUPPRESSION_RULE =
  `Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} (shortlisted, appointed or not appointed, per group) are withheld with every ` +
  "figure made from them. In a breakdown, further rows are withheld when the withheld rows could otherwise be worked " +
  "out by subtracting the shown rows from the total.";

export function addCounts(into: OutcomeCounts, c: OutcomeCounts): OutcomeCounts {
  for (const g of ["white", "bme", "notStated"] as const) {
    into[g].shortlisted += c[g].shortlisted;
    into[g].appointed += c[g].appointed;
  }
  return into;
}

export function sumCounts(list: { counts: OutcomeCounts }[]): OutcomeCounts {
  return list.reduce((acc, item) => addCounts(acc, item.counts), emptyCounts());
}

/** WRES indicator 2 for summed counts, small cells suppressed. */
export function figuresFor(counts: OutcomeCounts, vacancies: number, level: number): Wres2Figures {
  const result = suppressWres2(relativeLikelihood(counts, { level }), { threshold: SUPPRESSION_THRESHOLD });
  return { ...result, vacancies, suppressionCode: suppressionCodeOf(result) };
}

const SECONDARY_REASON =
  "Withheld as well, so that a suppressed row cannot be worked out by subtracting the rows shown from the total.";

/** A figure as the API reports it, with its machine-readable suppression code. */
type Coded = Wres2Result & Pick<Wres2Figures, "suppressionCode">;

/** Forced suppression of a whole figure (secondary suppression), in the shape suppressWres2 uses. */
function withholdAll(result: Wres2Result): Coded {
  const nullGroup = { shortlisted: null, appointed: null };
  const hasNotStated = result.counts.notStated !== undefined;
  return {
    counts: { white: { ...nullGroup }, bme: { ...nullGroup }, ...(hasNotStated ? { notStated: { ...nullGroup } } : {}) },
    likelihood: { white: null, bme: null, ...(hasNotStated ? { notStated: null } : {}) },
    relativeLikelihood: null,
    ci: { lower: null, upper: null, level: result.ci.level, method: CI_METHODS.suppressed },
    significant: null,
    fisherP: null,
    interpretation: { category: "insufficientData", withinFourFifths: null, text: SECONDARY_REASON },
    shortfall: { toParity: null, toFourFifths: null },
    warnings: [],
    suppressed: true,
    suppressionReason: SECONDARY_REASON,
    suppressionCode: "complementary",
  };
}

function withholdNotStated<T extends Coded>(result: T): T {
  return {
    ...result,
    counts: { ...result.counts, notStated: { shortlisted: null, appointed: null } },
    likelihood: { ...result.likelihood, notStated: null },
    suppressionReason: result.suppressionReason ?? `Not-stated counts withheld. ${SECONDARY_REASON}`,
    suppressionCode: result.suppressionCode ?? "notStatedComplementary",
  };
}

interface Row<T> {
  counts: OutcomeCounts;
  figures: T;
}

/**
 * Complementary suppression: when the total is shown, the withheld rows add up to total minus
 * the shown rows. Keep withholding the smallest shown row until that sum has no small cell
 * (or nothing is left to withhold). Done separately for the indicator (white and BME) and for
 * the not-stated counts.
 */
export function complementarySuppression<T extends Coded>(rows: Row<T>[], totalShown: boolean): void {
  if (!totalShown) return;
  const bySize = (r: Row<T>) => r.counts.white.shortlisted + r.counts.bme.shortlisted + r.counts.notStated.shortlisted;
  const hidden = () => rows.filter((r) => r.figures.suppressed);
  for (;;) {
    const h = hidden();
    if (h.length === 0) break;
    const sum = sumCounts(h);
    if (!hasSmallCell(sum.white, SUPPRESSION_THRESHOLD) && !hasSmallCell(sum.bme, SUPPRESSION_THRESHOLD)) break;
    const candidates = rows.filter((r) => !r.figures.suppressed).sort((a, b) => bySize(a) - bySize(b));
    if (candidates.length === 0) break;
    candidates[0]!.figures = { ...candidates[0]!.figures, ...withholdAll(candidates[0]!.figures) };
  }
  for (;;) {
    const h = rows.filter((r) => r.figures.counts.notStated?.shortlisted === null);
    if (h.length === 0) break;
    const sum = sumCounts(h);
    if (!hasSmallCell(sum.notStated, SUPPRESSION_THRESHOLD)) break;
    const candidates = rows
      .filter((r) => r.figures.counts.notStated?.shortlisted !== null)
      .sort((a, b) => a.counts.notStated.shortlisted - b.counts.notStated.shortlisted);
    if (candidates.length === 0) break;
    candidates[0]!.figures = { ...candidates[0]!.figures, ...withholdNotStated(candidates[0]!.figures) };
  }
}

function keyOf(cell: Cell, by: Breakdown): string {
  return by === "band" ? cell.band : by === "staffGroup" ? cell.staffGroup : financialYearLabel(cell.fy);
}

function labelOf(key: string, by: Breakdown): string {
  if (by === "band") return bandLabel(key as Band);
  if (by === "staffGroup") return staffGroupLabel(key as "clinical" | "nonClinical");
  return key;
}

function orderOf(by: Breakdown): (a: string, b: string) => number {
  if (by === "band") return (a, b) => BAND_IDS.indexOf(a as Band) - BAND_IDS.indexOf(b as Band);
  if (by === "staffGroup") return (a, b) => STAFF_GROUPS.indexOf(a as never) - STAFF_GROUPS.indexOf(b as never);
  return (a, b) => a.localeCompare(b);
}

/** One item per band / staff group / year that has data, in a reader's order, suppressed as a set. */
export function breakdownFor(cells: Cell[], by: Breakdown, level: number, overall: Wres2Figures): Wres2BreakdownItem[] {
  const groups = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = keyOf(cell, by);
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const rows = [...groups.keys()].sort(orderOf(by)).map((key) => {
    const list = groups.get(key)!;
    const counts = sumCounts(list);
    const vacancies = list.reduce((n, c) => n + c.vacancies, 0);
    return { key, counts, figures: { ...figuresFor(counts, vacancies, level), key, label: labelOf(key, by) } };
  });
  complementarySuppression(rows, !overall.suppressed);
  return rows.map((r) => r.figures);
}
