/**
 * CSV as recruitment systems export it (RFC 4180 plus what spreadsheets do to it): quoted
 * fields with commas, doubled quotes and line breaks inside them; CRLF, LF or CR line ends;
 * a UTF-8 byte-order mark; a trailing newline or blank lines. Semicolon- and tab-separated
 * exports (Excel in some locales) are detected from the header line.
 */

export interface CsvRecord {
  /** Physical line (1-based) where the record starts, as a spreadsheet shows it. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ParsedCsv {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
  readonly delimiter: string;
  /** Structural problems: an unterminated quote. Rows are still returned up to there. */
  readonly problems: readonly { line: number; message: string }[];
}

/** The delimiter that splits the first line into the most fields, outside quotes. */
export function detectDelimiter(text: string): string {
  const firstLine: string[] = [];
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    firstLine.push(inQuotes ? "" : ch);
  }
  const line = firstLine.join("");
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t"]) {
    const count = line.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Splits CSV text into records. Never throws; structural problems are reported. */
export function parseCsv(input: string, delimiter = detectDelimiter(input.replace(/^\uFEFF/, ""))): ParsedCsv {
  const text = input.replace(/^\uFEFF/, "");
  const rows: CsvRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false; // distinguishes an empty line from a record with one empty field

  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === "" && !fieldStarted;
    if (!blank) rows.push({ line: recordLine, fields });
    fields = [];
    fieldStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      fieldStarted = true;
      endField();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      fieldStarted = true;
      field += ch;
    }
  }
  if (inQuotes) problems.push({ line: recordLine, message: "a quoted field is never closed (missing \")" });
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();

  const [head, ...records] = rows;
  return {
    header: (head?.fields ?? []).map((h) => h.trim()),
    records,
    delimiter,
    problems,
  };
}

// Writing CSV (quoting + formula guard; numbers are left unguarded) lives in the shared core.
export { csvField, toCsv } from "@fair-shortlist/shared/csv";
