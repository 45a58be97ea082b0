// WRES indicator 2 counting: how one applicant's outcome adds to a vacancy's per-group counts.
// The one definition of the rule, used by the extension's outcome capture (stages read through a
// site profile's labels) and the dashboard's CSV import (free-text stages classified by pattern).
// Each caller keeps its own way of reading a stage, duplicate handling and warnings.
//
// Pure (the overlay's content script imports it); OutcomeCountsSchema in ./schemas/api validates these types.
import type { EthnicGroup } from "./ethnicity";

/** A plausible upper bound for one vacancy: catches typos like 1700 for 17. */
export const MAX_SHORTLISTED_PER_VACANCY = 2000;

/** Shortlisted and appointed applicants of one group for one vacancy. */
export interface VacancyGroupCounts {
  shortlisted: number;
  appointed: number;
}

/** A vacancy's counts per ethnic group, as the API stores them. */
export interface OutcomeCounts {
  white: VacancyGroupCounts;
  bme: VacancyGroupCounts;
  notStated: VacancyGroupCounts;
}

/**
 * How far an applicant got, in the indicator's terms (docs/domain.md, "WRES indicator 2"):
 * - appointed: appointed, and so shortlisted too;
 * - shortlisted: shortlisted, not appointed;
 * - offerDeclined: shortlisted and offered the job but turned it down: left out of both counts;
 * - notCounted: never shortlisted (or a stage that is none of the above): not counted.
 */
export type WresOutcome = "appointed" | "shortlisted" | "offerDeclined" | "notCounted";

/** Zero shortlisted and appointed for each of white, BME and not stated (not stated counted separately). */
export function emptyCounts(): OutcomeCounts {
  return { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } };
}

/** Whether an outcome is counted at all: only shortlisted and appointed applicants are. */
export function isCounted(outcome: WresOutcome): outcome is "appointed" | "shortlisted" {
  return outcome === "appointed" || outcome === "shortlisted";
}

/**
 * Adds one applicant to `counts` (in place) and returns whether they were counted.
 * Appointed adds to shortlisted and appointed (appointed ⊂ shortlisted); shortlisted adds to
 * shortlisted; a declined offer and a not-shortlisted applicant add nothing.
 */
export function addApplicant(counts: OutcomeCounts, group: EthnicGroup, outcome: WresOutcome): boolean {
  if (!isCounted(outcome)) return false;
  counts[group].shortlisted += 1;
  if (outcome === "appointed") counts[group].appointed += 1;
  return true;
}
