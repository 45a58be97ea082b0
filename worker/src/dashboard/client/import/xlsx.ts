/**
 * Reads the cells of one worksheet of an Excel workbook (.xlsx, SpreadsheetML), in the browser
 * and in a Web Worker (no DOMParser there). fflate unzips; this file reads the few XML parts a
 * recruitment report uses: the workbook's sheet list, shared strings, cell styles (to tell a date
 * from a number) and the rows of the chosen sheet. Formulas are read as their cached values.
 *
 * Every cell comes back as text: a date-formatted number becomes an ISO date ("2025-03-31"),
 * a number its shortest decimal form, a boolean TRUE / FALSE.
 */
import { unzipSync, strFromU8 } from "fflate";
import { excelSerialToIso } from "@fair-shortlist/shared/periods";

export interface SheetRows {
  readonly sheets: readonly string[];
  readonly sheet: string;
  /** Rows as the sheet numbers them (1-based), empty rows left out. */
  readonly rows: ReadonlyArray<{ line: number; fields: string[] }>;
}

export class XlsxError extends Error {}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** OOXML escapes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for a carriage return). */
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

export function decodeXmlText(s: string): string {
  if (s.indexOf("&") >= 0) s = s.replace(ENTITY, (_, hex, dec, name) => (name ? NAMED[name]! : String.fromCodePoint(parseInt(hex ?? dec, hex ? 16 : 10))));
  if (s.indexOf("_x") >= 0) s = s.replace(OOXML_ESCAPE, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const ATTR_PATTERNS = new Map<string, RegExp>();
function attr(tag: string, name: string): string | undefined {
  let re = ATTR_PATTERNS.get(name);
  if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? decodeXmlText(m[1]!) : undefined;
}


/** The text of a string item (<si> or <is>): its <t> runs, without phonetic (<rPh>) runs. */
function stringItemText(xml: string): string {
  const body = xml.indexOf("<rPh") >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let out = "";
  const t = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  let m: RegExpExecArray | null;
  while ((m = t.exec(body))) out += m[1] ?? "";
  return decodeXmlText(out);
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const si = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  let m: RegExpExecArray | null;
  while ((m = si.exec(xml))) out.push(m[1] === undefined ? "" : stringItemText(m[1]));
  return out;
}

/** Built-in number formats that are dates (ECMA-376 18.8.30, plus the East Asian date ids). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  // Quoted text, escaped characters and [colour]/[condition] sections say nothing about dates.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "").toLowerCase();
  // m alone is a month unless it sits with hours or seconds (then it is minutes).
  return /[dy]/.test(bare) || (/m/.test(bare) && !/[hs:]/.test(bare));
}

/** Per cell-style index: whether a number in that style is a date. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, boolean>();
  const fmt = /<numFmt\b[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = fmt.exec(xml))) {
    const id = Number(attr(m[0], "numFmtId"));
    const code = attr(m[0], "formatCode") ?? "";
    custom.set(id, isDateFormatCode(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  const out: boolean[] = [];
  const xf = /<xf\b[^>]*>/g;
  while ((m = xf.exec(xfs))) {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    out.push(custom.has(id) ? custom.get(id)! : BUILT_IN_DATE_FORMATS.has(id));
  }
  return out;
}

// Shared with the importer's reading of CSV date cells (readDateCell).
export { excelSerialToIso };

interface Workbook {
  sheets: { name: string; path: string }[];
  date1904: boolean;
}

function workbook(files: Record<string, Uint8Array>): Workbook {
  const wb = files["xl/workbook.xml"];
  if (!wb) throw new XlsxError("This is not an Excel workbook (.xlsx): it has no xl/workbook.xml.");
  const xml = strFromU8(wb);
  const rels = files["xl/_rels/workbook.xml.rels"] ? strFromU8(files["xl/_rels/workbook.xml.rels"]) : "";
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const t = attr(m[0], "Target");
    if (id && t) target.set(id, t.startsWith("/") ? t.slice(1) : `xl/${t}`);
  }
  const sheets: { name: string; path: string }[] = [];
  for (const m of xml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name") ?? `Sheet${sheets.length + 1}`;
    const rid = attr(m[0], "r:id");
    const path = (rid && target.get(rid)) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    sheets.push({ name, path: path.replace(/\/\.\//g, "/") });
  }
  const pr = /<workbookPr\b[^>]*>/.exec(xml)?.[0] ?? "";
  const d1904 = attr(pr, "date1904");
  return { sheets, date1904: d1904 === "1" || d1904 === "true" };
}

function formatNumber(v: string): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : v;
}

/**
 * Reads one worksheet (by name; the first when none is given). Throws XlsxError with a message
 * a person can act on when the file is not a workbook or the sheet is missing.
 */
export function readXlsx(
  data: Uint8Array,
  opts: {
    sheet?: string;
    onProgress?: (fraction: number) => void;
    /** Without `sheet`: the first sheet, in order, whose rows this accepts; the first sheet when none does. */
    accept?: (rows: SheetRows["rows"]) => boolean;
  } = {},
): SheetRows {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f) => f.name === "xl/workbook.xml" || f.name === "xl/_rels/workbook.xml.rels" || f.name === "xl/sharedStrings.xml" || f.name === "xl/styles.xml" || f.name.startsWith("xl/worksheets/"),
    });
  } catch {
    throw new XlsxError("The file could not be opened as an Excel workbook (.xlsx). Save it from Excel as .xlsx or .csv and try again.");
  }
  const wb = workbook(files);
  if (wb.sheets.length === 0) throw new XlsxError("The workbook has no worksheets.");
  const chosen = opts.sheet === undefined ? wb.sheets[0]! : wb.sheets.find((s) => s.name === opts.sheet);
  if (!chosen) throw new XlsxError(`The workbook has no sheet called "${opts.sheet}".`);
  opts.onProgress?.(0.2);
  const strings = sharedStrings(files["xl/sharedStrings.xml"] && strFromU8(files["xl/sharedStrings.xml"]));
  const dates = dateStyles(files["xl/styles.xml"] && strFromU8(files["xl/styles.xml"]));
  const sheetNames = wb.sheets.map((s) => s.name);
  const read = (sheet: { name: string; path: string }, onProgress?: (fraction: number) => void): SheetRows => {
    const sheetBytes = files[sheet.path];
    if (!sheetBytes) throw new XlsxError(`The sheet "${sheet.name}" is missing from the workbook.`);
    return { sheets: sheetNames, sheet: sheet.name, rows: sheetRows(strFromU8(sheetBytes), strings, dates, wb.date1904, onProgress) };
  };
  if (opts.sheet === undefined && opts.accept) {
    let first: SheetRows | undefined;
    for (const sheet of wb.sheets) {
      if (!files[sheet.path]) continue;
      const rows = read(sheet, opts.onProgress);
      if (opts.accept(rows.rows)) return rows;
      if (sheet === chosen) first = rows; // no sheet accepted: the first is read once, not twice
    }
    if (first) return first;
  }
  return read(chosen, opts.onProgress);
}

function sheetRows(xml: string, strings: readonly string[], dates: readonly boolean[], date1904: boolean, onProgress?: (fraction: number) => void): SheetRows["rows"] {
  onProgress?.(0.3);

  const rows: { line: number; fields: string[] }[] = [];
  // A scan by indexOf over the sheet text rather than a regular expression per row and cell: a
  // year's export is tens of megabytes of XML, and substrings per row were most of the garbage.
  const dateText = new Map<string, string>(); // a vacancy's rows repeat its closing date
  let nextLine = 1;
  let sinceProgress = 0;
  let pos = 0;
  for (;;) {
    const rowStart = xml.indexOf("<row", pos);
    if (rowStart < 0) break;
    const rowTagEnd = xml.indexOf(">", rowStart);
    if (rowTagEnd < 0) break;
    const r = attr(xml.slice(rowStart + 4, rowTagEnd), "r");
    const line = r ? Number(r) : nextLine;
    nextLine = line + 1;
    if (xml.charCodeAt(rowTagEnd - 1) === 47 /* / */) {
      pos = rowTagEnd + 1;
      continue;
    }
    const rowEnd = xml.indexOf("</row>", rowTagEnd);
    const end = rowEnd < 0 ? xml.length : rowEnd;
    pos = end + 6;
    const fields: string[] = [];
    let nextCol = 0;
    let p = rowTagEnd + 1;
    for (;;) {
      const cStart = xml.indexOf("<c", p);
      if (cStart < 0 || cStart >= end) break;
      const after = xml.charCodeAt(cStart + 2);
      const tagEnd = xml.indexOf(">", cStart);
      p = tagEnd + 1;
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) continue; // <col>, <cfvo>...
      let col = nextCol;
      let type = "n";
      let style = 0;
      const rAt = xml.indexOf(' r="', cStart);
      if (rAt > 0 && rAt < tagEnd) {
        let n = 0;
        for (let k = rAt + 4; ; k++) {
          const ch = xml.charCodeAt(k);
          if (ch < 65 || ch > 90) break;
          n = n * 26 + (ch - 64);
        }
        if (n > 0) col = n - 1;
      }
      const tAt = xml.indexOf(' t="', cStart);
      if (tAt > 0 && tAt < tagEnd) type = xml.slice(tAt + 4, xml.indexOf('"', tAt + 4));
      const sAt = xml.indexOf(' s="', cStart);
      if (sAt > 0 && sAt < tagEnd) style = Number(xml.slice(sAt + 4, xml.indexOf('"', sAt + 4)));
      nextCol = col + 1;
      if (xml.charCodeAt(tagEnd - 1) === 47) continue; // <c .../>: an empty, styled cell
      const cEnd = xml.indexOf("</c>", tagEnd);
      if (cEnd < 0) break;
      p = cEnd + 4;
      let text: string;
      if (type === "inlineStr") {
        text = stringItemText(/<is>([\s\S]*?)<\/is>/.exec(xml.slice(tagEnd + 1, cEnd))?.[1] ?? "");
      } else {
        const vStart = xml.indexOf("<v", tagEnd);
        if (vStart < 0 || vStart > cEnd) continue;
        const vOpenEnd = xml.indexOf(">", vStart);
        const v = xml.slice(vOpenEnd + 1, xml.indexOf("</v>", vOpenEnd));
        if (type === "s") text = strings[Number(v)] ?? "";
        else if (type === "str" || type === "e") text = decodeXmlText(v);
        else if (type === "b") text = v === "1" ? "TRUE" : "FALSE";
        else if (type === "d") text = decodeXmlText(v).slice(0, 10);
        else if (dates[style]) {
          let iso = dateText.get(v);
          if (iso === undefined) dateText.set(v, (iso = excelSerialToIso(Number(v), date1904) ?? v));
          text = iso;
        } else text = formatNumber(v);
      }
      while (fields.length < col) fields.push("");
      fields[col] = text;
    }
    if (fields.some((f) => f.trim() !== "")) rows.push({ line, fields });
    if (++sinceProgress === 5000) {
      sinceProgress = 0;
      onProgress?.(0.3 + 0.7 * (pos / xml.length));
    }
  }
  fillMergedDown(xml, rows);
  return rows;
}

const CELL_REF = /^([A-Z]+)(\d+)$/;
function cellRef(ref: string): { col: number; row: number } | null {
  const m = CELL_REF.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/**
 * A cell merged down over several rows (a report grouped by vacancy merges the reference, band and
 * closing date over the vacancy's applicant rows) holds its value only in its top cell: the rows
 * below are given it, as the sheet shows them. Merges within one row (a title across columns) are left.
 */
function fillMergedDown(xml: string, rows: Array<{ line: number; fields: string[] }>): void {
  const at = xml.indexOf("<mergeCells");
  if (at < 0) return;
  const byLine = new Map(rows.map((r) => [r.line, r]));
  for (const m of xml.slice(at).matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const from = cellRef(m[1]!);
    const to = cellRef(m[2]!);
    if (!from || !to || to.row <= from.row) continue;
    const top = byLine.get(from.row);
    if (!top) continue;
    for (let line = from.row + 1; line <= to.row; line++) {
      const row = byLine.get(line);
      if (!row) continue; // an empty row is not an applicant
      for (let col = from.col; col <= to.col; col++) {
        const value = top.fields[col] ?? "";
        if (!value || (row.fields[col] ?? "") !== "") continue;
        while (row.fields.length < col) row.fields.push("");
        row.fields[col] = value;
      }
    }
  }
}
