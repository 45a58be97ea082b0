/**
 * CSV as recruitment systems export it (RFC 4180 plus what spreadsheets do to it): quoted
 * fields with commas, doubled quotes and line breaks inside them; CRLF, LF or CR line ends;
 * a UTF-8 byte-order mark; a trailing newline or blank lines. Semicolon- and tab-separated
 * exports (Excel in some locales) are detected from the first lines.
 */

export interface CsvRecord {
  /** Physical line (1-based) where the record starts, as a spreadsheet shows it. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ParsedCsv {
  readonly header: readonly string[];
  /** Physical line of the header record (after any blank lines before it). */
  readonly headerLine: number;
  readonly records: readonly CsvRecord[];
  readonly delimiter: string;
  /** Structural problems: an unterminated quote. Rows are still returned up to there. */
  readonly problems: readonly { line: number; message: string }[];
}

/**
 * The delimiter that splits some line among the first 20 into the most fields, outside quotes.
 * Not just the first line: a report may open with a title ("Applications report") that has none.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let current = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let inQuotes = false;
  let lines = 0;
  const endLine = () => {
    for (const [d, n] of current) if (n > counts.get(d)!) counts.set(d, n);
    current = new Map([[",", 0], [";", 0], ["\t", 0]]);
    lines++;
  };
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) endLine();
    else if (!inQuotes && current.has(ch)) current.set(ch, current.get(ch)! + 1);
  }
  if (lines < 20) endLine();
  let best = ",";
  let bestCount = 0;
  for (const [candidate, count] of counts) {
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
    headerLine: head?.line ?? 1,
    records,
    delimiter,
    problems,
  };
}

// Writing CSV (quoting + formula guard; numbers are left unguarded) lives in the shared core.
export { csvField, toCsv } from "@fair-shortlist/shared/csv";
