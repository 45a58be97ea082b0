import { describe, expect, it } from "vitest";
import { call, key, parseCsv } from "./helpers";
import { fixture } from "./handFixture";

/**
 * GET /v1/export/wres2.csv on the four hand-made vacancies of ./handFixture: every row and column
 * an analyst reads, against hand sums (Katz 95 %: RR × exp(±1.96 × SE), SE² = 1/a − 1/n1 + 1/b − 1/n2),
 * and the period column and file name for each kind of period.
 */
async function csv(token: string, query: string, file = "wres2.csv") {
  const res = await call("GET", `/v1/export/${file}?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  const rows = parseCsv(res.text);
  const header = rows[0]!;
  const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { res, header, records };
}

describe("the WRES CSV export, column by column (hand-summed)", () => {
  it("overall, by band in the reader's order and by staff group, with exact counts, four-decimal figures and the API's wording", async () => {
    const org = await fixture("mut-export");
    const { res, records } = await csv(org.read, "year=2024/25");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="wres2-${org.odsCode}-2024-25.csv"`);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.text.endsWith("\r\n")).toBe(true);
    expect(records.map((r) => [r.ods_code, r.period, r.scope, r.key, r.label, r.vacancies])).toEqual([
      [org.odsCode, "2024/25", "overall", "all", "All posts", "3"],
      [org.odsCode, "2024/25", "band", "under1", "Under band 1", "1"],
      [org.odsCode, "2024/25", "band", "7", "Band 7", "1"],
      [org.odsCode, "2024/25", "band", "consultant", "Consultant", "1"],
      [org.odsCode, "2024/25", "staffGroup", "clinical", "Clinical", "2"],
      [org.odsCode, "2024/25", "staffGroup", "nonClinical", "Non-clinical", "1"],
    ]);
    const countsOf = (r: Record<string, string | undefined>) =>
      ["white_shortlisted", "white_appointed", "bme_shortlisted", "bme_appointed", "not_stated_shortlisted", "not_stated_appointed"].map((c) => r[c]);
    expect(records.map(countsOf)).toEqual([
      ["20", "6", "19", "3", "3", "1"],
      ["4", "1", "5", "0", "1", "1"],
      ["10", "3", "8", "1", "2", "0"],
      ["6", "2", "6", "2", "0", "0"],
      ["10", "3", "11", "2", "1", "1"],
      ["10", "3", "8", "1", "2", "0"],
    ]);

    // Overall: 6/20 = 0.3, 3/19 = 0.1579, RR 1.9, SE² = 1/6 − 1/20 + 1/3 − 1/19 = 0.39737: 0.5523 to 6.5362.
    const overall = records[0]!;
    expect([overall.likelihood_white, overall.likelihood_bme, overall.relative_likelihood, overall.ci_lower, overall.ci_upper]).toEqual([
      "0.3",
      "0.1579",
      "1.9",
      "0.5523",
      "6.5362",
    ]);
    expect([overall.ci_level, overall.ci_method, overall.significant, overall.suppressed, overall.suppression_code, overall.small_numbers]).toEqual([
      "95",
      "katz-log",
      "no",
      "no",
      "",
      "yes",
    ]);
    // Band 7: 3/10 = 0.3, 1/8 = 0.125, RR 2.4, SE² = 1/3 − 1/10 + 1 − 1/8: 0.3049 to 18.8944.
    const band7 = records[2]!;
    expect([band7.likelihood_white, band7.likelihood_bme, band7.relative_likelihood, band7.ci_lower, band7.ci_upper]).toEqual(["0.3", "0.125", "2.4", "0.3049", "18.8944"]);
    // Under band 1: no BME applicant appointed, so 1/4 against 0/5 has no finite ratio.
    const under1 = records[1]!;
    expect([under1.likelihood_white, under1.likelihood_bme, under1.relative_likelihood]).toEqual(["0.25", "0", ""]);

    // The interpretation, its category and the shortfalls are the API's own for the same figure.
    const api = await call("GET", "/v1/indicators/wres2?year=2024/25&by=band", { token: org.read });
    const same = (row: Record<string, string | undefined>, f: any) => {
      expect(row.interpretation).toBe(f.interpretation.category);
      expect(row.note).toBe(f.interpretation.text);
      expect(row.shortfall_to_1_00).toBe(f.shortfall.toParity === null ? "" : String(f.shortfall.toParity));
      expect(row.shortfall_to_1_25).toBe(f.shortfall.toFourFifths === null ? "" : String(f.shortfall.toFourFifths));
    };
    same(overall, api.json.overall);
    for (const [i, item] of api.json.breakdown.entries()) same(records[1 + i]!, item);
    expect(overall.interpretation).not.toBe("");
    expect(overall.note).toContain("1.90 times as likely");
  });

  it("names the period and the file for a year, a range, an open-ended range and all time", async () => {
    const org = await fixture("mut-export-periods");
    const cases: [string, string, string, string][] = [
      // query, period column, file tag, overall vacancies
      ["from=2024-05-10&to=2024-08-20", "2024-05-10 to 2024-08-20", "2024-05-10_2024-08-20", "2"],
      ["from=2024-08-20", "2024-08-20 to", "2024-08-20_end", "2"],
      ["to=2024-05-10", "to 2024-05-10", "start_2024-05-10", "2"],
      ["", "all", "all", "4"],
      ["year=2023/24", "2023/24", "2023-24", "1"],
    ];
    for (const [query, period, tag, vacancies] of cases) {
      const { res, records } = await csv(org.read, query);
      expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="wres2-${org.odsCode}-${tag}.csv"`);
      expect(records[0]!.period).toBe(period);
      expect(records[0]!.vacancies).toBe(vacancies);
      expect(records.every((r) => r.period === period)).toBe(true);
    }
  });
});

describe("the WDES CSV export, column by column (hand-summed)", () => {
  it("recorded vacancies of those in the period, Katz figures to four places, and the guaranteed-interview row (Wilson)", async () => {
    const org = await fixture("mut-export-wdes");
    // Guaranteed interview: V1 4 eligible, 3 invited; V2 1 of 1. V4 is in another year.
    for (const [id, eligible, interviewed] of [["V1", 4, 3], ["V2", 1, 1], ["V4", 2, 0]] as const) {
      const body = { vacancyKey: await key(`mut-export-wdes-${id}`), recordedAt: "2025-03-01T10:00:00Z", counts: { eligible, interviewed } };
      expect((await call("POST", "/v1/vacancies/guaranteed-interview", { token: org.submit, body })).status).toBe(201);
    }
    const { res, records } = await csv(org.read, "year=2024/25", "wdes2.csv");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="wdes2-${org.odsCode}-2024-25.csv"`);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const cols = (r: Record<string, string | undefined>, names: string[]) => names.map((n) => r[n]);
    const place = ["scope", "key", "label", "vacancies", "vacancies_in_period"];
    const counts = ["disabled_shortlisted", "disabled_appointed", "non_disabled_shortlisted", "non_disabled_appointed", "not_declared_shortlisted", "not_declared_appointed"];
    expect(records.map((r) => [r.ods_code, r.period, ...cols(r, place), ...cols(r, counts)])).toEqual([
      [org.odsCode, "2024/25", "overall", "all", "All posts", "2", "3", "6", "2", "24", "6", "2", "0"],
      [org.odsCode, "2024/25", "band", "under1", "Under band 1", "0", "1", "0", "0", "0", "0", "0", "0"],
      [org.odsCode, "2024/25", "band", "7", "Band 7", "1", "1", "4", "1", "14", "3", "2", "0"],
      [org.odsCode, "2024/25", "band", "consultant", "Consultant", "1", "1", "2", "1", "10", "3", "0", "0"],
      [org.odsCode, "2024/25", "staffGroup", "clinical", "Clinical", "1", "2", "2", "1", "10", "3", "0", "0"],
      [org.odsCode, "2024/25", "staffGroup", "nonClinical", "Non-clinical", "1", "1", "4", "1", "14", "3", "2", "0"],
      [org.odsCode, "2024/25", "guaranteedInterview", "all", "Guaranteed interview (Disability Confident)", "2", "", "", "", "", "", "", ""],
    ]);
    const figure = ["likelihood_non_disabled", "likelihood_disabled", "relative_likelihood", "ci_lower", "ci_upper", "ci_level", "ci_method"];
    // Overall: 6/24 = 0.25 against 2/6 = 0.3333: RR 0.75, SE² = 1/6 − 1/24 + 1/2 − 1/6, 95 %: 0.199 to 2.827.
    expect(cols(records[0]!, figure)).toEqual(["0.25", "0.3333", "0.75", "0.199", "2.827", "95", "katz-log"]);
    // Band 7: 3/14 against 1/4: RR 0.8571 (0.1193 to 6.1561). Consultant: 3/10 against 1/2: RR 0.6 (0.112 to 3.2142).
    expect(cols(records[2]!, figure)).toEqual(["0.2143", "0.25", "0.8571", "0.1193", "6.1561", "95", "katz-log"]);
    expect(cols(records[3]!, figure)).toEqual(["0.3", "0.5", "0.6", "0.112", "3.2142", "95", "katz-log"]);
    expect(cols(records[0]!, ["significant", "small_numbers", "gi_eligible", "gi_interviewed", "gi_share"])).toEqual(["no", "yes", "", "", ""]);
    // 4 of 5 invited: 0.8, Wilson 95 % 0.3755 to 0.9638.
    const gi = records[6]!;
    expect(cols(gi, ["gi_eligible", "gi_interviewed", "gi_share", "ci_lower", "ci_upper", "ci_level", "ci_method", "relative_likelihood", "significant"])).toEqual([
      "5", "4", "0.8", "0.3755", "0.9638", "95", "wilson", "", "",
    ]);
    expect(gi.note).toContain("4 of 5 applicants under the guaranteed-interview scheme");

    // The interpretation and shortfalls are the WDES API's own for the same figures.
    const api = await call("GET", "/v1/indicators/wdes2?year=2024/25&by=band", { token: org.read });
    for (const [row, f] of [[records[0]!, api.json.overall], ...api.json.breakdown.map((b: unknown, i: number) => [records[1 + i]!, b])] as [Record<string, string>, any][]) {
      expect(row.interpretation).toBe(f.interpretation.category);
      expect(row.note).toBe(f.interpretation.text);
      expect(row.shortfall_to_1_00).toBe(f.shortfall.toParity === null ? "" : String(f.shortfall.toParity));
    }

    // No guaranteed-interview decisions in a period: the row says so, with nothing to divide.
    const empty = await csv(org.read, "year=2023/24", "wdes2.csv");
    const none = empty.records.at(-1)!;
    expect(cols(none, ["scope", "vacancies", "gi_eligible", "gi_interviewed", "gi_share", "ci_lower", "ci_level", "ci_method"])).toEqual([
      "guaranteedInterview", "1", "2", "0", "0", "0", "95", "wilson",
    ]);
    // A period where no vacancy reported guaranteed-interview decisions: nothing to divide, no interval.
    const nothing = (await csv(org.read, "year=2022/23", "wdes2.csv")).records.at(-1)!;
    expect(cols(nothing, ["scope", "vacancies", "gi_eligible", "gi_interviewed", "gi_share", "ci_lower", "ci_upper", "ci_level", "ci_method"])).toEqual([
      "guaranteedInterview", "0", "0", "0", "", "", "", "", "",
    ]);
  });
});
