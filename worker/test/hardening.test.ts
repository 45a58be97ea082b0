import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome, snapshot } from "./helpers";

/** Inputs that pass a naive schema but that an attacker (or a broken client) can send. */

const hexOf = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
/** UTF-8 text padded to 32 bytes with `pad`, as hex: a vacancy key that carries text. */
function textKey(text: string, pad = 0): string {
  const bytes = new Uint8Array(32).fill(pad);
  bytes.set(new TextEncoder().encode(text).slice(0, 32));
  return hexOf(bytes);
}

describe("closingDate: only plausible dates, and never a 500", () => {
  const nextYear = new Date().getUTCFullYear() + 1;

  it("400 naming the accepted range for dates the schema's pattern allows but no vacancy has", async () => {
    const org = await createOrg();
    const before = await snapshot();
    for (const closingDate of ["0050-06-01", "0100-04-01", "1000-01-01", "1999-12-31", `${nextYear + 1}-01-01`, "9999-12-31"]) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key(`date-${closingDate}`), { closingDate }) });
      expect(res.status, closingDate).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect(res.json.error.issues).toEqual([{ path: "closingDate", message: `must be between 2000-01-01 and ${nextYear}-12-31` }]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("one implausible date in a batch is a 400 naming that record, not a 500 for the whole batch", async () => {
    const org = await createOrg();
    const good = outcome(await key("batch-date-good"));
    const bad = outcome(await key("batch-date-bad"), { closingDate: "0050-06-01" });
    const res = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [good, bad] } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe("outcomes.1.closingDate");
  });

  it("accepts both ends of the range", async () => {
    const org = await createOrg();
    for (const closingDate of ["2000-01-01", `${nextYear}-12-31`]) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key(`edge-${closingDate}`), { closingDate }) });
      expect(res.status, closingDate).toBe(201);
    }
    const years = (await call("GET", "/v1/org", { token: org.read })).json.data.financialYears;
    expect(years).toEqual([`${nextYear}/${String((nextYear + 1) % 100).padStart(2, "0")}`, "1999/00"]);
  });
});

describe("failedRules is a set", () => {
  it("400 for a rule named twice; nothing is stored, so nothing can be left behind by a delete", async () => {
    const org = await createOrg();
    const before = await snapshot();
    const res = await call("POST", "/v1/outcomes", {
      token: org.submit,
      body: outcome(await key("dup-rule"), { band: "8a", panel: { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember", "trainedMember"] } }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: "panel.failedRules", message: "each rule may appear only once" }]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("vacancyKey: an HMAC, never text in hex", () => {
  it("400 for 64-hex keys whose bytes are text (ASCII, padded or not, or UTF-8 in any script)", async () => {
    const org = await createOrg();
    const before = await snapshot();
    const keys = [
      textKey("Jane Doe jane.doe@nhs.net"),
      textKey("Jane Doe jane.doe@nhs.net", 0x20),
      textKey("C9-2031-0042 Band 7 Staff Nurse."),
      textKey("Zoë Ångström, 12 High Street"),
      textKey("محمد أحمد"),
      textKey("王秀英 李娜 张伟"),
      // Text with a few stray bytes (at most 3 of 32) still reads as text.
      textKey("Jane Doe jane.doe@nhs.net") .slice(0, 58) + "ff80fe",
    ];
    for (const vacancyKey of keys) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(vacancyKey) });
      expect(res.status, vacancyKey).toBe(400);
      expect(res.json.error.issues[0]).toMatchObject({ path: "vacancyKey" });
      expect(res.json.error.issues[0].message).toMatch(/text/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("accepts real HMAC keys", async () => {
    const org = await createOrg();
    for (let i = 0; i < 50; i++) {
      expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key(`hmac-${i}`)) })).status).toBe(201);
    }
  });
});

describe("organisation names: a plain name, no free text", () => {
  it("400 for names carrying contact details, markup, URLs or line breaks; real trust names pass", async () => {
    const admin = (await import("./helpers")).adminToken();
    const bad = [
      "Example NHS Trust - contact jane.doe@nhs.net",
      "Example Trust <script>alert(1)</script>",
      "Example Trust https://evil.example",
      "Example NHS Trust\nCall 07700 900123",
      "Example  NHS   Trust;",
      "x".repeat(121),
    ];
    for (const name of bad) {
      const res = await call("POST", "/v1/admin/orgs", { token: admin, body: { name, odsCode: "ZZ9" } });
      expect(res.status, name).toBe(400);
      expect(res.json.error.issues[0].path).toBe("name");
    }
    for (const name of ["Guy's and St Thomas' NHS Foundation Trust", "2gether NHS Foundation Trust", "St. Helens and Knowsley Teaching Hospitals NHS Trust", "Barking, Havering & Redbridge University Hospitals (BHRUT)", "Ysbyty Gwynedd – Betsi Cadwaladr"]) {
      expect((await createOrg(name)).id, name).toMatch(/^org_/);
    }
  });
});

describe("failed-login lockout and the admin secret", () => {
  it("a client locked out for failed logins gets 429 even when it then sends a valid token", async () => {
    const org = await createOrg();
    const ip = { "CF-Connecting-IP": "198.51.100.23" };
    for (let i = 0; i < 30; i++) {
      expect((await call("GET", "/v1/org", { token: `fs_read_${"C".repeat(43)}`, headers: ip })).status).toBe(401);
    }
    for (const [method, path, token] of [
      ["GET", "/v1/org", org.read],
      ["GET", "/v1/indicators/wres2", org.read],
      ["POST", "/v1/outcomes", org.submit],
      ["GET", "/v1/admin/orgs", (await import("./helpers")).adminToken()],
    ] as const) {
      const res = await call(method, path, { token, headers: ip, ...(method === "POST" ? { body: outcome(await key("locked")) } : {}) });
      expect(res.status, path).toBe(429);
      expect(res.json.error.code).toBe("rate_limited");
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    // Another address is not affected.
    expect((await call("GET", "/v1/org", { token: org.read })).status).toBe(200);
  });

  it("a weak ADMIN_TOKEN disables the admin API and says why, instead of a silent 'Invalid admin token'", async () => {
    const { env } = await import("cloudflare:test");
    const { app } = await import("../src/index");
    for (const weak of ["0123456789abcdef", "short-admin-secret-but-not-32", "a".repeat(40), "abababababababababababababababab"]) {
      const res = await app.request("/v1/admin/orgs", { headers: { Authorization: `Bearer ${weak}` } }, { ...env, ADMIN_TOKEN: weak });
      expect(res.status, weak).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("admin_disabled");
      expect(body.error.message).toMatch(/ADMIN_TOKEN is too weak/);
      expect(body.error.message).not.toContain(weak);
    }
    const { adminSecretProblem } = await import("../src/auth/adminSecret");
    expect(adminSecretProblem(undefined)).toMatch(/not set/);
    expect(adminSecretProblem("x".repeat(31))).toMatch(/31 characters; at least 32/);
    expect(adminSecretProblem("aAbBcCdD".repeat(5))).toMatch(/only 8 different characters/);
    expect(adminSecretProblem("Jq3v-7bKxR2_tW9pZ0mLc8sYfH4nGd1e6Ua5")).toBeUndefined();
  });

  it("the admin API answers no browser: any Origin or Sec-Fetch-Site is refused, and no CORS grant is given", async () => {
    const admin = (await import("./helpers")).adminToken();
    const ext = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
    for (const headers of [{ Origin: ext }, { Origin: "https://api.test" }, { "Sec-Fetch-Site": "same-origin" }] as Record<string, string>[]) {
      const res = await call("GET", "/v1/admin/orgs", { token: admin, headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const pre = await call("OPTIONS", "/v1/admin/orgs", { headers: { Origin: ext, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" } });
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBeNull();
    // The dashboard's read routes are same-origin: no extension is granted them either.
    const read = await call("OPTIONS", "/v1/indicators/wres2", { headers: { Origin: ext, "Access-Control-Request-Method": "GET" } });
    expect(read.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const org = await call("OPTIONS", "/v1/org", { headers: { Origin: ext, "Access-Control-Request-Method": "GET" } });
    expect(org.headers.get("Access-Control-Allow-Origin")).toBe(ext);
    expect((await call("GET", "/v1/admin/orgs", { token: admin })).status).toBe(200);
  });

  it("the extension is granted every route its background calls, and no read route beside them", async () => {
    const ext = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
    const key = "ab".repeat(32);
    const granted = ["/v1/outcomes", "/v1/outcomes/batch", `/v1/outcomes/${key}`, "/v1/vacancies/panel", "/v1/vacancies/scoring", "/v1/vacancies/guaranteed-interview", `/v1/sync/${key}/${key}/entries`, `/v1/sync/${key}`];
    for (const path of granted) {
      const pre = await call("OPTIONS", path, { headers: { Origin: ext, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } });
      expect(pre.headers.get("Access-Control-Allow-Origin"), path).toBe(ext);
    }
    for (const path of [`/v1/vacancies/${key}`, "/v1/vacanciesX/panel", "/v1/syncX/a", "/v1/export/wres2.csv", "/v1/report/wres2"]) {
      const pre = await call("OPTIONS", path, { headers: { Origin: ext, "Access-Control-Request-Method": "GET" } });
      expect(pre.headers.get("Access-Control-Allow-Origin"), path).toBeNull();
    }
  });
});

describe("path values on the outcomes routes are neither echoed nor logged", () => {
  it("error bodies do not repeat what was in the path", async () => {
    const org = await createOrg();
    const k = await key("never-stored");
    for (const [method, path, secret] of [
      ["GET", "/v1/outcomes/C9-2031-0042", "C9-2031-0042"],
      ["DELETE", "/v1/outcomes/Jane%20Doe", "Jane"],
      ["GET", "/v1/outcomes/C9-2031-0042/extra", "C9-2031-0042"],
      ["GET", `/v1/outcomes/${k}`, k],
      ["DELETE", `/v1/outcomes/${k}`, k],
    ] as const) {
      const res = await call(method, path, { token: org.submit });
      expect([400, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain(secret);
    }
  });

  it("an unexpected error is logged with the route's pattern, not the path", async () => {
    const { env } = await import("cloudflare:test");
    const { vi } = await import("vitest");
    const org = await createOrg();
    const k = await key("log-me-not");
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k) })).status).toBe(201);
    await env.DB.exec("CREATE TRIGGER refuse_delete BEFORE DELETE ON outcomes BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await call("DELETE", `/v1/outcomes/${k}`, { token: org.submit });
      expect(res.status).toBe(500);
      expect(spy).toHaveBeenCalled();
      const logged = spy.mock.calls.map((args) => args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" ")).join("\n");
      expect(logged).not.toContain(k);
      expect(logged).toContain("/v1/outcomes/:vacancyKey");
    } finally {
      spy.mockRestore();
      await env.DB.exec("DROP TRIGGER refuse_delete");
    }
  });
});

describe("headers and JSON bodies", () => {
  it("/docs, /openapi.json and /healthz are never sniffed and never framed", async () => {
    for (const path of ["/docs", "/openapi.json", "/healthz", "/v1/noop", "/no-such-page"]) {
      const res = await call("GET", path);
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Content-Security-Policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
    }
    expect((await call("GET", "/docs")).headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
  });

  it("400 for a JSON body that gives one key twice in an object (JSON.parse would keep one silently)", async () => {
    const org = await createOrg();
    const before = await snapshot();
    const body = JSON.stringify(outcome(await key("dup-key"), { band: "5" }));
    const cases = [
      body.replace('"band":"5"', '"band":"5","band":"8a"'),
      body.replace('"band":"5"', '"band":"5","\\u0062and":"8a"'),
      body.replace('"white":{"shortlisted":4,', '"white":{"shortlisted":4,"shortlisted":40,'),
    ];
    for (const raw of cases) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, raw, contentType: "application/json" });
      expect(res.status, raw).toBe(400);
      expect(res.json.error.code).toBe("invalid_json");
      expect(res.json.error.message).toMatch(/twice/);
    }
    const batch = JSON.stringify({ outcomes: [JSON.parse(body)] }).replace('{"outcomes":', '{"outcomes":[],"outcomes":');
    expect((await call("POST", "/v1/outcomes/batch", { token: org.submit, raw: batch, contentType: "application/json" })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
    // The same key in different objects is fine.
    expect((await call("POST", "/v1/outcomes", { token: org.submit, raw: body, contentType: "application/json" })).status).toBe(201);
  });

  it("413 for an oversized chunked body, read to its end first; the next request is served", async () => {
    const org = await createOrg();
    const chunk = new TextEncoder().encode(" ".repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 20) return controller.close();
        controller.enqueue(chunk);
      },
    });
    const res = await call("POST", "/v1/outcomes", { token: org.submit, raw: stream, contentType: "application/json" });
    expect(res.status).toBe(413);
    expect(sent).toBeGreaterThan(20); // every chunk was pulled: the body was drained, not abandoned
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key("after-chunked")) })).status).toBe(201);
  });
});
