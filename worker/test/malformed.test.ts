import { env } from "cloudflare:test";
import fc from "fast-check";
import { ApiErrorSchema, OutcomeSubmissionSchema } from "@fair-shortlist/shared/schemas/api";
import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome, snapshot, type CallOptions } from "./helpers";

/**
 * A generated battery of malformed requests: every one must get a 4xx with the one JSON error
 * shape, and none may change stored data. Deterministic (fixed fast-check seed) so a failure
 * reproduces.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(-1, 1.5, 1e9, -0.0001, Number.MAX_SAFE_INTEGER, 2001),
  fc.constant([] as Json[]),
  fc.constant({} as Json),
  fc.constantFrom("<script>alert(1)</script>", "Jane Doe, 12 High St", "'; DROP TABLE outcomes; --"),
);

/** Every path to a leaf or object in a valid outcome with a panel. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))].filter((p) => p.length > 0);
}

function setAt(obj: any, path: string[], value: unknown, op: "set" | "delete" | "extra") {
  const copy = structuredClone(obj);
  let target = copy;
  for (const part of path.slice(0, -1)) target = target[part];
  const last = path[path.length - 1]!;
  if (op === "delete") delete target[last];
  else if (op === "extra") {
    const holder = typeof target[last] === "object" && target[last] !== null && !Array.isArray(target[last]) ? target[last] : target;
    holder["freeText"] = value;
  } else target[last] = value;
  return copy;
}

describe("a generated battery of malformed requests", () => {
  it("gives ≥200 malformed requests a 4xx JSON error and changes nothing", async () => {
    const org = await createOrg("Battery Trust");
    const k = await key("battery-base");
    const base = outcome(k, { band: "8a", panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] } });
    // Something stored beforehand, so "unchanged" is a real claim.
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: base })).status).toBe(201);
    const allPaths = paths(base);

    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), path: fc.constantFrom(...allPaths), value: wrongValue }),
      fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...allPaths.filter((p) => !["panel", "scoring"].includes(p[0]!) || p.length > 1)), value: fc.constant(null) }),
      fc.record({ kind: fc.constant("extra" as const), path: fc.constantFrom(...allPaths), value: fc.string({ minLength: 1, maxLength: 20 }) }),
    );
    const bodyMutations = fc.sample(mutation, { numRuns: 160, seed: 20261127 });

    const requests: { label: string; method: string; path: string; opts: CallOptions }[] = [];
    for (const m of bodyMutations) {
      const body = setAt(base, m.path, m.value, m.kind);
      // Some "wrong" values happen to be valid (e.g. a boolean flipped): skip those, they are not malformed.
      if (OutcomeSubmissionSchema.safeParse(body).success) continue;
      const label = `${m.kind} ${m.path.join(".")} = ${JSON.stringify(m.value)}`;
      requests.push({ label, method: "POST", path: "/v1/outcomes", opts: { token: org.submit, body } });
    }
    // Batches with one bad record among good ones.
    for (const m of bodyMutations.filter((x) => !OutcomeSubmissionSchema.safeParse(setAt(base, x.path, x.value, x.kind)).success).slice(0, 30)) {
      const bad = setAt(base, m.path, m.value, m.kind);
      const good = await Promise.all([1, 2, 3].map(async (i) => outcome(await key(`battery-good-${i}`))));
      requests.push({ label: `batch with ${m.kind} ${m.path.join(".")}`, method: "POST", path: "/v1/outcomes/batch", opts: { token: org.submit, body: { outcomes: [...good, bad] } } });
    }
    // Whole-body shapes, JSON syntax, media types.
    for (const body of [null, 0, "outcome", [], [base], true, { outcomes: base }, { outcomes: "x" }]) {
      requests.push({ label: `body ${JSON.stringify(body).slice(0, 30)}`, method: "POST", path: "/v1/outcomes", opts: { token: org.submit, body } });
      requests.push({ label: `batch body ${JSON.stringify(body).slice(0, 30)}`, method: "POST", path: "/v1/outcomes/batch", opts: { token: org.submit, body } });
    }
    for (const raw of ["{", "{'a':1}", "[1,2", "\u0000", "undefined", '{"vacancyKey":"a",}', "NaN"]) {
      requests.push({ label: `raw ${raw}`, method: "POST", path: "/v1/outcomes", opts: { token: org.submit, raw, contentType: "application/json" } });
    }
    for (const contentType of ["text/plain", "text/csv", "application/xml", "application/x-www-form-urlencoded", null]) {
      requests.push({ label: `content-type ${contentType}`, method: "POST", path: "/v1/outcomes", opts: { token: org.submit, raw: JSON.stringify(base), contentType } });
    }
    // Queries.
    for (const q of [
      "year=2024", "year=2024/26", "year=24/25", "year=2024/25&from=2024-04-01", "from=2025-01-01&to=2024-01-01", "from=2024-13-01",
      "level=97", "level=abc", "level=0.95", "by=ethnicity", "band=8e", "staffGroup=medical", "org=org_1", "year=2024/25&year=2023/24", "debug=1",
    ]) {
      requests.push({ label: `query ${q}`, method: "GET", path: `/v1/indicators/wres2?${q}`, opts: { token: org.read } });
      requests.push({ label: `csv query ${q}`, method: "GET", path: `/v1/export/wres2.csv?${q}`, opts: { token: org.read } });
    }
    for (const q of ["year=2024-25", "level=50", "by=band", "x=1"]) {
      requests.push({ label: `benchmark ${q}`, method: "GET", path: `/v1/indicators/wres2/benchmark?${q}`, opts: { token: org.read } });
      requests.push({ label: `compliance ${q}`, method: "GET", path: `/v1/panels/compliance?${q}`, opts: { token: org.read } });
    }
    // Paths, auth and scope.
    for (const p of ["/v1/outcomes/ABC", `/v1/outcomes/${k.toUpperCase()}`, `/v1/outcomes/${k}x`, "/v1/outcomes/%00"]) {
      requests.push({ label: `delete ${p}`, method: "DELETE", path: p, opts: { token: org.submit } });
    }
    requests.push({ label: "no token", method: "POST", path: "/v1/outcomes", opts: { body: base } });
    requests.push({ label: "read token submits", method: "POST", path: "/v1/outcomes", opts: { token: org.read, body: base } });
    requests.push({ label: "read token deletes", method: "DELETE", path: `/v1/outcomes/${k}`, opts: { token: org.read } });
    requests.push({ label: "admin token submits", method: "POST", path: "/v1/outcomes", opts: { token: env.ADMIN_TOKEN, body: base } });
    requests.push({ label: "bad admin body", method: "POST", path: "/v1/admin/orgs", opts: { token: env.ADMIN_TOKEN, body: { name: "x", odsCode: "lower" } } });
    requests.push({ label: "admin extra field", method: "POST", path: "/v1/admin/orgs", opts: { token: env.ADMIN_TOKEN, body: { name: "Good Name", odsCode: "RZZ", secret: 1 } } });
    requests.push({ label: "unknown method", method: "PUT", path: "/v1/outcomes", opts: { token: org.submit, body: base } });
    requests.push({ label: "oversized", method: "POST", path: "/v1/outcomes", opts: { token: org.submit, raw: JSON.stringify({ ...base, pad: "y".repeat(40_000) }), contentType: "application/json" } });

    expect(requests.length).toBeGreaterThanOrEqual(200);
    const before = await snapshot();
    const failures: string[] = [];
    for (const r of requests) {
      const res = await call(r.method, r.path, r.opts);
      const shapeOk = ApiErrorSchema.safeParse(res.json).success;
      if (res.status < 400 || res.status >= 500 || !shapeOk || !res.headers.get("Content-Type")?.startsWith("application/json")) {
        failures.push(`${r.label} -> ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
