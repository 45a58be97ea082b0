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

/**
 * Splits CSV text into records. Never throws; structural problems are reported. Unquoted fields
 * are sliced out of the text rather than built a character at a time: a large trust's year is a
 * few hundred thousand rows. `onProgress` hears the fraction read every 64 K characters.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(input.replace(/^\uFEFF/, "")), onProgress?: (fraction: number) => void): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const DELIM = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const rows: CsvRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let nextProgress = 65_536;
  let quoted = false; // a record that is one quoted empty field ("") is a record, not a blank line

  while (i < n) {
    if (onProgress && i >= nextProgress) {
      onProgress(i / n);
      nextProgress = i + 65_536;
    }
    // One field starts at i.
    let field: string;
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      quoted = true;
      let value = "";
      let from = i + 1;
      let j = from;
      let closed = false;
      while (j < n) {
        const q = text.indexOf('"', j);
        if (q < 0) break;
        // Count line breaks inside the quoted part, so later records keep their spreadsheet line.
        for (let k = j; k < q; k++) {
          const ch = text.charCodeAt(k);
          if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) line++;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = j = q + 2;
          continue;
        }
        value += text.slice(from, q);
        j = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        for (let k = j; k < n; k++) {
          const ch = text.charCodeAt(k);
          if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) line++;
        }
        problems.push({ line: recordLine, message: 'a quoted field is never closed (missing ")' });
        value += text.slice(from);
        fields.push(value);
        rows.push({ line: recordLine, fields });
        fields = [];
        i = n;
        break;
      }
      // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
      let k = j;
      while (k < n) {
        c = text.charCodeAt(k);
        if (c === DELIM || c === CR || c === LF) break;
        k++;
      }
      field = k > j ? value + text.slice(j, k) : value;
      i = k;
    } else {
      let k = i;
      while (k < n) {
        c = text.charCodeAt(k);
        if (c === DELIM || c === CR || c === LF) break;
        k++;
      }
      field = text.slice(i, k);
      i = k;
    }
    fields.push(field);
    if (i >= n) {
      rows.push({ line: recordLine, fields });
      fields = [];
      break;
    }
    c = text.charCodeAt(i);
    if (c === DELIM) {
      i++;
      if (i >= n) {
        fields.push("");
        rows.push({ line: recordLine, fields });
        fields = [];
      }
      continue;
    }
    // A line end closes the record; an empty line (one empty field) is skipped.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (!(fields.length === 1 && fields[0] === "" && !quoted)) rows.push({ line: recordLine, fields });
    fields = [];
    quoted = false;
    line++;
    recordLine = line;
  }
  onProgress?.(1);

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
