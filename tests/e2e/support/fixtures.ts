/**
 * Serves the committed fixture pages (tests/fixtures/<system>/) at the host systems' REAL
 * https addresses, with Playwright's context.route(): the browser never touches the network,
 * and the extension's content scripts match their real patterns exactly as in production.
 * Each system folder has routes.json: { origins: [...], routes: [{ path: regex, file }] }.
 * Assets are served from /__fixtures__/<path> on every fixture origin.
 */
import type { BrowserContext, Route } from "playwright-core";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./browser";

export const fixturesDir = path.join(repoRoot, "tests/fixtures");

interface RoutesFile {
  system: string;
  origins: string[];
  routes: Array<{ path: string; file: string }>;
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml" };

export function fixtureSystems(): RoutesFile[] {
  return readdirSync(fixturesDir)
    .filter((d) => existsSync(path.join(fixturesDir, d, "routes.json")))
    .map((d) => JSON.parse(readFileSync(path.join(fixturesDir, d, "routes.json"), "utf8")) as RoutesFile);
}

function fileResponse(file: string) {
  const body = readFileSync(file);
  return { status: 200, headers: { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }, body };
}

/** Serve one directory's routes (plus shared assets) at `origin`. */
export async function serveFixtureOrigin(context: BrowserContext, origin: string, dir: string, routes: RoutesFile["routes"]): Promise<void> {
  await context.route(`${origin}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith("/__fixtures__/")) {
      const file = path.normalize(path.join(fixturesDir, decodeURIComponent(url.pathname.slice("/__fixtures__/".length))));
      if (file.startsWith(fixturesDir + path.sep) && existsSync(file)) return route.fulfill(fileResponse(file));
      return route.fulfill({ status: 404, body: "no such fixture asset" });
    }
    const hit = routes.find((r) => new RegExp(r.path).test(url.pathname));
    if (hit) return route.fulfill(fileResponse(path.join(dir, hit.file)));
    if (url.pathname === "/favicon.ico") return route.fulfill({ status: 204, body: "" });
    return route.fulfill({ status: 404, headers: { "content-type": "text/plain" }, body: `fixture: no route for ${url.pathname}` });
  });
}

/** Route every system's fixtures at its real origins. Call before opening pages. */
export async function routeFixtures(context: BrowserContext): Promise<void> {
  for (const sys of fixtureSystems()) {
    for (const origin of sys.origins) await serveFixtureOrigin(context, origin, path.join(fixturesDir, sys.system), sys.routes);
  }
}
