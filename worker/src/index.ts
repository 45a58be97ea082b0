import { Hono } from "hono";
import type { Env } from "./env";
import { dashboard } from "./dashboard";

const app = new Hono<{ Bindings: Env }>();

app.get("/healthz", async (c) => {
  const row = await c.env.DB.prepare("SELECT 1 AS ok").first<{ ok: number }>();
  return c.json({ status: "ok", database: row?.ok === 1 ? "ok" : "unavailable" });
});

app.route("/", dashboard);

export type AppType = typeof app;
export default app;
