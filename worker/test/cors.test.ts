import { describe, expect, it } from "vitest";
import { crossOriginRoute, originAllowed } from "../src/middleware/cors";
import { call, createOrg } from "./helpers";

// What a browser on another origin notices: whether it gets Access-Control-Allow-Origin (and the
// methods, headers and cache time of a preflight). wrangler.toml allows "chrome-extension://*".
const EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

function preflight(path: string, origin: string, method = "POST") {
  return call("OPTIONS", path, { headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization,content-type" } });
}

describe("CORS: which origins a browser is granted", () => {
  it("a Chrome extension preflighting the outcome routes gets its own origin, the methods and headers the extension uses, cached 10 minutes", async () => {
    const pre = await preflight("/v1/outcomes", EXT);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe(EXT);
    expect(pre.headers.get("Access-Control-Allow-Methods")).toBe("GET,POST,DELETE,OPTIONS");
    expect(pre.headers.get("Access-Control-Allow-Headers")).toBe("Authorization,Content-Type");
    expect(pre.headers.get("Access-Control-Max-Age")).toBe("600");
    for (const path of ["/v1/outcomes/batch", "/v1/outcomes/" + "a".repeat(64), "/v1/org"]) {
      expect((await preflight(path, EXT, "DELETE")).headers.get("Access-Control-Allow-Origin"), path).toBe(EXT);
    }
  });

  it("the extension's real GET /v1/org answer carries the grant and exposes the rate-limit headers to it", async () => {
    const org = await createOrg("CORS Trust");
    const res = await call("GET", "/v1/org", { token: org.submit, headers: { Origin: EXT } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(EXT);
    expect(res.headers.get("Access-Control-Expose-Headers")).toBe("RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset,Retry-After,Content-Disposition");
    // No Origin (curl, the dashboard): no grant is needed and none is given.
    const plain = await call("GET", "/v1/org", { token: org.submit });
    expect(plain.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("origins that only look like an extension get nothing on the extension's own routes", async () => {
    for (const origin of [
      "moz-extension://abcdefghijklmnop", // another scheme with the same shape
      "chrome-extension://", // no id
      "chrome-extension://abc.evil.example", // a host, not an id
      "chrome-extension://abc/evil", // a path
      "chrome-extension://x://abc", // the pattern's tail matched further in
      "xchrome-extension://abcdef",
      "chrome-extensions://abcdef", // the scheme as a prefix of another
      "c://abcdef", // the scheme's first letter only
      "https://chrome-extension.evil.example",
      "null",
    ]) {
      expect((await preflight("/v1/outcomes", origin)).headers.get("Access-Control-Allow-Origin"), origin).toBeNull();
    }
  });

  it("an allowed extension gets nothing on routes the extension does not call (dashboard reads, admin, look-alike paths)", async () => {
    for (const path of ["/v1/indicators/wres2", "/v1/admin/orgs", "/v1/organisation", "/v1/org/tokens", "/v1/outcomesx", "/x/v1/outcomes", "/healthz"]) {
      expect((await preflight(path, EXT, "GET")).headers.get("Access-Control-Allow-Origin"), path).toBeNull();
    }
  });
});

describe("originAllowed: the ALLOWED_ORIGINS list", () => {
  it("matches exact origins and scheme wildcards, with spaces and empty entries in the list ignored", () => {
    const list = " https://a.example.nhs.uk , ,chrome-extension://* ,";
    expect(originAllowed("https://a.example.nhs.uk", list)).toBe(true);
    expect(originAllowed("chrome-extension://ABCdef123", list)).toBe(true);
    expect(originAllowed("https://a.example.nhs.uk.evil.example", list)).toBe(false);
    expect(originAllowed("https://b.example.nhs.uk", list)).toBe(false);
    expect(originAllowed("", list)).toBe(false);
    expect(originAllowed("", ",, ,")).toBe(false);
  });

  it("an exact entry is not a prefix or a wildcard", () => {
    expect(originAllowed("https://a.example/*", "https://a.example")).toBe(false);
    expect(originAllowed("chrome-extension://abc", "chrome-extension://abc")).toBe(true);
    expect(originAllowed("chrome-extension://abcd", "chrome-extension://abc")).toBe(false);
    // A wildcard entry is "scheme://" + one id, nothing else.
    expect(originAllowed("chrome-extension://*", "chrome-extension://*")).toBe(false);
    expect(originAllowed("moz-extension://abc", "chrome-extension://*")).toBe(false);
    expect(originAllowed("chrome-extensions://abc", "chrome-extension://*")).toBe(false);
    expect(originAllowed("c://abc", "chrome-extension://*")).toBe(false);
    expect(originAllowed("moz-extension://abc", "chrome-extension://*,moz-extension://*")).toBe(true);
  });

  it("no list (the variable unset) allows nobody", () => {
    expect(originAllowed(EXT, undefined)).toBe(false);
    expect(originAllowed(EXT, "")).toBe(false);
  });
});

describe("crossOriginRoute", () => {
  it("is the extension's routes only: /v1/org, /v1/outcomes and below it", () => {
    expect(["/v1/org", "/v1/outcomes", "/v1/outcomes/", "/v1/outcomes/batch"].map(crossOriginRoute)).toEqual([true, true, true, true]);
    expect(["/v1/org/", "/v1/orgs", "/v1/outcomesx", "/x/v1/outcomes", "/v1/outcome", "/v1/admin/orgs", "/"].map(crossOriginRoute)).toEqual(
      [false, false, false, false, false, false, false],
    );
  });
});
