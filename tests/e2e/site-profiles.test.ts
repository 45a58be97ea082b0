/**
 * A trust's own site profile, imported through the options page (validated, host permission
 * requested, content script registered at runtime), a profile with a broken selector (the user
 * is told which field found nothing, nothing crashes), and the big-list and host re-render cases.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { extensionCopyWithHosts } from "./support/extensionCopy";
import { routeFixtures } from "./support/fixtures";
import { readFileSync as readText } from "node:fs";
import { clearExtensionStorage, firstSeenVisibility, recordFirstVisibility, waitForTrace } from "./support/overlay";

const INHOUSE = "https://recruit.example-trust.nhs.uk/vacancy/ETR-0042/applications";
const profileJson = readFileSync(path.join(repoRoot, "tests/fixtures/inhouse/profile.json"), "utf8");

describe("imported site profiles", () => {
  let browser: ExtensionBrowser;
  let copy: ReturnType<typeof extensionCopyWithHosts>;
  let options: Page;
  beforeAll(async () => {
    // Test-only: see support/extensionCopy.ts (the permission prompt cannot be answered headless).
    copy = extensionCopyWithHosts(["https://recruit.example-trust.nhs.uk/*"]);
    browser = await launchWithExtension({ extensionDir: copy.dir });
    await routeFixtures(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    copy?.dispose();
  });
  beforeEach(async () => {
    await options?.close().catch(() => undefined);
    await clearExtensionStorage(browser.context, browser.extensionId);
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // Imported profiles' scripts only: the background registers the main-world shadow-root mask itself.
    await options.evaluate(() => chrome.scripting.getRegisteredContentScripts().then(async (s) => { const ids = s.filter((x) => x.id.startsWith("fs-profile-")).map((x) => x.id); if (ids.length) await chrome.scripting.unregisterContentScripts({ ids }); }));
  });

  async function importProfile(json: string) {
    await options.fill("[data-testid=profile-json]", json);
    await options.click("[data-testid=import-profile]");
  }

  it("before import, the extension does nothing on the trust's system", async () => {
    const page = await browser.context.newPage();
    await page.goto(INHOUSE);
    await page.waitForSelector("#candidates");
    expect(await page.evaluate(() => document.documentElement.dataset.fairShortlistTrace ?? "")).toBe("");
    expect(await page.locator(".cand-name").first().evaluate((el) => getComputedStyle(el).visibility)).toBe("visible");
    await page.close();
  });

  it("lists the built-in profiles", async () => {
    for (const id of ["nhs-jobs", "trac", "stonefish"]) await options.locator(`[data-testid=profile-${id}]`).waitFor();
  });

  it("refuses a broken profile, naming each field and what is wrong", async () => {
    const broken = JSON.parse(profileJson);
    broken.matches = ["https://*/*"];
    broken.applicants.row = "#candidates li[";
    broken.identifyingFields[0].field = "fullName";
    delete broken.vacancy;
    await importProfile(JSON.stringify(broken));
    const errors = options.locator("[data-testid=profile-errors]");
    await errors.waitFor();
    const items = await errors.locator("li").evaluateAll((lis) => lis.map((li) => `${li.getAttribute("data-path")}: ${li.textContent}`));
    expect(items.join("\n")).toMatch(/matches\[0\]: .*every website/);
    expect(items.join("\n")).toMatch(/applicants\.row: .*not a valid CSS selector/);
    expect(items.join("\n")).toMatch(/identifyingFields\[0\]\.field: .*must be one of/);
    expect(items.join("\n")).toMatch(/vacancy: /);
    expect(await options.evaluate(() => chrome.storage.local.get("profiles.imported"))).toEqual({});
    // Not JSON at all:
    await importProfile("{ id: nope");
    await expect.poll(() => errors.textContent()).toMatch(/not valid JSON/);
    // The section, errors showing, passes axe-core.
    // Extension pages forbid inline scripts (CSP), so axe is evaluated through the debugging protocol.
    await options.evaluate(readText(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8"));
    const violations = await options.evaluate(async () => {
      const r = await (window as any).axe.run({ include: [document.querySelector("[data-testid=site-profiles]"), document.querySelector("[data-testid=scoring-preset]")] }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return r.violations.map((v: any) => `${v.impact} ${v.id}: ${v.help}`);
    });
    expect(violations.filter((v: string) => /^(serious|critical)/.test(v))).toEqual([]);
  });

  it("imports a valid profile, registers the overlay for its host, and hides names there before paint", async () => {
    await importProfile(profileJson);
    await expect.poll(() => options.locator("[data-testid=profile-message]").textContent()).toMatch(/Imported "Example Trust Recruit"\. It is active/);
    await options.locator("[data-testid=profile-example-trust-recruit]").waitFor();
    const scripts = (await options.evaluate(() => chrome.scripting.getRegisteredContentScripts())).filter((s) => s.id.startsWith("fs-profile-"));
    // The extension's three scripts (shadow-root mask in the page's world, mask, overlay), reused for the trust's host.
    expect(scripts.map((s) => [s.id, s.matches, s.runAt, s.world])).toEqual([
      ["fs-profile-example-trust-recruit-0", ["https://recruit.example-trust.nhs.uk/*"], "document_start", "MAIN"],
      ["fs-profile-example-trust-recruit-1", ["https://recruit.example-trust.nhs.uk/*"], "document_start", "ISOLATED"],
      ["fs-profile-example-trust-recruit-2", ["https://recruit.example-trust.nhs.uk/*"], "document_start", "ISOLATED"],
    ]);

    const page = await browser.context.newPage();
    await recordFirstVisibility(page, ".cand-name, .cand-email");
    await page.goto(INHOUSE);
    await page.waitForSelector("#candidates");
    await waitForTrace(page, "ready shortlisting-summary");
    const seen = await firstSeenVisibility(page);
    expect(seen.length).toBe(24);
    expect(new Set(seen)).toEqual(new Set(["hidden"]));
    // Row-level decisions are checked too: this profile has no person specification, so a
    // decision is reported as not checkable rather than silently "fine".
    await page.locator("select.cand-decision").first().selectOption("Decline");
    await page.locator("[data-testid=fs-consistency][data-code=criteriaUnknown]").waitFor();
    expect(await page.locator("[data-testid=fs-summary-progress]").textContent()).toBe("0 of 12 scored");
    await page.close();
  });

  it("removing the profile unregisters its script", async () => {
    await importProfile(profileJson);
    await options.locator("[data-testid=profile-example-trust-recruit]").waitFor();
    await options.click("button[aria-label='Remove Example Trust Recruit']");
    await expect.poll(() => options.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.filter((x) => x.id.startsWith("fs-profile-")).length))).toBe(0);
    // The list is drawn again from storage after the removal: wait for it rather than read it once.
    await expect.poll(() => options.locator("[data-testid=profile-example-trust-recruit]").count()).toBe(0);
  });

  it("a profile whose selector no longer matches tells the user which field, and the rest keeps working", async () => {
    const stale = JSON.parse(profileJson);
    stale.applicants.row = "#candidates li.applicant-row"; // the host renamed the class
    await importProfile(JSON.stringify(stale));
    await options.locator("[data-testid=profile-example-trust-recruit]").waitFor();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(INHOUSE);
    await page.waitForSelector("#candidates");
    const diag = page.locator("[data-testid=fs-diagnostics]");
    await diag.waitFor({ timeout: 15_000 });
    expect(await diag.textContent()).toMatch(/applicants\.row.*nothing on this page matches "#candidates li\.applicant-row"/);
    expect(await diag.textContent()).toContain("Example Trust Recruit");
    // Name-blind still works and nothing threw.
    expect(await page.locator(".cand-name").first().evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    await page.locator("[data-testid=fs-name-blind-toggle]").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("big lists and host re-renders (built-in profiles)", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  it("500 applicants on NHS Jobs: the summary counts them all; rows get their badge as they come into view", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting?n=500");
    await expect.poll(() => page.locator("[data-testid=fs-summary-progress]").textContent(), { timeout: 15_000 }).toBe("0 of 500 scored");
    const first = page.locator("tr[data-test='application-row']").first();
    await expect.poll(() => first.locator("[data-testid=fs-row-badge]").count()).toBe(1);
    // Only rows near the viewport carry a shadow root, not all 500.
    const mounted = await page.locator("[data-testid=fs-row-badge]").count();
    expect(mounted).toBeGreaterThan(5);
    expect(mounted).toBeLessThan(200);
    const last = page.locator("tr[data-test='application-row']").last();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.locator("[data-testid=fs-row-badge]").textContent()).toBe("Scores: none");
    await page.close();
  });

  it("TRAC re-renders a row after its outcome changes; the badge and the check come back with it", async () => {
    const page = await browser.context.newPage();
    // Seeing one application teaches the overlay the vacancy's person specification.
    await page.goto("https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/applications/4471805");
    await page.locator("[data-testid=fs-criterion]").first().waitFor();
    await page.goto("https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/shortlisting");
    await expect.poll(() => page.locator("[data-testid=fs-row-badge]").count()).toBe(23);
    const row = page.locator("tr.trac-row").first();
    const before = await row.elementHandle();
    await row.locator("select.outcome-select").selectOption("Interview");
    await expect.poll(async () => (await before!.evaluate((el) => el.isConnected))).toBe(false); // host replaced the row
    await expect.poll(() => page.locator("tr.trac-row").first().locator("[data-testid=fs-row-badge]").count()).toBe(1);
    await page.locator("tr.trac-row").first().locator("[data-testid=fs-consistency][data-code=essentialsNotScored]").waitFor();
    // "Refresh list" re-renders every row: still one badge per row.
    await page.click("#refresh-list");
    await expect.poll(() => page.locator("[data-testid=fs-row-badge]").count()).toBe(23);
    await page.close();
  });
});
