/**
 * Accessibility of the interview and outcome overlays: axe-core (WCAG 2.1 A/AA and best
 * practice) finds no serious or critical violation in the panel check, the scoring form and the
 * outcome-capture panel, and the panel check can be completed with the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { axeOverlays } from "./support/overlay";
import { setOrgSettings } from "./support/extensionPages";

describe("interview and outcome overlays: accessibility", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: "http://127.0.0.1:9", submitToken: "fs_submit_a11y_token_0123456789", orgSecret: "a11y-secret-0123456789abcdef" });
  });
  afterAll(async () => browser?.close());

  it("panel check and scoring form: no serious axe violation; the check works from the keyboard", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0601/interviews/AR-250103");
    const check = page.locator('fair-shortlist-overlay[data-feature="panel-composition-check"]');
    const scoring = page.locator('fair-shortlist-overlay[data-feature="interview-scoring"]');
    await expect.poll(() => check.getByTestId("panel-facts").count()).toBe(1);
    await scoring.getByTestId("question-lines").fill("Why this role?\nTell us about a difficult decision.");
    await scoring.getByRole("button", { name: "Save question set" }).click();
    await scoring.getByLabel(/Each panellist on their own device/).click();
    await scoring.getByLabel(/Your name or initials/).fill("HM");
    await scoring.getByRole("button", { name: "Start scoring" }).click();
    await expect.poll(() => scoring.getByTestId("scoring-form").count()).toBe(1);

    const violations = (await axeOverlays(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(violations).toEqual([]);

    // Keyboard only: focus the first "Yes", answer both questions with Space/Tab, record with Enter.
    await check.getByRole("group", { name: /ethnic minority/ }).getByLabel("Yes").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => check.getByRole("group", { name: /ethnic minority/ }).getByLabel("Yes").isChecked()).toBe(true);
    // Focus stays on the answered control after the overlay updates; Tab moves on.
    expect(await check.getByRole("group", { name: /ethnic minority/ }).getByLabel("Yes").evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await check.getByRole("group", { name: /trained/ }).getByLabel("Yes").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => check.getByTestId("panel-verdict").getAttribute("data-state")).toBe("compliant");
    await page.keyboard.press("Tab");
    expect(await check.getByRole("button", { name: "Record panel check" }).evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => check.getByTestId("panel-recorded").count()).toBe(1);
    await page.close();
  });

  // TRAC's report shows no disability (the overlay says so); NHS Jobs' adds the disability table.
  it.each([
    ["TRAC", "https://recruit.trac.jobs/recruiter/vacancies/290-ACS-8802-A/reports/outcome", "outcome-no-disability"],
    ["NHS Jobs", "https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0602/reports/outcomes", "outcome-disability-counts"],
  ])("outcome capture (%s): no serious axe violation", async (_system, url, shown) => {
    const page = await browser.context.newPage();
    await page.goto(url);
    const capture = page.locator('fair-shortlist-overlay[data-feature="outcome-capture"]');
    await expect.poll(() => capture.getByTestId("outcome-payload").count(), { timeout: 10_000 }).toBe(1);
    expect(await capture.getByTestId(shown).count()).toBe(1);
    const violations = (await axeOverlays(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(violations).toEqual([]);
    await page.close();
  });
});
