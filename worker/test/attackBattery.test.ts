/**
 * The attack battery, round three: each test is one attack a reviewer could run against the API,
 * written as the attacker would, and asserting what the attacker must not get. The earlier rounds'
 * attacks (differencing filters and periods, benchmark probes, dates, token storage) are in
 * publication.test.ts, benchmarkPrivacy.test.ts, hardening.test.ts and malformed.test.ts.
 */
import { env } from "cloudflare:test";
import { afterAll, describe, expect, it } from "vitest";
import { ApiErrorSchema, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { adminToken, call, createOrg, key, outcome, postAll, sent, snapshot } from "./helpers";
import { hit, MAX_KEYS, refuseWhenFull, trackedKeys } from "../src/middleware/rateLimit";

afterAll(() => console.info(`attack battery: ${sent.requests} requests`));

const pair = (s: number, a: number) => ({ shortlisted: s, appointed: a });
const GROUPS = ["white", "bme", "notStated"] as const;
const KINDS = ["shortlisted", "appointed"] as const;

async function withReportToken(org: { id: string }) {
  const rotated = await call("POST", `/v1/admin/orgs/${org.id}/tokens/report/rotate`, { token: adminToken() });
  expect(rotated.status).toBe(201);
  return rotated.json.token as string;
}

/**
 * What a reader of the publication tables can work out from a row's suppression code: a
 * complementary row has every count 0 or at least the threshold. So when the withheld children of
 * a shown total (the year less its shown band rows) hold fewer than `threshold` of something
 * between them, every complement among them holds none of it, and if exactly one of them was
 * withheld as a small cell, that row's count is the difference, exactly.
 */
function recoverByLabels(body: any, threshold: number): { row: string; count: string; value: number }[] {
  const found: { row: string; count: string; value: number }[] = [];
  for (const year of body.tables.year) {
    if (year.suppressed) continue;
    for (const table of ["band", "staffGroup"] as const) {
      const rows = body.tables[table].filter((r: any) => r.year === year.year);
      const hidden = rows.filter((r: any) => r.suppressed);
      const small = hidden.filter((r: any) => r.suppressionCode === "smallCell");
      if (small.length !== 1 || hidden.length < 2) continue;
      for (const g of GROUPS) {
        for (const k of KINDS) {
          const rest = year.counts[g][k] - rows.filter((r: any) => !r.suppressed).reduce((n: number, r: any) => n + r.counts[g][k], 0);
          if (rest >= 1 && rest < threshold) found.push({ row: `${year.year} ${table} ${small[0].key}`, count: `${g}.${k}`, value: rest });
        }
      }
    }
  }
  return found;
}

describe("publication tables: what a withheld row's label gives away", () => {
  it("four band rows withheld with one BME appointment between them, three of them complements: the fourth's count is not given away", async () => {
    const org = await createOrg("Label Attack Trust");
    // 2023/24, every post clinical. One BME appointment in band 5; none in bands 6, 7, 8a; nine at band 4 and below.
    const bands: [string, number, number][] = [["3", 40, 9], ["5", 30, 1], ["6", 30, 0], ["7", 30, 0], ["8a", 30, 0], ["8b", 30, 0], ["consultant", 30, 0]];
    const list: OutcomeSubmission[] = [];
    for (const [band, bs, ba] of bands) {
      list.push(outcome(await key(`label-${band}`), { closingDate: "2023-10-02", band: band as never, counts: { white: pair(40, 10), bme: pair(bs, ba), notStated: pair(0, 0) } }));
    }
    await postAll(org.submit, list);
    const report = await withReportToken(org);
    for (const threshold of [5, 8] as const) {
      expect((await call("PUT", "/v1/org/publication", { token: org.read, body: { threshold } })).status).toBe(200);
      const res = await call("GET", "/v1/report/wres2?year=2023/24", { token: report });
      expect(res.status).toBe(200);
      const band5 = res.json.tables.band.find((r: any) => r.key === "5");
      expect(band5.suppressed).toBe(true);
      // Before the fix: bands 5, 6, 7 and 8a withheld (5 as a small cell, the rest as complements),
      // 10 BME appointments in the year less 9 shown = 1, so band 5 had exactly 1.
      expect(recoverByLabels(res.json, threshold)).toEqual([]);
    }
  });
});

/** Every route that takes `year`, with the query it needs besides. */
const YEAR_ROUTES = [
  "/v1/indicators/wres2?by=year&",
  "/v1/indicators/wdes2?",
  "/v1/indicators/wres2/by-intervention?",
  "/v1/indicators/wres2/benchmark?",
  "/v1/panels/compliance?",
  "/v1/export/wres2.csv?",
  "/v1/export/wdes2.csv?",
  "/v1/report/wres2?",
  "/v1/report/wres2.csv?",
  "/v1/report/wdes2?",
  "/v1/report/wdes2.csv?",
];

describe("financial years no closing date can fall in", () => {
  it("9999/00, 0000/01 and 1998/99 are a 400 naming the range on every route that takes a year, never a 500", async () => {
    const org = await createOrg("Year Range Trust");
    await postAll(org.submit, [outcome(await key("yr-1"), { closingDate: "2023-05-01" })]);
    const next = new Date().getUTCFullYear() + 1;
    const words = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
    for (const route of YEAR_ROUTES) {
      // Before the fix, 9999/00 was a 500 on the benchmark and the report routes (its end year has
      // five digits), and 0000/01 answered a period from "0-04-01".
      for (const year of ["9999/00", "0000/01", "1998/99", words(next + 1)]) {
        const res = await call("GET", `${route}year=${encodeURIComponent(year)}`, { token: org.read });
        expect(res.status, `${route} ${year}`).toBe(400);
        expect(ApiErrorSchema.safeParse(res.json).success).toBe(true);
        expect(res.json.error.issues).toContainEqual({ path: "year", message: `must be a financial year from 1999/00 to ${words(next)}` });
      }
      // Both ends of the range are answered (the report routes refuse a year not yet ended, in words).
      for (const year of ["1999/00", words(next)]) {
        const res = await call("GET", `${route}year=${encodeURIComponent(year)}`, { token: org.read });
        expect([200, 400], `${route} ${year}`).toContain(res.status);
        if (res.status === 400) expect(res.json.error.message).toMatch(/has not ended/);
      }
    }
  }, 60_000);
});

describe("panel sync: how long ciphertext is kept is not the client's choice", () => {
  const assessor = { assessorId: `as_${"a".repeat(32)}`, proof: "b".repeat(64) };
  const entry = (closingDate: string) => ({ ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(24), closingDate });
  it("a closing date no vacancy has is refused, for entries and for the guide, and nothing is stored", async () => {
    const org = await createOrg("Sync Retention Trust");
    const vk = await key("sync-retention");
    const item = await key("sync-retention-item");
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_entries").first<{ n: number }>();
    // "2999-01-01" kept the entry until 2999; "9999-12-31" answered 201 with expiresAt "+010000-03-30…",
    // which sorts before today's date, so the entry just submitted was never returned and was purged.
    for (const closingDate of ["2999-01-01", "9999-12-31", "1999-12-31", "0001-01-01"]) {
      const e = await call("POST", `/v1/sync/${vk}/${item}/entries`, { token: org.submit, body: entry(closingDate) });
      expect(e.status, closingDate).toBe(400);
      expect(e.json.error.issues[0].path).toBe("closingDate");
      const g = await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: entry(closingDate) });
      expect(g.status, closingDate).toBe(400);
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_entries").first<{ n: number }>()).toEqual(before);
    expect((await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit })).json.guide).toBeNull();
    // The latest closing date accepted keeps an entry 90 days past it, and the entry is returned.
    const last = `${new Date().getUTCFullYear() + 1}-12-31`;
    const ok = await call("POST", `/v1/sync/${vk}/${item}/entries`, { token: org.submit, body: entry(last) });
    expect(ok.status).toBe(201);
    expect(ok.json.expiresAt).toBe(new Date(Date.parse(`${last}T00:00:00Z`) + 90 * 86_400_000).toISOString());
    const read = await call("POST", `/v1/sync/${vk}/${item}/read`, { token: org.submit, body: assessor });
    expect(read.status).toBe(200);
    expect(read.json.entries).toHaveLength(1);
  });
});

describe("facts recorded at a time no vacancy was", () => {
  it("a recordedAt before 2000 (an offset can carry year 0000 into year -1) is refused, and nothing is stored", async () => {
    const org = await createOrg("Recorded At Trust");
    const vk = await key("recorded-at");
    for (const recordedAt of ["0000-01-01T00:00:00+23:59", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z"]) {
      const p = await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { vacancyKey: vk, recordedAt, panel: { ruleApplies: true, ruleMet: true, failedRules: [] } } });
      expect(p.status, recordedAt).toBe(400);
      expect(p.json.error.issues.map((i: any) => i.path)).toEqual(["recordedAt"]);
      const g = await call("POST", "/v1/vacancies/guaranteed-interview", { token: org.submit, body: { vacancyKey: vk, recordedAt, counts: { eligible: 2, interviewed: 1 } } });
      expect(g.status, recordedAt).toBe(400);
    }
    expect((await call("GET", `/v1/vacancies/${vk}`, { token: org.read })).status).toBe(404);
    const first = await call("POST", "/v1/vacancies/panel", { token: org.submit, body: { vacancyKey: vk, recordedAt: "2000-01-01T00:00:00Z", panel: { ruleApplies: true, ruleMet: true, failedRules: [] } } });
    expect(first.status).toBe(201);
  });
});

/** Every route that takes no query string, with a request that would otherwise be answered. */
async function noQueryRoutes(org: { id: string; submit: string; read: string }) {
  const vk = await key("nq-vacancy");
  const item = await key("nq-item");
  const assessor = { assessorId: `as_${"c".repeat(32)}`, proof: "d".repeat(64) };
  return [
    { method: "GET", path: "/v1/org", token: org.read },
    { method: "GET", path: `/v1/orgs/${org.id}`, token: org.submit },
    { method: "PUT", path: "/v1/org/publication", token: org.read, body: { threshold: 5 } },
    { method: "POST", path: "/v1/outcomes", token: org.submit, body: outcome(vk) },
    { method: "POST", path: "/v1/outcomes/batch", token: org.submit, body: { outcomes: [outcome(vk)] } },
    { method: "GET", path: `/v1/outcomes/${vk}`, token: org.read },
    { method: "DELETE", path: `/v1/outcomes/${vk}`, token: org.submit },
    { method: "POST", path: "/v1/vacancies/panel", token: org.submit, body: { vacancyKey: vk, recordedAt: "2024-06-01T00:00:00Z", panel: { ruleApplies: true, ruleMet: true, failedRules: [] } } },
    { method: "POST", path: "/v1/vacancies/scoring", token: org.submit, body: { vacancyKey: vk, stage: "interview", completed: true } },
    { method: "POST", path: "/v1/vacancies/guaranteed-interview", token: org.submit, body: { vacancyKey: vk, recordedAt: "2024-06-01T00:00:00Z", counts: { eligible: 1, interviewed: 1 } } },
    { method: "GET", path: `/v1/vacancies/${vk}`, token: org.read },
    { method: "POST", path: `/v1/sync/${vk}/${item}/entries`, token: org.submit, body: { ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(24) } },
    { method: "POST", path: `/v1/sync/${vk}/${item}/read`, token: org.submit, body: assessor },
    { method: "POST", path: `/v1/sync/${vk}/guide`, token: org.submit, body: { ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(24) } },
    { method: "GET", path: `/v1/sync/${vk}/guide`, token: org.submit },
    { method: "DELETE", path: `/v1/sync/${vk}`, token: org.submit, body: assessor },
    { method: "POST", path: "/v1/admin/orgs", token: adminToken(), body: { name: "Query Trust", odsCode: "QQQ9" } },
    { method: "GET", path: `/v1/admin/orgs/${org.id}/tokens`, token: adminToken() },
    { method: "POST", path: `/v1/admin/orgs/${org.id}/tokens/report/rotate`, token: adminToken() },
    { method: "DELETE", path: `/v1/admin/orgs/${org.id}/tokens/report`, token: adminToken() },
  ] as { method: string; path: string; token: string; body?: unknown }[];
}

describe("nothing rides along in a URL", () => {
  it("a token (or anything else) in the query string of a route that takes none is a 400 that repeats neither name nor value, and changes nothing", async () => {
    const org = await createOrg("Query String Trust");
    const routes = await noQueryRoutes(org);
    const before = await snapshot();
    for (const r of routes) {
      for (const q of [`token=${org.read}`, `access_token=${org.submit}`, `${org.read}`, "debug=1", "x"]) {
        // Before the fix every one of these was answered as if the query were not there (GET /v1/org?token=… 200).
        const res = await call(r.method, `${r.path}?${q}`, { token: r.token, ...(r.body === undefined ? {} : { body: r.body }) });
        expect(res.status, `${r.method} ${r.path}?${q.slice(0, 12)}`).toBe(400);
        expect(ApiErrorSchema.safeParse(res.json).success).toBe(true);
        expect(res.text).not.toContain(org.read);
        expect(res.text).not.toContain(org.submit);
        expect(res.text).not.toContain("debug");
      }
      // Still a 401 first for a bad token, as without a query.
      expect((await call(r.method, `${r.path}?x=1`, { token: "fs_read_" + "A".repeat(43), ...(r.body === undefined ? {} : { body: r.body }) })).status).toBe(401);
    }
    expect(await snapshot()).toEqual(before);
    // Routes that take a query do not repeat a token used as a parameter's name either.
    for (const path of ["/v1/indicators/wres2", "/v1/report/wres2", "/v1/admin/orgs"]) {
      const res = await call("GET", `${path}?${org.read}=1`, { token: path.startsWith("/v1/admin") ? adminToken() : org.read });
      expect(res.status).toBe(400);
      expect(res.text).not.toContain(org.read);
    }
  }, 60_000);
});

describe("a tampered or partial client: what is read back is what is held", () => {
  it("an outcome that says structured scoring was used at one stage reads back with that stage, not with no scoring at all", async () => {
    const org = await createOrg("Scoring Readback Trust");
    for (const [label, scoring] of [["s", { structuredShortlisting: true, structuredInterview: false }], ["i", { structuredShortlisting: false, structuredInterview: true }], ["b", { structuredShortlisting: true, structuredInterview: true }]] as const) {
      const vk = await key(`scoring-readback-${label}`);
      expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(vk, { scoring }) })).status).toBe(201);
      // Before the fix, one stage alone read back as "scoring": null, as if nothing had been sent.
      expect((await call("GET", `/v1/outcomes/${vk}`, { token: org.read })).json.scoring).toEqual(scoring);
    }
    // Scoring reported only as a fact (another browser), before the counts, is read back with them.
    const vk = await key("scoring-readback-fact");
    expect((await call("POST", "/v1/vacancies/scoring", { token: org.submit, body: { vacancyKey: vk, stage: "interview", completed: false } })).status).toBe(201);
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(vk) })).status).toBe(201);
    expect((await call("GET", `/v1/outcomes/${vk}`, { token: org.read })).json.scoring).toEqual({ structuredShortlisting: false, structuredInterview: true });
    // Nothing reported: null.
    const none = await key("scoring-readback-none");
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(none, { scoring: { structuredShortlisting: false, structuredInterview: false } }) });
    expect((await call("GET", `/v1/outcomes/${none}`, { token: org.read })).json.scoring).toBeNull();
  });
});

describe("a report token that polls: the year to date says nothing", () => {
  it("every response a report token can get is byte for byte the same before and after the year's first vacancy arrives, and after it is deleted", async () => {
    const org = await createOrg("Polling Trust");
    const past = [outcome(await key("poll-past-1"), { closingDate: "2023-06-01", counts: { white: pair(40, 10), bme: pair(30, 6), notStated: pair(0, 0) } })];
    await postAll(org.submit, past);
    const report = await withReportToken(org);
    const paths = ["/v1/org", "/v1/report/wres2", "/v1/report/wres2.csv", "/v1/report/wdes2", "/v1/report/wdes2.csv", "/v1/report/wres2?level=99", "/v1/report/wdes2?year=2023/24"];
    const read = async () => Promise.all(paths.map(async (p) => (await call("GET", p, { token: report })).text));
    const before = await read();
    const today = new Date().toISOString().slice(0, 10);
    const vk = await key("poll-ytd");
    const ytd = outcome(vk, {
      closingDate: today,
      counts: { white: pair(3, 1), bme: pair(2, 0), notStated: pair(0, 0) },
      disabilityCounts: { disabled: pair(1, 0), notDisabled: pair(4, 1), notDeclared: pair(0, 0) },
    });
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: ytd })).status).toBe(201);
    expect((await call("POST", "/v1/vacancies/guaranteed-interview", { token: org.submit, body: { vacancyKey: vk, recordedAt: new Date().toISOString(), counts: { eligible: 1, interviewed: 1 } } })).status).toBe(201);
    // Before the fix, notPublished went from [] to [this year] here: the moment of the first vacancy.
    expect(await read()).toEqual(before);
    expect((await call("DELETE", `/v1/outcomes/${vk}`, { token: org.submit })).status).toBe(200);
    expect(await read()).toEqual(before);
  });
});

describe("the submit token is in every browser: it reads no one's counts", () => {
  it("a panellist's browser that turns a vacancy's public reference into its key learns that it is held, not who applied", async () => {
    const org = await createOrg("Submit Reader Trust");
    // The key is HMAC(reference) under the organisation secret, which policy pushes to every browser with the token.
    const vk = await key("advert reference C9350-26-0412");
    const sent = outcome(vk, {
      band: "8b",
      counts: { white: pair(5, 0), bme: pair(1, 1), notStated: pair(0, 0) },
      disabilityCounts: { disabled: pair(1, 1), notDisabled: pair(5, 0), notDeclared: pair(0, 0) },
      panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] },
    });
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: sent })).status).toBe(201);
    const asSubmit = await call("GET", `/v1/outcomes/${vk}`, { token: org.submit });
    expect(asSubmit.status).toBe(200);
    // Before the fix: the same body as the read token's, "counts" and "disabilityCounts" included (1 BME applicant, appointed).
    expect(Object.keys(asSubmit.json).sort()).toEqual(["band", "closingDate", "financialYear", "hasPanel", "staffGroup", "updatedAt", "vacancyKey"]);
    expect(asSubmit.json).toMatchObject({ vacancyKey: vk, band: "8b", staffGroup: "clinical", hasPanel: true, financialYear: "2024/25" });
    // The organisation's analysts still read back exactly what was stored.
    const asRead = await call("GET", `/v1/outcomes/${vk}`, { token: org.read });
    expect(asRead.json.counts).toEqual(sent.counts);
    expect(asRead.json.disabilityCounts).toEqual(sent.disabilityCounts);
    // Nothing else a submit token can call answers with a count either.
    for (const [method, path, body] of [
      ["POST", "/v1/outcomes", sent],
      ["POST", "/v1/outcomes/batch", { outcomes: [sent] }],
      ["GET", `/v1/vacancies/${vk}`, undefined],
      ["GET", "/v1/indicators/wres2", undefined],
      ["GET", "/v1/export/wres2.csv", undefined],
      ["GET", "/v1/report/wres2", undefined],
      ["GET", "/v1/org", undefined],
    ] as const) {
      const res = await call(method, path, { token: org.submit, ...(body === undefined ? {} : { body }) });
      expect(res.text, `${method} ${path}`).not.toMatch(/shortlisted|appointed/);
    }
  });
});

describe("one organisation's tokens against another's keys, ids and sync slots", () => {
  it("B, knowing A's vacancy key, item key, assessor id and even its proof, reads nothing of A's and changes nothing A sees", async () => {
    const a = await createOrg("Tenant A Trust");
    const b = await createOrg("Tenant B Trust");
    const vk = await key("tenant-shared-reference");
    const item = await key("tenant-item");
    const assessor = { assessorId: `as_${"e".repeat(32)}`, proof: "f".repeat(64) };
    const ciphertext = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";
    const aOutcome = outcome(vk, { closingDate: "2023-06-01", counts: { white: pair(40, 12), bme: pair(30, 6), notStated: pair(3, 1) } });
    await postAll(a.submit, [aOutcome]);
    expect((await call("POST", "/v1/vacancies/panel", { token: a.submit, body: { vacancyKey: vk, recordedAt: "2023-06-02T10:00:00Z", panel: { ruleApplies: true, ruleMet: true, failedRules: [] } } })).status).toBe(201);
    expect((await call("POST", `/v1/sync/${vk}/${item}/entries`, { token: a.submit, body: { ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext } })).status).toBe(201);
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: a.submit, body: { ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext } })).status).toBe(201);
    const aReport = await withReportToken(a);
    const aViews = ["/v1/org", `/v1/outcomes/${vk}`, `/v1/vacancies/${vk}`, "/v1/indicators/wres2?by=band", "/v1/indicators/wdes2", "/v1/indicators/wres2/by-intervention", "/v1/panels/compliance", "/v1/export/wres2.csv", "/v1/report/wres2"];
    const aSees = async () => ({
      read: await Promise.all(aViews.map(async (p) => (await call("GET", p, { token: p.startsWith("/v1/report") ? aReport : a.read })).text)),
      entries: (await call("POST", `/v1/sync/${vk}/${item}/read`, { token: a.submit, body: assessor })).text,
      guide: (await call("GET", `/v1/sync/${vk}/guide`, { token: a.submit })).text,
    });
    const before = await aSees();

    const bAttempts: { res: Awaited<ReturnType<typeof call>>; label: string }[] = [];
    const tryB = async (label: string, method: string, path: string, token: string, body?: unknown) =>
      bAttempts.push({ label, res: await call(method, path, { token, ...(body === undefined ? {} : { body }) }) });
    await tryB("read A's outcome", "GET", `/v1/outcomes/${vk}`, b.read);
    await tryB("read A's vacancy", "GET", `/v1/vacancies/${vk}`, b.read);
    await tryB("A's org by id", "GET", `/v1/orgs/${a.id}`, b.read);
    await tryB("A's sync entries", "POST", `/v1/sync/${vk}/${item}/read`, b.submit, assessor);
    await tryB("A's guide", "GET", `/v1/sync/${vk}/guide`, b.submit);
    await tryB("delete A's sync", "DELETE", `/v1/sync/${vk}`, b.submit, assessor);
    await tryB("delete A's outcome", "DELETE", `/v1/outcomes/${vk}`, b.submit);
    await tryB("admin with B's token", "GET", `/v1/admin/orgs/${a.id}/tokens`, b.read);
    await tryB("rotate A's tokens with B's token", "POST", `/v1/admin/orgs/${a.id}/tokens/read/rotate`, b.submit);
    // Writes under A's keys land in B's own slots.
    await tryB("B writes the same key", "POST", "/v1/outcomes", b.submit, outcome(vk, { counts: { white: pair(2000, 0), bme: pair(1, 1), notStated: pair(0, 0) } }));
    await tryB("B's panel fact on the key", "POST", "/v1/vacancies/panel", b.submit, { vacancyKey: vk, recordedAt: "2024-01-01T00:00:00Z", panel: { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember"] } });
    await tryB("B's entry in A's slot", "POST", `/v1/sync/${vk}/${item}/entries`, b.submit, { ...assessor, revision: 2, iv: "BBBBBBBBBBBBBBBB", ciphertext: "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJC" });
    await tryB("B's guide revision", "POST", `/v1/sync/${vk}/guide`, b.submit, { ...assessor, revision: 2, iv: "BBBBBBBBBBBBBBBB", ciphertext: "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJC" });

    for (const { label, res } of bAttempts) {
      expect(res.status, label).toBeLessThan(500);
      expect(res.text, label).not.toContain(ciphertext);
      expect(res.text, label).not.toContain(a.odsCode);
      expect(res.text, label).not.toContain('"shortlisted":40');
    }
    const status = Object.fromEntries(bAttempts.map(({ label, res }) => [label, res.status]));
    expect(status).toMatchObject({
      "read A's outcome": 404, "read A's vacancy": 404, "A's org by id": 403, "A's sync entries": 403, "delete A's sync": 403,
      "delete A's outcome": 404, "admin with B's token": 403, "rotate A's tokens with B's token": 403,
      // A revision 2 in B's slot would need B's revision 1 first: 409, never A's entry replaced.
      "B's entry in A's slot": 409, "B's guide revision": 409,
    });
    expect(JSON.parse(bAttempts.find((x) => x.label === "A's guide")!.res.text).guide).toBeNull();
    expect(await aSees()).toEqual(before);
  }, 60_000);
});

describe("concurrent writes for one vacancy key", () => {
  it("replacements, facts and deletes racing on one key leave the summaries equal to the one record held", async () => {
    const org = await createOrg("Race Trust");
    const vk = await key("race-key");
    const bodies = [1, 2, 3, 4, 5, 6].map((i) => outcome(vk, { closingDate: i % 2 ? "2023-06-01" : "2024-06-01", band: i % 3 ? "6" : "8a", counts: { white: pair(10 + i, i), bme: pair(5 + i, 1), notStated: pair(i, 0) } }));
    const writes = [
      ...bodies.map((b) => call("POST", "/v1/outcomes", { token: org.submit, body: b })),
      ...bodies.map((b) => call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [b] } })),
      ...[1, 2, 3].map((i) => call("POST", "/v1/vacancies/panel", { token: org.submit, body: { vacancyKey: vk, recordedAt: `2024-0${i}-01T00:00:00Z`, panel: { ruleApplies: true, ruleMet: i === 3, failedRules: i === 3 ? [] : ["ethnicMinorityMember"] } } })),
      call("POST", "/v1/vacancies/scoring", { token: org.submit, body: { vacancyKey: vk, stage: "shortlisting", completed: true } }),
      call("DELETE", `/v1/outcomes/${vk}`, { token: org.submit }),
      call("DELETE", `/v1/outcomes/${vk}`, { token: org.submit }),
    ];
    const results = await Promise.all(writes);
    for (const r of results) expect([200, 201, 404]).toContain(r.status);
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    // Whatever order they ran in: the summaries hold exactly the record (if any) that is left.
    const raw = await env.DB.prepare(
      `SELECT fy, band, staff_group, COUNT(*) AS vacancies, SUM(white_shortlisted) AS ws, SUM(white_appointed) AS wa, SUM(bme_shortlisted) AS bs, SUM(bme_appointed) AS ba,
         SUM(not_stated_shortlisted) AS ns, SUM(panel_applies IS NOT NULL) AS pr, SUM(coalesce(panel_applies AND panel_met, 0)) AS pm
       FROM outcomes o JOIN orgs g ON g.seq = o.org_seq WHERE g.id = ? GROUP BY 1, 2, 3`,
    ).bind(org.id).all();
    const cells = await env.DB.prepare(
      `SELECT fy, band, staff_group, vacancies, white_shortlisted AS ws, white_appointed AS wa, bme_shortlisted AS bs, bme_appointed AS ba, not_stated_shortlisted AS ns, panel_recorded AS pr, panel_met AS pm
       FROM outcome_cells c JOIN orgs g ON g.seq = c.org_seq WHERE g.id = ? ORDER BY 1, 2, 3`,
    ).bind(org.id).all();
    expect(cells.results).toEqual(raw.results);
    const totals = await env.DB.prepare(`SELECT SUM(vacancies) AS v FROM org_year_totals t JOIN orgs g ON g.seq = t.org_seq WHERE g.id = ?`).bind(org.id).first<{ v: number | null }>();
    expect(totals?.v ?? 0).toBe(raw.results.length);
    const held = await call("GET", `/v1/outcomes/${vk}`, { token: org.read });
    const figure = await call("GET", "/v1/indicators/wres2", { token: org.read });
    if (held.status === 200) {
      expect(bodies.map((b) => JSON.stringify(b.counts))).toContain(JSON.stringify(held.json.counts));
      expect(figure.json.overall.counts).toEqual(held.json.counts);
      // The latest panel recording (3, met) won whatever order the three arrived in.
      expect(held.json.panel).toEqual({ ruleApplies: true, ruleMet: true, failedRules: [] });
    } else {
      expect(held.status).toBe(404);
      expect(figure.json.overall.vacancies).toBe(0);
    }
  });
});

describe("hostile bodies on every write route", () => {
  it("nesting, prototype keys, escaped and unicode keys, numbers as strings, huge and negative numbers, duplicate keys, 10^6 items: a 4xx JSON answer, nothing stored", async () => {
    const org = await createOrg("Hostile Body Trust");
    const vk = await key("hostile");
    const assessor = { assessorId: `as_${"1".repeat(32)}`, proof: "2".repeat(64) };
    const valid: [string, string, unknown][] = [
      ["POST", "/v1/outcomes", outcome(vk)],
      ["POST", "/v1/outcomes/batch", { outcomes: [outcome(vk)] }],
      ["POST", "/v1/vacancies/panel", { vacancyKey: vk, recordedAt: "2024-06-01T00:00:00Z", panel: { ruleApplies: true, ruleMet: true, failedRules: [] } }],
      ["POST", "/v1/vacancies/scoring", { vacancyKey: vk, stage: "interview", completed: true }],
      ["POST", "/v1/vacancies/guaranteed-interview", { vacancyKey: vk, recordedAt: "2024-06-01T00:00:00Z", counts: { eligible: 3, interviewed: 2 } }],
      ["POST", `/v1/sync/${vk}/${vk}/entries`, { ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(24) }],
      ["POST", `/v1/sync/${vk}/${vk}/read`, assessor],
      ["POST", `/v1/sync/${vk}/guide`, { ...assessor, revision: 1, iv: "AAAAAAAAAAAAAAAA", ciphertext: "A".repeat(24) }],
      ["DELETE", `/v1/sync/${vk}`, assessor],
      ["PUT", "/v1/org/publication", { threshold: 8 }],
      ["POST", "/v1/admin/orgs", { name: "Hostile NHS Trust", odsCode: "HHH1" }],
    ];
    const tokenFor = (path: string) => (path.startsWith("/v1/admin") ? adminToken() : path === "/v1/org/publication" ? org.read : org.submit);
    const hostile = (body: unknown): string[] => {
      const text = JSON.stringify(body);
      const first = text.indexOf('":') + 2; // the first value
      return [
        "[".repeat(5000) + "]".repeat(5000),
        '{"a":'.repeat(1500) + "1" + "}".repeat(1500),
        text.replace("{", '{"__proto__":{"admin":true},'),
        text.replace("{", '{"constructor":{"prototype":{"x":1}},'),
        text.replace("{", '{"\\u005f_proto__":1,'),
        text.replace("{", '{"vacancyKey\\u0000":1,'),
        text.replace("{", '{"Ж":1,'),
        text.replace(/:(\d+)/, ':"$1"'),
        text.replace(/:(\d+)/, ":1e308"),
        text.replace(/:(\d+)/, ":-1"),
        text.replace(/:(\d+)/, ":0.5"),
        text.replace(/:(\d+)/, ":-1e-308"),
        text.replace(/:(true|false)/, ':"true"'),
        text.slice(0, first) + text.slice(first).replace(/^("[^"]*"|[^,}]*)/, "$1,\"" + Object.keys(body as object)[0] + '":$1'),
        `{"outcomes":[${"0,".repeat(1_000_000)}0]}`,
        text.replace(/"(\d{4}-\d{2}-\d{2})/, '"$1\\u0000'),
        "\ufeff\ufeff" + text,
        text + "garbage",
      ].filter((t) => t !== text);
    };
    const before = await snapshot();
    let sent = 0;
    for (const [method, path, body] of valid) {
      for (const raw of hostile(body)) {
        const res = await call(method, path, { token: tokenFor(path), raw, contentType: "application/json" });
        sent++;
        expect(res.status, `${method} ${path} ${raw.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} ${raw.slice(0, 60)}`).toBeLessThan(500);
        expect(ApiErrorSchema.safeParse(res.json).success, `${method} ${path} ${raw.slice(0, 60)}`).toBe(true);
      }
    }
    expect(sent).toBeGreaterThan(150);
    expect(await snapshot()).toEqual(before);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM vacancy_facts f JOIN orgs g ON g.seq = f.org_seq WHERE g.id = ?").bind(org.id).first()).toEqual({ n: 0 });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_entries e JOIN orgs g ON g.seq = e.org_seq WHERE g.id = ?").bind(org.id).first()).toEqual({ n: 0 });
    // And after all that the Worker still answers.
    expect((await call("GET", "/v1/org", { token: org.read })).status).toBe(200);
  }, 60_000);

  it("inconsistent counts are refused wherever counts are sent", async () => {
    const org = await createOrg("Inconsistent Trust");
    const vk = await key("inconsistent");
    const cases: [string, unknown][] = [
      ["appointed > shortlisted", outcome(vk, { counts: { white: pair(2, 3), bme: pair(1, 0), notStated: pair(0, 0) } })],
      ["disability totals differ", outcome(vk, { disabilityCounts: { disabled: pair(1, 0), notDisabled: pair(1, 0), notDeclared: pair(0, 0) } })],
      ["disability appointed differ", outcome(vk, { disabilityCounts: { disabled: pair(8, 0), notDisabled: pair(0, 0), notDeclared: pair(0, 0) } })],
      ["more than a vacancy can have", outcome(vk, { counts: { white: pair(2001, 0), bme: pair(1, 0), notStated: pair(0, 0) } })],
      ["met with failed rules", outcome(vk, { panel: { ruleApplies: true, ruleMet: true, failedRules: ["trainedMember"] } })],
    ];
    for (const [label, body] of cases) {
      const one = await call("POST", "/v1/outcomes", { token: org.submit, body });
      expect(one.status, label).toBe(400);
      // Mixed with valid records in a batch: the whole batch is refused, naming the bad one.
      const batch = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [outcome(await key(`ok-${label}`)), body] } });
      expect(batch.status, label).toBe(400);
      expect(batch.json.error.issues[0].path, label).toMatch(/^outcomes\.1\./);
    }
    const gi = await call("POST", "/v1/vacancies/guaranteed-interview", { token: org.submit, body: { vacancyKey: vk, recordedAt: "2024-06-01T00:00:00Z", counts: { eligible: 2, interviewed: 3 } } });
    expect(gi.status).toBe(400);
    expect((await call("GET", "/v1/indicators/wres2", { token: org.read })).json.overall.vacancies).toBe(0);
  });
});

describe("CORS preflights from anywhere", () => {
  it("no origin but the extension's gets a grant, on any route, and the extension only on its own routes", async () => {
    const routes = ["/v1/outcomes", "/v1/outcomes/batch", "/v1/org", "/v1/sync/x/y/entries", "/v1/indicators/wres2", "/v1/report/wres2", "/v1/export/wres2.csv", "/v1/admin/orgs", "/v1/vacancies/panel", "/v1/org/publication"];
    const origins = ["https://evil.example", "null", "chrome-extension://", "https://api.test.evil.example", "file://", "http://localhost", "moz-extension://abc"];
    for (const path of routes) {
      for (const origin of origins) {
        for (const method of ["POST", "GET"]) {
          const res = await call("OPTIONS", path, { headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization,content-type" } });
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get("Access-Control-Allow-Origin"), `${origin} ${method} ${path}`).toBeNull();
        }
      }
      const ext = await call("OPTIONS", path, { headers: { Origin: "chrome-extension://abcdefghijklmnopabcdefghijklmnop", "Access-Control-Request-Method": "POST" } });
      const extensionRoute = ["/v1/outcomes", "/v1/outcomes/batch", "/v1/org", "/v1/sync/x/y/entries", "/v1/vacancies/panel"].includes(path);
      expect(ext.headers.get("Access-Control-Allow-Origin") !== null, path).toBe(extensionRoute);
    }
  }, 60_000);
});

describe("values in paths are not repeated", () => {
  it("a 404 under /v1/vacancies/ or /v1/sync/ names the route's shape, not the key, reference or token in the path", async () => {
    const org = await createOrg("Path Echo Trust");
    const vk = await key("path-echo");
    for (const [method, path, secret] of [
      ["GET", `/v1/vacancies/${vk}/extra`, vk],
      ["GET", "/v1/vacancies/C9-2031-0042/x", "C9-2031"],
      ["POST", `/v1/sync/${vk}/${vk}/bogus`, vk],
      ["GET", "/v1/sync/Jane-Doe-ref/x/y/z", "Jane-Doe"],
      ["GET", `/v1/${org.read}`, org.read.slice(8)],
      ["GET", `/v1/outcomes/x/${org.submit}`, org.submit.slice(10)],
    ] as const) {
      // Before the fix: "No route for GET /v1/vacancies/<key>/extra", the value repeated.
      const res = await call(method, path, { token: path.startsWith("/v1/sync/") ? org.submit : org.read });
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toContain(secret);
      expect(ApiErrorSchema.safeParse(res.json).success).toBe(true);
    }
    expect((await call("GET", "/v1/vacancies/panel/x", { token: org.read })).json.error.message).toBe("No route for GET /v1/vacancies/:vacancyKey");
  });
});

describe("the failed-login limiter under an address flood", () => {
  it("a client cycling through more addresses than it tracks inside one minute keeps memory bounded, and the newest addresses stay limited", () => {
    const now = 1_900_000_000_000;
    const flood = MAX_KEYS + 2000;
    for (let i = 0; i < flood; i++) hit(`flood:${i}`, 30, now + Math.floor(i / 1000));
    // Before the fix the map grew past its bound (every new address scanning every live window first).
    expect(trackedKeys()).toBeLessThanOrEqual(MAX_KEYS);
    const last = `flood:${flood - 1}`;
    for (let i = 1; i < 30; i++) hit(last, 30, now + 60);
    expect(() => refuseWhenFull(last, 30, now + 61)).toThrow(/Too many failed sign-ins/);
    // A minute on, expired windows make room again without evicting live ones.
    hit("after-the-flood", 30, now + 120_000);
    expect(trackedKeys()).toBeLessThan(MAX_KEYS);
  }, 60_000);
});

describe("guaranteed-interview counts that the vacancy's own counts contradict", () => {
  it("more invited than the outcome says were shortlisted: refused when the outcome is held, left out of every figure when it arrives later", async () => {
    const org = await createOrg("Forged Invitations Trust");
    const gi = (vacancyKey: string, eligible: number, interviewed: number, recordedAt = "2024-06-02T00:00:00Z") =>
      call("POST", "/v1/vacancies/guaranteed-interview", { token: org.submit, body: { vacancyKey, recordedAt, counts: { eligible, interviewed } } });
    // Held first: 8 shortlisted in all (4 white, 3 BME, 1 not stated).
    const held = await key("gi-forged-held");
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(held, { closingDate: "2023-06-01" }) })).status).toBe(201);
    const refused = await gi(held, 60, 50);
    // Before the fix: 201, and the trust's guaranteed-interview figure read 50 invited.
    expect(refused.status).toBe(400);
    expect(refused.json.error.issues).toEqual([{ path: "counts.interviewed", message: "cannot exceed the 8 applicants this vacancy's outcome records as shortlisted" }]);
    expect((await call("GET", `/v1/vacancies/${held}`, { token: org.read })).json.guaranteedInterview).toBeNull();
    expect((await gi(held, 8, 8)).status).toBe(201);
    // Sent before the counts (another browser): kept, but left out of the figures once the counts say otherwise.
    const early = await key("gi-forged-early");
    expect((await gi(early, 400, 300)).status).toBe(201);
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(early, { closingDate: "2023-07-01" }) })).status).toBe(201);
    const figure = (await call("GET", "/v1/indicators/wdes2?year=2023/24", { token: org.read })).json.guaranteedInterview;
    expect(figure).toMatchObject({ vacancies: 1, eligible: 8, interviewed: 8 });
    const csv = (await call("GET", "/v1/export/wdes2.csv?year=2023/24", { token: org.read })).text;
    expect(csv).not.toContain(",300,");
    const report = await withReportToken(org);
    const published = (await call("GET", "/v1/report/wdes2", { token: report })).json.tables.guaranteedInterview;
    expect(published.map((r: any) => r.figure?.interviewed ?? null)).toEqual([8]);
  });
});

describe("rotated and revoked tokens, on every kind of route", () => {
  it("a rotated submit token stops at once on the outcome, fact and sync routes; a revoked report token on every report route", async () => {
    const org = await createOrg("Rotation Trust");
    const vk = await key("rotation");
    const report = await withReportToken(org);
    const oldSubmit = org.submit;
    const rotated = await call("POST", `/v1/admin/orgs/${org.id}/tokens/submit/rotate`, { token: adminToken() });
    expect(rotated.status).toBe(201);
    const assessor = { assessorId: `as_${"9".repeat(32)}`, proof: "8".repeat(64) };
    for (const [method, path, body] of [
      ["POST", "/v1/outcomes", outcome(vk)],
      ["GET", `/v1/outcomes/${vk}`, undefined],
      ["POST", "/v1/vacancies/scoring", { vacancyKey: vk, stage: "interview", completed: true }],
      ["GET", `/v1/sync/${vk}/guide`, undefined],
      ["POST", `/v1/sync/${vk}/${vk}/read`, assessor],
      ["GET", "/v1/org", undefined],
    ] as const) {
      const res = await call(method, path, { token: oldSubmit, ...(body === undefined ? {} : { body }) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await call("POST", "/v1/outcomes", { token: rotated.json.token, body: outcome(vk) })).status).toBe(201);
    expect((await call("DELETE", `/v1/admin/orgs/${org.id}/tokens/report`, { token: adminToken() })).json.revoked).toBe(1);
    for (const path of ["/v1/report/wres2", "/v1/report/wres2.csv", "/v1/report/wdes2", "/v1/report/wdes2.csv", "/v1/org"]) {
      expect((await call("GET", path, { token: report })).status, path).toBe(401);
    }
  });
});
