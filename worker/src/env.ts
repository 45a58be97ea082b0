/** Bindings from wrangler.toml and secrets (.dev.vars locally, `wrangler secret put` in production). */
export interface Env {
  DB: D1Database;
  /** Bearer token for /v1/admin routes. */
  ADMIN_TOKEN: string;
  /** Comma-separated origins allowed by CORS; `chrome-extension://*` matches any extension id. */
  ALLOWED_ORIGINS?: string;
  /** Requests per minute per token (default 600); see docs/api.md, "Rate limits". */
  RATE_LIMIT_PER_MINUTE?: string;
}
