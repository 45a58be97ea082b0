// CSV writing shared by the extension (shortlisting and interview exports), the dashboard client and
// the Worker's WRES export. Pure and dependency-free: the extension's content scripts import it, and
// they must stay zod-free (tests/unit/extension-contentScriptImports.test.ts).

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /**
   * Also defuse numbers whose text starts with a formula character (in practice: negatives, "-1" → "'-1").
   * Off by default: a number is data, never a formula, and the dashboard and WRES exports keep "-1.5"
   * numeric. The extension's exports have always guarded numbers too and keep doing so.
   */
  guardNumbers?: boolean;
}

/** A leading = + - @ (or tab / CR, which some spreadsheets strip before the formula check) starts a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break (inner quotes doubled), and
 * defused against spreadsheet formula injection by prefixing ' to text starting with = + - @ tab or CR.
 * null/undefined → empty field; booleans → "yes"/"no".
 */
export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
  if ((typeof value === "string" || (options.guardNumbers === true && typeof value === "number")) && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record: fields joined by commas, no line ending. */
export function csvRow(row: ReadonlyArray<CsvValue>, options: CsvOptions = {}): string {
  return row.map((v) => csvField(v, options)).join(",");
}

/** Whole CSV: CRLF between records and after the last one (RFC 4180, what every caller has always written). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>, options: CsvOptions = {}): string {
  return rows.map((r) => csvRow(r, options)).join("\r\n") + "\r\n";
}
