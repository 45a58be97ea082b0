import { Hono } from "hono";
import type { Env } from "../env";
import { CLIENT_JS, IMPORT_WORKER_JS } from "./generated/client.bundle";
import { dashboardPage } from "./page";
import { dashboardCss } from "./styles";

/**
 * The HR dashboard: one page, its script and its stylesheet, all served by this Worker (no
 * CDN). The script is the esbuild bundle of ./client (see worker/scripts/build-dashboard.mjs
 * and docs/dashboard.md). Asset URLs carry a content hash, so they can be cached forever.
 */
export const dashboard = new Hono<{ Bindings: Env }>();

/** FNV-1a, 32-bit: a cache-busting fingerprint, not a security measure. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

const scriptUrl = `/dashboard/app.${fingerprint(CLIENT_JS)}.js`;
const importWorkerUrl = `/dashboard/import-worker.${fingerprint(IMPORT_WORKER_JS)}.js`;
const styleUrl = `/dashboard/styles.${fingerprint(dashboardCss)}.css`;
const page = dashboardPage({ scriptUrl, styleUrl, importWorkerUrl });

// The page talks only to this origin, loads only its own script and stylesheet, and may not
// be framed. No inline script or style exists, so none is allowed.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // The import Web Worker is a script of this origin too (no blob: workers).
  "worker-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = {
  "content-security-policy": CSP,
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

dashboard.get("/", (c) => c.body(page, 200, { ...securityHeaders, "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" }));

dashboard.get("/dashboard/:asset", (c) => {
  const asset = c.req.param("asset");
  const immutable = { ...securityHeaders, "cache-control": "public, max-age=31536000, immutable" };
  if (asset === scriptUrl.slice("/dashboard/".length)) return c.body(CLIENT_JS, 200, { ...immutable, "content-type": "text/javascript; charset=utf-8" });
  if (asset === importWorkerUrl.slice("/dashboard/".length)) return c.body(IMPORT_WORKER_JS, 200, { ...immutable, "content-type": "text/javascript; charset=utf-8" });
  if (asset === styleUrl.slice("/dashboard/".length)) return c.body(dashboardCss, 200, { ...immutable, "content-type": "text/css; charset=utf-8" });
  return c.notFound();
});
