import { describe, expect, it } from "vitest";
import { detectColumns, missingFields } from "../../worker/src/dashboard/client/columns";
import { parseCsv } from "../../worker/src/dashboard/client/csv";
import { aggregateApplicants, classifyStage, parseClosingDate, parseStaffGroup } from "../../worker/src/dashboard/client/importer";

describe("column auto-detection", () => {
  it("maps an NHS Jobs-like header, each column once", () => {
    const header = ["Applicant ID", "Vacancy Reference", "Job Title", "Band", "Staff Group", "Vacancy Closing Date", "Ethnic Origin", "Application Status"];
    expect(detectColumns(header)).toEqual({ vacancy: 1, ethnicity: 6, stage: 7, band: 3, closingDate: 5, staffGroup: 4 });
  });

  it("maps a TRAC-like header and reports what it could not find", () => {
    const mapping = detectColumns(["Job Ref", "Ethnicity", "Stage reached", "Grade", "Closing date"]);
    expect(mapping).toMatchObject({ vacancy: 0, ethnicity: 1, stage: 2, band: 3, closingDate: 4, staffGroup: null });
    expect(missingFields(mapping)).toEqual(["staffGroup"]);
  });
});

describe("stage reached", () => {
  it.each([
    ["Appointed", "appointed"],
    ["Offer accepted", "appointed"],
    ["Interviewed - not appointed", "shortlisted"],
    ["Shortlisted", "shortlisted"],
    ["Interview: Reserve", "shortlisted"],
    ["Offer pending", "shortlisted"],
    ["Offer declined", "declinedOffer"],
    ["Declined offer", "declinedOffer"],
    ["Rejected at shortlisting", "notShortlisted"],
    ["Not shortlisted", "notShortlisted"],
    ["Longlisted", "notShortlisted"],
    ["Rejected", "notShortlisted"],
  ] as const)("%s is %s", (text, outcome) => {
    expect(classifyStage(text)).toBe(outcome);
  });

  it("does not guess a stage it does not know", () => {
    expect(classifyStage("Withdrawn")).toBeNull();
    expect(classifyStage("")).toBeNull();
    expect(classifyStage("On hold")).toBeNull();
  });
});

describe("closing dates and staff groups", () => {
  it("reads UK day-first dates and ISO dates, rejects impossible ones", () => {
    expect(parseClosingDate("2025-03-14")).toBe("2025-03-14");
    expect(parseClosingDate("14/03/2025")).toBe("2025-03-14");
    expect(parseClosingDate("4/3/25")).toBe("2025-03-04");
    expect(parseClosingDate("14 Mar 2025")).toBe("2025-03-14");
    expect(parseClosingDate("14 March 2025")).toBe("2025-03-14");
    expect(parseClosingDate("31/02/2025")).toBeNull();
    expect(parseClosingDate("03/14/2025")).toBeNull(); // US order is not silently accepted
    expect(parseClosingDate("soon")).toBeNull();
  });

  it("reads ISO timestamps on the UK calendar, with Z or an offset such as +01:00", () => {
    expect(parseClosingDate("2025-04-01T00:30:00+01:00")).toBe("2025-04-01");
    expect(parseClosingDate("2025-03-31T23:00:00Z")).toBe("2025-04-01"); // 00:00 BST on 1 April
    expect(parseClosingDate("2025-03-31T23:00:00.000Z")).toBe("2025-04-01");
    expect(parseClosingDate("2026-01-31T23:30:00Z")).toBe("2026-01-31"); // GMT: same date
    expect(parseClosingDate("2025-03-14 10:00")).toBe("2025-03-14"); // no zone: as written
    expect(parseClosingDate("2025-02-30T10:00:00Z")).toBeNull();
  });

  it("reads staff groups", () => {
    expect(parseStaffGroup("Clinical")).toBe("clinical");
    expect(parseStaffGroup("Non-clinical")).toBe("nonClinical");
    expect(parseStaffGroup("Admin and Clerical")).toBe("nonClinical");
    expect(parseStaffGroup("Nursing and Midwifery")).toBe("clinical");
    expect(parseStaffGroup("Other")).toBeNull();
  });
});

const FILE = [
  "Vacancy Reference,Ethnicity,Stage,Band,Closing Date,Staff Group",
  "C100-1,White - British,Appointed,Band 7,31/05/2024,Clinical", // 2
  "C100-1,Asian or Asian British - Indian,Interviewed,Band 7,31/05/2024,Clinical", // 3
  "c100-1 ,Black or Black British - African,Shortlisted,Band 7,31/05/2024,Clinical", // 4: same vacancy, other spelling
  "C100-1,Prefer not to say,Appointed,Band 7,31/05/2024,Clinical", // 5: not stated
  "C100-1,White - Irish,Offer declined,Band 7,31/05/2024,Clinical", // 6: excluded
  "C100-1,Mixed - White and Asian,Rejected at shortlisting,Band 7,31/05/2024,Clinical", // 7: not shortlisted
  "C200-9,White - British,Shortlisted,8a,2024-09-01,Non-clinical", // 8
  "C200-9,Pakistani,Appointed,8a,2024-09-01,Non-clinical", // 9
  ",White - British,Appointed,Band 5,01/06/2024,Clinical", // 10: no reference
  "C300-1,White - British,Withdrawn,Band 5,01/06/2024,Clinical", // 11: unknown stage
  "C300-2,White - British,Appointed,Band 99,01/06/2024,Clinical", // 12: bad band
  "C300-3,White - British,Appointed,Band 5,31/02/2024,Clinical", // 13: bad date
  "C300-4,Martian,Appointed,Band 5,01/06/2024,Clinical", // 14: unreadable ethnicity -> not stated + warning
  "C400-1,White - British,Appointed,Band 6,01/07/2024,Clinical", // 15
  "C400-1,White - British,Shortlisted,Band 7,01/07/2024,Clinical", // 16: conflicting band -> whole vacancy out
  "C500-1,White - British,Appointed,Band 6", // 17: too few fields
].join("\r\n");

describe("aggregating applicants per vacancy", () => {
  const csv = parseCsv(FILE);
  const result = aggregateApplicants(csv.records, detectColumns(csv.header), csv.header.length);

  it("counts shortlisted and appointed per group, leaving out declined offers and not-shortlisted applicants", () => {
    const c100 = result.vacancies.find((v) => v.reference === "C100-1")!;
    expect(c100).toMatchObject({ closingDate: "2024-05-31", band: "7", staffGroup: "clinical", rows: 6 });
    expect(c100.counts).toEqual({
      white: { shortlisted: 1, appointed: 1 },
      bme: { shortlisted: 2, appointed: 0 },
      notStated: { shortlisted: 1, appointed: 1 },
    });
    const c200 = result.vacancies.find((v) => v.reference === "C200-9")!;
    expect(c200).toMatchObject({ band: "8a", staffGroup: "nonClinical", closingDate: "2024-09-01" });
    expect(c200.counts.bme).toEqual({ shortlisted: 1, appointed: 1 });
    expect(result.totals).toMatchObject({ declinedOffer: 1, notShortlisted: 1 });
  });

  it("lists every bad row by line number with a reason", () => {
    const byLine = Object.fromEntries(result.badRows.map((b) => [b.line, b.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([10, 11, 12, 13, 15, 16, 17]);
    expect(byLine[10]).toBe("no vacancy reference");
    expect(byLine[11]).toMatch(/stage "Withdrawn" is not recognised/);
    expect(byLine[12]).toMatch(/band "Band 99"/);
    expect(byLine[13]).toMatch(/closing date "31\/02\/2024" is not a date/);
    expect(byLine[15]).toMatch(/C400-1: band 7 differs from 6 on line 15.*whole vacancy/);
    expect(byLine[17]).toMatch(/has 4 fields but the header has 6/);
  });

  it("counts an unreadable ethnicity as not stated and says so", () => {
    expect(result.warnings).toContainEqual({ line: 14, reason: expect.stringContaining('"Martian" was not recognised') });
    expect(result.vacancies.find((v) => v.reference === "C300-4")!.counts.notStated).toEqual({ shortlisted: 1, appointed: 1 });
    expect(result.vacancies.map((v) => v.reference).sort()).toEqual(["C100-1", "C200-9", "C300-4"]);
  });
});
