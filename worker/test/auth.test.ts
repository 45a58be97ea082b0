import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminToken, call, createOrg, key, outcome } from "./helpers";
import { digestsEqual, tokenHash } from "../src/auth/tokens";

describe("admin: organisations and tokens", () => {
  it("creates an organisation and shows scoped tokens once; only their hashes are stored", async () => {
    const res = await call("POST", "/v1/admin/orgs", { token: adminToken(), body: { name: "Leeds Teaching Hospitals NHS Trust", odsCode: "RR8" } });
    expect(res.status).toBe(201);
    expect(res.json.org).toMatchObject({ name: "Leeds Teaching Hospitals NHS Trust", odsCode: "RR8" });
    expect(res.json.org.id).toMatch(/^org_[0-9a-f]{20}$/);
    expect(res.json.tokens.submit).toMatch(/^fs_submit_[A-Za-z0-9_-]{43}$/);
    expect(res.json.tokens.read).toMatch(/^fs_read_[A-Za-z0-9_-]{43}$/);

    const rows = (await env.DB.prepare("SELECT * FROM tokens").all<Record<string, string>>()).results;
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(res.json.tokens.submit);
    expect(dump).not.toContain(res.json.tokens.read.slice(8));
    expect(rows.every((r: Record<string, string>) => /^[0-9a-f]{64}$/.test(r.hash!))).toBe(true);

    const again = await call("POST", "/v1/admin/orgs", { token: adminToken(), body: { name: "Someone else", odsCode: "RR8" } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("conflict");

    const list = await call("GET", "/v1/admin/orgs?odsCode=RR8", { token: adminToken() });
    expect(list.json.orgs).toHaveLength(1);
    expect(list.json.orgs[0].id).toBe(res.json.org.id);
  });

  it("refuses the admin API without the admin token (401) and to organisation tokens (403)", async () => {
    const org = await createOrg();
    const none = await call("POST", "/v1/admin/orgs", { body: { name: "X Trust", odsCode: "RX1" } });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe("unauthorized");
    const wrong = await call("GET", "/v1/admin/orgs", { token: "test-admin-token-0123456789abcdeX" });
    expect(wrong.status).toBe(401);
    const orgToken = await call("GET", "/v1/admin/orgs", { token: org.read });
    expect(orgToken.status).toBe(403);
    expect(orgToken.json.error.code).toBe("forbidden");
  });

  it("enforces scopes: read cannot submit, submit cannot read, admin cannot read organisation data", async () => {
    const org = await createOrg();
    const k = await key("scope-1");
    expect((await call("POST", "/v1/outcomes", { token: org.read, body: outcome(k) })).status).toBe(403);
    expect((await call("GET", "/v1/indicators/wres2", { token: org.submit })).status).toBe(403);
    expect((await call("GET", "/v1/indicators/wres2", { token: adminToken() })).status).toBe(403);
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(k) })).status).toBe(201);
    expect((await call("GET", "/v1/indicators/wres2", { token: org.read })).status).toBe(200);
    const me = await call("GET", "/v1/org", { token: org.read });
    expect(me.json).toMatchObject({ org: { id: org.id, odsCode: org.odsCode }, scope: "read", data: { vacancies: 1, financialYears: ["2024/25"] } });
  });

  it("401 for a missing, malformed, unknown or non-bearer token", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: "Bearer" },
      { Authorization: "Basic dXNlcjpwYXNz" },
      { Authorization: `Bearer fs_read_${"A".repeat(43)}` },
      { Authorization: "Bearer fs_read_short" },
    ]) {
      const res = await call("GET", "/v1/indicators/wres2", { headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
      expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
    }
  });

  it("rotates a token: the new one works, the old one stops at once", async () => {
    const org = await createOrg();
    const rotated = await call("POST", `/v1/admin/orgs/${org.id}/tokens/read/rotate`, { token: adminToken() });
    expect(rotated.status).toBe(201);
    expect(rotated.json).toMatchObject({ orgId: org.id, scope: "read", revoked: 1 });
    expect(rotated.json.token).toMatch(/^fs_read_/);
    expect((await call("GET", "/v1/indicators/wres2", { token: org.read })).status).toBe(401);
    expect((await call("GET", "/v1/indicators/wres2", { token: rotated.json.token })).status).toBe(200);
    // The submit token is untouched.
    expect((await call("GET", "/v1/org", { token: org.submit })).status).toBe(200);

    const tokens = await call("GET", `/v1/admin/orgs/${org.id}/tokens`, { token: adminToken() });
    expect(tokens.json.tokens).toHaveLength(3);
    expect(tokens.json.tokens.filter((t: { revokedAt: string | null }) => t.revokedAt !== null)).toHaveLength(1);
    expect(JSON.stringify(tokens.json)).not.toContain(rotated.json.token);
  });

  it("compares token digests in constant time: equal, one character apart, wrong length", async () => {
    const a = await tokenHash(`fs_read_${"C".repeat(43)}`);
    const b = await tokenHash(`fs_read_${"D".repeat(43)}`);
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, `${a.slice(0, 63)}${a[63] === "0" ? "1" : "0"}`)).toBe(false);
    expect(digestsEqual(a, b)).toBe(false);
    expect(digestsEqual(a, a.slice(0, 63))).toBe(false);
    expect(digestsEqual("", "")).toBe(false);
  });

  it("read routes that check the token in the same D1 batch as their query: revocation, scopes and error order hold", async () => {
    const org = await createOrg();
    await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key("batched-1")) });
    const routes = ["/v1/indicators/wres2?year=2024/25", "/v1/indicators/wres2?year=2024/25&by=band", "/v1/panels/compliance?year=2024/25", "/v1/export/wres2.csv?year=2024/25"];
    for (const path of routes) {
      expect((await call("GET", path, { token: org.read })).status).toBe(200);
      expect((await call("GET", path, { token: org.submit })).status).toBe(403);
      expect((await call("GET", path, { token: adminToken() })).status).toBe(403);
      expect((await call("GET", path, { token: `fs_read_${"B".repeat(43)}` })).status).toBe(401);
      // An invalid query with a bad token is a 401 (the token is checked first), with a good one a 400.
      expect((await call("GET", `${path}&level=12`, { token: `fs_read_${"B".repeat(43)}` })).status).toBe(401);
      expect((await call("GET", `${path}&level=12`, { token: org.submit })).status).toBe(403);
      expect((await call("GET", `${path}&level=12`, { token: org.read })).status).toBe(400);
    }
    // Nothing is cached: once revoked, the very next request is refused, and reads no data.
    await call("DELETE", `/v1/admin/orgs/${org.id}/tokens/read`, { token: adminToken() });
    for (const path of routes) expect((await call("GET", path, { token: org.read })).status).toBe(401);
  });

  it("revokes every live token of a scope", async () => {
    const org = await createOrg();
    const revoked = await call("DELETE", `/v1/admin/orgs/${org.id}/tokens/submit`, { token: adminToken() });
    expect(revoked.json).toEqual({ orgId: org.id, scope: "submit", revoked: 1 });
    expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key("revoked")) })).status).toBe(401);
    expect((await call("GET", "/v1/org", { token: org.read })).status).toBe(200);
    const missing = await call("DELETE", `/v1/admin/orgs/org_00000000000000000000/tokens/submit`, { token: adminToken() });
    expect(missing.status).toBe(404);
    const badScope = await call("DELETE", `/v1/admin/orgs/${org.id}/tokens/admin`, { token: adminToken() });
    expect(badScope.status).toBe(400);
  });
});

describe("cross-organisation isolation", () => {
  it("one organisation never sees, replaces or deletes another's data", async () => {
    const a = await createOrg("Trust A");
    const b = await createOrg("Trust B");
    const k = await key("shared-looking-key");
    const big = outcome(k, {
      counts: { white: { shortlisted: 40, appointed: 10 }, bme: { shortlisted: 40, appointed: 5 }, notStated: { shortlisted: 0, appointed: 0 } },
    });
    expect((await call("POST", "/v1/outcomes", { token: a.submit, body: big })).status).toBe(201);
    // The same key from B is B's own new record, not a replacement of A's.
    expect((await call("POST", "/v1/outcomes", { token: b.submit, body: outcome(k) })).status).toBe(201);

    const aView = await call("GET", "/v1/indicators/wres2", { token: a.read });
    expect(aView.json.overall.counts.white).toEqual({ shortlisted: 40, appointed: 10 });
    expect(aView.json.overall.vacancies).toBe(1);

    // B deletes "its" key: A's record stays.
    expect((await call("DELETE", `/v1/outcomes/${k}`, { token: b.submit })).status).toBe(200);
    expect((await call("DELETE", `/v1/outcomes/${k}`, { token: b.submit })).status).toBe(404);
    expect((await call("GET", `/v1/outcomes/${k}`, { token: a.submit })).status).toBe(200);
    const after = await call("GET", "/v1/indicators/wres2", { token: a.read });
    expect(after.json.overall.counts.white).toEqual({ shortlisted: 40, appointed: 10 });

    // Asking for another organisation by id is 403.
    const other = await call("GET", `/v1/orgs/${a.id}`, { token: b.read });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe("forbidden");
    expect((await call("GET", `/v1/orgs/${b.id}`, { token: b.read })).json.org.id).toBe(b.id);
  });
});
