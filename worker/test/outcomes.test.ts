import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome, snapshot } from "./helpers";

describe("POST /v1/outcomes: idempotent by vacancyKey", () => {
  it("201 on create, 200 on replace, and a replacement never double counts", async () => {
    const org = await createOrg();
    const k = await key("idem-1");
    const first = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k) });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ vacancyKey: k, status: "created", financialYear: "2024/25" });

    const corrected = outcome(k, {
      closingDate: "2025-04-02", // moves into 2025/26
      band: "8a",
      counts: { white: { shortlisted: 6, appointed: 1 }, bme: { shortlisted: 5, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } },
    });
    const second = await call("POST", "/v1/outcomes", { token: org.submit, body: corrected });
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ vacancyKey: k, status: "replaced", financialYear: "2025/26" });

    const all = await call("GET", "/v1/indicators/wres2", { token: org.read });
    expect(all.json.overall.vacancies).toBe(1);
    const old = await call("GET", "/v1/indicators/wres2?year=2024/25", { token: org.read });
    expect(old.json.overall.vacancies).toBe(0);
    expect(old.json.overall.counts.white).toEqual({ shortlisted: 0, appointed: 0 });
    const meta = await call("GET", `/v1/outcomes/${k}`, { token: org.read });
    expect(meta.json).toMatchObject({ vacancyKey: k, closingDate: "2025-04-02", financialYear: "2025/26", band: "8a", hasPanel: false });
    // The owner's analysts read back exactly what it stored, counts included.
    expect(meta.json.counts).toEqual(corrected.counts);
    expect(meta.json.scoring).toBeNull();
    // The submit token (every browser of the organisation) learns that it is held, not its counts.
    const { counts: _c, disabilityCounts: _d, panel: _p, scoring: _s, ...held } = meta.json;
    expect((await call("GET", `/v1/outcomes/${k}`, { token: org.submit })).json).toEqual(held);
  });

  it("concurrent duplicates of one key: exactly one 201, the rest 200, one record", async () => {
    const org = await createOrg();
    const k = await key("concurrent");
    const results = await Promise.all(
      Array.from({ length: 12 }, () => call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k) })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    const me = await call("GET", "/v1/org", { token: org.read });
    expect(me.json.data.vacancies).toBe(1);
  });

  it("DELETE removes a record and its counts; a second DELETE is 404", async () => {
    const org = await createOrg();
    const k = await key("del");
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k) });
    const del = await call("DELETE", `/v1/outcomes/${k}`, { token: org.submit });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ vacancyKey: k, deleted: true });
    expect((await call("DELETE", `/v1/outcomes/${k}`, { token: org.submit })).status).toBe(404);
    expect((await call("GET", `/v1/outcomes/${k}`, { token: org.submit })).status).toBe(404);
    expect((await call("GET", "/v1/org", { token: org.read })).json.data).toEqual({ vacancies: 0, financialYears: [] });
  });
});

describe("POST /v1/outcomes/batch: all or nothing", () => {
  it("stores a batch and reports created/replaced per record in input order", async () => {
    const org = await createOrg();
    const keys = await Promise.all(Array.from({ length: 5 }, (_, i) => key(`batch-${i}`)));
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(keys[2]!) });
    const res = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: keys.map((k) => outcome(k)) } });
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(4);
    expect(res.json.replaced).toBe(1);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(["created", "created", "replaced", "created", "created"]);
    expect(res.json.results.map((r: { vacancyKey: string }) => r.vacancyKey)).toEqual(keys);
    expect((await call("GET", "/v1/org", { token: org.read })).json.data.vacancies).toBe(5);
  });

  it("one invalid record: 400 naming it, and nothing of the batch is stored", async () => {
    const org = await createOrg();
    const keys = await Promise.all(Array.from({ length: 50 }, (_, i) => key(`atomic-${i}`)));
    const list = keys.map((k) => outcome(k));
    list[37] = outcome(keys[37]!, { counts: { ...list[37]!.counts, bme: { shortlisted: 2, appointed: 3 } } });
    const before = await snapshot();
    const res = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: list } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
    expect(res.json.error.issues).toContainEqual({ path: "outcomes.37.counts.bme.appointed", message: "appointed cannot exceed shortlisted" });
    expect(await snapshot()).toEqual(before);
  });

  it("a database failure mid-batch rolls the whole batch back", async () => {
    // Valid by the schema, but the database refuses it: the batch must leave nothing behind.
    const org = await createOrg();
    const { env } = await import("cloudflare:test");
    const keys = await Promise.all(Array.from({ length: 10 }, (_, i) => key(`rollback-${i}`)));
    await env.DB.exec("CREATE TRIGGER refuse_band_9 BEFORE INSERT ON outcomes WHEN NEW.band = '9' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    try {
      const list = keys.map((k, i) => outcome(k, { band: i === 7 ? "9" : "6" }));
      const before = await snapshot();
      const res = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: list } });
      expect(res.status).toBe(500);
      expect(res.json.error.code).toBe("internal");
      expect(await snapshot()).toEqual(before);
    } finally {
      await env.DB.exec("DROP TRIGGER refuse_band_9");
    }
  });

  it("rejects duplicate keys within a batch, an empty batch and more than 500 records", async () => {
    const org = await createOrg();
    const k = await key("dup-in-batch");
    const dup = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [outcome(k), outcome(k)] } });
    expect(dup.status).toBe(400);
    expect((await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [] } })).status).toBe(400);
    const many = await Promise.all(Array.from({ length: 501 }, (_, i) => key(`many-${i}`)));
    const tooMany = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: many.map((x) => outcome(x)) } });
    expect(tooMany.status).toBe(400);
    expect((await call("GET", "/v1/org", { token: org.read })).json.data.vacancies).toBe(0);
  });

  it("accepts a full batch of 500 in one request", async () => {
    const org = await createOrg();
    const keys = await Promise.all(Array.from({ length: 500 }, (_, i) => key(`full-${i}`)));
    const res = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: keys.map((x) => outcome(x)) } });
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(500);
  });
});

describe("error statuses", () => {
  it("400 for invalid bodies, with the one error shape and an issue per problem", async () => {
    const org = await createOrg();
    const k = await key("bad");
    const cases: [unknown, string][] = [
      [{ ...outcome(k), counts: { ...outcome(k).counts, white: { shortlisted: 2, appointed: 3 } } }, "counts.white.appointed"],
      [{ ...outcome(k), counts: { ...outcome(k).counts, white: { shortlisted: -1, appointed: 0 } } }, "counts.white.shortlisted"],
      [{ ...outcome(k), counts: { ...outcome(k).counts, bme: { shortlisted: 20000, appointed: 0 } } }, "counts.bme.shortlisted"],
      [{ ...outcome(k), band: "8e" }, "band"],
      [{ ...outcome(k), closingDate: "2025-02-30" }, "closingDate"],
      [{ ...outcome(k), vacancyKey: "REQ-12345" }, "vacancyKey"],
      [{ ...outcome(k), applicantName: "Jane Doe" }, ""],
      [{ ...outcome(k), counts: { ...outcome(k).counts, white: { shortlisted: 2, appointed: 1, name: "x" } } }, "counts.white"],
    ];
    for (const [body, path] of cases) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const unknown = await call("POST", "/v1/outcomes", { token: org.submit, body: { ...outcome(k), notes: "culture fit" } });
    expect(unknown.json.error.issues[0].message).toContain("notes");
  });

  it("400 invalid_json for a malformed JSON body", async () => {
    const org = await createOrg();
    const res = await call("POST", "/v1/outcomes", { token: org.submit, raw: '{"vacancyKey": ', contentType: "application/json" });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_json");
  });

  it("413 for an oversized body, before anything is parsed or stored", async () => {
    const org = await createOrg();
    const huge = JSON.stringify({ ...outcome(await key("big")), pad: "x".repeat(20_000) });
    const res = await call("POST", "/v1/outcomes", { token: org.submit, raw: huge, contentType: "application/json" });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
    const hugeBatch = JSON.stringify({ outcomes: [], pad: "x".repeat(600_000) });
    expect((await call("POST", "/v1/outcomes/batch", { token: org.submit, raw: hugeBatch, contentType: "application/json" })).status).toBe(413);
  });

  it("415 for a body that is not JSON", async () => {
    const org = await createOrg();
    const body = JSON.stringify(outcome(await key("ct")));
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, raw: body, contentType });
      expect(res.status, String(contentType)).toBe(415);
      expect(res.json.error.code).toBe("unsupported_media_type");
    }
    const ok = await call("POST", "/v1/outcomes", { token: org.submit, raw: body, contentType: "application/json; charset=utf-8" });
    expect(ok.status).toBe(201);
  });

  it("404 in the error shape for unknown routes and records", async () => {
    const org = await createOrg();
    const res = await call("GET", "/v1/nothing-here", { token: org.read });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    expect((await call("GET", `/v1/outcomes/${await key("never")}`, { token: org.submit })).status).toBe(404);
    expect((await call("GET", "/v1/outcomes/not-a-key", { token: org.submit })).status).toBe(400);
  });
});
