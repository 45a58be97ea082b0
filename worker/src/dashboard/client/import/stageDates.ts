/**
 * Exports with a column per stage ("Date Shortlisted", "Date Offer Accepted", "Date Offer
 * Declined") and no status: how far an applicant got, from which of those cells are filled.
 */
import type { StageOutcome } from "@fair-shortlist/shared/stages";
import { readDateCell } from "@fair-shortlist/shared/periods";

/** Cells that say a stage was not reached. */
const NOT_REACHED = /^(no|n|false|0|-|n\/?a|none|not applicable)$/i;
const REACHED = /^(yes|y|true|1|x|✓|✔)$/i;

/**
 * Whether a per-stage cell says the stage was reached: a date or yes is reached, blank or no is
 * not; null for other text (read as reached, and shown: a system may write a comment there).
 */
export function stageDateReached(text: string): boolean | null {
  const t = text.trim();
  if (!t || NOT_REACHED.test(t)) return false;
  if (REACHED.test(t) || readDateCell(t)) return true;
  return null;
}

/**
 * The stage an applicant reached from the per-stage cells: appointed if the appointed (offer
 * accepted) cell is filled, else offer declined if that cell is, else shortlisted if the
 * shortlisted cell is, else not shortlisted. An applicant who withdrew after shortlisting has a
 * shortlisting date and is shortlisted, as "Withdrawn after shortlisting" is (shared/src/stages.ts).
 */
export function stageFromDates(cells: { shortlisted: string; appointed: string; declined: string }): StageOutcome {
  const reached = (t: string) => stageDateReached(t) !== false;
  if (reached(cells.appointed)) return "appointed";
  if (reached(cells.declined)) return "offerDeclined";
  if (reached(cells.shortlisted)) return "shortlisted";
  return "notShortlisted";
}
