/**
 * The Disability Confident guaranteed-interview fact end to end: a shortlister scores an applicant
 * under the scheme as meeting the essentials and decides in the host's control; the overlay counts
 * the vacancy's eligible and interviewed applicants and sends those two numbers (only when they
 * change) through the outbox to a real `wrangler dev` Worker, which serves them beside WDES metric 2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { startWorker, type RunningWorker } from "./support/worker";
import { apiGet, createOrg, type TestOrg } from "./support/api";
import { sendMessage, setOrgSettings } from "./support/extensionPages";
import { vacancyKey } from "../../shared/src/vacancyKey";

const ORG_SECRET = "guaranteed-e2e-secret-0123456789abcdef";
const REF = "C9290-24-0512";
const application = (i: number) => `https://www.jobs.nhs.uk/employer/vacancies/${REF}/applications/AR-${240001 + i}`;
/** Applicant index 2 applied under the scheme (tests/fixtures/_shared/applicants.js); 1 did not. */
const GUARANTEED = 2;
/** Decide in the host's control and save it there (the fixture keeps saved decisions across reloads). */
async function decide(page: Page, d: "shortlist" | "reject") {
  await page.check(`input[name=decision][value=${d}]`);
  await page.click("[data-test=save-decision]");
}

async function scoreEssentials(page: Page, level: number) {
  const blocks = page.locator("[data-testid=fs-criterion]");
  await expect.poll(() => blocks.count()).toBeGreaterThan(0);
  const n = await blocks.count();
  for (let i = 0; i < n; i++) {
    const b = blocks.nth(i);
    if (!(await b.locator("legend").textContent())?.includes("Essential")) continue;
    await b.locator(`[data-testid=fs-level-${level}]`).check();
    await b.locator("[data-testid=fs-note]").fill(`The application gives a concrete example for criterion ${i + 1}.`);
  }
  await blocks.last().locator("[data-testid=fs-note]").blur();
}

describe("guaranteed-interview counts against a real Worker", () => {
  let worker: RunningWorker;
  let org: TestOrg;
  let browser: ExtensionBrowser;
  let key: string;
  const held = async () => (await apiGet(worker, `/v1/vacancies/${key}`, org.read)).body.guaranteedInterview as { eligible: number; interviewed: number; recordedAt: string } | null;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Guaranteed Interview NHS Trust", "RGI");
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
    key = await vacancyKey(REF, ORG_SECRET);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  it("nothing is sent while nobody under the scheme has been decided", async () => {
    const page = await browser.context.newPage();
    await page.goto(application(1));
    await scoreEssentials(page, 2);
    await decide(page, "reject");
    await page.locator("[data-testid=fs-consistency][data-code=rejectedButMeetsEssentials]").waitFor();
    // Past the overlay's settle time: the vacancy is known (structured scoring was used) but no
    // guaranteed-interview counts are held for it.
    await expect.poll(async () => (await apiGet(worker, `/v1/vacancies/${key}`, org.read)).status, { timeout: 10_000 }).toBe(200);
    await page.waitForTimeout(2500);
    expect(await held()).toBeNull();
    await page.close();
  });

  it("a scheme applicant who meets the essentials, rejected: 1 eligible, 0 interviewed; shortlisted instead: 1 of 1", async () => {
    const page = await browser.context.newPage();
    await page.goto(application(GUARANTEED));
    await scoreEssentials(page, 2);
    await decide(page, "reject");
    await page.locator("[data-testid=fs-consistency][data-code=guaranteedInterviewNotShortlisted]").waitFor();
    await expect.poll(held, { timeout: 15_000 }).toMatchObject({ eligible: 1, interviewed: 0 });
    const first = (await held())!;
    // Only the two counts (and when) are held: no applicant, no score, no reason.
    expect(Object.keys(first).sort()).toEqual(["eligible", "interviewed", "recordedAt"]);

    await decide(page, "shortlist");
    await expect.poll(held, { timeout: 15_000 }).toMatchObject({ eligible: 1, interviewed: 1 });
    const second = (await held())!;
    expect(Date.parse(second.recordedAt)).toBeGreaterThan(Date.parse(first.recordedAt));
    // Delivered, not only stored: the API's answer reached the extension (so nothing waits to be retried).
    await expect.poll(async () => (await sendMessage(browser.context, browser.extensionId, "getSyncStatus", {})).status.queueLength, { timeout: 10_000 }).toBe(0);

    // Seen again with the same counts (a reload): not sent again.
    await page.reload();
    await page.locator("[data-testid=fs-structured-shortlisting]").waitFor();
    await page.waitForTimeout(2500);
    expect((await held())!.recordedAt).toBe(second.recordedAt);

    // A score corrected below "met": no longer eligible, and the figure follows (1 -> 0).
    const essential = page.locator("[data-testid=fs-criterion]").filter({ has: page.locator("legend", { hasText: "Essential" }) }).first();
    await essential.locator("[data-testid=fs-level-0]").check();
    await essential.locator("[data-testid=fs-note]").fill("No registration number or equivalent given anywhere.");
    await essential.locator("[data-testid=fs-note]").blur();
    await expect.poll(held, { timeout: 15_000 }).toMatchObject({ eligible: 0, interviewed: 0 });
    await page.close();
  });

  it("served beside WDES metric 2 once the vacancy's outcome is in", async () => {
    // Essentials back to met and the applicant shortlisted, in a new tab (the fixture keeps its
    // saved decisions per tab, so the decision is taken again): 1 of 1.
    const page = await browser.context.newPage();
    await page.goto(application(GUARANTEED));
    await scoreEssentials(page, 2);
    await decide(page, "shortlist");
    await expect.poll(held, { timeout: 15_000 }).toMatchObject({ eligible: 1, interviewed: 1 });
    await page.goto(`https://www.jobs.nhs.uk/employer/vacancies/${REF}/reports/outcomes`);
    const capture = page.locator('fair-shortlist-overlay[data-feature="outcome-capture"]');
    await expect.poll(() => capture.getByTestId("outcome-payload").count(), { timeout: 10_000 }).toBe(1);
    await capture.getByRole("button", { name: "Confirm and send" }).click();
    await expect.poll(() => capture.getByTestId("outcome-status").getAttribute("data-state")).toBe("delivered");
    const wdes = await apiGet(worker, "/v1/indicators/wdes2", org.read);
    expect(wdes.status).toBe(200);
    expect(wdes.body.guaranteedInterview).toMatchObject({ eligible: 1, interviewed: 1, vacancies: 1, share: 1, notInterviewed: 0 });
    await page.close();
  });
});
