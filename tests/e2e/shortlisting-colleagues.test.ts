/**
 * Two things that need more than one page: scores never mix between vacancies (same applicant
 * reference in two vacancies), and the summary's comparison between shortlisters, fed by a
 * colleague's exported score file. NHS Jobs fixture (its vacancy reference comes from the address).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { clearExtensionStorage } from "./support/overlay";
import { scoreAll } from "./support/shortlisting";

const BASE = "https://www.jobs.nhs.uk/employer/vacancies";

describe("shortlisting across vacancies and shortlisters (NHS Jobs)", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    await clearExtensionStorage(browser.context, browser.extensionId);
  });
  afterAll(async () => browser?.close());

  it("the same applicant reference in another vacancy starts unscored", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${BASE}/C9290-24-0512/applications/AR-240001`);
    await scoreAll(page, 2);
    await page.goto(`${BASE}/C9290-24-0999/applications/AR-240001`);
    await expect.poll(() => page.locator("[data-testid=fs-applicant-progress]").textContent()).toBe("0 of 6 criteria scored for this applicant");
    await page.goto(`${BASE}/C9290-24-0512/applications/AR-240001`);
    await expect.poll(() => page.locator("[data-testid=fs-applicant-progress]").textContent()).toBe("6 of 6 criteria scored for this applicant");
    await page.close();
  });

  it("a colleague's export is compared: a harsher shortlister and 2-level differences are shown", async () => {
    const page = await browser.context.newPage();
    for (const app of ["AR-240002", "AR-240003"]) {
      await page.goto(`${BASE}/C9290-24-0512/applications/${app}`);
      await scoreAll(page, 3);
    }
    await page.goto(`${BASE}/C9290-24-0512/shortlisting`);
    await page.locator("[data-testid=fs-summary-toggle]").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=fs-export-scores]")]);
    const mine = JSON.parse(Buffer.concat(await (await download.createReadStream())!.toArray()).toString("utf8"));
    expect(mine.format).toBe("fair-shortlist/scores@1");
    expect(mine.scores.length).toBe(18);
    // Unique by default: no initials set, yet this browser has its own id (not "me").
    expect(mine.assessorId).toMatch(/^sh-[0-9a-f]{12}$/);
    expect(download.suggestedFilename()).not.toMatch(/-me\.json$/);
    // Your own file, imported by mistake: said so, nothing imported.
    await page.setInputFiles("[data-testid=fs-import-scores]", { name: "mine.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(mine)) });
    await expect.poll(() => page.locator("[data-testid=fs-summary-message]").textContent()).toBe("This file is your own scores export: nothing was imported.");
    // The colleague ("CD") scored the same items 2 levels lower, everywhere.
    const colleague = { ...mine, assessorId: "sh-00000000c0de", assessorName: "CD", scores: mine.scores.map((s: { level: number }) => ({ ...s, assessorId: "sh-00000000c0de", level: Math.max(0, s.level - 2) })) };
    await page.setInputFiles("[data-testid=fs-import-scores]", { name: "cd.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(colleague)) });
    await expect.poll(() => page.locator("[data-testid=fs-summary-message]").textContent()).toBe("Imported 18 scores from CD.");
    const outliers = page.locator("[data-testid=fs-outliers]");
    await outliers.waitFor();
    // Two shortlisters: the median is the midpoint, so each shows half the 2-level gap (shared/src/scoring.ts).
    expect(await outliers.locator("[data-assessor=sh-00000000c0de]").textContent()).toMatch(/CD: harsher \(outlier\), -1\.00 levels from the shortlisters' median score on average, over 18 shared scores/);
    expect(await outliers.locator(`[data-assessor=${mine.assessorId}]`).textContent()).toMatch(/You: more generous \(outlier\), \+1\.00/);
    expect(await outliers.textContent()).toMatch(/18 scores differ by 2 or more levels between shortlisters/);
    // An export for another vacancy is refused with a reason.
    await page.setInputFiles("[data-testid=fs-import-scores]", { name: "other.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...colleague, vacancyRef: "X-1" })) });
    await expect.poll(() => page.locator("[data-testid=fs-summary-message]").textContent()).toBe("This file is for another vacancy (X-1), not C9290-24-0512: nothing was imported.");
    await page.close();
  });
});
