import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/index";
import { constantTimeEqual, digestsEqual, hex, newId, newToken, TOKEN_PATTERN, tokenHash, tokenPrefix } from "../src/auth/tokens";
import { adminToken, call, createOrg } from "./helpers";

/** One client address for a whole test, so its failed-login count and rate limit are its own. */
const ipOf = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("the bearer header as a client may send it", () => {
  it("any case of 'Bearer', several spaces and trailing white space are accepted; anything else around the token is a 401", async () => {
    const org = await createOrg("Header Trust");
    for (const value of [`Bearer ${org.read}`, `bearer ${org.read}`, `BEARER   ${org.read}`, `Bearer ${org.read}  `]) {
      expect((await call("GET", "/v1/org", { headers: { Authorization: value } })).status, value).toBe(200);
    }
    for (const value of [`Bearer ${org.read} extra`, `XBearer ${org.read}`, `Bearer:${org.read}`, `Bearer\t${org.read}`, `Token ${org.read}`]) {
      const res = await call("GET", "/v1/org", { headers: { Authorization: value } });
      expect(res.status, value).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toBe('Bearer realm="fair-shortlist"');
    }
  });
});

describe("rate-limit headers a client reads", () => {
  it("every admitted request, on each kind of route, carries the limit and one fewer remaining each time", async () => {
    const org = await createOrg("Rate Trust");
    for (const [path, token] of [
      ["/v1/org", org.read],
      ["/v1/indicators/wres2", org.read],
      ["/v1/export/wres2.csv", org.read],
      ["/v1/admin/orgs", adminToken()],
    ] as const) {
      const first = await call("GET", path, { token });
      const second = await call("GET", path, { token });
      expect([first.status, second.status], path).toEqual([200, 200]);
      expect(first.headers.get("RateLimit-Limit"), path).toBe("600");
      const [r1, r2] = [first, second].map((r) => Number(r.headers.get("RateLimit-Remaining")));
      expect(r1, path).toBeLessThan(600);
      expect(r2, path).toBe(r1! - 1);
      const reset = Number(first.headers.get("RateLimit-Reset"));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
    }
  });

  it("a refused token gets no rate-limit headers of a token (it is counted against its address instead)", async () => {
    const res = await call("GET", "/v1/org", { token: `fs_read_${"Q".repeat(43)}` });
    expect(res.status).toBe(401);
    expect(res.headers.get("RateLimit-Limit")).toBeNull();
  });
});

describe("failed logins lock out the admin API too", () => {
  it("after 30 failures from one address the real admin token gets 429 from there, and works from another", async () => {
    const ip = ipOf();
    for (let i = 0; i < 30; i++) {
      expect((await call("GET", "/v1/admin/orgs", { token: `wrong-admin-token-${i}`, headers: { "CF-Connecting-IP": ip } })).status).toBe(401);
    }
    const locked = await call("GET", "/v1/admin/orgs", { token: adminToken(), headers: { "CF-Connecting-IP": ip } });
    expect(locked.status).toBe(429);
    expect((await call("GET", "/v1/admin/orgs", { token: adminToken() })).status).toBe(200);
  });

  it("a missing bearer token counts as a failure", async () => {
    const ip = ipOf();
    for (let i = 0; i < 30; i++) expect((await call("GET", "/v1/admin/orgs", { headers: { "CF-Connecting-IP": ip } })).status).toBe(401);
    expect((await call("GET", "/v1/admin/orgs", { headers: { "CF-Connecting-IP": ip } })).status).toBe(429);
    const ip2 = ipOf();
    for (let i = 0; i < 30; i++) expect((await call("GET", "/v1/org", { headers: { "CF-Connecting-IP": ip2 } })).status).toBe(401);
    expect((await call("GET", "/v1/org", { headers: { "CF-Connecting-IP": ip2 } })).status).toBe(429);
  });
});

describe("a weak admin secret opens nothing", () => {
  it("with ADMIN_TOKEN too short, sending that value to an organisation route is an unknown token (401), not the admin token (403)", async () => {
    for (const weak of ["short-secret", "x".repeat(31), "ab".repeat(20)]) {
      const weakEnv = { ...env, ADMIN_TOKEN: weak };
      const res = await app.request("/v1/org", { headers: { Authorization: `Bearer ${weak}`, "CF-Connecting-IP": ipOf() } }, weakEnv);
      expect(res.status, weak).toBe(401);
      const batched = await app.request("/v1/indicators/wres2", { headers: { Authorization: `Bearer ${weak}`, "CF-Connecting-IP": ipOf() } }, weakEnv);
      expect(batched.status, weak).toBe(401);
    }
    // With the configured (strong) secret the same mistake is named: 403.
    expect((await call("GET", "/v1/org", { token: adminToken() })).status).toBe(403);
    expect((await call("GET", "/v1/indicators/wres2", { token: adminToken() })).status).toBe(403);
  });

  it("an unset ADMIN_TOKEN disables the admin API (503) instead of matching anything", async () => {
    const { ADMIN_TOKEN: _unset, ...noAdmin } = env;
    const res = await app.request("/v1/admin/orgs", { headers: { Authorization: "Bearer undefined", "CF-Connecting-IP": ipOf() } }, noAdmin);
    expect(res.status).toBe(503);
  });
});

describe("token format (tokens.ts)", () => {
  it("new tokens are fs_<scope>_ and 43 base64url characters: no +, / or = padding, and they are accepted as tokens", () => {
    const seen = new Set<string>();
    let dashOrUnderscore = 0;
    for (let i = 0; i < 200; i++) {
      const t = newToken(i % 2 ? "read" : "submit");
      expect(t).toMatch(i % 2 ? /^fs_read_[A-Za-z0-9_-]{43}$/ : /^fs_submit_[A-Za-z0-9_-]{43}$/);
      expect(TOKEN_PATTERN.test(t)).toBe(true);
      if (/[-_]/.test(t.slice(i % 2 ? 8 : 10))) dashOrUnderscore++;
      seen.add(t);
    }
    expect(seen.size).toBe(200);
    // 200 × 43 random base64url characters without a "-" or "_" would be a broken encoder.
    expect(dashOrUnderscore).toBeGreaterThan(100);
  });

  it("TOKEN_PATTERN is the whole token: scope, exactly 43 characters, nothing before or after", () => {
    const body = "Ab0-_".repeat(8) + "xyz";
    expect(body).toHaveLength(43);
    for (const ok of [`fs_read_${body}`, `fs_submit_${body}`, `fs_report_${body}`]) expect(TOKEN_PATTERN.test(ok), ok).toBe(true);
    for (const bad of [`fs_admin_${body}`, `fs_read_${body}x`, `fs_read_${body.slice(1)}`, `xfs_read_${body}`, `fs_read_${body.slice(1)}+`, `fs_read_${body.slice(1)}.`, `fs_read_${body}\n`]) {
      expect(TOKEN_PATTERN.test(bad), bad).toBe(false);
    }
  });

  it("ids are the prefix and 20 lower-case hex characters, different every time", () => {
    const ids = Array.from({ length: 50 }, () => newId("org"));
    for (const id of ids) expect(id).toMatch(/^org_[0-9a-f]{20}$/);
    expect(new Set(ids).size).toBe(50);
  });

  it("what an admin sees of a token: its scope and 4 characters", () => {
    expect(tokenPrefix(`fs_submit_ABCD${"e".repeat(39)}`)).toBe("fs_submit_ABCD");
    expect(tokenPrefix(`fs_read_WXYZ${"e".repeat(39)}`)).toBe("fs_read_WXYZ");
    expect(tokenPrefix("fs_report_1234567")).toBe("fs_report_1234");
    expect(tokenPrefix("something-else")).toBe("somethi");
    // A scope further in is not a scope: such a string gets the 7 characters of "fs_" + 4.
    expect(tokenPrefix("abcfs_read_1234567")).toBe("abcfs_r");
  });

  it("tokens are stored as their SHA-256 in lower-case hex (FIPS 180-2 test vectors)", async () => {
    expect(await tokenHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await tokenHash("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(new Uint8Array([0, 1, 15, 16, 255]))).toBe("00010f10ff");
  });

  it("constant-time comparisons give the right answer, with and without the runtime's timingSafeEqual", async () => {
    const a = await tokenHash("one");
    const b = await tokenHash("two");
    const check = async () => {
      expect(await constantTimeEqual("same secret", "same secret")).toBe(true);
      expect(await constantTimeEqual("same secret", "same secreT")).toBe(false);
      expect(await constantTimeEqual("short", "a much longer secret")).toBe(false);
      expect(digestsEqual(a, a)).toBe(true);
      expect(digestsEqual(a, b)).toBe(false);
      expect(digestsEqual(a, `${a.slice(0, 63)}${a[63] === "0" ? "1" : "0"}`)).toBe(false);
      expect(digestsEqual(`${a[0] === "0" ? "1" : "0"}${a.slice(1)}`, a)).toBe(false);
      expect(digestsEqual(a, a.slice(0, 63))).toBe(false);
      expect(digestsEqual(a.slice(0, 63), a)).toBe(false);
      expect(digestsEqual(`${a}0`, `${a}0`)).toBe(false);
    };
    await check();
    // Runtimes without crypto.subtle.timingSafeEqual (Node, browsers) take the byte loop.
    const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: unknown };
    Object.defineProperty(subtle, "timingSafeEqual", { value: undefined, configurable: true, writable: true });
    try {
      expect(subtle.timingSafeEqual).toBeUndefined();
      await check();
    } finally {
      delete (subtle as { timingSafeEqual?: unknown }).timingSafeEqual;
    }
    expect(typeof subtle.timingSafeEqual).toBe("function");
  });
});
