/**
 * GET /v1/indicators/wres2/by-intervention against hand-worked values (not the production
 * functions): WRES indicator 2 where the panel rule was met / not met / not recorded and where
 * structured scoring was used / not recorded, and the ratio between the two with its interval.
 */
import { describe, expect, it } from "vitest";
import { ByInterventionResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key, outcome } from "./helpers";

const c = (wa: number, ws: number, ba: number, bs: number) => ({ white: { shortlisted: ws, appointed: wa }, bme: { shortlisted: bs, appointed: ba }, notStated: { shortlisted: 0, appointed: 0 } });

async function vacancy(org: { submit: string }, label: string, counts: ReturnType<typeof c>, panel: unknown, structured: boolean) {
  const k = await key(label);
  // The panel check and the scoring fact come first, from "other browsers"; the counts last.
  if (panel) expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { vacancyKey: k, recordedAt: "2024-07-01T09:00:00Z", panel } })).status).toBe(201);
  if (structured) expect((await call("POST", "/v1/vacancies/scoring", { token: org.submit, body: { vacancyKey: k, stage: "interview", completed: true } })).status).toBe(201);
  expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k, { band: "8a", counts }) })).status).toBe(201);
}

describe("WRES indicator 2 by intervention", () => {
  it("panel met vs not met and structured scoring used vs not, each with the ratio and its interval", async () => {
    const org = await createOrg("Intervention Trust");
    await vacancy(org, "iv-met", c(30, 100, 27, 100), { ruleApplies: true, ruleMet: true, failedRules: [] }, true);
    await vacancy(org, "iv-notmet", c(40, 100, 16, 100), { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] }, true);
    await vacancy(org, "iv-none", c(20, 50, 10, 50), null, false);

    const res = await call("GET", "/v1/indicators/wres2/by-intervention?year=2024/25", { token: org.read });
    expect(res.status).toBe(200);
    const body = ByInterventionResponseSchema.parse(res.json);
    const g = Object.fromEntries(body.panel.groups.map((x) => [x.key, x]));
    expect(g.met!.relativeLikelihood).toBeCloseTo(30 / 27, 10); // (30/100) / (27/100) = 1.1111
    expect(g.notMet!.relativeLikelihood).toBeCloseTo(2.5, 10); // (40/100) / (16/100)
    expect(g.notRecorded!.relativeLikelihood).toBeCloseTo(2, 10); // (20/50) / (10/50)
    expect(g.notApplicable!.vacancies).toBe(0);
    expect([g.met!.vacancies, g.notMet!.vacancies, g.notRecorded!.vacancies]).toEqual([1, 1, 1]);
    // Katz 95 % for 30/100 vs 27/100: SE = sqrt(1/30 - 1/100 + 1/27 - 1/100) = 0.224433; exp(ln 1.1111 -/+ 1.959964 * SE).
    expect(g.met!.ci.lower).toBeCloseTo(0.715681, 5);
    expect(g.met!.ci.upper).toBeCloseTo(1.725026, 5);
    // Ratio 1.1111 / 2.5 = 0.4444; SE sqrt(0.050370 + 0.0675) = 0.343323 -> 0.226767 to 0.871072.
    expect(body.panel.comparison).toMatchObject({ with: "met", without: "notMet", smallNumbers: false, significant: true });
    expect(body.panel.comparison.ratio).toBeCloseTo(0.444444, 6);
    expect(body.panel.comparison.ci.lower).toBeCloseTo(0.226767, 5);
    expect(body.panel.comparison.ci.upper).toBeCloseTo(0.871072, 5);

    const s = Object.fromEntries(body.structuredScoring.groups.map((x) => [x.key, x]));
    expect(s.used!.counts.white).toEqual({ shortlisted: 200, appointed: 70 });
    expect(s.used!.counts.bme).toEqual({ shortlisted: 200, appointed: 43 });
    // (70/200) / (43/200) = 1.627907 against 2.0: ratio 0.813953; SE sqrt(0.0275415 + 0.11) = 0.370866.
    expect(body.structuredScoring.comparison.ratio).toBeCloseTo(0.813953, 6);
    expect(body.structuredScoring.comparison.ci.lower).toBeCloseTo(0.393476, 5);
    expect(body.structuredScoring.comparison.ci.upper).toBeCloseTo(1.683764, 5);
    expect(body.structuredScoring.comparison.significant).toBe(false);
    expect(body.structuredScoring.comparison.text).toMatch(/includes 1/);
  });

  it("for the own audience: exact figures, a small group flagged 'small numbers', and the ratio flagged with it", async () => {
    const org = await createOrg("Small Intervention Trust");
    await vacancy(org, "sm-met", c(30, 100, 27, 100), { ruleApplies: true, ruleMet: true, failedRules: [] }, false);
    // Not met: BME 2 appointed of 6 (below the publication threshold of 5).
    await vacancy(org, "sm-notmet", c(5, 10, 2, 6), { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember"] }, false);
    const res = await call("GET", "/v1/indicators/wres2/by-intervention", { token: org.read });
    const body = ByInterventionResponseSchema.parse(res.json);
    expect(body.suppression.audience).toBe("own");
    const g = Object.fromEntries(body.panel.groups.map((x) => [x.key, x]));
    expect(g.notMet).toMatchObject({ smallNumbers: true, counts: { bme: { shortlisted: 6, appointed: 2 } } });
    // (5/10) / (2/6) = 1.5
    expect(g.notMet!.relativeLikelihood).toBeCloseTo(1.5, 10);
    expect(g.met!.smallNumbers).toBe(false);
    // 1.1111 / 1.5 = 0.7407; flagged because the "not met" group has small numbers.
    expect(body.panel.comparison.ratio).toBeCloseTo(0.740741, 6);
    expect(body.panel.comparison.smallNumbers).toBe(true);
  });

  it("needs the read token and a valid query", async () => {
    const org = await createOrg("Query Intervention Trust");
    expect((await call("GET", "/v1/indicators/wres2/by-intervention", { token: org.submit })).status).toBe(403);
    expect((await call("GET", "/v1/indicators/wres2/by-intervention?by=band", { token: org.read })).status).toBe(400);
    expect((await call("GET", "/v1/indicators/wres2/by-intervention?level=97", { token: org.read })).status).toBe(400);
  });
});
