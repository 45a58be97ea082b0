/**
 * Which column of a recruitment system's per-applicant export holds what. Auto-detection
 * reads header names the way NHS Jobs, TRAC and Jobtrain exports tend to write them; the
 * analyst can always change the mapping before anything is counted.
 */

export const IMPORT_FIELDS = ["vacancy", "applicant", "ethnicity", "disability", "stage", "band", "closingDate", "staffGroup"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Fields the counts cannot be made without; the applicant id (duplicates) and disability (WDES) are optional. */
export const REQUIRED_FIELDS: readonly ImportField[] = ["vacancy", "ethnicity", "stage", "band", "closingDate", "staffGroup"];

export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  vacancy: "Vacancy reference",
  applicant: "Applicant or application ID (optional: finds duplicate rows)",
  ethnicity: "Ethnicity (label or NHS code)",
  disability: "Disability (optional: for WDES metric 2)",
  stage: "Stage reached",
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
  ],
  applicant: [/^(applicant|application|candidate) ?(id|ref|reference|number|no)$/, /^(applicant|application|candidate) ?(id|ref|reference|number|no)\b/],
  disability: [/^(disability|disabled)( status| declared)?$/, /\bconsider yourself to have a disability\b/, /\bdisab(?!.*\b(confident|guaranteed|scheme|interview)\b)/],
  ethnicity: [/^ethnic(ity|ic origin| group| category| background)?$/, /\bethnic/],
  stage: [
    /^(stage|status|outcome)( reached)?$/,
    /^(application|applicant|candidate|recruitment) (stage|status|outcome)$/,
    /\b(stage|status|outcome)\b/,
  ],
  band: [/^(band|grade|pay band|afc band|band grade|pay grade)$/, /\b(band|grade)\b/],
  closingDate: [/^closing ?date$/, /\bclos(ing|e|ed) ?date\b/, /\bclosing\b/, /\b(advert|vacancy) ?(end|close)/],
  staffGroup: [/^staff ?group$/, /\bstaff ?group\b/, /\b(clinical|occupation(al)? group|workforce group)\b/],
};

/** Best guess at which column holds what. Each column is used at most once. */
export function detectColumns(header: readonly string[]): ColumnMapping {
  const names = header.map(normaliseHeader);
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  const claimed = new Set<number>();
  // Fields with the most specific names first, so "Vacancy closing date" goes to closingDate.
  const order: ImportField[] = ["closingDate", "ethnicity", "disability", "staffGroup", "applicant", "vacancy", "stage", "band"];
  for (const field of order) {
    for (const pattern of PATTERNS[field]) {
      const index = names.findIndex((n, i) => !claimed.has(i) && pattern.test(n));
      if (index >= 0) {
        mapping[field] = index;
        claimed.add(index);
        break;
      }
    }
  }
  return mapping;
}

export function missingFields(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] === null);
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
  return bestScore >= 3 ? best : 0;
}
