// Exports in other systems' shapes (tests/fixtures/imports/realExports.mjs) through the importer's
// own steps, against the truth the generator kept: no applicant row lost, none read wrongly, and
// only the genuinely ambiguous vacancies held, each with its reason.
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { detectColumns, missingFields } from "../../worker/src/dashboard/client/import/columns";
import { aggregateApplicants } from "../../worker/src/dashboard/client/import/importer";
import { columnScorer } from "../../worker/src/dashboard/client/import/sampleScore";
import { decodeText, readSource } from "../../worker/src/dashboard/client/import/source";
import { parseCsv } from "../../worker/src/dashboard/client/import/csv";
import { measure } from "../fixtures/imports/importMeasure";
import { SHAPES } from "../fixtures/imports/realExports.mjs";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(SHAPES.map((s) => [s.id, s] as const))("%s export", (_, shape) => {
  it("counts every applicant row, reads none wrongly, and holds only what is ambiguous", async () => {
    const file = await shape.build();
    const m = measure(file);
    expect(m.missingColumns).toEqual([]);
    expect(m.misread).toEqual([]);
    expect(m.heldWrongly).toEqual([]);
    expect(m.guessedWrongly).toEqual([]);
    expect(m.vacanciesReady).toBe(m.vacanciesExpected);
    expect(m.rowsCounted + m.rowsHeld).toBe(file.truth.applicantRows);
    expect(m.rowsDropped).toBe(file.truth.notApplicantRows);
    // A held vacancy says which value waits for the analyst.
    for (const [ref, t] of Object.entries(file.truth.vacancies).filter(([, t]) => t.held)) {
      const held = m.result!.held.find((h) => h.reference === ref);
      expect(held?.reasons.join(" ")).toMatch(new RegExp(`^${t.held} "`));
    }
  });
});

describe("two columns with the same heading", () => {
  const csv = [
    "Requisition ID,Status,Grade,Staff Group,Closing Date,Status,Ethnic Group",
    "R1,Filled,Band 5,Nursing and Midwifery Registered,14/06/2024,Appointed,White - British",
    "R1,Filled,Band 5,Nursing and Midwifery Registered,14/06/2024,Interview - Unsuccessful,Asian or Asian British - Indian",
    "R1,Filled,Band 5,Nursing and Midwifery Registered,14/06/2024,Not progressed,White - Irish",
  ].join("\r\n");

  it("takes the one whose values read as stages", () => {
    const table = readSource(utf8(csv), "report.csv");
    expect(detectColumns(table.header).stage).toBe(1); // by the heading alone: the first
    expect(detectColumns(table.header, columnScorer(table.rows)).stage).toBe(5);
  });

  it("keeps the first when neither reads, and when both do", () => {
    const table = readSource(utf8(csv.replace(/Appointed|Interview - Unsuccessful|Not progressed/g, "Open")), "report.csv");
    expect(detectColumns(table.header, columnScorer(table.rows)).stage).toBe(1);
    const both = readSource(utf8(csv.replace(/Filled/g, "Shortlisted")), "report.csv");
    expect(detectColumns(both.header, columnScorer(both.rows)).stage).toBe(1);
  });
});

describe("blank rows of empty cells", () => {
  it("are left out as blank lines, not listed as rows without a reference", () => {
    const csv = "Job Ref,Ethnicity,Stage,Band,Closing Date,Staff Group,,\r\nJ1,White - British,Appointed,Band 5,14/06/2024,Clinical,,\r\n,,,,,,,\r\n, ,,,,,,\r\n";
    const table = readSource(utf8(csv), "x.csv");
    expect(table.rows.map((r) => r.line)).toEqual([2]);
    const result = aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });
    expect(result.rowProblems).toEqual([]);
    expect(result.vacancies).toHaveLength(1);
  });
});

describe("a workbook whose first sheet is a summary", () => {
  async function workbook() {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Summary").addRows([["Applicants by group"], ["White", 10], ["BME", 8]]);
    const data = wb.addWorksheet("Applicants");
    data.addRows([["Report title"], ["Job Ref", "Ethnicity", "Stage", "Band", "Closing Date", "Staff Group"], ["J1", "White - British", "Appointed", "Band 5", "14/06/2024", "Clinical"]]);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("reads the first sheet with column headings, and says which", async () => {
    const table = readSource(await workbook(), "report.xlsx");
    expect(table.sheet).toBe("Applicants");
    expect(table.sheets).toEqual(["Summary", "Applicants"]);
    expect(table.header).toEqual(["Job Ref", "Ethnicity", "Stage", "Band", "Closing Date", "Staff Group"]);
    expect(table.skippedAbove).toMatchObject({ rows: 1, headerLine: 2 });
  });

  it("still reads the sheet the analyst chooses", async () => {
    expect(readSource(await workbook(), "report.xlsx", { sheet: "Summary" }).sheet).toBe("Summary");
  });
});

describe("a date column per stage instead of a status", () => {
  const csv = [
    "Vacancy Ref,Band,Staff Group,Closing Date,Applicant No,Date Shortlisted,Date Interviewed,Date Offered,Date Offer Accepted,Date Offer Declined,Date Withdrawn,Ethnicity",
    "V1,Band 6,Clinical,14/06/2024,1,18/06/2024,28/06/2024,30/06/2024,04/07/2024,,,White - British", // appointed
    "V1,Band 6,Clinical,14/06/2024,2,18/06/2024,28/06/2024,,,,,Asian or Asian British - Indian", // shortlisted
    "V1,Band 6,Clinical,14/06/2024,3,,,,,,,Black or Black British - African", // not shortlisted
    "V1,Band 6,Clinical,14/06/2024,4,18/06/2024,28/06/2024,30/06/2024,,04/07/2024,,White - Irish", // declined: left out
    "V1,Band 6,Clinical,14/06/2024,5,18/06/2024,,,,,20/06/2024,Mixed - White and Asian", // withdrew after shortlisting
    "V1,Band 6,Clinical,14/06/2024,6,Yes,,,TBC,,,White - British", // yes / odd text
    "V1,Band 6,Clinical,14/06/2024,7,,,,,,,", // no stage, no ethnicity, but an applicant: not shortlisted
  ].join("\r\n");

  it("finds the columns and needs no stage column", () => {
    const table = readSource(utf8(csv), "sf.csv");
    const mapping = detectColumns(table.header, columnScorer(table.rows));
    expect(mapping).toMatchObject({ stage: null, shortlistedOn: 5, appointedOn: 8, declinedOn: 9 });
    expect(missingFields(mapping)).toEqual([]);
    expect(missingFields({ ...mapping, shortlistedOn: null })).toEqual(["stage"]);
  });

  it("counts how far each applicant got from which cells are filled", () => {
    const table = readSource(utf8(csv), "sf.csv");
    const result = aggregateApplicants(table.rows, detectColumns(table.header, columnScorer(table.rows)), {}, { headerLength: table.headerLength });
    expect(result.held).toEqual([]);
    expect(result.rowProblems).toEqual([]);
    expect(result.vacancies[0]!.counts).toEqual({ white: { shortlisted: 2, appointed: 2 }, bme: { shortlisted: 2, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } });
    expect(result.vacancies[0]!.rows).toBe(7);
    expect(result.totals.declinedOffer).toBe(1);
    expect(result.notes.join(" ")).toContain('"TBC"');
  });

  it("prefers a stage column when the file has one", () => {
    const withStatus = csv.replace("Ethnicity", "Ethnicity,Status").split("\r\n").map((l, i) => (i === 0 ? l : `${l},Not Shortlisted`)).join("\r\n");
    const table = readSource(utf8(withStatus), "sf.csv");
    const mapping = detectColumns(table.header, columnScorer(table.rows));
    expect(mapping).toMatchObject({ stage: 12, shortlistedOn: null });
    const result = aggregateApplicants(table.rows, mapping, {}, { headerLength: table.headerLength });
    expect(result.nothingToSend).toEqual(["V1"]);
  });
});

describe("an Excel serial day number in a CSV date cell", () => {
  it("is the date it stands for", () => {
    const csv = "Job Ref,Ethnicity,Stage,Band,Closing Date,Staff Group\r\nJ1,White - British,Appointed,Band 5,45457,Clinical\r\n";
    const table = readSource(utf8(csv), "x.csv");
    const result = aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });
    expect(result.vacancies[0]).toMatchObject({ closingDate: "2024-06-14", financialYear: "2024/25" });
  });
});

describe("column choices name a heading used twice by its column", () => {
  it("adds the spreadsheet letter to repeated and blank headings only", async () => {
    const { columnNames, columnLetter } = await import("../../worker/src/dashboard/client/import/ui");
    expect(columnNames(["Requisition ID", "Status", "Grade", "status ", ""])).toEqual(["Requisition ID", "Status (column B)", "Grade", "status (column D)", "Column E"]);
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("headings other systems use", () => {
  it.each([
    [["Requisition Number", "Workflow State", "Pay Scale", "Professional Group", "Date Closed", "Ethnicity"], { vacancy: 0, stage: 1, band: 2, staffGroup: 3, closingDate: 4, ethnicity: 5 }],
    [["Vacancy ID", "Banding", "Job Family", "Advert Close Date", "Application State", "Ethnic Group"], { vacancy: 0, band: 1, staffGroup: 2, closingDate: 3, stage: 4, ethnicity: 5 }],
    [["Position Number", "Salary Band", "Staff Category", "Closing Date", "Progress", "Ethnicity Category"], { vacancy: 0, band: 1, staffGroup: 2, closingDate: 3, stage: 4, ethnicity: 5 }],
    [["Vacancy Ref", "Grade", "Staff Group", "Vacancy End Date", "Interviewed", "Appointed", "Ethnic Origin"], { stage: null, shortlistedOn: 4, appointedOn: 5 }],
    [["Job Reference", "Grade", "Staff Group", "Closing Date", "Shortlisted", "Offered", "Appointed", "Declined Offer", "Ethnic Origin"], { stage: null, shortlistedOn: 4, appointedOn: 6, declinedOn: 7 }],
    [["Job Reference", "Grade", "Staff Group", "Closing Date", "Shortlisted", "Appointed", "Offer Refused", "Ethnic Origin"], { stage: null, declinedOn: 6 }],
  ])("%j", (header, expected) => {
    expect(detectColumns(header)).toMatchObject(expected);
  });
});

describe("closing dates written month first (a US-locale export)", () => {
  const csv = (dates: string[]) =>
    ["Job Ref,Ethnicity,Stage,Band,Closing Date,Staff Group", ...dates.map((d, i) => `J${i},White - British,Appointed,Band 5,${d},Clinical`)].join("\r\n");
  const run = (dates: string[]) => {
    const table = readSource(utf8(csv(dates)), "x.csv");
    return aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });
  };

  it("reads the whole column month first when some dates can only be month first and none only day first, and says so", () => {
    const result = run(["06/14/2024", "05/06/2024", "12/01/2024 00:00"]);
    expect(result.held).toEqual([]);
    expect(result.vacancies.map((v) => v.closingDate)).toEqual(["2024-06-14", "2024-05-06", "2024-12-01"]);
    expect(result.notes.join(" ")).toMatch(/month first.*"06\/14\/2024".*"05\/06\/2024" as 6 May 2024/);
  });

  it("keeps day first, and holds the dates that cannot be, when the column has both kinds", () => {
    const result = run(["06/14/2024", "25/06/2024", "05/06/2024"]);
    expect(result.vacancies.map((v) => v.closingDate)).toEqual(["2024-06-25", "2024-06-05"]);
    expect(result.held.map((h) => h.reference)).toEqual(["J0"]);
    expect(result.notes.join(" ")).not.toMatch(/month first/);
  });
});

describe("a report grouped by vacancy, saved as CSV", () => {
  const csv = [
    "Job Reference,Pay Band,Staff Group,Closing Date,Applicant Status,Ethnic Origin",
    "G1,Band 6,Clinical,14/06/2024,Appointed,White - British", // 2
    ",,,,Interviewed,Asian or Asian British - Indian", // 3: G1's
    ",,,,Not Shortlisted,White - Irish", // 4: G1's
    "G2,Band 5,Clinical,20/06/2024,Appointed,Black or Black British - African", // 5
    ",Band 7,Clinical,20/06/2024,Interviewed,White - British", // 6: its own band and date: not G2's
    ",,,,,", // 7: blank
  ].join("\r\n");
  const run = (fillDown?: boolean) => {
    const table = readSource(utf8(csv), "grouped.csv");
    return aggregateApplicants(table.rows, detectColumns(table.header), fillDown ? { fillDown } : {}, { headerLength: table.headerLength });
  };

  it("holds the vacancy with rows under it and says why, until the analyst chooses", () => {
    const result = run();
    expect(result.groupedRows).toBe(2);
    expect(result.held.map((h) => [h.reference, h.reasons])).toEqual([["G1", ["2 rows below its first row have no reference, as in a report grouped by vacancy: count them under the vacancy above (choose below), or fix the file"]]]);
    expect(result.rowProblems).toEqual([
      { reason: "no vacancy reference, below the rows of vacancy G1 as in a report grouped by vacancy: left out unless you count such rows under the vacancy above them", lines: [3, 4] },
      { reason: "no vacancy reference: left out", lines: [6] },
    ]);
    expect(result.vacancies.map((v) => v.reference)).toEqual(["G2"]);
  });

  it("counts them under the vacancy above once chosen, and says so", () => {
    const result = run(true);
    expect(result.held).toEqual([]);
    const g1 = result.vacancies.find((v) => v.reference === "G1")!;
    expect(g1).toMatchObject({ rows: 3, band: "6", closingDate: "2024-06-14" });
    expect(g1.counts).toEqual({ white: { shortlisted: 1, appointed: 1 }, bme: { shortlisted: 1, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } });
    expect(result.rowProblems).toEqual([{ reason: "no vacancy reference: left out", lines: [6] }]);
    expect(result.notes).toContain("2 rows without a vacancy reference, band, closing date or staff group were counted under the vacancy listed above them, as you chose (a report grouped by vacancy).");
  });
});

describe("cells merged down in a workbook", () => {
  it("give their value to every row they cover; a title merged across columns stays one cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Applications");
    ws.addRow(["Applications by vacancy, 2024/25"]);
    ws.mergeCells("A1:F1");
    ws.addRow(["Job Reference", "Pay Band", "Staff Group", "Closing Date", "Applicant Status", "Ethnic Origin"]);
    ws.addRow(["M1", "Band 6", "Clinical", "14/06/2024", "Appointed", "White - British"]);
    ws.addRow([null, null, null, null, "Interviewed", "Asian or Asian British - Indian"]);
    ws.addRow([null, null, null, null, "Shortlisted", "White - Irish"]);
    for (const col of ["A", "B", "C", "D"]) ws.mergeCells(`${col}3:${col}5`);
    const table = readSource(new Uint8Array(await wb.xlsx.writeBuffer()), "merged.xlsx");
    expect(table.skippedAbove).toMatchObject({ rows: 1, first: "Applications by vacancy, 2024/25" });
    expect(table.rows.map((r) => r.fields.slice(0, 4))).toEqual([
      ["M1", "Band 6", "Clinical", "14/06/2024"],
      ["M1", "Band 6", "Clinical", "14/06/2024"],
      ["M1", "Band 6", "Clinical", "14/06/2024"],
    ]);
    const result = aggregateApplicants(table.rows, detectColumns(table.header), {});
    expect(result.vacancies[0]).toMatchObject({ reference: "M1", rows: 3 });
    expect(result.groupedRows).toBe(0);
  });
});

describe("long numbers Excel rounded into scientific notation", () => {
  const csv = [
    "Application ID,Vacancy Number,Pay Band,Staff Group,Closing Date,Applicant Status,Ethnic Origin",
    "1.23457E+11,3.49123E+11,Band 5,Clinical,14/06/2024,Appointed,White - British",
    "1.23457E+11,3.49123E+11,Band 5,Clinical,14/06/2024,Interviewed,Asian or Asian British - Indian",
    "1.23457E+11,3.49123E+11,Band 5,Clinical,14/06/2024,Interviewed,White - Irish",
    "77,V2,Band 6,Clinical,14/06/2024,Appointed,White - British",
  ].join("\r\n");
  const table = readSource(utf8(csv), "excel.csv");
  const result = aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });

  it("holds a vacancy whose reference may stand for several, and says how to fix the file", () => {
    expect(result.held.map((h) => h.reference)).toEqual(["3.49123E+11"]);
    expect(result.held[0]!.reasons.join(" ")).toMatch(/rounded by Excel.*several vacancies.*as text/);
    expect(result.vacancies.map((v) => v.reference)).toEqual(["V2"]);
  });

  it("does not take rounded applicant IDs for the same applicant", () => {
    expect(result.totals.duplicates).toBe(0);
    expect(result.notes.join(" ")).toMatch(/3 rows have applicant IDs that look rounded by Excel.*not used to find duplicate rows/);
  });
});

describe("a report with its column headings repeated at each page break", () => {
  it("leaves the repeated heading rows out and says how many", () => {
    const header = "Job Reference,Pay Band,Staff Group,Closing Date,Applicant Status,Ethnic Origin";
    const csv = [header, "P1,Band 5,Clinical,14/06/2024,Appointed,White - British", "Page 1 of 2", "", header.toUpperCase(), "P1,Band 5,Clinical,14/06/2024,Interviewed,White - Irish"].join("\r\n");
    const table = readSource(utf8(csv), "paged.csv");
    expect(table.repeatedHeadings).toBe(1);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 6]);
    const result = aggregateApplicants(table.rows, detectColumns(table.header), {}, { headerLength: table.headerLength });
    expect(result.held).toEqual([]);
    expect(result.values).toEqual([]);
    expect(result.vacancies[0]).toMatchObject({ reference: "P1", rows: 2 });
    // A one-cell line is a footer or a title, not a row whose commas went wrong.
    expect(result.rowProblems).toEqual([{ reason: "one cell only: not an applicant row (a title, a page footer or a note?): left out", lines: [3] }]);
  });
});

describe("the same CSV exports saved by Excel as Unicode Text (UTF-16, tabs) and with semicolons", () => {
  const resave = (bytes: Uint8Array, sep: string, utf16: boolean): Uint8Array => {
    const table = parseCsv(decodeText(bytes));
    const cell = (f: string) => (/["\r\n]/.test(f) || f.includes(sep) ? `"${f.replace(/"/g, '""')}"` : f);
    // parseCsv gives the first record as the header; a title line above the headings stays a record like any other.
    const text = [table.header, ...table.records.map((r) => r.fields)].map((r) => r.map(cell).join(sep)).join("\r\n") + "\r\n";
    if (!utf16) return utf8(text);
    const out = new Uint8Array(2 + text.length * 2);
    out[0] = 0xff;
    out[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      out[2 + i * 2] = text.charCodeAt(i) & 0xff;
      out[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    return out;
  };
  const csvShapes = SHAPES.filter((s) => !["xlsx-report", "grouped-xlsx"].includes(s.id));

  it.each(csvShapes.map((s) => [s.id, s] as const))("%s gives the same counts", async (_, shape) => {
    const file = await shape.build();
    const original = measure(file);
    for (const [sep, utf16] of [["\t", true], [";", false]] as const) {
      const m = measure({ ...file, name: file.name.replace(/\.csv$/, utf16 ? ".txt" : ".csv"), bytes: resave(file.bytes, sep, utf16) });
      expect(m.misread).toEqual([]);
      expect(m.result!.vacancies).toEqual(original.result!.vacancies);
      expect(m.rowsHeld).toBe(original.rowsHeld);
    }
  });
});
