import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { excelSerialToIso, readXlsx } from "../../worker/src/dashboard/client/import/xlsx";
import { readSource } from "../../worker/src/dashboard/client/import/source";

/** A workbook written part by part, to reach the corners Excel and other writers use. */
function workbook(parts: { sheets?: string[]; sheetXml: string[]; shared?: string; styles?: string; date1904?: boolean }): Uint8Array {
  const names = parts.sheets ?? parts.sheetXml.map((_, i) => `Sheet${i + 1}`);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${parts.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
    ),
  };
  parts.sheetXml.forEach((x, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet><sheetData>${x}</sheetData></worksheet>`)));
  if (parts.shared) files["xl/sharedStrings.xml"] = strToU8(`<?xml version="1.0"?><sst>${parts.shared}</sst>`);
  if (parts.styles) files["xl/styles.xml"] = strToU8(`<?xml version="1.0"?><styleSheet>${parts.styles}</styleSheet>`);
  return zipSync(files);
}

describe("reading an Excel worksheet", () => {
  it("reads shared, inline, rich and formula strings, numbers, booleans and date-styled numbers", () => {
    const data = workbook({
      shared: '<si><t>Job Reference</t></si><si><r><t>Offer </t></r><r><rPr/><t xml:space="preserve">accepted</t></r><rPh><t>X</t></rPh></si><si><t>A &amp; C_x000D_</t></si>',
      styles: '<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="20"/></cellXfs>',
      sheetXml: [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Closing Date</t></is></c></row>' +
          '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>45747</v></c><c r="C2" s="2"><v>45748.75</v></c><c r="D2" s="3"><v>7</v></c><c r="F2" t="b"><v>1</v></c></row>' +
          '<row r="4"><c r="A4" t="str"><f>A1</f><v>=SUM(1)</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" s="4"><v>0.5</v></c><c r="D4" t="d"><v>2025-03-31T00:00:00</v></c></row>' +
          '<row r="5"><c r="A5" s="1"/></row>',
      ],
    });
    const r = readXlsx(data);
    expect(r.sheets).toEqual(["Sheet1"]);
    expect(r.rows).toEqual([
      { line: 1, fields: ["Job Reference", "Closing Date"] },
      { line: 2, fields: ["Offer accepted", "2025-03-31", "2025-04-01", "7", "", "TRUE"] },
      { line: 4, fields: ["=SUM(1)", "A & C\r", "0.5", "2025-03-31"] },
    ]);
  });

  it("reads a chosen sheet, and says which sheets there are", () => {
    const data = workbook({ sheets: ["Summary", "Applicants"], sheetXml: ['<row r="1"><c t="inlineStr"><is><t>Totals</t></is></c></row>', '<row r="1"><c t="inlineStr"><is><t>Job Reference</t></is></c><c t="inlineStr"><is><t>Stage</t></is></c></row>'] });
    expect(readXlsx(data).sheet).toBe("Summary");
    const r = readXlsx(data, { sheet: "Applicants" });
    expect(r.rows[0]!.fields).toEqual(["Job Reference", "Stage"]);
    expect(r.sheets).toEqual(["Summary", "Applicants"]);
    expect(() => readXlsx(data, { sheet: "Nope" })).toThrow(/no sheet called "Nope"/);
  });

  it("converts serial dates in both date systems, Excel's 1900 leap-year bug included", () => {
    expect(excelSerialToIso(1)).toBe("1900-01-01");
    expect(excelSerialToIso(59)).toBe("1900-02-28");
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(excelSerialToIso(45747)).toBe("2025-03-31");
    expect(excelSerialToIso(0, true)).toBe("1904-01-01");
    expect(excelSerialToIso(-1)).toBeNull();
  });

  it("refuses what is not a workbook with a message a person can act on", () => {
    expect(() => readSource(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), "report.xls")).toThrow(/old-style Excel file \(\.xls\)/);
    expect(() => readSource(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "report.xlsx")).toThrow(/could not be opened as an Excel workbook/);
  });

  it("reads a workbook written by another library (ExcelJS) the same as its CSV twin", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Applicants");
    ws.addRow(["Job Reference", "Closing Date", "Applicant Status", "Pay Band"]);
    ws.addRow(["C9-1", new Date(Date.UTC(2024, 4, 31)), "Offer Accepted", "Band 5"]);
    ws.addRow(["C9-1", new Date(Date.UTC(2024, 4, 31)), 'Say "no", & <go>', 6]);
    ws.getColumn(2).numFmt = "dd/mm/yyyy";
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const fromXlsx = readSource(xlsx, "x.xlsx");
    const fromCsv = readSource(new TextEncoder().encode('Job Reference,Closing Date,Applicant Status,Pay Band\nC9-1,2024-05-31,Offer Accepted,Band 5\nC9-1,2024-05-31,"Say ""no"", & <go>",6\n'), "x.csv");
    expect(fromXlsx.header).toEqual(fromCsv.header);
    expect(fromXlsx.rows.map((r) => r.fields)).toEqual(fromCsv.rows.map((r) => r.fields));
    expect(fromXlsx.sheets).toEqual(["Applicants"]);
  });

  it("reads CSV bytes as UTF-8, or as Windows-1252 when they are not UTF-8", () => {
    const latin = new Uint8Array([...new TextEncoder().encode("Ref,Ethnic Origin\nA1,"), 0xe9, 0x0a]);
    expect(readSource(latin, "x.csv").rows[0]!.fields).toEqual(["A1", "é"]);
  });
});
