/**
 * Reports rarely start with their column headings: NHS Jobs, TRAC and Oleeo downloads open with a
 * title, the filters used and a blank line. The importer finds the heading row and says what it
 * left out, for CSV (any delimiter) and Excel alike; a file whose first row is the heading row is
 * read as before.
 */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { headerRowIndex } from "../../worker/src/dashboard/client/import/columns";
import { detectDelimiter } from "../../worker/src/dashboard/client/import/csv";
import { readSource } from "../../worker/src/dashboard/client/import/source";
import { aggregateApplicants } from "../../worker/src/dashboard/client/import/importer";
import { detectColumns } from "../../worker/src/dashboard/client/import/columns";

const HEADER = ["Job Reference", "Pay Band", "Staff Group", "Closing Date", "Applicant Status", "Ethnic Origin"];
const ROWS = [
  ["C9-100", "Band 5", "Administrative and Clerical", "14/06/2024", "Shortlisted", "A - White - British"],
  ["C9-100", "Band 5", "Administrative and Clerical", "14/06/2024", "Offer Accepted", "H - Asian or Asian British - Indian"],
  ["C9-100", "Band 5", "Administrative and Clerical", "14/06/2024", "Application Submitted", "A - White - British"],
];
const bytes = (text: string) => new TextEncoder().encode(text);
const csvOf = (lines: string[][], d = ",") => lines.map((l) => l.map((f) => (f.includes(d) || f.includes('"') ? `"${f.replace(/"/g, '""')}"` : f)).join(d)).join("\r\n") + "\r\n";

describe("the heading row of a report", () => {
  it("is found below a title, filters and blank lines, and what is above it is reported", () => {
    const text = csvOf([["Applications by vacancy"], ["Run on 01/12/2026 by HR Analytics, filter: closing date in 2024/25"], [], HEADER, ...ROWS]);
    const table = readSource(bytes(text), "report.csv");
    expect(table.header).toEqual(HEADER);
    expect(table.rows.map((r) => r.fields)).toEqual(ROWS);
    expect(table.rows[0]!.line).toBe(5);
    expect(table.skippedAbove).toEqual({ rows: 2, headerLine: 4, first: "Applications by vacancy" });
    // The title lines have one field: no "wrong number of fields" for them, and every applicant counted.
    const result = aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });
    expect(result.rowProblems).toEqual([]);
    expect(result.vacancies.map((v) => [v.reference, v.counts.white.shortlisted, v.counts.bme.shortlisted, v.counts.bme.appointed])).toEqual([["C9-100", 1, 1, 1]]);
  });

  it("works for semicolon exports whose title has no semicolon", () => {
    const text = csvOf([["Applications report"], HEADER, ...ROWS], ";");
    expect(detectDelimiter(text)).toBe(";");
    const table = readSource(bytes(text), "report.csv");
    expect(table.header).toEqual(HEADER);
    expect(table.rows).toHaveLength(3);
  });

  it("works for Excel reports with a title row and an empty row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Report");
    ws.addRow(["Vacancy applications, 2024/25"]);
    ws.addRow([]);
    ws.addRow(HEADER);
    for (const r of ROWS) ws.addRow(r);
    const table = readSource(new Uint8Array(await wb.xlsx.writeBuffer()), "report.xlsx");
    expect(table.header).toEqual(HEADER);
    expect(table.rows.map((r) => r.fields)).toEqual(ROWS);
    expect(table.skippedAbove).toMatchObject({ rows: 1, headerLine: 3, first: "Vacancy applications, 2024/25" });
  });

  it("is the first row when that is the heading row, or when no row looks like headings", () => {
    expect(readSource(bytes(csvOf([HEADER, ...ROWS])), "x.csv").skippedAbove).toBeNull();
    // A title that mentions a vacancy and a status is still not a heading row (two fields at most).
    expect(headerRowIndex([["Vacancy status report"], HEADER])).toBe(1);
    expect(headerRowIndex([["Name", "Email"], ["Mei Ahmed", "mei@example.org"]])).toBe(0);
    // Within the first 30 rows only.
    expect(headerRowIndex([...Array.from({ length: 30 }, () => ["notes"]), HEADER])).toBe(0);
    expect(headerRowIndex([...Array.from({ length: 29 }, () => ["notes"]), HEADER])).toBe(29);
  });
});

describe("text encodings of exports", () => {
  it("reads Excel's Unicode Text (UTF-16 with a byte-order mark, tab-separated), little- and big-endian", () => {
    const text = [HEADER, ...ROWS].map((r) => r.join("\t")).join("\r\n");
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + 2 * i] = text.charCodeAt(i) & 0xff, (le[3 + 2 * i] = text.charCodeAt(i) >> 8);
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) (be[i] = le[i + 1]!), (be[i + 1] = le[i]!);
    for (const bytes of [le, be]) {
      const table = readSource(bytes, "report.txt");
      expect(table.header).toEqual(HEADER);
      expect(table.rows.map((r) => r.fields)).toEqual(ROWS);
    }
  });
});

describe("the end of a report", () => {
  it("a totals or note line below the applicants is listed by line, never made into a vacancy", () => {
    const text = csvOf([HEADER, ...ROWS, ["Total applications", "", "", "", "", ""], ["End of report", "", "", "", "", ""]]);
    const table = readSource(bytes(text), "report.csv");
    const result = aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });
    expect(result.vacancies.map((v) => v.reference)).toEqual(["C9-100"]);
    expect(result.held).toEqual([]);
    expect(result.rowProblems).toEqual([{ reason: "no stage and no ethnicity: not an applicant row (a total or a note?): left out", lines: [5, 6] }]);
  });
});
