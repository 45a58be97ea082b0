/**
 * Helpers for the overlay's e2e tests: the per-system table lives in the test; these read the
 * overlay (Playwright's CSS locators pierce open shadow roots) and the extension's storage.
 */
import type { BrowserContext, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./browser";

/** The runner's timeline (<html data-fair-shortlist-trace>), e.g. "ready structured-shortlisting". */
export async function trace(page: Page): Promise<string[]> {
  const t = await page.evaluate(() => document.documentElement.dataset.fairShortlistTrace ?? "");
  return t ? t.split("|") : [];
}

export async function waitForTrace(page: Page, event: string, after = 0): Promise<void> {
  await page.waitForFunction(
    ([e, n]) => (document.documentElement.dataset.fairShortlistTrace ?? "").split("|").filter((l) => l.endsWith(` ${e}`)).length > (n as number),
    [event, after] as const,
    { timeout: 15_000 },
  );
}

export async function extensionStorage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

export async function clearExtensionStorage(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await extensionStorage(context, extensionId);
  await page.evaluate(() => chrome.storage.local.clear());
  await page.close();
}

export async function readExtensionStorage(context: BrowserContext, extensionId: string): Promise<Record<string, unknown>> {
  const page = await extensionStorage(context, extensionId);
  const all = await page.evaluate(() => chrome.storage.local.get(null));
  await page.close();
  return all;
}

/**
 * Records, in the page's main world from document start, the computed visibility of every
 * element matching `selector` at the moment it is inserted (parser or script): if any was
 * "visible" then, a name could have been painted. Read with `firstSeenVisibility(page)`.
 */
export async function recordFirstVisibility(page: Page, selector: string): Promise<void> {
  await page.addInitScript((sel: string) => {
    const w = window as unknown as { __firstVisibility: string[] };
    w.__firstVisibility = [];
    const seen = new WeakSet<Element>();
    const check = (el: Element) => {
      if (seen.has(el)) return;
      seen.add(el);
      w.__firstVisibility.push(getComputedStyle(el).visibility);
    };
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (!(n instanceof Element)) continue;
        if (n.matches(sel)) check(n);
        n.querySelectorAll(sel).forEach(check);
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
}

export async function firstSeenVisibility(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __firstVisibility: string[] }).__firstVisibility);
}

const axeSource = readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core on the overlays only (their shadow roots included), WCAG 2.x A/AA rules. */
export async function axeOverlays(page: Page): Promise<Array<{ id: string; impact: string | null; help: string; nodes: number; targets: string[] }>> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const hosts = [...document.querySelectorAll("fair-shortlist-overlay")];
    if (!hosts.length) throw new Error("no overlay on the page");
    const result = await axe.run({ include: hosts }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n: any) => `${JSON.stringify(n.target)} ${n.failureSummary}`) }));
  });
}
