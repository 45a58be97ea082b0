import { describe, expect, it } from "vitest";
import { csvField, csvRow, toCsv } from "../src/csv";
import * as barrel from "../src/index";

describe("csvField: RFC 4180 quoting", () => {
  it("leaves plain text and numbers bare", () => {
    expect(csvField("plain text")).toBe("plain text");
    expect(csvField(42)).toBe("42");
    expect(csvField(0.25)).toBe("0.25");
    expect(csvField("")).toBe("");
  });

  it("quotes a field holding a comma, a quote or a line break, doubling inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField("crlf\r\nhere")).toBe('"crlf\r\nhere"');
    expect(csvField('"')).toBe('""""');
  });

  it("writes null and undefined as an empty field, booleans as yes/no", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(true)).toBe("yes");
    expect(csvField(false)).toBe("no");
  });
});

describe("csvField: spreadsheet formula guard", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+44 7700 900000", "'+44 7700 900000"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tleading tab", "'\tleading tab"],
  ])("prefixes ' to text starting with %j", (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it("guards a leading CR and still quotes the result (it holds a line break)", () => {
    expect(csvField("\r=1+1")).toBe("\"'\r=1+1\"");
  });

  it("guards first, then quotes, so a quoted formula stays text", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvField("=1,2")).toBe("\"'=1,2\"");
  });

  it("only looks at the first character", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField(" =1")).toBe(" =1");
    expect(csvField("x-y@z")).toBe("x-y@z");
  });

  it("leaves numbers numeric by default, guards them with guardNumbers", () => {
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(-1.5, { guardNumbers: true })).toBe("'-1.5");
    expect(csvField(3, { guardNumbers: true })).toBe("3");
    expect(csvField(null, { guardNumbers: true })).toBe("");
    expect(csvField(false, { guardNumbers: true })).toBe("no");
  });
});

describe("toCsv / csvRow", () => {
  it("joins fields with commas and ends every record, the last included, with CRLF", () => {
    expect(csvRow(["a", 1, null, true])).toBe("a,1,,yes");
    expect(toCsv([["a", "b"], ["x,y", null], ["=1", -2]])).toBe('a,b\r\n"x,y",\r\n\'=1,-2\r\n');
  });

  it("keeps embedded line breaks inside quotes rather than splitting records", () => {
    expect(toCsv([["two\nlines", 3]])).toBe('"two\nlines",3\r\n');
  });

  it("passes guardNumbers through to every field", () => {
    expect(toCsv([[-1, "-1"]], { guardNumbers: true })).toBe("'-1,'-1\r\n");
    expect(toCsv([[-1, "-1"]])).toBe("-1,'-1\r\n");
  });

  it("writes an empty table as a lone CRLF (what every caller wrote before)", () => {
    expect(toCsv([])).toBe("\r\n");
  });

  it("is re-exported by the shared barrel", () => {
    expect(barrel.toCsv).toBe(toCsv);
    expect(barrel.csvField).toBe(csvField);
  });
});
