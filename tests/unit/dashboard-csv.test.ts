import { describe, expect, it } from "vitest";
import { csvField, detectDelimiter, parseCsv, toCsv } from "../../worker/src/dashboard/client/csv";

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
