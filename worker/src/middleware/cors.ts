import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app";

/**
 * Browser access from other origins: only those listed in ALLOWED_ORIGINS (wrangler.toml),
 * where "chrome-extension://*" matches any extension id. The dashboard is same-origin and needs
 * nothing. A disallowed origin gets no Access-Control-Allow-Origin, so the browser blocks it.
 */
export function originAllowed(origin: string, allowedList: string | undefined): boolean {
  const allowed = (allowedList ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return allowed.some((pattern) => {
    if (pattern.endsWith("://*")) {
      const scheme = pattern.slice(0, -1);
      return origin.startsWith(scheme) && /^[a-z0-9-]+:\/\/[a-z0-9]+$/i.test(origin) && origin.length > scheme.length;
    }
    return origin === pattern;
  });
}

/**
 * Routes a browser on another origin may call: what the extension does (send outcomes and the
 * per-vacancy facts, exchange encrypted panel-sync entries, and GET /v1/org from its options page
 * to check the submit token). The dashboard's read routes are same-origin and need no CORS; the
 * admin API answers no browser at all (requireAdmin).
 */
const EXTENSION_PATHS = new Set(["/v1/org", "/v1/outcomes", "/v1/vacancies/panel", "/v1/vacancies/scoring", "/v1/vacancies/guaranteed-interview"]);
const EXTENSION_PREFIXES = ["/v1/outcomes/", "/v1/sync/"];

export function crossOriginRoute(pathname: string): boolean {
  return EXTENSION_PATHS.has(pathname) || EXTENSION_PREFIXES.some((p) => pathname.startsWith(p));
}

export const apiCors: MiddlewareHandler<AppEnv> = async (c, next) =>
  cors({
    origin: (origin) =>
      origin && crossOriginRoute(c.req.path) && originAllowed(origin, c.env.ALLOWED_ORIGINS) ? origin : null,
    allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type"],
    exposeHeaders: ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "Content-Disposition"],
    maxAge: 600,
  })(c, next);
