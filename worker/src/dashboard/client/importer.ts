/**
 * From a per-applicant export to per-vacancy anonymised counts, entirely in the browser.
 * Only the counts (never a row, a name or the raw vacancy reference) are ever sent.
 *
 * WRES indicator 2 (docs/domain.md): counted are shortlisted applicants and, of them, those
 * appointed; excluded are applicants who did not state their ethnicity (kept as notStated,
 * which the indicator leaves out) and shortlisted applicants who were offered a job and
 * turned it down (left out entirely).
 */
import { classifyEthnicity, type EthnicGroup } from "@fair-shortlist/shared/ethnicity";
import { parseBand, type Band, type StaffGroup } from "@fair-shortlist/shared/bands";
import { MAX_SHORTLISTED_PER_VACANCY } from "@fair-shortlist/shared/outcomeCounts";
import type { ColumnMapping, ImportField } from "./columns";
import type { CsvRecord } from "./csv";
import { normaliseVacancyReference } from "@fair-shortlist/shared/vacancyKey";
import { ukCalendarDate } from "@fair-shortlist/shared/periods";
import { addApplicant, emptyCounts, type WresOutcome } from "@fair-shortlist/shared/outcomeCounts";

/** How far an applicant got, in the indicator's terms. */
export type StageOutcome = "notShortlisted" | "shortlisted" | "appointed" | "declinedOffer";

/** The shared counting rule's name for each stage outcome (shared/src/outcomeCounts.ts decides how each counts). */
const WRES_OUTCOME: Readonly<Record<StageOutcome, WresOutcome>> = {
  notShortlisted: "notCounted",
  shortlisted: "shortlisted",
  appointed: "appointed",
  declinedOffer: "offerDeclined",
};

/** Stage words, checked in order: the first match decides. Normalised text (lowercase, spaces). */
const STAGE_RULES: ReadonlyArray<readonly [RegExp, StageOutcome]> = [
  [/\b(offer|job) (declined|refused|rejected by (the )?(applicant|candidate))\b|\bdeclined (the )?offer\b|\bturned down\b/, "declinedOffer"],
  [/\bwithdrawn? (before|at|during) (application|longlist|shortlist|sift)/, "notShortlisted"],
  [/\b(not shortlisted|rejected at (application|longlist|longlisting|shortlist|shortlisting|sift)|unsuccessful at (application|shortlisting|sift)|longlist(ed|ing)?|applied|application received|sifted out|not progressed|ineligible)\b/, "notShortlisted"],
  [/^(rejected|unsuccessful)( shortlisting)?$/, "notShortlisted"],
  // Interviewed but not appointed: must win over the word "appointed" below.
  [/\bnot (appointed|selected|offered|successful|hired)\b|\b(unsuccessful|rejected) (at|after|post) interview\b/, "shortlisted"],
  [/\b(appointed|hired|started|offer accepted|accepted offer|conditional offer accepted|unconditional offer|contract issued|pre employment checks|pre-employment checks|new starter|start date confirmed)\b/, "appointed"],
  [/\b(shortlisted|interview(ed|ing)?|interview reserve|reserve|offer pending|offer reserve list|offered|not appointed|unsuccessful (at|after) interview|rejected (at|after) interview|withdrawn (after|at|during) (shortlist|interview|offer))\b/, "shortlisted"],
];

export function classifyStage(text: string): StageOutcome | null {
  const t = text.toLowerCase().replace(/[^a-z0-9-]+/g, " ").trim();
  if (t === "") return null;
  for (const [pattern, outcome] of STAGE_RULES) if (pattern.test(t)) return outcome;
  return null;
}

/** "Offered" alone is shortlisted (not yet appointed): an offer can still be declined. */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function isoDate(y: number, m: number, d: number): string | null {
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A closing date as UK systems write it: 2025-03-14, 14/03/2025, 14-03-2025, 14.03.25,
 * 14 Mar 2025, 14 March 2025, or an ISO timestamp (placed on the UK calendar: 2025-03-31T23:00:00Z
 * is 1 April). Day before month (UK order), never US.
 */
export function parseClosingDate(text: string): string | null {
  const t = text.trim();
  // ISO dates and timestamps (with Z or an offset such as +01:00): the date in UK time.
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]|$)/.test(t)) {
    try {
      return ukCalendarDate(t);
    } catch {
      return null;
    }
  }
  let m: RegExpExecArray | null;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+[\d:]+)?$/.exec(t);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return isoDate(year, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{1,2})[\s-]([a-z]{3,9})[\s-,]+(\d{4})$/i.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    if (month >= 0 && (m[2]!.length === 3 || m[2]!.toLowerCase().startsWith(MONTHS[month]!))) {
      return isoDate(Number(m[3]), month + 1, Number(m[1]));
    }
  }
  return null;
}

export function parseStaffGroup(text: string): StaffGroup | null {
  const t = text.toLowerCase().replace(/[^a-z]+/g, " ").trim();
  if (/^(non ?clinical|nonclinical|non clinical staff|admin(istrative)?( and clerical)?|estates( and ancillary)?|corporate|support services)$/.test(t)) return "nonClinical";
  if (/^(clinical|clinical staff|nursing( and midwifery)?|medical( and dental)?|allied health professionals?|ahp|healthcare scientists?|scientific (and|&) technical)$/.test(t)) return "clinical";
  return null;
}

export interface RowProblem {
  readonly line: number;
  readonly reason: string;
}

export interface VacancyCounts {
  /** The reference as the file gives it: stays in the browser, only its keyed hash leaves. */
  readonly reference: string;
  readonly closingDate: string;
  readonly band: Band;
  readonly staffGroup: StaffGroup;
  readonly counts: Record<EthnicGroup, { shortlisted: number; appointed: number }>;
  /** Applicant rows read into this vacancy (including not-shortlisted ones). */
  readonly rows: number;
}

export interface ImportResult {
  readonly vacancies: VacancyCounts[];
  /** Rows left out, with why. A vacancy with a conflicting row is left out as a whole. */
  readonly badRows: RowProblem[];
  /** Rows counted, but with an assumption the analyst should check (e.g. an unreadable ethnicity). */
  readonly warnings: RowProblem[];
  readonly totals: {
    rows: number;
    counted: number;
    notShortlisted: number;
    declinedOffer: number;
    shortlisted: Record<EthnicGroup, number>;
    appointed: Record<EthnicGroup, number>;
  };
}

const get = (record: CsvRecord, mapping: ColumnMapping, field: ImportField): string => {
  const index = mapping[field];
  return index === null ? "" : (record.fields[index] ?? "").trim();
};

/** Classifies each row, then adds them up per vacancy. Pure: same input, same output. */
export function aggregateApplicants(records: readonly CsvRecord[], mapping: ColumnMapping, headerLength?: number): ImportResult {
  const badRows: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const emptyGroups = () => ({ white: 0, bme: 0, notStated: 0 });
  const totals = { rows: records.length, counted: 0, notShortlisted: 0, declinedOffer: 0, shortlisted: emptyGroups(), appointed: emptyGroups() };

  interface Draft {
    reference: string;
    closingDate: string;
    band: Band;
    staffGroup: StaffGroup;
    firstLine: number;
    counts: Record<EthnicGroup, { shortlisted: number; appointed: number }>;
    rows: number;
    lines: number[];
    conflict?: string;
  }
  const drafts = new Map<string, Draft>();

  for (const record of records) {
    const { line } = record;
    if (headerLength !== undefined && record.fields.length !== headerLength) {
      badRows.push({ line, reason: `has ${record.fields.length} fields but the header has ${headerLength}: a comma or quote may be misplaced` });
      continue;
    }
    const reference = get(record, mapping, "vacancy");
    if (!normaliseVacancyReference(reference)) {
      badRows.push({ line, reason: "no vacancy reference" });
      continue;
    }
    const stageText = get(record, mapping, "stage");
    const stage = classifyStage(stageText);
    if (!stage) {
      badRows.push({ line, reason: stageText ? `stage "${stageText}" is not recognised` : "no stage reached" });
      continue;
    }
    const bandText = get(record, mapping, "band");
    const band = parseBand(bandText);
    if (!band) {
      badRows.push({ line, reason: bandText ? `band "${bandText}" is not recognised` : "no band" });
      continue;
    }
    const dateText = get(record, mapping, "closingDate");
    const closingDate = parseClosingDate(dateText);
    if (!closingDate) {
      badRows.push({ line, reason: dateText ? `closing date "${dateText}" is not a date (use e.g. 31/03/2025 or 2025-03-31)` : "no closing date" });
      continue;
    }
    const groupText = get(record, mapping, "staffGroup");
    const staffGroup = parseStaffGroup(groupText);
    if (!staffGroup) {
      badRows.push({ line, reason: groupText ? `staff group "${groupText}" is neither clinical nor non-clinical` : "no staff group" });
      continue;
    }
    const ethnicity = classifyEthnicity(get(record, mapping, "ethnicity"));
    if (ethnicity.warning) warnings.push({ line, reason: ethnicity.warning });
    if (band.warning) warnings.push({ line, reason: band.warning });

    const normalReference = normaliseVacancyReference(reference);
    let draft = drafts.get(normalReference);
    if (!draft) {
      draft = {
        reference,
        closingDate,
        band: band.band,
        staffGroup,
        firstLine: line,
        counts: emptyCounts(),
        rows: 0,
        lines: [],
      };
      drafts.set(normalReference, draft);
    } else if (!draft.conflict) {
      if (draft.band !== band.band) draft.conflict = `band ${band.band} differs from ${draft.band} on line ${draft.firstLine}`;
      else if (draft.closingDate !== closingDate) draft.conflict = `closing date ${closingDate} differs from ${draft.closingDate} on line ${draft.firstLine}`;
      else if (draft.staffGroup !== staffGroup) draft.conflict = `staff group differs from line ${draft.firstLine}`;
      if (draft.conflict) draft.conflict = `vacancy ${reference}: ${draft.conflict}`;
    }
    draft.rows++;
    draft.lines.push(line);
    if (addApplicant(draft.counts, ethnicity.group, WRES_OUTCOME[stage])) continue;
    if (stage === "declinedOffer") totals.declinedOffer++;
    else totals.notShortlisted++;
  }

  const vacancies: VacancyCounts[] = [];
  for (const draft of drafts.values()) {
    const tooMany = (["white", "bme", "notStated"] as const).find((g) => draft.counts[g].shortlisted > MAX_SHORTLISTED_PER_VACANCY);
    const conflict = draft.conflict ?? (tooMany ? `vacancy ${draft.reference}: more than ${MAX_SHORTLISTED_PER_VACANCY} shortlisted in one group` : undefined);
    if (conflict) {
      for (const line of draft.lines) badRows.push({ line, reason: `${conflict}, so the whole vacancy is left out` });
      continue;
    }
    const shortlistedTotal = draft.counts.white.shortlisted + draft.counts.bme.shortlisted + draft.counts.notStated.shortlisted;
    if (shortlistedTotal === 0) continue; // nobody shortlisted: nothing to report for this vacancy
    for (const g of ["white", "bme", "notStated"] as const) {
      totals.shortlisted[g] += draft.counts[g].shortlisted;
      totals.appointed[g] += draft.counts[g].appointed;
    }
    totals.counted += draft.rows;
    vacancies.push({
      reference: draft.reference,
      closingDate: draft.closingDate,
      band: draft.band,
      staffGroup: draft.staffGroup,
      counts: draft.counts,
      rows: draft.rows,
    });
  }
  badRows.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return { vacancies, badRows, warnings, totals };
}
