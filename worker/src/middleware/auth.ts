import type { Context, MiddlewareHandler } from "hono";
import type { TokenScope } from "@fair-shortlist/shared/schemas/api";
import { constantTimeEqual, TOKEN_PATTERN, tokenHash } from "../auth/tokens";
import { findActiveToken, type AuthenticatedToken } from "../db/tokens";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../app";
import { AUTH_FAILURES_PER_MINUTE, hit, limitFromEnv } from "./rateLimit";

function bearer(c: Context): string | null {
  const header = c.req.header("Authorization");
  if (!header) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

function clientIp(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

function unauthorized(c: Context, message: string): never {
  // Count failed attempts per client so guessing tokens is slow; 429 once over the limit.
  hit(`auth-fail:${clientIp(c)}`, AUTH_FAILURES_PER_MINUTE);
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
  // A missing or trivially short secret disables the admin API rather than opening it.
  if (typeof admin !== "string" || admin.length < 16) return false;
  return constantTimeEqual(token, admin);
}

async function orgToken(token: string, db: D1Database): Promise<AuthenticatedToken | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = await tokenHash(token);
  const found = await findActiveToken(db, hash);
  // The row was found by its hash; compare again in constant time so equality never short-circuits.
  if (!found || !(await constantTimeEqual(found.hash, hash))) return null;
  return found;
}

/** Organisation routes: a live token of one of `scopes`; sets c.var.auth. */
export function requireScope(...scopes: TokenScope[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c);
    if (!token) unauthorized(c, "Missing bearer token: send Authorization: Bearer <token>");
    const found = await orgToken(token, c.env.DB);
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
    await next();
  };
}

/** Admin routes: the ADMIN_TOKEN secret. An organisation token here is a 403, anything else a 401. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearer(c);
  if (!token) unauthorized(c, "Missing bearer token: send Authorization: Bearer <admin token>");
  if (!(await isAdminToken(c, token))) {
    if (await orgToken(token, c.env.DB)) throw new ApiError(403, "forbidden", "Organisation tokens cannot use the admin API");
    unauthorized(c, "Invalid admin token");
  }
  applyRateLimit(c, "admin");
  await next();
};
