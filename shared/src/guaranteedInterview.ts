/**
 * The Disability Confident guaranteed-interview figure (WDES, docs/domain.md): of applicants who
 * applied under the scheme and meet every essential criterion, the share invited to interview
 * (shortlisted). The scheme promises all of them an interview, so anything below 100 % is a
 * broken promise to name, not a statistic to test; the interval says how sure the share is.
 *
 * Counted in the shortlisting overlay from its own decisions and sent as two numbers per vacancy
 * (never who): `eligible` and, of those, `interviewed`. The figure over many vacancies, with its
 * interval, is in ./wdes2 (this module stays small, with a type-only import: the shortlisting overlay imports it).
 */
import type { ShortlistDecision } from "./scoring";

export interface GuaranteedInterviewCounts {
  /** Applicants under the scheme who meet every essential criterion. */
  eligible: number;
  /** Of those, how many were shortlisted for interview. */
  interviewed: number;
}

/** One applicant as the shortlisting overlay knows them at decision time. */
export interface GuaranteedInterviewApplicant {
  guaranteedInterview: boolean;
  /** Scored at or above "met" on every essential criterion; null while not fully scored. */
  meetsEssential: boolean | null;
  /** The host's decision as read (the shortlisting vocabulary of ./scoring). */
  decision: ShortlistDecision;
}

/**
 * Counts for one vacancy from the overlay's applicants. Only decided applicants who are under the
 * scheme and known to meet every essential criterion are eligible; an undecided or unscored one
 * is not counted yet (so the figure never reports a promise as broken before the decision).
 */
export function countGuaranteedInterviews(applicants: Iterable<GuaranteedInterviewApplicant>): GuaranteedInterviewCounts {
  let eligible = 0;
  let interviewed = 0;
  for (const a of applicants) {
    if (!a.guaranteedInterview || a.meetsEssential !== true || a.decision === "undecided") continue;
    eligible += 1;
    if (a.decision === "shortlisted") interviewed += 1;
  }
  return { eligible, interviewed };
}

