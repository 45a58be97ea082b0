/**
 * What a hostile host page can read of the overlays, in the PRODUCTION build (closed shadow
 * roots): a script of the recruitment system's own page, even one that patched attachShadow
 * before the extension ran, finds the overlay hosts but not what they show (scores, notes,
 * reasons). The same probe against the browser tests' build (open roots) does read the overlay,
 * so the probe can see what it is looking for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { extensionPath, launchWithExtension, productionExtensionPath, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { waitForTrace } from "./support/overlay";

const LIST = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting";

/** The host page's own script: patches attachShadow first, then reads whatever it can. */
async function hostileProbe(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __captured: ShadowRoot[] };
    w.__captured = [];
    const original = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = original.call(this, { ...init, mode: "open" });
      w.__captured.push(root);
      return root;
    };
  });
  await page.goto(LIST);
  await waitForTrace(page, "ready shortlisting-summary");
  await page.waitForFunction(() => document.querySelectorAll("fair-shortlist-overlay").length > 5);
  // The host re-renders its list after load, and the summary's host is put back with it: wait for it.
  await page.waitForFunction(() => document.querySelector('fair-shortlist-overlay[data-feature="shortlisting-summary"]') !== null);
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll("fair-shortlist-overlay")] as HTMLElement[];
    return {
      hosts: hosts.length,
      features: [...new Set(hosts.map((h) => h.dataset.feature))].sort(),
      openRoots: hosts.filter((h) => h.shadowRoot !== null).length,
      readable: hosts.map((h) => h.shadowRoot?.textContent ?? "").join(""),
      captured: (window as unknown as { __captured: ShadowRoot[] }).__captured.length,
      pageText: document.body.innerText + document.documentElement.textContent,
    };
  });
}

describe.each([
  { build: "production", dir: productionExtensionPath, closed: true },
  { build: "browser tests'", dir: extensionPath, closed: false },
])("overlays against the host page's scripts: $build build", ({ dir, closed }) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ extensionDir: dir });
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  it(closed ? "the page finds the overlay hosts but cannot read what they show" : "the same probe reads the overlays (open roots, for Playwright)", async () => {
    const page = await browser.context.newPage();
    const seen = await hostileProbe(page);
    // The extension acted: overlays are mounted (hosts are in the page's DOM either way).
    expect(seen.hosts).toBeGreaterThan(5);
    expect(seen.features).toEqual(expect.arrayContaining(["shortlisting-summary", "structured-shortlisting"]));
    // The page's patch of attachShadow never sees the content script's calls (its own world).
    expect(seen.captured).toBe(0);
    if (closed) {
      expect(seen.openRoots).toBe(0);
      expect(seen.readable).toBe("");
      expect(seen.pageText).not.toMatch(/of \d+ scored|Scores: none/);
    } else {
      expect(seen.openRoots).toBe(seen.hosts);
      // The summary renders once its records are read, which may be after the probe first looked.
      await expect.poll(() => page.evaluate(() => [...document.querySelectorAll("fair-shortlist-overlay")].map((h) => h.shadowRoot?.textContent ?? "").join("")), { timeout: 15_000 }).toMatch(/of \d+ scored/);
    }
    await page.close();
  });
});
