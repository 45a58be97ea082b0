import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvField, detectDelimiter, parseCsv, toCsv } from "../../worker/src/dashboard/client/import/csv";

describe("dashboard CSV parsing", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM", () => {
    const text = '\uFEFFRef,Ethnicity,Stage\r\n"V-1","Asian or Asian British - Indian","Interviewed, not appointed"\r\n"V-2","White - ""Other""","Appointed"\r\n"V-3","Line one\r\nline two",Shortlisted\r\n';
    const csv = parseCsv(text);
    expect(csv.header).toEqual(["Ref", "Ethnicity", "Stage"]);
    expect(csv.records.map((r) => r.fields)).toEqual([
      ["V-1", "Asian or Asian British - Indian", "Interviewed, not appointed"],
      ["V-2", 'White - "Other"', "Appointed"],
      ["V-3", "Line one\r\nline two", "Shortlisted"],
    ]);
    // Line numbers are the physical lines a spreadsheet shows: the header is line 1.
    expect(csv.records.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(csv.problems).toEqual([]);
  });

  it("counts lines after a multi-line field, skips blank lines, accepts LF and CR line ends and no final newline", () => {
    const csv = parseCsv('a,b\n"x\ny",1\n\n\nz,2\rw,3');
    expect(csv.records).toEqual([
      { line: 2, fields: ["x\ny", "1"] },
      { line: 6, fields: ["z", "2"] },
      { line: 7, fields: ["w", "3"] },
    ]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,b,c\n1,,\n").records[0]!.fields).toEqual(["1", "", ""]);
  });

  it("detects semicolon and tab separated exports from the header line", () => {
    expect(detectDelimiter("Ref;Ethnicity;Stage\n1;2;3")).toBe(";");
    expect(detectDelimiter("Ref\tEthnicity\tStage")).toBe("\t");
    expect(detectDelimiter('"Ref;x",Ethnicity,Stage')).toBe(",");
    expect(parseCsv("Ref;Stage\nV1;\"Offer; accepted\"").records[0]!.fields).toEqual(["V1", "Offer; accepted"]);
  });

  it("reports a quote that is never closed, with its line", () => {
    const csv = parseCsv('a,b\n1,2\n"3,4\n5,6\n');
    expect(csv.problems).toEqual([{ line: 3, message: expect.stringContaining("never closed") }]);
  });

  it("writes RFC 4180 CSV and defuses spreadsheet formulas", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-1.5)).toBe("-1.5");
    const out = toCsv([["a", "b"], ["x,y", null]]);
    expect(out).toBe('a,b\r\n"x,y",\r\n');
    expect(parseCsv(out).records[0]!.fields).toEqual(["x,y", ""]);
  });
});

// The character-at-a-time parser this module used before the slicing one: kept as the oracle the
// faster parser must agree with on any input.
function referenceParse(input: string, delimiter: string) {
  const text = input.replace(/^\uFEFF/, "");
  const rows: { line: number; fields: string[] }[] = [];
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
    problems,
  };
}

describe("quotes inside an unquoted field", () => {
  it("are literal, as in Excel, and do not swallow the rest of the file", () => {
    const csv = parseCsv('Ref,Name\nV1,O"Brien\nV2,x\n');
    expect(csv.records.map((r) => r.fields)).toEqual([["V1", 'O"Brien'], ["V2", "x"]]);
    expect(csv.problems).toEqual([]);
  });
});

describe("the slicing parser agrees with the character-at-a-time one", () => {
  it("on any mix of quoted and plain fields, delimiters, line ends and blank lines", () => {
    // A quote starts a quoted field only at the start of a field (mid-field it is a literal, as in
    // Excel: the old parser opened a quote there and swallowed the rest of the file).
    const plain = fc.constantFrom("", "a", "b c", " ", "x'y", "\uFEFF");
    const quotedText = fc.array(fc.constantFrom("a", ",", ";", "\r", "\n", "\r\n", '""', " "), { maxLength: 5 }).map((p) => `"${p.join("")}"`);
    const field = fc.oneof(plain, quotedText, quotedText.map((q) => `${q}z`));
    const record = fc.array(field, { minLength: 1, maxLength: 4 });
    const end = fc.constantFrom("\r\n", "\n", "\r", "\n\n");
    fc.assert(
      fc.property(fc.array(fc.tuple(record, end), { maxLength: 6 }), fc.constantFrom(",", ";"), fc.boolean(), (records, delimiter, unclosed) => {
        const text = records.map(([fields, e]) => fields.join(delimiter) + e).join("") + (unclosed ? '"open' : "");
        const got = parseCsv(text, delimiter);
        const want = referenceParse(text, delimiter);
        expect({ header: got.header, records: got.records, problems: got.problems }).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });
});
