/**
 * Trust IT's managed policy, and what a Worker persisted, for tests with several browsers.
 * Chromium reads policy only from /etc, outside a test's reach, so `simulatePolicy` stands in for
 * the policy layer: it replaces chrome.storage.managed.get in the profile's service worker with one
 * answering the policy's values. Everything else is the production build.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";

/** Stand-in for trust IT's policy (see the file comment): the service worker's managed storage answers these values. */
export async function simulatePolicy(context: BrowserContext, values: Record<string, unknown>) {
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent("serviceworker");
  await sw.evaluate((v) => {
    (chrome.storage.managed as unknown as { get: () => Promise<unknown> }).get = async () => v;
  }, values);
}

/** Every file under `dir` (a Worker's persisted D1, WAL included). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
