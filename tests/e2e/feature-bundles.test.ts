/**
 * The overlay's features come in one bundle per screen kind, injected by the background when such
 * a screen shows (lib/featureBundles.ts). In real Chromium with the built extension: a page gets
 * only the bundle its screens need, and once; the bundles and the core they share stay in the
 * extension's isolated world (the host page's scripts cannot see or replace them); and a bundle
 * that cannot be injected is said in the overlay while name-blind (in the core) still works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { trace, waitForTrace } from "./support/overlay";

const LIST = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting";
const APPLICATION = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/applications/AR-240001";
const SCHEDULE = "https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0601/interviews";

const bundlesAsked = async (page: Page) => (await trace(page)).filter((l) => l.includes(" bundle ")).map((l) => l.split(" bundle ")[1]);

describe("feature bundles", () => {
  let browser: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a shortlisting list gets the shortlisting features only, from one injection", async () => {
    await page.goto(LIST);
    await waitForTrace(page, "ready shortlisting-summary");
    await waitForTrace(page, "ready structured-shortlisting");
    // consistency-checks has nothing to do on a list before any decision: it ran and said so.
    await expect.poll(async () => (await trace(page)).some((l) => / (ready|skip) consistency-checks$/.test(l))).toBe(true);
    expect(await bundlesAsked(page)).toEqual(["shortlisting"]);
    expect(await page.locator("[data-testid=fs-diagnostics]").count()).toBe(0);
    // In-page navigation to an application: its features come from the bundle already there.
    await page.click("text=AR-240001");
    await waitForTrace(page, "ready structured-shortlisting", 1);
    expect(await bundlesAsked(page)).toEqual(["shortlisting"]);
  });

  it("an interview page gets the interview features only", async () => {
    await page.goto(SCHEDULE);
    await waitForTrace(page, "ready interview-scoring");
    await waitForTrace(page, "ready panel-composition-check");
    expect(await bundlesAsked(page)).toEqual(["interview"]);
  });

  it("keeps the core and the bundles out of the host page's world", async () => {
    await page.goto(APPLICATION);
    await waitForTrace(page, "ready structured-shortlisting");
    const seen = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return { kernel: typeof g.__fairShortlistKernel, features: typeof g.__fairShortlistFeatures, scripts: [...document.scripts].map((s) => s.src).filter((s) => s.includes("features-")) };
    });
    expect(seen).toEqual({ kernel: "undefined", features: "undefined", scripts: [] });
    // A page that plants a look-alike registry does not get its "features" run by the overlay.
    await page.addInitScript(() => {
      (globalThis as Record<string, unknown>).__fairShortlistFeatures = {
        shortlisting: [{ id: "structured-shortlisting", name: "x", screens: ["application"], init: () => document.documentElement.setAttribute("data-planted", "ran") }],
      };
    });
    await page.goto(APPLICATION);
    await waitForTrace(page, "ready structured-shortlisting");
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-planted"))).toBeNull();
    await expect.poll(() => page.locator("fair-shortlist-overlay[data-feature=structured-shortlisting]").count()).toBeGreaterThan(0);
  });
});

describe("a bundle that cannot be injected", () => {
  let browser: ExtensionBrowser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "fair-shortlist-nobundle-"));
    cpSync(path.join(repoRoot, "extension/build/chrome-mv3-e2e"), dir, { recursive: true });
    rmSync(path.join(dir, "features-shortlisting.js"));
    browser = await launchWithExtension({ extensionDir: dir });
    await routeFixtures(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is said in the overlay, naming the features, while names stay hidden", async () => {
    const page = await browser.context.newPage();
    await page.goto(LIST);
    await waitForTrace(page, "ready name-blind");
    const diagnostics = page.locator("[data-testid=fs-diagnostics]");
    await expect.poll(() => diagnostics.textContent(), { timeout: 15_000 }).toContain("Structured shortlisting could not be loaded");
    expect(await diagnostics.textContent()).toContain("features-shortlisting.js");
    expect(await diagnostics.textContent()).toContain("Shortlisting summary could not be loaded");
    expect((await trace(page)).some((l) => l.endsWith(" ready structured-shortlisting"))).toBe(false);
    // Name-blind is in the core: names stay hidden, and its toggle still reveals them.
    const name = page.locator("[data-test='applicant-name']").first();
    expect(await name.evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    await page.locator("[data-testid=fs-name-blind-toggle]").click();
    await expect.poll(() => name.evaluate((el) => getComputedStyle(el).visibility)).toBe("visible");
  });
});
