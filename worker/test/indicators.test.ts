import { describe, expect, it } from "vitest";
import { BAND_IDS } from "@fair-shortlist/shared/bands";
import { Wres2ResponseSchema, ComplianceResponseSchema, type OutcomeCounts, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key, outcome, parseCsv, postAll, synthetic } from "./helpers";
import { anySmall, referenceFigures, summed } from "./reference";

// The own audience (read token): exact, flagged where small, never withheld. Expected values come
// from the test's own sums and an independent reference (./reference), not from the shared core.
function expectFigures(actual: Record<string, any>, list: OutcomeSubmission[], level = 95, threshold = 5) {
  const counts = summed(list);
  const ref = referenceFigures(counts, level);
  expect(actual.counts).toEqual(counts);
  expect(actual.vacancies).toBe(list.length);
  expect(actual.suppressed).toBe(false);
  expect(actual.suppressionCode).toBeNull();
  expect(actual.smallNumbers).toBe(anySmall(counts, threshold));
  expect(actual.likelihood.white).toBeCloseTo(ref.likelihoodWhite, 12);
  expect(actual.likelihood.bme).toBeCloseTo(ref.likelihoodBme, 12);
  expect(actual.relativeLikelihood).toBeCloseTo(ref.relativeLikelihood, 10);
  expect(actual.ci.level).toBeCloseTo(level / 100, 12);
  if (ref.katz) {
    expect(actual.ci.method).toBe("katz-log");
    expect(actual.ci.lower).toBeCloseTo(ref.katz.lower, 8);
    expect(actual.ci.upper).toBeCloseTo(ref.katz.upper, 8);
  }
}

describe("GET /v1/indicators/wres2: the stored counts, summed and figured as an independent reference does", () => {
  it("overall, per year, per band and per staff group agree with the reference on the same counts", async () => {
    const org = await createOrg("Aggregation Trust");
    const y1 = await synthetic(1, 400, { fyStart: 2023 });
    const y2 = await synthetic(2, 400, { fyStart: 2024 });
    await postAll(org.submit, [...y1, ...y2]);

    for (const level of [80, 90, 95, 99]) {
      const res = await call("GET", `/v1/indicators/wres2?year=2024/25&level=${level}`, { token: org.read });
      expect(res.status).toBe(200);
      expect(Wres2ResponseSchema.parse(res.json)).toBeTruthy();
      expectFigures(res.json.overall, y2, level);
      expect(res.json.level).toBe(level);
      expect(res.json.period).toEqual({ year: "2024/25", from: "2024-04-01", to: "2025-03-31" });
    }
    const all = await call("GET", "/v1/indicators/wres2?by=year", { token: org.read });
    expectFigures(all.json.overall, [...y1, ...y2]);
    expect(all.json.breakdown.map((b: { key: string }) => b.key)).toEqual(["2023/24", "2024/25"]);
    const { key: _k, label: _l, ...y1Figures } = all.json.breakdown[0];
    expectFigures(y1Figures, y1);

    const byBand = await call("GET", "/v1/indicators/wres2?year=2024/25&by=band", { token: org.read });
    const keys = byBand.json.breakdown.map((b: { key: string }) => b.key);
    expect(keys).toEqual([...keys].sort((a: string, b: string) => BAND_IDS.indexOf(a as never) - BAND_IDS.indexOf(b as never)));
    for (const item of byBand.json.breakdown) {
      const { key: band, label, ...figures } = item;
      expect(label).toMatch(/Band|Consultant/);
      expectFigures(figures, y2.filter((o) => o.band === band));
    }

    const filtered = await call("GET", "/v1/indicators/wres2?year=2024/25&staffGroup=nonClinical&band=7", { token: org.read });
    expect(filtered.json.filters).toEqual({ band: "7", staffGroup: "nonClinical" });
    expectFigures(filtered.json.overall, y2.filter((o) => o.band === "7" && o.staffGroup === "nonClinical"));
  });

  it("a date range (summed from the raw records) agrees with the pre-aggregated financial year", async () => {
    const org = await createOrg("Range Trust");
    const list = await synthetic(3, 300, { fyStart: 2024 });
    await postAll(org.submit, list);
    const fy = await call("GET", "/v1/indicators/wres2?year=2024/25&by=band", { token: org.read });
    const range = await call("GET", "/v1/indicators/wres2?from=2024-04-01&to=2025-03-31&by=band", { token: org.read });
    expect(range.json.overall).toEqual(fy.json.overall);
    expect(range.json.breakdown).toEqual(fy.json.breakdown);
    const half = await call("GET", "/v1/indicators/wres2?from=2024-04-01&to=2024-09-30", { token: org.read });
    expectFigures(half.json.overall, list.filter((o) => o.closingDate <= "2024-09-30"));
    expect(half.json.period).toEqual({ year: null, from: "2024-04-01", to: "2024-09-30" });
  });

  it("a replaced or deleted record moves out of every figure", async () => {
    const org = await createOrg("Moves Trust");
    const list = await synthetic(4, 120, { fyStart: 2024 });
    await postAll(org.submit, list);
    const moved = { ...list[0]!, band: "VSM" as const, counts: { white: { shortlisted: 9, appointed: 1 }, bme: { shortlisted: 9, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } } };
    await call("POST", "/v1/outcomes", { token: org.submit, body: moved });
    await call("DELETE", `/v1/outcomes/${list[1]!.vacancyKey}`, { token: org.submit });
    const now = [moved, ...list.slice(2)];
    const res = await call("GET", "/v1/indicators/wres2?year=2024/25", { token: org.read });
    expectFigures(res.json.overall, now);
  });
});

describe("the own audience (read token): exact counts, small numbers flagged", () => {
  it("West Lancashire 2019/20: 1.504 (95% Katz 0.431-5.243), the data cannot tell, exact counts in the WRES CSV", async () => {
    const org = await createOrg("West Lancashire (test) Trust");
    // NHS England's published 2019/20 figures: white 117 appointed of 389 shortlisted, BME 2 of 10.
    await call("POST", "/v1/outcomes", {
      token: org.submit,
      body: outcome(await key("wl-2019"), { closingDate: "2019-10-01", counts: { white: { shortlisted: 389, appointed: 117 }, bme: { shortlisted: 10, appointed: 2 }, notStated: { shortlisted: 0, appointed: 0 } } }),
    });
    const res = await call("GET", "/v1/indicators/wres2?year=2019/20", { token: org.read });
    expect(res.status).toBe(200);
    expect(Wres2ResponseSchema.safeParse(res.json).success).toBe(true);
    const o = res.json.overall;
    expect(o.suppressed).toBe(false);
    expect(o.counts.bme).toEqual({ shortlisted: 10, appointed: 2 });
    expect(o.relativeLikelihood.toFixed(3)).toBe("1.504");
    expect([o.ci.lower.toFixed(3), o.ci.upper.toFixed(3), o.ci.method]).toEqual(["0.431", "5.243", "katz-log"]);
    expect(o.interpretation.verdict).toBe("cannotTell");
    expect(o.interpretation.text).toContain("the data cannot tell");
    expect(o.smallNumbers).toBe(true); // 2 BME appointed: shown, with the caution flag
    expect(res.json.suppression).toMatchObject({ audience: "own", threshold: 5 });

    const csv = parseCsv((await call("GET", "/v1/export/wres2.csv?year=2019/20", { token: org.read })).text);
    const col = (row: string[], name: string) => row[csv[0]!.indexOf(name)]!;
    const row = csv[1]!;
    expect(["white_shortlisted", "white_appointed", "bme_shortlisted", "bme_appointed", "not_stated_shortlisted", "not_stated_appointed"].map((n) => col(row, n))).toEqual(["389", "117", "10", "2", "0", "0"]);
    expect(col(row, "relative_likelihood")).toBe("1.5039");
    expect([col(row, "suppressed"), col(row, "small_numbers"), col(row, "interpretation")]).toEqual(["no", "yes", "favoursWhite"]);
    expect(col(row, "note")).toContain("cannot tell");

    // The same data through the publication audience is withheld.
    const pub = await call("GET", "/v1/report/wres2?year=2019/20", { token: org.read });
    expect(pub.status).toBe(200);
    expect(pub.json.tables.year[0]).toMatchObject({ year: "2019/20", suppressed: true, suppressionCode: "smallCell", relativeLikelihood: null, vacancies: null });
    expect(JSON.stringify(pub.json)).not.toMatch(/"appointed":(2|117)\b/);
  });

  it("shows every band exactly, however small, and flags the small ones", async () => {
    const org = await createOrg("Exact Trust");
    await postAll(org.submit, [
      outcome(await key("e-5"), { band: "5", counts: { white: { shortlisted: 60, appointed: 15 }, bme: { shortlisted: 60, appointed: 10 }, notStated: { shortlisted: 0, appointed: 0 } } }),
      outcome(await key("e-8a"), { band: "8a", counts: { white: { shortlisted: 20, appointed: 5 }, bme: { shortlisted: 9, appointed: 3 }, notStated: { shortlisted: 1, appointed: 0 } } }),
    ]);
    const res = await call("GET", "/v1/indicators/wres2?by=band", { token: org.read });
    const rows = res.json.breakdown as { key: string; suppressed: boolean; smallNumbers: boolean; counts: OutcomeCounts }[];
    expect(rows.map((r) => [r.key, r.suppressed, r.smallNumbers])).toEqual([["5", false, false], ["8a", false, true]]);
    expect(rows[1]!.counts).toEqual({ white: { shortlisted: 20, appointed: 5 }, bme: { shortlisted: 9, appointed: 3 }, notStated: { shortlisted: 1, appointed: 0 } });
  });

  it("flags at the trust's chosen threshold: 8 flags what 5 does not", async () => {
    const org = await createOrg("Threshold Trust");
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key("t-1"), { counts: { white: { shortlisted: 40, appointed: 10 }, bme: { shortlisted: 30, appointed: 6 }, notStated: { shortlisted: 0, appointed: 0 } } }) });
    expect((await call("GET", "/v1/indicators/wres2", { token: org.read })).json.overall.smallNumbers).toBe(false);
    expect((await call("PUT", "/v1/org/publication", { token: org.read, body: { threshold: 8 } })).status).toBe(200);
    const after = await call("GET", "/v1/indicators/wres2", { token: org.read });
    expect(after.json.overall.smallNumbers).toBe(true);
    expect(after.json.suppression.threshold).toBe(8);
    expect((await call("PUT", "/v1/org/publication", { token: org.read, body: { threshold: 6 } })).status).toBe(400);
    expect((await call("PUT", "/v1/org/publication", { token: org.submit, body: { threshold: 5 } })).status).toBe(403);
  });
});

describe("GET /v1/panels/compliance", () => {
  it("counts how often the rule was met where it applied, by band, and which rules fail most", async () => {
    const org = await createOrg("Panel Trust");
    const list: OutcomeSubmission[] = [];
    const add = async (i: number, band: OutcomeSubmission["band"], panel: OutcomeSubmission["panel"]) =>
      list.push(outcome(await key(`panel-${i}`), { band, panel }));
    let i = 0;
    for (let n = 0; n < 20; n++) await add(i++, "7", { ruleApplies: true, ruleMet: true, failedRules: [] });
    for (let n = 0; n < 6; n++) await add(i++, "7", { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] });
    for (let n = 0; n < 10; n++) await add(i++, "8a", { ruleApplies: true, ruleMet: true, failedRules: [] });
    for (let n = 0; n < 7; n++) await add(i++, "8a", { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember", "independentMember"] });
    for (let n = 0; n < 2; n++) await add(i++, "8b", { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember"] });
    for (let n = 0; n < 9; n++) await add(i++, "5", { ruleApplies: false, ruleMet: false, failedRules: [] });
    for (let n = 0; n < 4; n++) await add(i++, "4", undefined);
    await postAll(org.submit, list);

    const res = await call("GET", "/v1/panels/compliance?year=2024/25", { token: org.read });
    expect(res.status).toBe(200);
    expect(ComplianceResponseSchema.safeParse(res.json).success).toBe(true);
    expect(res.json.overall).toEqual({ applies: 45, met: 30, notMet: 15, rate: 30 / 45, suppressed: false, suppressionCode: null });
    expect(res.json.notRecorded).toBe(4);
    const band7 = res.json.byBand.find((b: { band: string }) => b.band === "7");
    expect(band7).toMatchObject({ applies: 26, met: 20, notMet: 6, suppressed: false, label: "Band 7" });
    // Exact for the organisation's own analysts, small or not.
    expect(res.json.byBand.find((b: { band: string }) => b.band === "8b")).toMatchObject({ applies: 2, met: 0, notMet: 2, suppressed: false, suppressionCode: null });
    expect(res.json.byBand.find((b: { band: string }) => b.band === "8a")).toMatchObject({ applies: 17, met: 10, suppressed: false });
    expect(res.json.failingRules.map((r: { rule: string }) => r.rule)).toEqual(["ethnicMinorityMember", "independentMember", "trainedMember"]);
    expect(res.json.failingRules[0]).toEqual({ rule: "ethnicMinorityMember", failures: 13, share: 13 / 15, suppressed: false, suppressionCode: null });
    expect(res.json.failingRules[2]).toEqual({ rule: "trainedMember", failures: 2, share: 2 / 15, suppressed: false, suppressionCode: null });

    const range = await call("GET", "/v1/panels/compliance?from=2024-04-01&to=2025-03-31", { token: org.read });
    expect({ ...range.json, period: null }).toEqual({ ...res.json, period: null });
  });
});

describe("GET /v1/export/wres2.csv", () => {
  it("is a CSV file with the same exact figures as the API, quoted properly, small rows flagged", async () => {
    const org = await createOrg("Export, \"Quoted\" Trust");
    const list = await synthetic(5, 500, { fyStart: 2024 });
    // One VSM post with 1 BME applicant appointed: exact here, flagged as small numbers.
    list.push(outcome(await key("csv-vsm"), { band: "VSM", counts: { white: { shortlisted: 6, appointed: 0 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } } }));
    await postAll(org.submit, list);
    const res = await call("GET", "/v1/export/wres2.csv?year=2024/25&level=90", { token: org.read });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="wres2-${org.odsCode}-2024-25.csv"`);
    const rows = parseCsv(res.text);
    const header = rows[0]!;
    expect(header.slice(0, 6)).toEqual(["ods_code", "period", "scope", "key", "label", "vacancies"]);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const col = (row: string[], name: string) => row[header.indexOf(name)]!;

    const api = await call("GET", "/v1/indicators/wres2?year=2024/25&level=90&by=band", { token: org.read });
    const overall = rows[1]!;
    expect(col(overall, "scope")).toBe("overall");
    expect(Number(col(overall, "white_shortlisted"))).toBe(api.json.overall.counts.white.shortlisted);
    expect(Number(col(overall, "bme_appointed"))).toBe(api.json.overall.counts.bme.appointed);
    expect(Number(col(overall, "relative_likelihood"))).toBeCloseTo(api.json.overall.relativeLikelihood, 4);
    expect(Number(col(overall, "ci_lower"))).toBeCloseTo(api.json.overall.ci.lower, 4);
    expect(col(overall, "ci_level")).toBe("90");
    expect(col(overall, "suppressed")).toBe("no");
    expect(col(overall, "note")).toContain("times as likely");

    const bandRows = rows.filter((r) => col(r, "scope") === "band");
    expect(bandRows.map((r) => col(r, "key"))).toEqual(api.json.breakdown.map((b: { key: string }) => b.key));
    const vsm = bandRows.find((r) => col(r, "key") === "VSM")!;
    expect([col(vsm, "suppressed"), col(vsm, "small_numbers"), col(vsm, "suppression_code")]).toEqual(["no", "yes", ""]);
    expect([col(vsm, "vacancies"), col(vsm, "white_shortlisted"), col(vsm, "bme_shortlisted"), col(vsm, "bme_appointed")]).toEqual(["1", "6", "2", "1"]);
    expect(header.slice(-2)).toEqual(["suppression_code", "small_numbers"]); // appended last: earlier columns keep their positions
    for (const r of bandRows) {
      const item = api.json.breakdown.find((b: { key: string }) => b.key === col(r, "key"));
      expect(col(r, "suppressed")).toBe("no");
      expect(Number(col(r, "bme_shortlisted"))).toBe(item.counts.bme.shortlisted);
      expect(col(r, "small_numbers")).toBe(item.smallNumbers ? "yes" : "no");
    }
    expect(rows.filter((r) => col(r, "scope") === "staffGroup").map((r) => col(r, "key"))).toEqual(["clinical", "nonClinical"]);
    // The organisation's name has a comma and quotes; it never appears, but the notes (with commas) are quoted.
    expect(res.text).toContain('"White shortlisted applicants were');
  });

  it("exports a header and an empty overall row when there is no data, and names date-range files", async () => {
    const org = await createOrg("Empty Trust");
    const res = await call("GET", "/v1/export/wres2.csv?from=2023-01-01&to=2023-06-30", { token: org.read });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="wres2-${org.odsCode}-2023-01-01_2023-06-30.csv"`);
    const rows = parseCsv(res.text);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 6)).toEqual([org.odsCode, "2023-01-01 to 2023-06-30", "overall", "all", "All posts", "0"]);
  });
});
