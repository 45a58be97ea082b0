// Values as other systems' exports print them (tests/fixtures/imports/realExports.mjs): each read
// by the shared vocabulary the extension, the importer and the API share, or left for the user.
import { describe, expect, it } from "vitest";
import { parseBand } from "../src/bands";
import { classifyEthnicity } from "../src/ethnicity";
import { readDateCell, readUkDate } from "../src/periods";
import { classifyStage } from "../src/stages";

describe("bands written with an AfC prefix and no word band", () => {
  it.each([
    ["AfC 8A", "8a"],
    ["AFC 6", "6"],
    ["A4C 8b", "8b"],
    ["Agenda for Change 5", "5"],
    ["AfC: 7", "7"],
    ["AfC 8 - Range C", "8c"],
  ])("%j -> %s", (text, band) => {
    expect(parseBand(text)).toEqual({ band });
  });

  it("still leaves Medical and Non AfC to the user", () => {
    expect(parseBand("Medical")).toBeNull();
    expect(parseBand("Non AfC")).toBeNull();
    expect(parseBand("AfC")).toBeNull();
  });
});

describe("ethnicity as ESR prints it: the code, a space, the label", () => {
  it.each([
    ["A White - British", "A", "white"],
    ["B White - Irish", "B", "white"],
    ["H Asian or Asian British - Indian", "H", "bme"],
    ["N Black or Black British - African", "N", "bme"],
    ["S Other Ethnic Groups - Any other ethnic group", "S", "bme"],
    ["Z Not Stated", "Z", "notStated"],
    ["99 Not Known", "99", "notStated"],
  ])("%j -> %s", (text, code, group) => {
    expect(classifyEthnicity(text)).toEqual({ code, group });
  });

  it("does not take a leading letter that disagrees with the label for a code", () => {
    // "A" is not Indian's code: no silent reading either way.
    expect(classifyEthnicity("A Asian or Asian British - Indian").group).toBe("notStated");
    expect(classifyEthnicity("A Asian or Asian British - Indian").warning).toBeTruthy();
  });
});

describe("ethnicity in the 2021 census wording for England and Wales", () => {
  it.each([
    ["Asian, Asian British or Asian Welsh: Indian", "H"],
    ["Asian, Asian British or Asian Welsh: Pakistani", "J"],
    ["Asian, Asian British or Asian Welsh: Bangladeshi", "K"],
    ["Asian, Asian British or Asian Welsh: Chinese", "R"],
    ["Asian, Asian British or Asian Welsh: Any other Asian background", "L"],
    ["Black, Black British, Black Welsh, Caribbean or African: Caribbean", "M"],
    ["Black, Black British, Black Welsh, Caribbean or African: African", "N"],
    ["Black, Black British, Black Welsh, Caribbean or African: Any other Black, Black British, or Caribbean background", "P"],
    ["Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background", "G"],
  ])("%j -> %s without a warning", (text, code) => {
    expect(classifyEthnicity(text)).toEqual({ code, group: "bme" });
  });
});

describe("stage words other systems print", () => {
  it.each([
    ["Rejected at sift", "notShortlisted"],
    ["Shortlisted for interview", "shortlisted"],
  ])("%j is in the vocabulary as %s (not a guess from its shape)", (text, outcome) => {
    expect(classifyStage(text)).toEqual({ outcome, source: "vocabulary" });
  });
});

describe("readDateCell: a report cell, which may hold an Excel serial day number", () => {
  it.each([
    ["45457", "2024-06-14"],
    ["45747", "2025-03-31"],
    ["45457.5", "2024-06-14"],
    [" 45457 ", "2024-06-14"],
    ["14/06/2024", "2024-06-14"],
    ["2024-06-14T00:00:00", "2024-06-14"],
  ])("%j -> %s", (text, iso) => {
    expect(readDateCell(text)).toBe(iso);
  });

  it("reads no other number as a date, and page text is not read as a serial", () => {
    expect(readDateCell("4545")).toBeNull(); // 1912: no recruitment report
    expect(readDateCell("99999")).toBeNull(); // 2173
    expect(readDateCell("120")).toBeNull();
    expect(readUkDate("45457")).toBeNull();
  });
});
