/**
 * Which column of a recruitment system's per-applicant export holds what. Auto-detection
 * reads header names the way NHS Jobs, TRAC and Jobtrain exports tend to write them; the
 * analyst can always change the mapping before anything is counted.
 */

export const IMPORT_FIELDS = ["vacancy", "applicant", "ethnicity", "disability", "stage", "shortlistedOn", "appointedOn", "declinedOn", "band", "closingDate", "staffGroup"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/**
 * Fields the counts cannot be made without; the applicant id (duplicates) and disability (WDES)
 * are optional. "stage" is met by a stage column or, for exports with a date column per stage
 * and no status (STAGE_DATE_FIELDS), by a "date shortlisted" column.
 */
export const REQUIRED_FIELDS: readonly ImportField[] = ["vacancy", "ethnicity", "stage", "band", "closingDate", "staffGroup"];
/** Columns that say how far an applicant got by a date (or yes / no) per stage, read when there is no stage column. */
export const STAGE_DATE_FIELDS = ["shortlistedOn", "appointedOn", "declinedOn"] as const satisfies readonly ImportField[];

export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  vacancy: "Vacancy reference",
  applicant: "Applicant or application ID (optional: finds duplicate rows)",
  ethnicity: "Ethnicity (label or NHS code)",
  disability: "Disability (optional: for WDES metric 2)",
  stage: "Stage reached",
  shortlistedOn: "Date shortlisted or interviewed, or yes / no (when there is no stage column)",
  appointedOn: "Date appointed or offer accepted, or yes / no (with a date-shortlisted column)",
  declinedOn: "Date offer declined, or yes / no (with a date-shortlisted column)",
  band: "Band or grade",
  closingDate: "Closing date",
  staffGroup: "Staff group (clinical / non-clinical)",
};

/** Column index per field; null = not mapped. */
export type ColumnMapping = Record<ImportField, number | null>;

function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Patterns per field, best first. The first pattern that matches any still-unclaimed header
 * wins, so "Vacancy reference" beats "Vacancy title" for the vacancy field.
 */
const PATTERNS: Readonly<Record<ImportField, readonly RegExp[]>> = {
  vacancy: [
    /^(vacancy|job|post|advert)( ?(ref|reference|id|number|no|code))$/,
    /^(vacancy|job|post|advert) ?(ref|reference|id|number|no)\b/,
    /\b(vacancy|job|advert) ?(ref|reference|id|number|no)\b/,
    /^(vacancy|requisition|job ref|reference)$/,
    /\brequisition\b/,
    /^(position|post) (number|no|id)$/,
  ],
  applicant: [/^(applicant|application|candidate) ?(id|ref|reference|number|no)$/, /^(applicant|application|candidate) ?(id|ref|reference|number|no)\b/],
  disability: [/^(disability|disabled)( status| declared)?$/, /\bconsider yourself to have a disability\b/, /\bdisab(?!.*\b(confident|guaranteed|scheme|interview)\b)/],
  ethnicity: [/^ethnic(ity|ic origin| group| category| background)?$/, /\bethnic/],
  stage: [
    /^(stage|status|outcome)( reached)?$/,
    /^(application|applicant|candidate|recruitment) (stage|status|outcome)$/,
    /\b(stage|status|outcome)\b/,
    /^(application |applicant |candidate |workflow )?(state|progress)$/,
    /\bworkflow (state|step|status)\b/,
  ],
  shortlistedOn: [
    /^(date )?shortlisted( date| on)?$/,
    /\bshortlist(ed|ing)? (date|on)\b|\bdate (of )?shortlist/,
    /\binterview(ed)? (date|on)\b|\bdate (of )?interview/,
    /^(date )?interviewed$/,
  ],
  appointedOn: [/^(date )?(appointed|offer accepted)( date| on)?$/, /\b(offer accepted|appointed|appointment|hired|start) (date|on)\b|\bdate (of )?(offer accepted|appointed|appointment|hire|start)/],
  declinedOn: [/\b(offer )?declined (date|on)\b|\bdate (of )?(offer )?declined\b|^(offer )?declined$|\bdeclined (the )?offer\b|\boffer (declined|refused|rejected)\b/],
  band: [/^(band|grade|pay band|afc band|band grade|pay grade)$/, /\b(band|grade)\b/, /\b(banding|pay ?scale)\b/],
  closingDate: [/^closing ?date$/, /\bclos(ing|e|ed) ?date\b/, /\bdate clos(ed|ing)\b/, /\bclosing\b/, /\b(advert|vacancy) ?(end|close)/],
  staffGroup: [/^staff ?group$/, /\bstaff ?group\b/, /\b(clinical|occupation(al)? group|workforce group)\b/, /\b(professional|staff|job|occupational) (group|family|category)\b/],
};

/**
 * How well a column's values read as a field (0 to 1, the share of its sampled values the shared
 * vocabulary reads), or null for a field with no vocabulary (references, IDs). columnScorer in
 * sampleScore.ts makes one from the rows; the page's bundle does not need the vocabulary for it.
 */
export type ColumnScore = (field: ImportField, index: number) => number | null;

/**
 * Best guess at which column holds what. Each column is used at most once. With a `score`, a
 * field whose header names fit several columns (two columns both called "Status", one the
 * requisition's and one the applicant's) takes the first whose values mostly read as that field.
 */
export function detectColumns(header: readonly string[], score?: ColumnScore): ColumnMapping {
  const names = header.map(normaliseHeader);
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  const claimed = new Set<number>();
  // Fields with the most specific names first, so "Vacancy closing date" goes to closingDate.
  const order: ImportField[] = ["closingDate", "ethnicity", "disability", "staffGroup", "applicant", "vacancy", "stage", "band", "shortlistedOn", "appointedOn", "declinedOn"];
  for (const field of order) {
    // A stage column says it all: the per-stage date columns are read only without one.
    if ((STAGE_DATE_FIELDS as readonly ImportField[]).includes(field) && mapping.stage !== null) continue;
    const candidates: number[] = [];
    for (const pattern of PATTERNS[field]) {
      names.forEach((n, i) => {
        if (!claimed.has(i) && !candidates.includes(i) && pattern.test(n)) candidates.push(i);
      });
      if (!score && candidates.length) break;
    }
    if (!candidates.length) continue;
    let index = candidates[0]!;
    if (score && candidates.length > 1) {
      const scored = candidates.map((i) => [i, score(field, i)] as const);
      if (scored.every(([, s]) => s !== null)) {
        const good = scored.find(([, s]) => s! >= 0.5);
        const best = scored.reduce((a, b) => (b[1]! > a[1]! ? b : a));
        index = good ? good[0] : best[1]! > 0 ? best[0] : index;
      }
    }
    mapping[field] = index;
    claimed.add(index);
  }
  return mapping;
}

export function missingFields(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] === null && !(f === "stage" && mapping.shortlistedOn !== null));
}

/** How far down a report's title, filters and blank lines may push the column headings. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * Which row holds the column headings. Reports often open with a title, the filters used and a
 * blank line ("Applications by vacancy", "Run on 01/12/2026 by …") before the headings: the
 * headings are the first row, within the first HEADER_SEARCH_ROWS, in which the most of the
 * required fields are recognised, if at least three are (fewer could be a title that happens to
 * say "vacancy"); otherwise the first row, and the analyst maps the columns by hand.
 */
export function headerRowIndex(rows: readonly (readonly string[])[]): number {
  const { index, score } = bestHeaderRow(rows);
  return score >= 3 ? index : 0;
}

/** How many required fields the best heading row recognises (a sheet with fewer than 3 has no applicant table). */
export function headerScore(rows: readonly (readonly string[])[]): number {
  return bestHeaderRow(rows).score;
}

function bestHeaderRow(rows: readonly (readonly string[])[]): { index: number; score: number } {
  let best = 0;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const mapping = detectColumns(rows[i]!);
    const score = REQUIRED_FIELDS.length - missingFields(mapping).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return { index: best, score: bestScore };
}
