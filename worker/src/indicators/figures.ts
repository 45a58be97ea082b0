import { BAND_IDS, bandLabel, STAFF_GROUPS, staffGroupLabel, type Band } from "@fair-shortlist/shared/bands";
import { emptyCounts } from "@fair-shortlist/shared/outcomeCounts";
import type { Breakdown, OutcomeCounts, Wdes2BreakdownItem, Wdes2Figures, Wres2BreakdownItem, Wres2Figures } from "@fair-shortlist/shared/schemas/api";
import { DEFAULT_PUBLICATION_THRESHOLD, hasSmallNumbers, SMALL_NUMBERS_TEXT } from "@fair-shortlist/shared/disclosure";
import { relativeLikelihood } from "@fair-shortlist/shared/wres2";
import type { Cell, DisabilityCell } from "../db/aggregates";
import { asWresCounts, wdesPooledRelativeLikelihood, wdesRelativeLikelihood, type PooledWdes2Result } from "@fair-shortlist/shared/wdes2";
import type { DisabilityCounts } from "@fair-shortlist/shared/disability";
import { financialYearLabel } from "@fair-shortlist/shared/periods";

/**
 * From summed counts to what the API reports to the organisation's own analysts (audience "own",
 * docs/privacy.md): exact counts at every level, with `smallNumbers` where a white or BME count is
 * below the trust's publication threshold. Nothing is withheld here; the publication audience's
 * suppressed tables come from shared/src/publication.ts. All arithmetic is the shared core's.
 */

/** Threshold for the benchmark's inclusion rule and the default publication threshold. */
export const SUPPRESSION_THRESHOLD = DEFAULT_PUBLICATION_THRESHOLD;

export function ownAudienceRule(threshold: number): string {
  return (
    "Exact counts for the organisation's own analysts: nothing is withheld. A figure where a white or BME count " +
    `(shortlisted, appointed or not appointed) is between 1 and ${threshold - 1} carries smallNumbers: true ` +
    `("${SMALL_NUMBERS_TEXT}"): one appointment more or less moves it a long way, and it would be withheld from publication ` +
    "(GET /v1/report/wres2)."
  );
}

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

/** WRES indicator 2 for summed counts, exact, flagged when small. */
export function figuresFor(counts: OutcomeCounts, vacancies: number, level: number, threshold: number = SUPPRESSION_THRESHOLD): Wres2Figures {
  const result = relativeLikelihood(counts, { level });
  return { ...result, vacancies, smallNumbers: hasSmallNumbers(counts, threshold), suppressionCode: null };
}

type Place = Pick<Cell, "fy" | "band" | "staffGroup">;

function keyOf(cell: Place, by: Breakdown): string {
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

/** One item per band / staff group / year that has data, in a reader's order, exact. */
export function breakdownFor(
  cells: Cell[],
  by: Breakdown,
  level: number,
  _overall?: Wres2Figures,
  threshold: number = SUPPRESSION_THRESHOLD,
): Wres2BreakdownItem[] {
  const groups = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = keyOf(cell, by);
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const rows = [...groups.keys()].sort(orderOf(by)).map((key) => {
    const list = groups.get(key)!;
    const counts = sumCounts(list);
    const vacancies = list.reduce((n, c) => n + c.vacancies, 0);
    return { ...figuresFor(counts, vacancies, level, threshold), key, label: labelOf(key, by) };
  });
  return rows;
}

// ---------------------------------------------------------------------------
// WDES metric 2: the same audience, statistics and breakdowns, over the vacancies that recorded disability.

export function ownAudienceRuleWdes(threshold: number): string {
  return (
    "Exact counts for the organisation's own analysts: nothing is withheld. A figure where a Disabled or non-disabled count " +
    `(shortlisted, appointed or not appointed) is between 1 and ${threshold - 1} carries smallNumbers: true ` +
    `("${SMALL_NUMBERS_TEXT}"). Only vacancies that recorded disability counts are counted (vacancies of vacanciesInPeriod); ` +
    "a vacancy without them is not recorded, never zero."
  );
}

function sumDisability(list: DisabilityCell[]): { counts: DisabilityCounts; vacancies: number; recorded: number } {
  const counts: DisabilityCounts = { disabled: { shortlisted: 0, appointed: 0 }, notDisabled: { shortlisted: 0, appointed: 0 }, notDeclared: { shortlisted: 0, appointed: 0 } };
  let vacancies = 0;
  let recorded = 0;
  for (const cell of list) {
    vacancies += cell.vacancies;
    recorded += cell.recorded;
    for (const g of ["disabled", "notDisabled", "notDeclared"] as const) {
      counts[g].shortlisted += cell.counts[g].shortlisted;
      counts[g].appointed += cell.counts[g].appointed;
    }
  }
  return { counts, vacancies, recorded };
}

/** WDES metric 2 for the cells' recorded vacancies, exact, flagged when small. */
export function wdesFiguresFor(cells: DisabilityCell[], level: number, threshold: number = SUPPRESSION_THRESHOLD): Wdes2Figures {
  const { counts, vacancies, recorded } = sumDisability(cells);
  const result = wdesRelativeLikelihood(counts, { level });
  return { ...result, vacancies: recorded, vacanciesInPeriod: vacancies, smallNumbers: hasSmallNumbers(asWresCounts(counts), threshold) };
}

/** One item per band / staff group / year that has vacancies, in a reader's order. */
export function wdesBreakdownFor(cells: DisabilityCell[], by: Breakdown, level: number, threshold: number = SUPPRESSION_THRESHOLD): Wdes2BreakdownItem[] {
  const groups = new Map<string, DisabilityCell[]>();
  for (const cell of cells) {
    const key = keyOf(cell, by);
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.keys()].sort(orderOf(by)).map((key) => ({ ...wdesFiguresFor(groups.get(key)!, level, threshold), key, label: labelOf(key, by) }));
}

/** Metric 2 allowing for the mix of bands: one stratum per band with recorded vacancies. */
export function wdesAdjustedForBand(cells: DisabilityCell[], level: number): PooledWdes2Result {
  const byBand = new Map<string, DisabilityCell[]>();
  for (const cell of cells.filter((c) => c.recorded > 0)) byBand.set(cell.band, [...(byBand.get(cell.band) ?? []), cell]);
  return wdesPooledRelativeLikelihood([...byBand.values()].map((list) => sumDisability(list).counts), { level });
}
