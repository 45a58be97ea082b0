/**
 * Facts about one vacancy sent by different browsers at different times (panel check by the chair,
 * structured scoring by shortlisters and panellists, counts by HR), joined on the vacancy key in any
 * order, idempotently.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ComplianceResponseSchema, VacancyViewSchema } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key, outcome } from "./helpers";

const NOT_MET = { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] };
const MET = { ruleApplies: true, ruleMet: true, failedRules: [] };
const counts = { white: { shortlisted: 6, appointed: 2 }, bme: { shortlisted: 5, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } };

async function compliance(token: string) {
  const res = await call("GET", "/v1/panels/compliance", { token });
  return ComplianceResponseSchema.parse(res.json);
}

describe("facts joined per (organisation, vacancyKey)", () => {
  it("panel check first, counts later (another browser): the vacancy has both, and compliance counts it", async () => {
    const org = await createOrg("Join Trust A");
    const k = await key("join-a-1");
    const p = await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { vacancyKey: k, recordedAt: "2025-01-10T09:00:00Z", panel: MET } });
    expect(p.status).toBe(201);
    expect(p.json).toEqual({ vacancyKey: k, fact: "panel", status: "created" });
    const o = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k, { band: "8a", counts }) });
    expect(o.status).toBe(201);

    const view = await call("GET", `/v1/vacancies/${k}`, { token: org.read });
    expect(view.status).toBe(200);
    expect(VacancyViewSchema.parse(view.json)).toEqual({
      vacancyKey: k,
      outcome: { closingDate: "2024-06-15", financialYear: "2024/25", band: "8a", staffGroup: "clinical", counts, updatedAt: expect.any(String) },
      panel: { ruleApplies: true, ruleMet: true, failedRules: [], recordedAt: "2025-01-10T09:00:00.000Z" },
      scoring: { shortlisting: null, interview: null },
      guaranteedInterview: null,
    });
    const c = await compliance(org.read);
    expect(c.notRecorded).toBe(0);
  });

  it("counts first, panel check later: the summary cells move from 'not recorded' to 'not met'", async () => {
    const org = await createOrg("Join Trust B");
    const keys = await Promise.all([1, 2, 3, 4, 5].map((i) => key(`join-b-${i}`)));
    for (const k of keys) expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k, { band: "8a" }) })).status).toBe(201);
    expect((await compliance(org.read)).notRecorded).toBe(5);
    for (const k of keys) await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { vacancyKey: k, recordedAt: "2024-06-01T12:00:00+01:00", panel: NOT_MET } });
    const c = await compliance(org.read);
    expect(c.notRecorded).toBe(0);
    expect(c.overall).toMatchObject({ applies: 5, met: 0, notMet: 5, rate: 0, suppressed: false });
    expect(c.failingRules[0]).toMatchObject({ rule: "ethnicMinorityMember", failures: 5 });
    // A resubmission of the counts (HR corrects a figure) keeps the panel outcome.
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(keys[0]!, { band: "8a", counts }) });
    expect((await compliance(org.read)).overall).toMatchObject({ applies: 5, notMet: 5 });
  });

  it("the latest panel recording wins whatever order they arrive in; a resend changes nothing", async () => {
    const org = await createOrg("Join Trust C");
    const k = await key("join-c-1");
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k, { band: "7" }) });
    const later = { vacancyKey: k, recordedAt: "2024-06-02T10:00:00Z", panel: MET };
    const earlier = { vacancyKey: k, recordedAt: "2024-06-01T10:00:00Z", panel: NOT_MET };
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: later })).json.status).toBe("created");
    const stale = await call("POST", "/v1/vacancies/panel", { token: org.submit, body: earlier });
    expect(stale.status).toBe(200);
    expect(stale.json.status).toBe("superseded");
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: later })).json.status).toBe("unchanged");
    expect((await call("GET", `/v1/vacancies/${k}`, { token: org.read })).json.panel).toMatchObject({ ruleMet: true });
    const row = await env.DB.prepare("SELECT panel_met, revision FROM outcomes WHERE vacancy_key = ?").bind(k).first<{ panel_met: number; revision: number }>();
    expect(row).toEqual({ panel_met: 1, revision: 1 });
    // A correction (recorded later) replaces.
    const fix = await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { ...earlier, recordedAt: "2024-06-03T10:00:00Z" } });
    expect(fix.json.status).toBe("replaced");
    expect((await call("GET", `/v1/vacancies/${k}`, { token: org.read })).json.panel).toMatchObject({ ruleMet: false, failedRules: ["ethnicMinorityMember"] });
  });

  it("structured scoring from several browsers combines: used stays used, completed once anyone completed", async () => {
    const org = await createOrg("Join Trust D");
    const k = await key("join-d-1");
    const send = (stage: string, completed: boolean) => call("POST", "/v1/vacancies/scoring", { token: org.submit, body: { vacancyKey: k, stage, completed } });
    expect((await send("shortlisting", false)).json.status).toBe("created");
    expect((await send("shortlisting", true)).json.status).toBe("replaced");
    expect((await send("shortlisting", false)).json.status).toBe("unchanged");
    expect((await send("interview", true)).json.status).toBe("created");
    const view = await call("GET", `/v1/vacancies/${k}`, { token: org.read });
    expect(view.json.outcome).toBeNull();
    expect(view.json.scoring).toEqual({ shortlisting: { used: true, completed: true }, interview: { used: true, completed: true } });
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k) });
    const row = await env.DB.prepare("SELECT structured_shortlisting, structured_interview FROM outcomes WHERE vacancy_key = ?").bind(k).first();
    expect(row).toEqual({ structured_shortlisting: 1, structured_interview: 1 });
  });

  it("rejects what is not a yes/no fact: unknown fields, free text, a future time, a wrong-scope token, another org's key", async () => {
    const org = await createOrg("Join Trust E");
    const other = await createOrg("Join Trust F");
    const k = await key("join-e-1");
    const ok = { vacancyKey: k, recordedAt: "2024-06-02T10:00:00Z", panel: MET };
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { ...ok, reason: "chair was away" } })).status).toBe(400);
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { ...ok, panel: { ...MET, members: ["A. Smith"] } } })).status).toBe(400);
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { ...ok, recordedAt: new Date(Date.now() + 3 * 86400e3).toISOString() } })).status).toBe(400);
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { ...ok, vacancyKey: "C9290-24-0512" } })).status).toBe(400);
    expect((await call("POST", "/v1/vacancies/scoring", { token: org.submit, body: { vacancyKey: k, stage: "interview", completed: true, scores: [3] } })).status).toBe(400);
    expect((await call("POST", "/v1/vacancies/panel", { token: org.read, body: ok })).status).toBe(403);
    expect((await call("POST", "/v1/vacancies/panel", { token: org.submit, body: ok })).status).toBe(201);
    expect((await call("GET", `/v1/vacancies/${k}`, { token: org.submit })).status).toBe(403);
    expect((await call("GET", `/v1/vacancies/${k}`, { token: other.read })).status).toBe(404);
  });
});
