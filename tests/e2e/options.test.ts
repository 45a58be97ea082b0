/**
 * Options page: organisation settings with per-field errors, the panel policy (preset or the
 * trust's own JSON) and its effect on the interview overlay, and the managed-storage schema
 * that lets trust IT push settings by Chrome/Edge policy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { extensionPath, launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { manifest, openExtensionPage, readStorage } from "./support/extensionPages";

describe("options page", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  const openOptions = () => openExtensionPage(browser.context, browser.extensionId, manifest().options_ui!.page);

  it("explains what leaves the browser", async () => {
    const page = await openOptions();
    const text = await page.getByRole("region", { name: "What leaves this browser" }).textContent();
    expect(text).toContain("keyed hash of the vacancy reference");
    expect(text).toContain("Names, contact details, application text, shortlisting and interview scores, notes, reasons and panel members stay in this browser");
    await page.close();
  });

  it("saves the API URL, token and secret, with an error per wrong field", async () => {
    const page = await openOptions();
    await page.getByLabel("Outcomes API URL").fill("http://outcomes.example.nhs.uk");
    await page.getByLabel("Organisation submit token").fill("short");
    await page.getByLabel("Organisation secret for vacancy keys").fill("fs-secret-0123456789abcdef");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.locator("#apiUrl-error").textContent()).toMatch(/must be an https:\/\/ address/);
    expect(await page.locator("#submitToken-error").textContent()).toMatch(/too short to be a submit token/);
    expect(await page.locator("#orgSecret-error").count()).toBe(0);
    expect(await readStorage(browser.context, browser.extensionId, "orgSettings")).toBeUndefined();

    await page.getByLabel("Outcomes API URL").fill("https://outcomes.example.nhs.uk");
    await page.getByLabel("Organisation submit token").fill("fs_submit_0123456789abcdefghijklmnop");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => page.getByText("Saved.").count()).toBe(1);
    // The secrets are kept out of chrome.storage.local (content scripts can read it): see secrets.test.ts.
    expect(await readStorage(browser.context, browser.extensionId, "orgSettings")).toEqual({ apiUrl: "https://outcomes.example.nhs.uk" });
    await page.reload();
    expect(await page.getByLabel("Outcomes API URL").inputValue()).toBe("https://outcomes.example.nhs.uk");
    // Secrets are never shown back.
    expect(await page.getByLabel("Organisation submit token").inputValue()).toBe("");
    expect(await page.getByLabel("Organisation submit token").getAttribute("placeholder")).toMatch(/saved/);
    await page.close();
  });

  it("takes the trust's own panel policy as JSON, names each wrong field, and the interview overlay uses it", async () => {
    const page = await openOptions();
    await page.getByLabel("Our own policy (JSON)").check();
    await page.getByLabel("Policy JSON").fill(JSON.stringify({ name: "Our trust", appliesFromBand: "8e", minPanelSize: 0, requireEthnicMinorityMember: true, requireTrainedMember: "yes", requireIndependentMember: false }));
    await page.getByRole("button", { name: "Save panel policy" }).click();
    const errors = page.getByTestId("policy-errors");
    await expect.poll(() => errors.count()).toBe(1);
    const text = await errors.textContent();
    expect(text).toMatch(/appliesFromBand: must be one of/);
    expect(text).toMatch(/minPanelSize: Too small/);
    expect(text).toMatch(/requireTrainedMember: /);

    await page.getByLabel("Policy JSON").fill(JSON.stringify({ name: "Our trust: band 8b and above", appliesFromBand: "8b", minPanelSize: 4, requireEthnicMinorityMember: true, requireTrainedMember: true, requireIndependentMember: true }));
    await page.getByRole("button", { name: "Save panel policy" }).click();
    await expect.poll(() => page.getByTestId("policy-summary").textContent()).toMatch(/In use: Our trust: band 8b and above\. Applies to posts at Band 8b and above: a panel of at least 4/);
    await page.close();

    // A band 8a post is now below the trust's threshold.
    const interview = await browser.context.newPage();
    await interview.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0601/interviews");
    const check = interview.locator('fair-shortlist-overlay[data-feature="panel-composition-check"]').getByTestId("panel-check");
    await expect.poll(() => check.getAttribute("data-state")).toBe("not-applicable");
    expect(await check.textContent()).toContain("Our trust: band 8b and above");
    await interview.close();

    // Back to a preset.
    const again = await openOptions();
    await again.getByLabel(/NHS Blood and Transplant/).check();
    await again.getByRole("button", { name: "Save panel policy" }).click();
    await expect.poll(() => again.getByTestId("policy-summary").textContent()).toMatch(/NHS Blood and Transplant \(band 8a\+\)/);
    expect(await readStorage(browser.context, browser.extensionId, "orgSettings")).toMatchObject({ panelPolicy: { preset: "nhsbt-8a" } });
    await again.close();
  });

  it("ships a managed-storage schema that Chromium accepts, declaring every setting trust IT can push", async () => {
    const m = manifest();
    const file = path.join(extensionPath, m.storage!.managed_schema);
    expect(existsSync(file)).toBe(true);
    const schema = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(schema.properties).sort()).toEqual(["apiUrl", "internalEmailDomains", "orgSecret", "panelPolicy", "panelPolicyPreset", "panelSync", "siteProfiles", "submitToken"]);
    // Chromium refuses to load an extension whose schema is invalid; here it loaded, and managed storage answers.
    const page = await openOptions();
    expect(await page.evaluate(() => chrome.storage.managed.get(null))).toEqual({});
    expect(await page.locator("[data-setting=apiUrl]").getAttribute("data-source")).toBe("local");
    await page.close();
  });
});
