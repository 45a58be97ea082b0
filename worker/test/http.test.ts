import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/index";
import { ApiErrorSchema } from "@fair-shortlist/shared/schemas/api";
import { OPERATIONS } from "../src/openapi";
import { call, createOrg } from "./helpers";

describe("rate limiting (429)", () => {
  it("limits each token per minute and says when to retry, without touching other tokens", async () => {
    const a = await createOrg("Busy Trust");
    const b = await createOrg("Quiet Trust");
    const limited = { ...env, RATE_LIMIT_PER_MINUTE: "5" };
    const get = (token: string) =>
      app.request("https://api.test/v1/org", { headers: { Authorization: `Bearer ${token}` } }, limited);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await get(a.read)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const res = await get(a.read);
    expect(res.status).toBe(429);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe("rate_limited");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await get(b.read)).status).toBe(200);
    expect((await get(b.read)).headers.get("RateLimit-Remaining")).toBe("3");
  });

  it("slows token guessing: repeated failed logins from one address get 429", async () => {
    const statuses = [];
    for (let i = 0; i < 35; i++) {
      const res = await call("GET", "/v1/org", { token: `fs_read_${"B".repeat(43)}`, headers: { "CF-Connecting-IP": "192.0.2.77" } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });
});

describe("CORS", () => {
  it("allows extension origins from ALLOWED_ORIGINS and nobody else", async () => {
    const ext = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
    const pre = await call("OPTIONS", "/v1/outcomes", {
      headers: { Origin: ext, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe(ext);
    expect(pre.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("authorization");

    const evil = await call("OPTIONS", "/v1/outcomes", { headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } });
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const evilGet = await call("GET", "/healthz", { headers: { Origin: "https://evil.example" } });
    expect(evilGet.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const moz = await call("GET", "/v1/noop", { headers: { Origin: "moz-extension://abc" } });
    expect(moz.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("/openapi.json and /docs", () => {
  it("describes every route with schemas generated from zod", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe("3.1.0");
    for (const [path, method] of [
      ["/v1/admin/orgs", "post"],
      ["/v1/outcomes", "post"],
      ["/v1/outcomes/batch", "post"],
      ["/v1/outcomes/{vacancyKey}", "delete"],
      ["/v1/indicators/wres2", "get"],
      ["/v1/indicators/wres2/benchmark", "get"],
      ["/v1/panels/compliance", "get"],
      ["/v1/export/wres2.csv", "get"],
      ["/v1/admin/orgs/{id}/tokens/{scope}/rotate", "post"],
      ["/v1/vacancies/panel", "post"],
      ["/v1/vacancies/scoring", "post"],
      ["/v1/vacancies/{vacancyKey}", "get"],
      ["/v1/sync/{vacancyKey}/{itemKey}/entries", "post"],
      ["/v1/sync/{vacancyKey}/{itemKey}/read", "post"],
      ["/v1/sync/{vacancyKey}", "delete"],
      ["/v1/sync/{vacancyKey}/guide", "post"],
      ["/v1/sync/{vacancyKey}/guide", "get"],
      ["/v1/indicators/wres2/by-intervention", "get"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const body = doc.paths["/v1/outcomes"].post.requestBody.content["application/json"].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(["vacancyKey", "closingDate", "band", "staffGroup", "counts"]));
    expect(body.properties.band.enum).toContain("8a");
    expect(body.properties.vacancyKey.pattern).toBe("^[0-9a-f]{64}$");
    // Each figure's machine-readable suppression reason is in the contract, with its codes.
    const overall = JSON.stringify(doc.paths["/v1/indicators/wres2"].get.responses["200"].content["application/json"].schema);
    for (const code of ["smallCell", "complementary", "notStatedSmallCell", "notStatedComplementary"]) expect(overall).toContain(`"${code}"`);
    expect(overall).toContain("suppressionCode");
    const query = doc.paths["/v1/indicators/wres2"].get.parameters.map((p: { name: string }) => p.name);
    expect(query).toEqual(expect.arrayContaining(["year", "from", "to", "band", "staffGroup", "level", "by"]));
    const ok = doc.paths["/v1/indicators/wres2"].get.responses["200"].content["application/json"].schema;
    expect(ok.properties.overall.properties.relativeLikelihood).toBeDefined();
    expect(doc.paths["/v1/outcomes"].post.responses["415"]).toBeDefined();
    // The sync body has no room for plaintext: a strict object of ids, a nonce and ciphertext.
    const entry = doc.paths["/v1/sync/{vacancyKey}/{itemKey}/entries"].post.requestBody.content["application/json"].schema;
    expect(entry.additionalProperties).toBe(false);
    expect(Object.keys(entry.properties).sort()).toEqual(["assessorId", "ciphertext", "closingDate", "iv", "proof", "revision"]);
    const guide = doc.paths["/v1/sync/{vacancyKey}/guide"].post.requestBody.content["application/json"].schema;
    expect(guide.additionalProperties).toBe(false);
    expect(Object.keys(guide.properties).sort()).toEqual(["assessorId", "ciphertext", "closingDate", "iv", "proof", "revision"]);
    expect(guide.properties.ciphertext.maxLength).toBe(48_000);
  });

  it("shows only example bodies the API accepts", async () => {
    const withExamples = OPERATIONS.filter((op) => op.example !== undefined);
    expect(withExamples.length).toBeGreaterThanOrEqual(3);
    for (const op of withExamples) expect(op.body!.safeParse(op.example).success, op.path).toBe(true);
    const org = await createOrg("Example Trust");
    const example = OPERATIONS.find((op) => op.path === "/v1/outcomes" && op.method === "post")!.example;
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: example })).status).toBe(201);
  });

  it("serves static human-readable docs without any external resource", async () => {
    const res = await call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.text).toContain("/v1/indicators/wres2/benchmark");
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!api\.test)/);
  });
});

describe("response headers", () => {
  it("marks API responses, errors included, as not cacheable", async () => {
    const org = await createOrg("Headers Trust");
    for (const res of [await call("GET", "/v1/org", { token: org.read }), await call("GET", "/v1/org"), await call("GET", "/v1/nope")]) {
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
  });
});

describe("no-op and health", () => {
  it("/v1/noop answers without the database; /healthz checks it", async () => {
    expect((await call("GET", "/v1/noop")).json).toEqual({ ok: true });
    expect((await call("GET", "/healthz")).json).toEqual({ status: "ok", database: "ok" });
  });
});
