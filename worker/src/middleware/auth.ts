import type { Context, MiddlewareHandler } from "hono";
import type { TokenScope } from "@fair-shortlist/shared/schemas/api";
import { constantTimeEqual, digestsEqual, TOKEN_PATTERN, tokenHash } from "../auth/tokens";
import { activeTokenStatement, authenticatedFrom, findActiveToken, type AuthenticatedToken, type OrgOfToken } from "../db/tokens";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../app";
import { adminSecretProblem } from "../auth/adminSecret";
import { AUTH_FAILURES_PER_MINUTE, hit, limitFromEnv, refuseWhenFull } from "./rateLimit";

function bearer(c: Context): string | null {
  const header = c.req.header("Authorization");
  if (!header) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

function clientIp(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

const failKey = (c: Context) => `auth-fail:${clientIp(c)}`;

/** Before any token is looked at: a client over its failed-login limit gets 429, whatever it sends. */
function refuseLockedOut(c: Context) {
  refuseWhenFull(failKey(c), AUTH_FAILURES_PER_MINUTE);
}

function unauthorized(c: Context, message: string): never {
  // Count failed attempts per client so guessing tokens is slow; 429 once over the limit.
  hit(failKey(c), AUTH_FAILURES_PER_MINUTE);
  throw new ApiError(401, "unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="fair-shortlist"' });
}

function applyRateLimit(c: Context<AppEnv>, key: string) {
  const state = hit(key, limitFromEnv(c.env.RATE_LIMIT_PER_MINUTE));
  c.header("RateLimit-Limit", String(state.limit));
  c.header("RateLimit-Remaining", String(state.remaining));
  c.header("RateLimit-Reset", String(state.resetSeconds));
}

async function isAdminToken(c: Context<AppEnv>, token: string): Promise<boolean> {
  const admin = c.env.ADMIN_TOKEN;
  // A missing or weak secret disables the admin API rather than opening it.
  if (adminSecretProblem(admin)) return false;
  return constantTimeEqual(token, admin);
}

/** The row was found by its hash; compare again in constant time so equality never short-circuits. */
function verified(found: AuthenticatedToken | null, hash: string): AuthenticatedToken | null {
  return found && digestsEqual(found.hash, hash) ? found : null;
}

async function orgToken(token: string, db: D1Database): Promise<AuthenticatedToken | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = await tokenHash(token);
  return verified(await findActiveToken(db, hash), hash);
}

/** 401 / 403 / 429 for what the lookup found, or the token (set as c.var.auth). */
async function admit(c: Context<AppEnv>, token: string, scopes: readonly TokenScope[], found: AuthenticatedToken | null) {
  if (!found) {
    if (await isAdminToken(c, token)) {
      throw new ApiError(403, "forbidden", "The admin token cannot use organisation routes; use the organisation's read or submit token");
    }
    unauthorized(c, "Unknown or revoked token");
  }
  applyRateLimit(c, `token:${found.tokenId}`);
  if (!scopes.includes(found.scope)) {
    throw new ApiError(403, "forbidden", `This route needs a ${scopes.join(" or ")} token; this is a ${found.scope} token`);
  }
  c.set("auth", found);
  return found;
}

function bearerOr401(c: Context<AppEnv>): string {
  refuseLockedOut(c);
  const token = bearer(c);
  if (!token) unauthorized(c, "Missing bearer token: send Authorization: Bearer <token>");
  return token;
}

/** Organisation routes: a live token of one of `scopes`; sets c.var.auth. */
export function requireScope(...scopes: TokenScope[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerOr401(c);
    await admit(c, token, scopes, await orgToken(token, c.env.DB));
    await next();
  };
}

/**
 * Organisation read routes whose handler authenticates in the same D1 round trip as its first
 * query (`authorisedBatch`), or with `authenticate` before doing anything else. A missing bearer
 * token is still a 401 here; an invalid query is a 400 only once the token has been checked
 * (validate()'s hook calls `authenticate`), so the order of errors is as with requireScope.
 * Nothing is cached: every request looks its token up, so a revoked token stops at once.
 */
export function deferScope(...scopes: TokenScope[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("pendingAuth", { token: bearerOr401(c), scopes });
    await next();
  };
}

function pending(c: Context<AppEnv>) {
  const p = c.get("pendingAuth");
  if (!p) throw new Error("deferScope() must run before authenticate() / authorisedBatch()");
  return p;
}

/** For a deferScope route: checks the token on its own (one D1 round trip); idempotent. */
export async function authenticate(c: Context<AppEnv>): Promise<AuthenticatedToken> {
  const done = c.get("auth");
  if (done) return done;
  const { token, scopes } = pending(c);
  return admit(c, token, scopes, await orgToken(token, c.env.DB));
}

/**
 * For a deferScope route: the token lookup and the route's statements in one `DB.batch` (one
 * round trip, one transaction). `statements` gets the organisation as "the organisation of this
 * live token" (OrgOfToken), so an unknown, revoked or wrong-scope token reads no data; the
 * results are returned only after the token has been admitted (401 / 403 / 429 otherwise).
 */
export async function authorisedBatch(
  c: Context<AppEnv>,
  statements: (org: OrgOfToken) => D1PreparedStatement[],
): Promise<{ auth: AuthenticatedToken; results: D1Result[] }> {
  const { token, scopes } = pending(c);
  if (!TOKEN_PATTERN.test(token)) return { auth: await admit(c, token, scopes, null), results: [] };
  const hash = await tokenHash(token);
  const db = c.env.DB;
  const [tokenResult, ...results] = await db.batch([activeTokenStatement(db, hash), ...statements({ tokenHash: hash, scopes })]);
  const auth = await admit(c, token, scopes, verified(authenticatedFrom(tokenResult!), hash));
  return { auth, results };
}

/** Admin routes: the ADMIN_TOKEN secret. An organisation token here is a 403, anything else a 401. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Admin work is done with curl or a script, never from a web page: any browser origin is refused,
  // so no page (and no extension) can drive the admin API with a secret it got hold of.
  if (c.req.header("Origin") !== undefined || c.req.header("Sec-Fetch-Site") !== undefined) {
    throw new ApiError(403, "forbidden", "The admin API does not answer browsers: call it from a terminal or a script");
  }
  refuseLockedOut(c);
  const problem = adminSecretProblem(c.env.ADMIN_TOKEN);
  if (problem) throw new ApiError(503, "admin_disabled", `The admin API is disabled: ${problem}`);
  const token = bearer(c);
  if (!token) unauthorized(c, "Missing bearer token: send Authorization: Bearer <admin token>");
  if (!(await isAdminToken(c, token))) {
    if (await orgToken(token, c.env.DB)) throw new ApiError(403, "forbidden", "Organisation tokens cannot use the admin API");
    unauthorized(c, "Invalid admin token");
  }
  applyRateLimit(c, "admin");
  await next();
};
