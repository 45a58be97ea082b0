import { Hono } from "hono";
import type { Env } from "../env";

/** The HR dashboard: static page and assets served by the Worker itself (no CDN). */
export const dashboard = new Hono<{ Bindings: Env }>();

dashboard.get("/", (c) => c.html("<!doctype html><title>Fair Shortlist dashboard</title><h1>Fair Shortlist</h1>"));
