/**
 * An export file (CSV or Excel) as a header and rows, whichever the recruitment system gave.
 * Runs in the import Web Worker; pure apart from reading the File.
 */
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
}

export class SourceError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (older systems' "CSV (Excel)"). */
export function decodeText(bytes: Uint8Array): string {
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
      const sheet = readXlsx(bytes, opts);
      const [head, ...rows] = sheet.rows;
      return { kind: "xlsx", header: (head?.fields ?? []).map((h) => h.trim()), rows, sheets: [...sheet.sheets], sheet: sheet.sheet, problems: [] };
    } catch (e) {
      if (e instanceof XlsxError) throw new SourceError(e.message);
      throw e;
    }
  }
  const csv = parseCsv(decodeText(bytes), undefined, opts.onProgress);
  return { kind: "csv", header: [...csv.header], rows: csv.records as SourceRow[], headerLength: csv.header.length, sheets: [], sheet: null, problems: [...csv.problems] };
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
