/**
 * The overlay at home on the host page: keyboard-only shortlisting on NHS Jobs (focus kept
 * across the host's re-render on save, moved to the next applicant's panel after an in-page
 * move, a skip link to the decision), Stonefish's own score boxes filled from ours after
 * confirmation, and the name-blind control collapsible and worded for its screen.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { axeOverlays, clearExtensionStorage, waitForTrace } from "./support/overlay";

const NHS_LIST = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting";
const SF_APPLICANT = "https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173/Applicant/1040#selection-criteria";

/** Where focus is: a host element's data-test/text, or our overlay's element's data-testid. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    const inner = a?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (inner) return `overlay:${inner.getAttribute("data-testid") ?? inner.tagName}`;
    return a ? `${a.tagName.toLowerCase()}:${a.getAttribute("data-test") ?? (a as HTMLInputElement).value ?? a.textContent?.trim()}` : "none";
  });
}

describe("at home on the host page", () => {
  let browser: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    await page?.close().catch(() => undefined);
    await clearExtensionStorage(browser.context, browser.extensionId);
    page = await browser.context.newPage();
  });

  it("NHS Jobs: shortlists 3 applicants with the keyboard alone in at most 40 key presses", async () => {
    await page.goto(NHS_LIST);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await waitForTrace(page, "ready structured-shortlisting");
    await page.locator("[data-testid=fs-row-badge]").first().waitFor();
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await page.keyboard.press(key);
    };
    // From the top of the list to the first application's link.
    for (let i = 0; i < 10 && (await focused(page)) !== "a:application-id-cell"; i++) await press("Tab");
    expect(await focused(page)).toBe("a:application-id-cell");
    await press("Enter");
    for (let n = 0; n < 3; n++) {
      // After the in-page move, focus is on this applicant's scoring heading, not the top of the page.
      await expect.poll(() => focused(page)).toBe("overlay:fs-panel-heading");
      await press("Tab");
      expect(await focused(page)).toBe("overlay:fs-skip-to-decision");
      await press("Enter");
      expect(await focused(page)).toBe("input:undecided");
      await press("ArrowDown"); // the radio group wraps to "Yes, shortlist for interview"
      await press("Tab");
      expect(await focused(page)).toBe("button:save-decision");
      await press("Enter");
      // NHS Jobs redraws the form on save; focus stays on its Save button.
      await page.locator(".nhsuk-success").waitFor();
      await expect.poll(() => focused(page)).toBe("button:save-decision");
      if (n < 2) {
        await press("Tab");
        expect(await focused(page)).toBe("a:next-application");
        await press("Enter");
      }
    }
    const decisions = await page.evaluate(() => JSON.parse(sessionStorage.getItem("nhsjobs.decisions") ?? "{}"));
    expect(decisions).toEqual({ "AR-240001": "shortlist", "AR-240002": "shortlist", "AR-240003": "shortlist" });
    expect(presses).toBeLessThanOrEqual(40);
    console.log(`keyboard-only shortlisting of 3 applicants on NHS Jobs: ${presses} key presses`);
    const violations = await axeOverlays(page);
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  it("Stonefish: its own 0-3 score boxes carry our scores after the user confirms", async () => {
    await page.goto(SF_APPLICANT);
    const fields = page.locator("[data-testid=fs-criterion]");
    await expect.poll(() => fields.count()).toBe(5);
    const levels = [2, 3, 1, 0, 2];
    for (const [i, level] of levels.entries()) {
      await fields.nth(i).locator(`[data-testid=fs-level-${level}]`).check();
      if (level === 0 || level === 3) await fields.nth(i).locator("[data-testid=fs-note]").fill("Quoted from the statement.");
    }
    const host = () => page.locator("select.sc-score").evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    expect(await host()).toEqual(["", "", "", "", ""]);
    // Cancel changes nothing.
    await page.locator("[data-testid=fs-host-fill-start]").click();
    expect(await page.locator("[data-testid=fs-host-fill-plan] li").allTextContents()).toEqual([
      "1. Masters degree in pharmacy and GPhC registration: empty becomes 2",
      "2. Postgraduate clinical diploma: empty becomes 3",
      "3. Independent prescriber: empty becomes 1",
      "4. Experience of medicines optimisation in a hospital setting: empty becomes 0",
      "5. Experience of leading audit or quality improvement: empty becomes 2",
    ]);
    await page.locator("[data-testid=fs-host-fill-cancel]").click();
    expect(await host()).toEqual(["", "", "", "", ""]);
    // Confirm fills them, as the host's own change events see it.
    await page.evaluate(() => {
      (window as unknown as { changes: number }).changes = 0;
      document.addEventListener("change", (e) => { if ((e.target as Element).matches("select.sc-score")) (window as unknown as { changes: number }).changes++; });
    });
    await page.locator("[data-testid=fs-host-fill-start]").click();
    await page.locator("[data-testid=fs-host-fill-confirm]").click();
    expect(await host()).toEqual(levels.map(String));
    expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(5);
    expect(await page.locator("[data-testid=fs-host-fill-status]").textContent()).toBe("Copied 5 scores into Stonefish.");
  });

  it("the name-blind control folds away, is worded for its screen, keeps the page's end clear, and is in the popup", async () => {
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/interviews");
    await page.locator("[data-testid=fs-name-blind-status]").waitFor();
    expect(await page.locator("[data-testid=fs-name-blind-status]").textContent()).toBe("Names and personal details are hidden on this interview screen, so scores are kept by candidate reference.");
    // The page's end can scroll clear of the fixed control.
    const clear = await page.evaluate(() => {
      const dock = document.querySelector("fair-shortlist-dock")!.getBoundingClientRect();
      const spacer = document.querySelector("fair-shortlist-spacer")!.getBoundingClientRect();
      return spacer.height >= dock.height;
    });
    expect(clear).toBe(true);
    await page.locator("[data-testid=fs-name-blind-collapse]").click();
    await page.locator("[data-testid=fs-name-blind-expand]").waitFor();
    expect(await page.locator("[data-testid=fs-name-blind-expand]").getAttribute("aria-expanded")).toBe("false");
    await page.goto(NHS_LIST);
    await page.locator("[data-testid=fs-name-blind-expand]").waitFor();
    expect(await page.locator("[data-testid=fs-name-blind-expand]").textContent()).toContain("Names hidden");
    await page.locator("[data-testid=fs-name-blind-expand]").click();
    expect(await page.locator("[data-testid=fs-name-blind-status]").textContent()).toBe("Names and personal details are hidden for name-blind shortlisting.");

    // The popup switches it for the tab's system, and the page follows.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const tabId = await popup.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]!.id!, NHS_LIST);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.locator("[data-testid=popup-name-blind-status]").textContent()).toBe("Names and personal details on NHS Jobs are hidden.");
    await popup.locator("[data-testid=popup-name-blind-toggle]").click();
    await expect.poll(() => popup.locator("[data-testid=popup-name-blind-status]").textContent()).toBe("Names and personal details on NHS Jobs are showing.");
    await expect.poll(() => page.locator("[data-test=applicant-name]").first().evaluate((el) => getComputedStyle(el).visibility)).toBe("visible");
    await popup.close();
  });
});
