/**
 * WDES metric 2 for every audience: the publication tables (report token), protected as one set
 * as WRES indicator 2's are, tried as an attacker would; the own-audience CSV export; and the
 * rule that a record without disability counts changes nothing in WRES. Expected figures are
 * worked by hand.
 */
import { describe, expect, it } from "vitest";
import { PublicationResponseSchema, WdesPublicationResponseSchema, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { PUBLICATION_BAND_GROUPS } from "@fair-shortlist/shared/disclosure";
import { currentFinancialYear } from "@fair-shortlist/shared/periods";
import { adminToken, call, createOrg, key, outcome, parseCsv, postAll } from "./helpers";
import { inSpan } from "./span";

const pair = (s: number, a: number) => ({ shortlisted: s, appointed: a });
const eth = (w: [number, number], b: [number, number], n: [number, number]) => ({ white: pair(...w), bme: pair(...b), notStated: pair(...n) });
const dis = (d: [number, number], nd: [number, number], nk: [number, number]) => ({ disabled: pair(...d), notDisabled: pair(...nd), notDeclared: pair(...nk) });

async function vacancies(withDisability: boolean): Promise<OutcomeSubmission[]> {
  const d = <T>(x: T) => (withDisability ? { disabilityCounts: x as never } : {});
  return [
    // 2023/24
    outcome(await key("wp-v1"), { closingDate: "2023-06-15", band: "6", staffGroup: "clinical", counts: eth([90, 31], [30, 6], [10, 3]), ...d(dis([20, 5], [100, 30], [10, 5])) }),
    outcome(await key("wp-v2"), { closingDate: "2023-07-01", band: "7", staffGroup: "nonClinical", counts: eth([40, 8], [12, 3], [0, 0]), ...d(dis([2, 1], [50, 10], [0, 0])) }),
    outcome(await key("wp-v3"), { closingDate: "2023-08-01", band: "6", staffGroup: "clinical", counts: eth([10, 2], [5, 1], [0, 0]) }),
    // 2022/23
    outcome(await key("wp-v4"), { closingDate: "2022-09-01", band: "5", staffGroup: "clinical", counts: eth([60, 12], [30, 6], [0, 0]), ...d(dis([30, 6], [60, 12], [0, 0])) }),
  ];
}

async function seeded() {
  const org = await createOrg("WDES Publication Trust");
  const list = await vacancies(true);
  await postAll(org.submit, list);
  const gi = (k: string, eligible: number, interviewed: number) =>
    call("POST", "/v1/vacancies/guaranteed-interview", { token: org.submit, body: { vacancyKey: k, recordedAt: "2024-01-01T00:00:00Z", counts: { eligible, interviewed } } });
  expect((await gi(list[0]!.vacancyKey, 6, 5)).status).toBe(201);
  expect((await gi(list[3]!.vacancyKey, 5, 5)).status).toBe(201);
  const rotated = await call("POST", `/v1/admin/orgs/${org.id}/tokens/report/rotate`, { token: adminToken() });
  return { ...org, report: rotated.json.token as string, list };
}

const STAFF = ["clinical", "nonClinical"];
function atomsOf(table: string, year: string, k: string): string[] {
  const bands = table === "band" ? [k] : PUBLICATION_BAND_GROUPS.map((g) => g.id);
  const staff = table === "staffGroup" ? [k] : STAFF;
  return bands.flatMap((b) => staff.map((s) => `${year}|${b}|${s}`));
}

describe("GET /v1/report/wdes2 (publication audience)", () => {
  it("shows the hand-worked figures, withholds the small Disabled count and whatever would give it away", async () => {
    const org = await seeded();
    const res = await call("GET", "/v1/report/wdes2", { token: org.report });
    expect(res.status).toBe(200);
    const body = WdesPublicationResponseSchema.parse(res.json);
    expect(body.years).toEqual(["2022/23", "2023/24"]);
    expect(body.method).toMatch(/non-disabled appointed \/ non-disabled shortlisted\) divided by \(Disabled appointed \/ Disabled shortlisted\)/);
    expect(body.method).toMatch(/Above 1\.00, non-disabled applicants were the more likely to be appointed/);

    // 2022/23: one vacancy, 0.20 / 0.20 = 1.00, shown at every level.
    const y22 = body.tables.year.find((r) => r.year === "2022/23")!;
    expect([y22.suppressed, y22.vacancies, y22.relativeLikelihood, y22.interpretation.category]).toEqual([false, 1, 1, "noAdverseImpact"]);
    expect(y22.counts).toEqual({ notDisabled: pair(60, 12), disabled: pair(30, 6), notDeclared: pair(0, 0) });

    // 2023/24: band 7 (and non-clinical) holds a Disabled count of 2 shortlisted, 1 appointed: withheld.
    const b7 = body.tables.band.find((r) => r.year === "2023/24" && r.key === "7")!;
    expect([b7.suppressed, b7.suppressionCode, b7.vacancies, b7.counts.disabled.shortlisted]).toEqual([true, "smallCell", null, null]);
    expect(b7.suppressionReason).toMatch(/Disabled, non-disabled or not-declared count/);
    const nc = body.tables.staffGroup.find((r) => r.year === "2023/24" && r.key === "nonClinical")!;
    expect(nc.suppressionCode).toBe("smallCell");
    // Band 6 (v1 alone: 5 of 20 Disabled, 30 of 100 non-disabled) is not small, but the year row
    // is v1 + v2 (v3 recorded no disability), so showing both would give band 7 away: one of them,
    // and likewise one of year and clinical, is withheld as complementary.
    const y23 = body.tables.year.find((r) => r.year === "2023/24")!;
    const b6 = body.tables.band.find((r) => r.year === "2023/24" && r.key === "6")!;
    const cl = body.tables.staffGroup.find((r) => r.year === "2023/24" && r.key === "clinical")!;
    expect([y23.suppressed && b6.suppressed, y23.suppressed || b6.suppressed]).toEqual([false, true]);
    expect(y23.suppressed || cl.suppressed).toBe(true);
    for (const r of [y23, b6, cl].filter((x) => x.suppressed)) expect(r.suppressionCode).toBe("complementary");
    if (!b6.suppressed) expect(b6.relativeLikelihood).toBeCloseTo(0.3 / 0.25, 12);
    if (!y23.suppressed) expect(y23.relativeLikelihood).toBeCloseTo((40 / 150) / (6 / 22), 12);
    // No set of shown rows adds up to the withheld band 7 entry (differencing the year and band 6, etc.).
    const shown = [...(["year", "band", "staffGroup"] as const)].flatMap((t) => body.tables[t].filter((r) => !r.suppressed).map((r) => atomsOf(t, r.year, r.key)));
    const universe = [...new Set([...(["year", "band", "staffGroup"] as const)].flatMap((t) => body.tables[t].map((r) => atomsOf(t, r.year, r.key))).flat())];
    for (const t of ["band", "staffGroup"] as const) {
      for (const r of body.tables[t].filter((x) => x.suppressed)) expect(inSpan(universe, shown, atomsOf(t, r.year, r.key)), `${t} ${r.year} ${r.key}`).toBe(false);
    }
    // One year's slice is cut from the same protected set: identical rows.
    const only = WdesPublicationResponseSchema.parse((await call("GET", "/v1/report/wdes2?year=2023/24", { token: org.report })).json);
    expect(only.tables.band).toEqual(body.tables.band.filter((r) => r.year === "2023/24"));
    expect(only.tables.year).toEqual(body.tables.year.filter((r) => r.year === "2023/24"));

    // Guaranteed interview: 2022/23 5 of 5 shown; 2023/24 has 1 not invited (small): withheld.
    expect(body.tables.guaranteedInterview).toEqual([
      { year: "2022/23", figure: expect.objectContaining({ eligible: 5, interviewed: 5, share: 1, vacancies: 1 }), suppressed: false, suppressionCode: null },
      { year: "2023/24", figure: null, suppressed: true, suppressionCode: "smallCell" },
    ]);
  });

  it("the CSV carries the same tables and no count of a withheld row", async () => {
    const org = await seeded();
    const res = await call("GET", "/v1/report/wdes2.csv", { token: org.report });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/wdes2-publication-.*-all-complete-years\.csv/);
    const [header, ...rows] = parseCsv(res.text);
    const col = (r: string[], n: string) => r[header!.indexOf(n)]!;
    const b7 = rows.find((r) => col(r, "table") === "band" && col(r, "key") === "7" && col(r, "year") === "2023/24")!;
    for (const n of ["vacancies", "disabled_shortlisted", "disabled_appointed", "non_disabled_shortlisted", "relative_likelihood"]) expect(col(b7, n), n).toBe("");
    expect(col(b7, "suppressed")).toBe("yes");
    const y22 = rows.find((r) => col(r, "table") === "year" && col(r, "year") === "2022/23")!;
    expect([col(y22, "disabled_shortlisted"), col(y22, "disabled_appointed"), col(y22, "non_disabled_shortlisted"), col(y22, "relative_likelihood")]).toEqual(["30", "6", "60", "1"]);
    const gi = rows.filter((r) => col(r, "table") === "guaranteedInterview");
    expect(gi.map((r) => [col(r, "year"), col(r, "gi_eligible"), col(r, "gi_interviewed"), col(r, "gi_share"), col(r, "suppressed")])).toEqual([
      ["2022/23", "5", "5", "1", "no"],
      ["2023/24", "", "", "", "yes"],
    ]);
    // Nothing in the file spells the withheld Disabled count of band 7 next to its key.
    expect(res.text).not.toMatch(/,7,Band 7,1,2,1/);
  });

  it("refuses the year to date and free filters, like /v1/report/wres2", async () => {
    const org = await seeded();
    expect((await call("GET", `/v1/report/wdes2?year=${currentFinancialYear()}`, { token: org.report })).status).toBe(400);
    expect((await call("GET", "/v1/report/wdes2?band=7", { token: org.report })).status).toBe(400);
    for (const path of ["/v1/indicators/wdes2", "/v1/export/wdes2.csv"]) expect((await call("GET", path, { token: org.report })).status, path).toBe(403);
  });
});

describe("GET /v1/export/wdes2.csv (own audience)", () => {
  it("exact counts, small numbers flagged, recorded of all vacancies, and the guaranteed-interview row", async () => {
    const org = await seeded();
    const res = await call("GET", "/v1/export/wdes2.csv?year=2023/24", { token: org.read });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/wdes2-.*-2023-24\.csv/);
    const [header, ...rows] = parseCsv(res.text);
    const col = (r: string[], n: string) => r[header!.indexOf(n)]!;
    const overall = rows.find((r) => col(r, "scope") === "overall")!;
    expect(["vacancies", "vacancies_in_period", "disabled_shortlisted", "disabled_appointed", "non_disabled_shortlisted", "non_disabled_appointed", "not_declared_shortlisted", "not_declared_appointed"].map((n) => col(overall, n))).toEqual(["2", "3", "22", "6", "150", "40", "10", "5"]);
    // (40/150) / (6/22) = 0.97778
    expect(col(overall, "relative_likelihood")).toBe("0.9778");
    const b7 = rows.find((r) => col(r, "scope") === "band" && col(r, "key") === "7")!;
    expect([col(b7, "disabled_shortlisted"), col(b7, "disabled_appointed"), col(b7, "small_numbers")]).toEqual(["2", "1", "yes"]);
    // Band 6: v1 recorded, v3 not: 1 of 2.
    const b6 = rows.find((r) => col(r, "scope") === "band" && col(r, "key") === "6")!;
    expect([col(b6, "vacancies"), col(b6, "vacancies_in_period")]).toEqual(["1", "2"]);
    const gi = rows.find((r) => col(r, "scope") === "guaranteedInterview")!;
    expect([col(gi, "vacancies"), col(gi, "gi_eligible"), col(gi, "gi_interviewed"), col(gi, "gi_share")]).toEqual(["1", "6", "5", "0.8333"]);
    expect(col(gi, "note")).toMatch(/5 of 6 applicants .*1 was not/);
  });
});

describe("disability counts change nothing in WRES", () => {
  it("the same vacancies sent with and without them give identical WRES figures, exports and publication tables", async () => {
    const withD = await createOrg("With Disability Trust");
    const without = await createOrg("Without Disability Trust");
    await postAll(withD.submit, await vacancies(true));
    await postAll(without.submit, await vacancies(false));
    const strip = (j: any) => ({ ...j, org: undefined });
    for (const path of ["/v1/indicators/wres2?year=2023/24&by=band", "/v1/indicators/wres2", "/v1/report/wres2"]) {
      const a = await call("GET", path, { token: withD.read });
      const b = await call("GET", path, { token: without.read });
      expect(a.status, path).toBe(200);
      expect(strip(a.json), path).toEqual(strip(b.json));
    }
    PublicationResponseSchema.parse((await call("GET", "/v1/report/wres2", { token: withD.read })).json);
    const csv = async (t: string) => (await call("GET", "/v1/export/wres2.csv?year=2023/24", { token: t })).text.replace(/^[^,\r\n]*,/gm, "");
    expect(await csv(withD.read)).toEqual(await csv(without.read));
    // And WDES says "not recorded" for the organisation that sent none, never zero.
    const w = (await call("GET", "/v1/indicators/wdes2?year=2023/24", { token: without.read })).json;
    expect([w.overall.vacancies, w.overall.vacanciesInPeriod, w.overall.relativeLikelihood, w.overall.interpretation.category]).toEqual([0, 3, null, "insufficientData"]);
  });
});
