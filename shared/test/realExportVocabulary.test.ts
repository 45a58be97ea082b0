// Values as other systems' exports print them (tests/fixtures/imports/realExports.mjs): each read
// by the shared vocabulary the extension, the importer and the API share, or left for the user.
import { describe, expect, it } from "vitest";
import { parseBand } from "../src/bands";
import { classifyEthnicity } from "../src/ethnicity";
import { readDateCell, readUkDate } from "../src/periods";
import { classifyStage } from "../src/stages";
import { classifyDisability, readDisabilityWording } from "../src/disability";
import { classifyStaffGroup } from "../src/staffGroups";

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

describe("stage wording that must not be read the wrong way round", () => {
  it.each([
    ["Not selected for interview", "notShortlisted"],
    ["Not invited to interview", "notShortlisted"],
    ["Screening - Unsuccessful", "notShortlisted"],
    ["Sift - Rejected", "notShortlisted"],
    ["Start date agreed", "appointed"],
  ])("%j -> %s", (text, outcome) => {
    expect(classifyStage(text, undefined, { patterns: true })?.outcome).toBe(outcome);
  });
});

describe("ethnicity under a bare Other heading, and refusals", () => {
  it.each([
    ["Other - Any other ethnic group", "S", "bme"],
    ["Other: Arab", "S", "bme"],
    ["Other - Chinese", "R", "bme"],
    ["Information refused", "Z", "notStated"],
    ["Refused", "Z", "notStated"],
  ])("%j -> %s", (text, code, group) => {
    expect(classifyEthnicity(text)).toEqual({ code, group });
  });

  it("does not read a bare Other as BME", () => {
    expect(classifyEthnicity("Other").group).toBe("notStated");
    expect(classifyEthnicity("Other").warning).toBeTruthy();
  });
});

describe("disability answers in sentence form", () => {
  it.each([
    ["Yes, I have a disability", "disabled"],
    ["Yes - I consider myself to have a disability", "disabled"],
    ["No - I do not have a disability", "notDisabled"],
    ["No, I do not have a disability", "notDisabled"],
    ["I do not wish to disclose", "notDeclared"],
    ["I do not wish to disclose whether or not I have a disability", "notDeclared"],
    ["Prefer not to answer", "notDeclared"],
    ["Do not wish to declare", "notDeclared"],
    ["Declined", "notDeclared"],
    ["Undeclared", "notDeclared"],
    ["Information refused", "notDeclared"],
    ["Don't know", "notDeclared"],
  ])("%j -> %s, read from its wording", (text, group) => {
    expect(classifyDisability(text)).toBeNull();
    expect(readDisabilityWording(text)).toBe(group);
  });

  it("leaves an answer that says neither to the user", () => {
    expect(readDisabilityWording("No answer")).toBe("notDeclared");
    expect(readDisabilityWording("Long-term condition")).toBeNull();
    expect(readDisabilityWording("TRUE")).toBeNull();
  });
});

describe("staff groups as other reports name them", () => {
  it.each([
    ["Add Prof Scientific & Technical", "addProfScientificTechnical", "clinical"],
    ["Professional Scientific and Technic", "addProfScientificTechnical", "clinical"],
    ["Support to doctors, nurses and midwives", "additionalClinicalServices", "clinical"],
    ["Nursing and Midwifery Unregistered", "additionalClinicalServices", "clinical"],
    ["Nursing", null, "clinical"],
    ["Midwifery", null, "clinical"],
    ["Ambulance staff", null, "clinical"],
    ["Admin", "administrativeClerical", "nonClinical"],
    ["Administration", "administrativeClerical", "nonClinical"],
    ["Estates and Facilities", "estatesAncillary", "nonClinical"],
    ["Managers", null, "nonClinical"],
    ["Senior managers", null, "nonClinical"],
  ])("%j -> %s, %s", (text, group, side) => {
    expect(classifyStaffGroup(text)).toEqual({ group, side, source: "vocabulary" });
  });

  it("leaves a department name to the user", () => {
    expect(classifyStaffGroup("Pharmacy")).toBeNull();
    expect(classifyStaffGroup("Corporate Services")).toBeNull();
  });
});

describe("readDateCell: compact year-month-day", () => {
  it("reads 20240614, and no other eight digits", () => {
    expect(readDateCell("20240614")).toBe("2024-06-14");
    expect(readDateCell("14062024")).toBeNull();
    expect(readDateCell("20241399")).toBeNull();
    expect(readUkDate("20240614")).toBeNull();
  });
});

describe("statuses numbered by step", () => {
  it.each([
    ["7 - Offer Accepted", "appointed"],
    ["1. Application Received", "notShortlisted"],
    ["Stage 2 - Shortlisted", "shortlisted"],
    ["10) Appointed", "appointed"],
  ])("%j is the vocabulary's %s", (text, outcome) => {
    expect(classifyStage(text)).toEqual({ outcome, source: "vocabulary" });
  });

  it("does not strip a number that is part of the wording", () => {
    expect(classifyStage("2024 Appointed")).toBeNull();
  });
});
