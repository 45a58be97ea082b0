/**
 * An export file (CSV or Excel) as a header and rows, whichever the recruitment system gave.
 * Runs in the import Web Worker; pure apart from reading the File.
 */
import { headerRowIndex, headerScore } from "./columns";
import { parseCsv } from "./csv";
import { readXlsx, XlsxError } from "./xlsx";
import type { SourceRow } from "./importer";

export interface SourceTable {
  kind: "csv" | "xlsx";
  header: string[];
  rows: SourceRow[];
  /** CSV only: every row must have the header's number of fields. */
  headerLength?: number;
  sheets: string[];
  sheet: string | null;
  problems: { line: number; message: string }[];
  /** Rows above the column headings (a report title, filters), left out: how many, and the line the headings are on. */
  skippedAbove: { rows: number; headerLine: number; first: string } | null;
  /** Rows below the headings that repeat them (a paginated report prints them on every page): left out. */
  repeatedHeadings: number;
}

/** Splits rows at the column headings found by headerRowIndex. */
function atHeader(rows: readonly SourceRow[]): { header: string[]; rows: SourceRow[]; skippedAbove: SourceTable["skippedAbove"]; repeatedHeadings: number } {
  const index = headerRowIndex(rows.map((r) => r.fields));
  const head = rows[index];
  const skippedAbove =
    index === 0 || !head
      ? null
      : { rows: index, headerLine: head.line, first: rows[0]!.fields.filter((f) => f.trim()).join(" ").slice(0, 80) };
  const header = (head?.fields ?? []).map((h) => h.trim());
  const same = (fields: readonly string[]) => fields.length > 0 && header.every((h, i) => h.toLowerCase() === (fields[i] ?? "").trim().toLowerCase()) && fields.slice(header.length).every((f) => !f.trim());
  const below = rows.slice(index + 1);
  const kept = below.filter((r) => !same(r.fields));
  return { header, rows: kept, skippedAbove, repeatedHeadings: below.length - kept.length };
}

export class SourceError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * UTF-16 when the file says so with its byte-order mark (Excel's "Unicode Text", tab-separated),
 * else UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (older systems' "CSV (Excel)").
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function readSource(bytes: Uint8Array, name: string, opts: { sheet?: string; onProgress?: (f: number) => void } = {}): SourceTable {
  if (startsWith(bytes, OLE_MAGIC) || /\.xls$/i.test(name)) {
    throw new SourceError("This is an old-style Excel file (.xls). Open it in Excel and save it as .xlsx or .csv, then choose it again.");
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    try {
      // Unless the analyst chose a sheet, the first one with column headings: a report often
      // opens with a summary or pivot sheet and puts the applicants on the second.
      const sheet = readXlsx(bytes, { ...opts, accept: opts.sheet === undefined ? (rows) => headerScore(rows.map((r) => r.fields)) >= 3 : undefined });
      return { kind: "xlsx", ...atHeader(sheet.rows), sheets: [...sheet.sheets], sheet: sheet.sheet, problems: [] };
    } catch (e) {
      if (e instanceof XlsxError) throw new SourceError(e.message);
      throw e;
    }
  }
  const csv = parseCsv(decodeText(bytes), undefined, opts.onProgress);
  // A row of empty cells (",,,,": Excel saves the blank rows under a table like that) is a blank
  // line, as in a spreadsheet: left out before the headings are looked for and the fields counted.
  const records = (csv.records as SourceRow[]).filter((r) => r.fields.some((f) => f.trim() !== ""));
  const table = atHeader([{ line: csv.headerLine, fields: csv.header }, ...records]);
  // Only rows below the headings are held to their number of fields (a title line has one).
  const problems = csv.problems.filter((p) => !table.skippedAbove || p.line > table.skippedAbove.headerLine);
  return { kind: "csv", ...table, headerLength: table.header.length, sheets: [], sheet: null, problems };
}

/** First non-empty value per column, for hints beside the column choices. */
export function samplesOf(table: SourceTable): string[] {
  return table.header.map((_, i) => {
    for (const r of table.rows) {
      const v = (r.fields[i] ?? "").trim();
      if (v) return v.slice(0, 60);
    }
    return "";
  });
}
