import { describe, expect, it } from "vitest";
import { detectColumns, missingFields } from "../../worker/src/dashboard/client/import/columns";
import { parseCsv } from "../../worker/src/dashboard/client/import/csv";
import { aggregateApplicants, type ImportChoices } from "../../worker/src/dashboard/client/import/importer";
import { loadChoices, CHOICES_KEY } from "../../worker/src/dashboard/client/import/ui";
import { submissionOf } from "../../worker/src/dashboard/client/import/submission";
import { OutcomeSubmissionSchema } from "@fair-shortlist/shared/schemas/api";

describe("column auto-detection", () => {
  it("maps an NHS Jobs report header, each column once, optional columns included", () => {
    const header = ["Application ID", "Job Reference", "Job Title", "Pay Band", "Staff Group", "Closing Date", "Applicant Status", "Ethnic Origin", "Disability", "Guaranteed Interview Scheme"];
    expect(detectColumns(header)).toEqual({ applicant: 0, vacancy: 1, band: 3, staffGroup: 4, closingDate: 5, stage: 6, ethnicity: 7, disability: 8, shortlistedOn: null, appointedOn: null, declinedOn: null });
  });

  it("maps a TRAC-like header and reports only the required fields it could not find", () => {
    const mapping = detectColumns(["Job Ref", "Ethnicity", "Stage reached", "Grade", "Closing date"]);
    expect(mapping).toMatchObject({ vacancy: 0, ethnicity: 1, stage: 2, band: 3, closingDate: 4, staffGroup: null, applicant: null, disability: null });
    expect(missingFields(mapping)).toEqual(["staffGroup"]);
  });

  it("does not take a Disability Confident column for the disability answer", () => {
    expect(detectColumns(["Vacancy Reference", "Disability Confident scheme", "Do you consider yourself to have a disability?"]).disability).toBe(2);
  });
});

const FILE = [
  "Application ID,Vacancy Reference,Ethnicity,Stage,Band,Closing Date,Staff Group,Disability",
  "1,C100-1,White - British,Appointed,Band 7,31/05/2024,Nursing and Midwifery Registered,No", // 2
  "2,C100-1,Asian or Asian British - Indian,Interviewed,Band 7,31/05/2024,Nursing and Midwifery Registered,Yes", // 3
  "3,c100-1 ,Black or Black British - African,Shortlisted,Band 7,31/05/2024,Nursing and Midwifery Registered,Prefer not to say", // 4: same vacancy, other spelling
  "4,C100-1,Prefer not to say,Appointed,Band 7,31/05/2024,Nursing and Midwifery Registered,No", // 5: not stated
  "5,C100-1,White - Irish,Offer declined,Band 7,31/05/2024,Nursing and Midwifery Registered,No", // 6: excluded
  "6,C100-1,Mixed - White and Asian,Application Submitted,Band 7,31/05/2024,Nursing and Midwifery Registered,No", // 7: not shortlisted
  "7,C200-9,White - British,Shortlisted,8a,2024-09-01,Add Prof Scientific and Technic,No", // 8
  "8,C200-9,Pakistani,Appointed,8a,2024-09-01,Add Prof Scientific and Technic,Yes", // 9
  "9,,White - British,Appointed,Band 5,01/06/2024,Clinical,No", // 10: no reference
  "10,C300-1,White - British,Panel booked,Band 5,01/06/2024,Estates and Ancillary,No", // 11: unknown stage
  "11,C300-1,White - British,Appointed,Band 5,01/06/2024,Estates and Ancillary,No", // 12
  "12,C300-2,White - British,Appointed,Band 99,01/06/2024,Clinical,No", // 13: bad band, only row
  "13,C300-3,White - British,Appointed,Band 5,31/02/2024,Clinical,Long-term condition", // 14: bad date, only row; odd disability
  "14,C300-4,Martian,Appointed,Band 5,01/06/2024,Clinical,No", // 15: unreadable ethnicity -> not stated + shown
  "15,C400-1,White - British,Appointed,Band 6,01/07/2024,Clinical,No", // 16
  "16,C400-1,White - British,Shortlisted,Band 6,01/07/2024,Clinical,No", // 17
  "17,C400-1,White - British,Shortlisted,Band 7,,Clinical,No", // 18: one odd band, one blank date: vacancy kept
  "17,C400-1,White - British,Appointed,Band 7,,Clinical,No", // 19: duplicate applicant, further along: wins
  "18,C500-1,White - British,Appointed,Band 6", // 20: too few fields
].join("\r\n");

const csv = parseCsv(FILE);
const count = (choices: ImportChoices = {}) => aggregateApplicants(csv.records, detectColumns(csv.header), choices, { headerLength: csv.header.length });

describe("aggregating applicants per vacancy", () => {
  const result = count();
  const vacancy = (ref: string) => result.vacancies.find((v) => v.reference === ref);

  it("counts shortlisted and appointed per group through the shared vocabulary", () => {
    expect(vacancy("C100-1")).toMatchObject({ closingDate: "2024-05-31", financialYear: "2024/25", band: "7", staffGroup: "clinical", rows: 6 });
    expect(vacancy("C100-1")!.counts).toEqual({ white: { shortlisted: 1, appointed: 1 }, bme: { shortlisted: 2, appointed: 0 }, notStated: { shortlisted: 1, appointed: 1 } });
    expect(vacancy("C100-1")!.disability).toEqual({ disabled: { shortlisted: 1, appointed: 0 }, notDisabled: { shortlisted: 2, appointed: 2 }, notDeclared: { shortlisted: 1, appointed: 0 } });
    expect(vacancy("C200-9")).toMatchObject({ band: "8a", staffGroup: "clinical" });
    expect(vacancy("C200-9")!.counts.bme).toEqual({ shortlisted: 1, appointed: 1 });
  });

  it("never discards a vacancy for one odd cell: the value most rows give wins, and it says so", () => {
    expect(vacancy("C400-1")).toMatchObject({ band: "6", closingDate: "2024-07-01", rows: 4 });
    // Four rows, three applicants: the duplicate further along (appointed) is counted.
    expect(vacancy("C400-1")!.counts.white).toEqual({ shortlisted: 3, appointed: 2 });
    expect(result.notes.join("\n")).toMatch(/Vacancy C400-1: its rows give band 6 in 2 rows, 7 in 2 rows; read as 6/);
    expect(result.notes.join("\n")).toMatch(/1 row repeats an applicant already listed for the same vacancy: each applicant is counted once; 1 of them give a different stage/);
  });

  it("holds vacancies it cannot count yet, with the reason, instead of dropping them", () => {
    const held = Object.fromEntries(result.held.map((h) => [h.reference, h.reasons.join("; ")]));
    expect(Object.keys(held).sort()).toEqual(["C300-1", "C300-2", "C300-3"]);
    expect(held["C300-1"]).toBe('1 row has stage "Panel booked": choose what it means above');
    expect(held["C300-2"]).toMatch(/band "Band 99" is not one we know/);
    expect(held["C300-3"]).toMatch(/closing date "31\/02\/2024" is not a date/);
    expect(result.rowProblems).toEqual([
      { reason: "no vacancy reference: left out", lines: [10] },
      { reason: expect.stringMatching(/different number of fields/), lines: [20] },
    ]);
  });

  it("a vacancy whose rows give no band, date or staff group at all waits for the analyst's value for that vacancy only", () => {
    const header = "Vacancy Reference,Ethnicity,Stage,Band,Closing Date,Staff Group";
    const file = parseCsv([header, "V1,White - British,Appointed,,,", "V1,Indian,Shortlisted,,,", "V2,White - British,Appointed,Band 5,01/06/2024,Clinical"].join("\n"));
    const run = (choices: ImportChoices) => aggregateApplicants(file.records, detectColumns(file.header), choices, { headerLength: file.header.length });
    const before = run({});
    expect(before.held).toEqual([
      {
        reference: "V1",
        rows: 2,
        missing: ["band", "closingDate", "staffGroup"],
        reasons: [
          "no band in any of its rows: choose it for this vacancy, or fix the file",
          "no closing date in any of its rows: choose it for this vacancy, or fix the file",
          "no staff group in any of its rows: choose it for this vacancy, or fix the file",
        ],
      },
    ]);
    // Part given: still waiting, for what is left.
    expect(run({ vacancy: { V1: { band: "6" } } }).held[0]!.missing).toEqual(["closingDate", "staffGroup"]);
    // An impossible date is no date.
    expect(run({ vacancy: { V1: { band: "6", closingDate: "2024-02-30", staffGroup: "nonClinical" } } }).held[0]!.missing).toEqual(["closingDate"]);
    const after = run({ vacancy: { V1: { band: "6", closingDate: "2024-06-14", staffGroup: "nonClinical" } } });
    expect(after.held).toEqual([]);
    expect(after.vacancies.find((v) => v.reference === "V1")).toMatchObject({ band: "6", closingDate: "2024-06-14", financialYear: "2024/25", staffGroup: "nonClinical", counts: { white: { shortlisted: 1, appointed: 1 }, bme: { shortlisted: 1, appointed: 0 } } });
    // The other vacancy is untouched by V1's values.
    expect(after.vacancies.find((v) => v.reference === "V2")).toMatchObject({ band: "5", closingDate: "2024-06-01", staffGroup: "clinical" });
  });

  it("groups every unknown or guessed value once for the whole file", () => {
    const groups = result.values.map((v) => [v.field, v.text, v.rows, v.status, v.meaning]);
    expect(groups).toEqual([
      ["stage", "Panel booked", 1, "unknown", null],
      ["band", "Band 99", 1, "unknown", null],
      ["closingDate", "31/02/2024", 1, "unknown", null],
      ["ethnicity", "Martian", 1, "guessed", "notStated"],
      ["disability", "Long-term condition", 1, "guessed", "notDeclared"],
    ]);
  });

  it("applies a choice to every row with that value, and nothing else changes", () => {
    const mapped = count({ stage: { "panel booked": "shortlisted" }, band: { "band 99": "5" }, closingDate: { "31 02 2024": "2024-02-28" }, disability: { "long term condition": "disabled" } });
    expect(mapped.held).toEqual([]);
    expect(mapped.vacancies.find((v) => v.reference === "C300-1")!.counts.white).toEqual({ shortlisted: 2, appointed: 1 });
    expect(mapped.vacancies.find((v) => v.reference === "C300-2")!.band).toBe("5");
    expect(mapped.vacancies.find((v) => v.reference === "C300-3")).toMatchObject({ closingDate: "2024-02-28", financialYear: "2023/24" });
    expect(mapped.vacancies.find((v) => v.reference === "C300-3")!.disability!.disabled).toEqual({ shortlisted: 1, appointed: 1 });
    expect(mapped.values.filter((v) => v.status === "chosen").map((v) => v.field)).toEqual(["stage", "band", "closingDate", "disability"]);
    expect(mapped.vacancies.find((v) => v.reference === "C100-1")).toEqual(vacancy("C100-1"));
    expect(mapped.totals.byYear).toEqual([{ year: "2023/24", vacancies: 1 }, { year: "2024/25", vacancies: 6 }]);
  });

  it("leaves rows out only when the analyst says so, and counts them as left out", () => {
    const r = count({ stage: { "panel booked": "leaveOut" } });
    expect(r.vacancies.find((v) => v.reference === "C300-1")!.counts.white).toEqual({ shortlisted: 1, appointed: 1 });
    expect(r.totals.leftOutByChoice).toBe(1);
  });

  it("totals what is not counted, as WRES indicator 2 requires", () => {
    expect(result.totals).toMatchObject({ rows: 19, declinedOffer: 1, notShortlisted: 1, withdrawn: 0, duplicates: 1 });
  });
});

describe("remembered choices", () => {
  it("keeps only meanings the importer has", () => {
    const stored = { stage: { "panel booked": "shortlisted", x: "<img>" }, band: { "band 99": "5", y: "11" }, closingDate: { z: "2024-01-01", w: "tomorrow" }, bogus: { a: "b" } };
    const storage = { getItem: (k: string) => (k === CHOICES_KEY ? JSON.stringify(stored) : null) };
    expect(loadChoices(storage)).toEqual({ stage: { "panel booked": "shortlisted" }, band: { "band 99": "5" }, closingDate: { z: "2024-01-01" }, staffGroup: undefined, ethnicity: undefined, disability: undefined });
    expect(loadChoices({ getItem: () => "not json" })).toEqual({});
  });
});

describe("what is sent for a vacancy", () => {
  const KEY = "a".repeat(64);
  it("carries the disability counts read from the file, with the same totals as the ethnicity counts", () => {
    const v = count().vacancies.find((x) => x.reference === "C100-1")!;
    const sent = submissionOf(v, KEY);
    expect(sent.disabilityCounts).toEqual({ disabled: { shortlisted: 1, appointed: 0 }, notDisabled: { shortlisted: 2, appointed: 2 }, notDeclared: { shortlisted: 1, appointed: 0 } });
    expect(OutcomeSubmissionSchema.safeParse(sent).success).toBe(true);
    for (const v of count().vacancies) expect(OutcomeSubmissionSchema.safeParse(submissionOf(v, KEY)).success).toBe(true);
  });

  it("without a disability column sends no disability counts (not recorded), never all not declared", () => {
    const noDisability = { ...detectColumns(csv.header), disability: null };
    const result = aggregateApplicants(csv.records, noDisability, {}, { headerLength: csv.header.length });
    const v = result.vacancies.find((x) => x.reference === "C100-1")!;
    expect(v.disability).toBeNull();
    const sent = submissionOf(v, KEY);
    expect("disabilityCounts" in sent).toBe(false);
    expect(sent.counts).toEqual({ white: { shortlisted: 1, appointed: 1 }, bme: { shortlisted: 2, appointed: 0 }, notStated: { shortlisted: 1, appointed: 1 } });
  });
});
