import { Hono } from "hono";
import type { AppEnv } from "./app";
import { dashboard } from "./dashboard";
import { notFound, onError } from "./http/errors";
import { apiCors } from "./middleware/cors";
import { limitBody, MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES, MAX_SYNC_BODY_BYTES, rejectNonJsonBodies } from "./middleware/requestShape";
import { warnOnceIfWeak } from "./auth/adminSecret";
import { admin } from "./routes/admin";
import { docs } from "./routes/docs";
import { exportCsv } from "./routes/export";
import { indicators } from "./routes/indicators";
import { org } from "./routes/org";
import { outcomes } from "./routes/outcomes";
import { panels } from "./routes/panels";
import { sync } from "./routes/sync";
import { vacancies } from "./routes/vacancies";
import { report } from "./routes/report";
import { purgeExpiredEntries } from "./db/sync";

const batchLimit = limitBody(MAX_BATCH_BODY_BYTES);
const bodyLimit = limitBody(MAX_BODY_BYTES);
const syncLimit = limitBody(MAX_SYNC_BODY_BYTES);

/**
 * Every response: never sniffed, never framed. A route with its own policy (the dashboard, /docs)
 * keeps it; everything else (JSON, /healthz, /openapi.json, errors) loads nothing and may not be framed.
 */
const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const app = new Hono<AppEnv>()
  .use("*", async (c, next) => {
    warnOnceIfWeak(c.env.ADMIN_TOKEN);
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", NO_CONTENT_POLICY);
    if (!c.res.headers.has("X-Frame-Options")) c.header("X-Frame-Options", "DENY");
    if (!c.res.headers.has("Referrer-Policy")) c.header("Referrer-Policy", "no-referrer");
  })
  // API responses hold an organisation's figures: never cached by a browser or proxy, never sniffed.
  .use("/v1/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .use("/v1/*", apiCors)
  .use("/v1/*", rejectNonJsonBodies)
  .use("/v1/*", (c, next) =>
    c.req.path === "/v1/outcomes/batch" ? batchLimit(c, next) : c.req.path.startsWith("/v1/sync/") ? syncLimit(c, next) : bodyLimit(c, next),
  )
  .get("/healthz", async (c) => {
    const row = await c.env.DB.prepare("SELECT 1 AS ok")
      .first<{ ok: number }>()
      .catch(() => null);
    return c.json({ status: "ok" as const, database: row?.ok === 1 ? ("ok" as const) : ("unavailable" as const) });
  })
  .get("/v1/noop", (c) => c.json({ ok: true as const }))
  .route("/v1/admin", admin)
  .route("/v1", org)
  .route("/v1/outcomes", outcomes)
  .route("/v1/indicators", indicators)
  .route("/v1/panels", panels)
  .route("/v1/vacancies", vacancies)
  .route("/v1/sync", sync)
  .route("/v1/export", exportCsv)
  .route("/v1/report", report)
  .route("/", docs)
  // The HR dashboard (static page and assets), after the API so it never shadows a route.
  .route("/", dashboard);

app.onError(onError);
app.notFound(notFound);

export type AppType = typeof app;
export { app };

/** The daily cron trigger (wrangler.toml): sync entries past their expiry are deleted everywhere. */
export async function scheduled(_controller: ScheduledController, env: AppEnv["Bindings"], _ctx: ExecutionContext): Promise<void> {
  const purged = await purgeExpiredEntries(env.DB);
  console.log(JSON.stringify({ event: "sync_purge", entries: purged.entries, guides: purged.guides, assessors: purged.assessors }));
}

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<AppEnv["Bindings"]>;
