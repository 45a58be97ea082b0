import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import type { VacancyCounts } from "./importer";

/**
 * What the API is sent for one vacancy: counts only, under the keyed hash of its reference.
 * Disability counts go with them when the file had a disability column; without one the vacancy
 * is sent without them and stays "not recorded" for WDES metric 2.
 */
export function submissionOf(v: VacancyCounts, vacancyKey: string): OutcomeSubmission {
  return {
    vacancyKey,
    closingDate: v.closingDate,
    band: v.band,
    staffGroup: v.staffGroup,
    counts: v.counts,
    ...(v.disability ? { disabilityCounts: v.disability } : {}),
  };
}
