import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Wdes2ResponseSchema, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key, outcome, postAll } from "./helpers";

// Expected figures are worked by hand (shared/test/wdes2.test.ts shows the arithmetic), not
// computed by the shared core: non-disabled 40 of 200 (0.20), Disabled 5 of 50 (0.10) is 2.00,
// Katz 95 % interval 0.832 to 4.805, 5 more Disabled appointments to parity, 3 to the band.
const dis = (d: [number, number], nd: [number, number], nk: [number, number]) => ({
  disabled: { shortlisted: d[0], appointed: d[1] },
  notDisabled: { shortlisted: nd[0], appointed: nd[1] },
  notDeclared: { shortlisted: nk[0], appointed: nk[1] },
});
// Ethnicity counts with the same totals as the disability counts (the API checks they agree).
const eth = (w: [number, number], b: [number, number], n: [number, number]) => ({
  white: { shortlisted: w[0], appointed: w[1] },
  bme: { shortlisted: b[0], appointed: b[1] },
  notStated: { shortlisted: n[0], appointed: n[1] },
});

async function fixture() {
  const v1 = outcome(await key("wdes-v1"), { band: "6", counts: eth([90, 20], [40, 8], [10, 2]), disabilityCounts: dis([30, 3], [100, 25], [10, 2]) });
  const v2 = outcome(await key("wdes-v2"), { band: "7", counts: eth([80, 12], [40, 5], [5, 1]), disabilityCounts: dis([20, 2], [100, 15], [5, 1]) });
  // Sent without disability counts: not recorded for WDES.
  const v3 = outcome(await key("wdes-v3"), { band: "6", counts: eth([12, 3], [6, 1], [2, 0]) });
  return { v1, v2, v3 };
}

describe("GET /v1/indicators/wdes2", () => {
  it("sums the recorded vacancies and reports the hand-worked figure; a vacancy without disability counts is not recorded", async () => {
    const org = await createOrg("WDES Trust");
    const { v1, v2, v3 } = await fixture();
    await postAll(org.submit, [v1, v2, v3]);

    const res = await call("GET", "/v1/indicators/wdes2?year=2024/25", { token: org.read });
    expect(res.status).toBe(200);
    expect(Wdes2ResponseSchema.parse(res.json)).toBeTruthy();
    const o = res.json.overall;
    expect(o.vacancies).toBe(2);
    expect(o.vacanciesInPeriod).toBe(3);
    expect(o.counts).toEqual({
      notDisabled: { shortlisted: 200, appointed: 40 },
      disabled: { shortlisted: 50, appointed: 5 },
      notDeclared: { shortlisted: 15, appointed: 3 },
    });
    expect(o.likelihood).toEqual({ notDisabled: 0.2, disabled: 0.1, notDeclared: 0.2 });
    expect(o.relativeLikelihood).toBe(2);
    expect(o.ci.lower.toFixed(3)).toBe("0.832");
    expect(o.ci.upper.toFixed(3)).toBe("4.805");
    expect(o.significant).toBe(false);
    expect(o.interpretation.category).toBe("favoursNonDisabled");
    expect(o.interpretation.verdict).toBe("cannotTell");
    expect(o.interpretation.text).toMatch(/^Non-disabled shortlisted applicants were 2\.00 times as likely to be appointed as Disabled shortlisted applicants/);
    expect(o.shortfall).toEqual({ toParity: 5, toFourFifths: 3 });
    expect(o.smallNumbers).toBe(false);
    // Allowing for bands (Mantel-Haenszel, worked by hand): band 6 R = 25*30/130, S = 3*100/130;
    // band 7 R = 15*20/120, S = 2*100/120; R/S = 8.269231 / 3.974359 = 2.080645.
    const adj = res.json.adjustedForBand;
    expect(adj.relativeLikelihood).toBeCloseTo(2.080645, 5);
    expect([adj.strataUsed, adj.strataTotal, adj.interpretation.category]).toEqual([2, 2, "favoursNonDisabled"]);
    expect(adj.interpretation.text).toMatch(/^Allowing for differences between strata \(Mantel-Haenszel over 2 of 2 strata\), non-disabled shortlisted applicants were 2\.08 times as likely to be appointed as Disabled shortlisted applicants/);
    expect(adj.interpretation.text).toContain("(the crude figure, as WDES publishes it) give 2.00");
    expect(res.json.suppression.audience).toBe("own");
    expect(res.json.suppression.rule).toContain("not recorded, never zero");
  });

  it("breaks down by band with the same small-numbers flag as WRES indicator 2", async () => {
    const org = await createOrg("WDES Band Trust");
    const { v1, v2, v3 } = await fixture();
    await postAll(org.submit, [v1, v2, v3]);
    const res = await call("GET", "/v1/indicators/wdes2?year=2024/25&by=band", { token: org.read });
    expect(Wdes2ResponseSchema.parse(res.json)).toBeTruthy();
    const [b6, b7] = res.json.breakdown;
    // Band 6: v1 recorded, v3 not. 0.25 / 0.10 = 2.50. Band 7: 0.15 / 0.10 = 1.50; 2 Disabled appointed is small.
    expect([b6.key, b6.label, b6.vacancies, b6.vacanciesInPeriod, b6.relativeLikelihood, b6.smallNumbers]).toEqual(["6", "Band 6", 1, 2, 2.5, true]);
    expect([b7.key, b7.vacancies, b7.vacanciesInPeriod, b7.smallNumbers]).toEqual(["7", 1, 1, true]);
    expect(b7.relativeLikelihood).toBeCloseTo(1.5, 12);
    const byYear = await call("GET", "/v1/indicators/wdes2?by=year", { token: org.read });
    expect(byYear.json.breakdown.map((b: { key: string; vacancies: number }) => [b.key, b.vacancies])).toEqual([["2024/25", 2]]);
  });

  it("with nothing recorded the figure is not recorded (no vacancies, no number), not zero", async () => {
    const org = await createOrg("WDES Empty Trust");
    const { v3 } = await fixture();
    await postAll(org.submit, [v3]);
    const res = await call("GET", "/v1/indicators/wdes2", { token: org.read });
    const o = res.json.overall;
    expect([o.vacancies, o.vacanciesInPeriod, o.relativeLikelihood, o.interpretation.category]).toEqual([0, 1, null, "insufficientData"]);
    expect(o.counts.disabled).toEqual({ shortlisted: 0, appointed: 0 });
  });

  it("is for the own audience only: a submit token is refused", async () => {
    const org = await createOrg("WDES Scope Trust");
    expect((await call("GET", "/v1/indicators/wdes2", { token: org.submit })).status).toBe(403);
    expect((await call("GET", "/v1/indicators/wdes2")).status).toBe(401);
  });
});

describe("storing disability counts", () => {
  it("stores them as sent, reads them back, and a resubmission without them makes the vacancy not recorded again", async () => {
    const org = await createOrg("WDES Storage Trust");
    const { v1 } = await fixture();
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: v1 })).status).toBe(201);
    const row = await env.DB.prepare(
      "SELECT disabled_shortlisted, disabled_appointed, not_disabled_shortlisted, not_disabled_appointed, not_declared_shortlisted, not_declared_appointed FROM outcomes JOIN orgs ON orgs.seq = outcomes.org_seq WHERE orgs.id = ? AND vacancy_key = ?",
    ).bind(org.id, v1.vacancyKey).first();
    expect(row).toEqual({ disabled_shortlisted: 30, disabled_appointed: 3, not_disabled_shortlisted: 100, not_disabled_appointed: 25, not_declared_shortlisted: 10, not_declared_appointed: 2 });
    const meta = await call("GET", `/v1/outcomes/${v1.vacancyKey}`, { token: org.read });
    expect(meta.json.disabilityCounts).toEqual(v1.disabilityCounts);

    const { disabilityCounts: _d, ...without } = v1;
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: without })).status).toBe(200);
    const after = await call("GET", `/v1/outcomes/${v1.vacancyKey}`, { token: org.read });
    expect(after.json.disabilityCounts).toBeNull();
    const figures = await call("GET", "/v1/indicators/wdes2", { token: org.read });
    expect([figures.json.overall.vacancies, figures.json.overall.vacanciesInPeriod]).toEqual([0, 1]);
  });

  it("refuses unknown keys, impossible counts and totals that disagree with the ethnicity counts", async () => {
    const org = await createOrg("WDES Validation Trust");
    const { v1 } = await fixture();
    const bad: unknown[] = [
      { ...v1, disabilityCounts: { ...v1.disabilityCounts, nonBinary: { shortlisted: 0, appointed: 0 } } },
      { ...v1, disabilityCounts: { ...v1.disabilityCounts, disabled: { shortlisted: 30, appointed: 3, name: "x" } } },
      { ...v1, disabilityCounts: { ...v1.disabilityCounts, disabled: { shortlisted: 3, appointed: 30 } } },
      { ...v1, disabilityCounts: { disabled: v1.disabilityCounts!.disabled, notDisabled: v1.disabilityCounts!.notDisabled } },
      { ...v1, disabilityCounts: dis([31, 3], [100, 25], [10, 2]) }, // one shortlisted applicant too many
      { ...v1, disabilityCounts: dis([30, 3], [100, 24], [10, 2]) }, // one appointment too few
      { ...v1, disabilityCounts: null },
    ];
    for (const body of bad) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body });
      expect(res.status).toBe(400);
    }
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM outcomes JOIN orgs ON orgs.seq = outcomes.org_seq WHERE orgs.id = ?").bind(org.id).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it("changes nothing in WRES indicator 2: the same vacancies with and without disability counts give identical WRES responses and cells", async () => {
    const withD = await createOrg("Same Trust");
    const without = await createOrg("Same Trust");
    const { v1, v2, v3 } = await fixture();
    const strip = (o: OutcomeSubmission): OutcomeSubmission => {
      const { disabilityCounts: _d, ...rest } = o;
      return rest;
    };
    await postAll(withD.submit, [v1, v2, v3]);
    await postAll(without.submit, [v1, v2, v3].map(strip));
    for (const q of ["?year=2024/25", "?by=band", "?by=staffGroup&level=90", "?from=2024-04-01&to=2024-12-31&by=year"]) {
      const a = await call("GET", `/v1/indicators/wres2${q}`, { token: withD.read });
      const b = await call("GET", `/v1/indicators/wres2${q}`, { token: without.read });
      expect(a.status).toBe(200);
      expect({ ...a.json, org: null }).toEqual({ ...b.json, org: null });
    }
    const csvA = await call("GET", "/v1/export/wres2.csv?year=2024/25", { token: withD.read });
    const csvB = await call("GET", "/v1/export/wres2.csv?year=2024/25", { token: without.read });
    expect(csvA.text.replaceAll(withD.odsCode, "ODS")).toBe(csvB.text.replaceAll(without.odsCode, "ODS"));
    const cells = async (id: string) =>
      (await env.DB.prepare("SELECT c.* FROM outcome_cells c JOIN orgs o ON o.seq = c.org_seq WHERE o.id = ? ORDER BY fy, band, staff_group").bind(id).all()).results.map(
        ({ org_seq: _s, ...rest }) => rest,
      );
    expect(await cells(withD.id)).toEqual(await cells(without.id));
  });
});
