/**
 * Outcome capture end to end: each built-in system's outcome report fixture -> the counts the
 * user sees -> the exact payload -> confirm -> a real `wrangler dev` Worker. NHS Jobs' report shows
 * disability, so its vacancy carries WDES metric 2 counts; TRAC's and Stonefish's do not, so theirs
 * are stored as not recorded (null), and the WDES figure covers the one vacancy. Then the API goes
 * down while an HR user confirms a vacancy, comes back, and "Sync now" in the popup delivers it
 * exactly once (checked in the API's own figures).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { startWorker, type RunningWorker } from "./support/worker";
import { apiGet, createOrg, type TestOrg } from "./support/api";
import { openPopup, setOrgSettings } from "./support/extensionPages";

const ORG_SECRET = "capture-e2e-secret-0123456789abcdef";

const SYSTEMS = [
  {
    system: "NHS Jobs",
    ref: "C9290-25-0601",
    interview: "https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0601/interviews",
    report: "https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0601/reports/outcomes",
    notCounted: "Not shortlisted (9)",
    // Hand-worked from the fixture's rows (tests/fixtures/_shared/interviews.js, DISABILITY).
    disability: { disabled: { shortlisted: 2, appointed: 1 }, notDisabled: { shortlisted: 2, appointed: 1 }, notDeclared: { shortlisted: 2, appointed: 0 } },
  },
  {
    system: "TRAC",
    ref: "290-ACS-8801-A",
    interview: "https://recruit.trac.jobs/recruiter/vacancies/290-ACS-8801-A/interview-gateway",
    report: "https://recruit.trac.jobs/recruiter/vacancies/290-ACS-8801-A/reports/outcome",
    notCounted: "Rejected (9)",
    disability: null,
  },
  {
    system: "Stonefish",
    ref: "SF-2026-0601",
    interview: "https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0601/Interviews",
    report: "https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0601/MonitoringReport",
    notCounted: "Not Shortlisted (9)",
    disability: null,
  },
] as const;

const capture = (page: Page) => page.locator('fair-shortlist-overlay[data-feature="outcome-capture"]');
const panelCheck = (page: Page) => page.locator('fair-shortlist-overlay[data-feature="panel-composition-check"]');

async function disabilityShown(page: Page) {
  const table = capture(page).getByTestId("outcome-disability-counts");
  if ((await table.count()) === 0) return null;
  const cell = (g: string, c: string) => table.locator(`tr[data-group="${g}"] td[data-cell="${c}"]`).textContent().then(Number);
  const out: Record<string, { shortlisted: number; appointed: number }> = {};
  for (const g of ["disabled", "notDisabled", "notDeclared"]) out[g] = { shortlisted: await cell(g, "shortlisted"), appointed: await cell(g, "appointed") };
  return out;
}

async function countsShown(page: Page) {
  const cell = (g: string, c: string) => capture(page).locator(`tr[data-group="${g}"] td[data-cell="${c}"]`).textContent();
  return {
    white: [await cell("white", "shortlisted"), await cell("white", "appointed")],
    bme: [await cell("bme", "shortlisted"), await cell("bme", "appointed")],
    notStated: [await cell("notStated", "shortlisted"), await cell("notStated", "appointed")],
  };
}

describe("outcome capture against a real Worker", () => {
  let worker: RunningWorker;
  let org: TestOrg;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Capture Test NHS Trust", "RCX");
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  it.each(SYSTEMS)("$system: shows the counts and exactly what will be sent, then delivers it", async (sys) => {
    // The chair recorded a compliant panel for this vacancy earlier, on the interview screen.
    const interview = await browser.context.newPage();
    await interview.goto(sys.interview);
    await panelCheck(interview).getByRole("group", { name: /ethnic minority/ }).getByLabel("Yes").check();
    await panelCheck(interview).getByRole("group", { name: /trained/ }).getByLabel("Yes").check();
    await panelCheck(interview).getByRole("button", { name: "Record panel check" }).click();
    await expect.poll(() => panelCheck(interview).getByTestId("panel-recorded").count()).toBe(1);
    // Sent at once, from the interview screen (the outbox), not later with the counts.
    await expect.poll(() => panelCheck(interview).getByTestId("panel-sent").getAttribute("data-state")).toBe("delivered");
    await interview.close();

    const page = await browser.context.newPage();
    await page.goto(sys.report);
    await expect.poll(() => capture(page).getByTestId("outcome-payload").count(), { timeout: 10_000 }).toBe(1);
    expect(await countsShown(page)).toEqual({ white: ["3", "1"], bme: ["2", "1"], notStated: ["1", "0"] });
    const notes = await capture(page).getByTestId("outcome-notes").textContent();
    expect(notes).toContain("1 offer declined: left out");
    expect(notes).toContain(sys.notCounted);
    expect(await capture(page).getByTestId("outcome-panel").textContent()).toMatch(/policy met/);

    expect(await disabilityShown(page)).toEqual(sys.disability);
    expect(await capture(page).getByTestId("outcome-no-disability").count()).toBe(sys.disability ? 0 : 1);
    if (!sys.disability)
      expect(await capture(page).getByTestId("outcome-no-disability").textContent()).toBe("Disability is not shown on this report: WDES metric 2 will be 'not recorded' for this vacancy.");

    const payload = JSON.parse((await capture(page).getByTestId("outcome-payload").textContent())!);
    expect(Object.keys(payload).sort()).toEqual(["band", "closingDate", "counts", ...(sys.disability ? ["disabilityCounts"] : []), "staffGroup", "vacancyKey"]);
    expect(payload.disabilityCounts).toEqual(sys.disability ?? undefined);
    expect(payload).toMatchObject({
      closingDate: "2026-03-12",
      band: "8a",
      staffGroup: "clinical",
      counts: { white: { shortlisted: 3, appointed: 1 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 1, appointed: 0 } },
    });
    expect(payload.vacancyKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(payload)).not.toContain(sys.ref);

    await capture(page).getByRole("button", { name: "Confirm and send" }).click();
    await expect.poll(() => capture(page).getByTestId("outcome-status").getAttribute("data-state")).toBe("delivered");
    const record = await apiGet(worker, `/v1/outcomes/${payload.vacancyKey}`, org.submit);
    expect(record.status).toBe(200);
    // The API joined the panel check (sent from the interview screen) to the counts.
    expect(record.body).toMatchObject({ closingDate: "2026-03-12", band: "8a", staffGroup: "clinical", hasPanel: true });
    // As the trust's analysts read it back: disability counts as sent, or null (not recorded, never zero).
    const own = await apiGet(worker, `/v1/outcomes/${payload.vacancyKey}`, org.read);
    expect(own.status).toBe(200);
    expect(own.body.disabilityCounts).toEqual(sys.disability);
    expect(own.body.counts).toEqual(payload.counts);
    await page.close();
  });

  it("a disability answer the overlay does not know is counted as not declared and named, never guessed", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0602/reports/outcomes");
    await expect.poll(() => capture(page).getByTestId("outcome-payload").count(), { timeout: 10_000 }).toBe(1);
    // Hand-worked from the fixture: non-disabled 2 / 1, Disabled 1 / 0, not declared 1 / 0.
    expect(await disabilityShown(page)).toEqual({ disabled: { shortlisted: 1, appointed: 0 }, notDisabled: { shortlisted: 2, appointed: 1 }, notDeclared: { shortlisted: 1, appointed: 0 } });
    // The host re-renders one shortlisted applicant's answer in wording nobody listed.
    await page.evaluate(() => {
      const row = [...document.querySelectorAll("[data-test=outcome-row]")].find((r) => r.querySelector("[data-test=outcome-stage]")!.textContent === "Interviewed" && r.querySelector("[data-test=outcome-disability]")!.textContent === "Yes")!;
      row.querySelector("[data-test=outcome-disability]")!.textContent = "Sometimes";
    });
    await expect.poll(() => capture(page).getByTestId("outcome-disability-warning").textContent()).toBe('1 × disability "Sometimes" is not an answer we recognise: counted as not declared. Check the report before sending.');
    expect(await disabilityShown(page)).toEqual({ disabled: { shortlisted: 0, appointed: 0 }, notDisabled: { shortlisted: 2, appointed: 1 }, notDeclared: { shortlisted: 2, appointed: 0 } });
    await expect.poll(async () => JSON.parse((await capture(page).getByTestId("outcome-payload").textContent())!).disabilityCounts.notDeclared).toEqual({ shortlisted: 2, appointed: 0 });
    await page.close();
  });

  it("WDES metric 2 covers the one vacancy whose report showed disability; WRES covers all three", async () => {
    const wdes = await apiGet(worker, "/v1/indicators/wdes2?band=8a", org.read);
    expect(wdes.status).toBe(200);
    expect(wdes.body.overall.vacancies).toBe(1);
    expect(wdes.body.overall.vacanciesInPeriod).toBe(SYSTEMS.length);
    expect(wdes.body.overall.counts).toMatchObject({ disabled: { shortlisted: 2, appointed: 1 }, notDisabled: { shortlisted: 2, appointed: 1 } });
    // (1/2) / (1/2): parity, from the NHS Jobs vacancy's counts alone.
    expect(wdes.body.overall.relativeLikelihood).toBeCloseTo(1, 10);
    const wres = await apiGet(worker, "/v1/indicators/wres2?band=8a", org.read);
    expect(wres.body.overall.vacancies).toBe(SYSTEMS.length);
    expect(wres.body.overall.counts).toMatchObject({ white: { shortlisted: 9, appointed: 3 }, bme: { shortlisted: 6, appointed: 3 } });
  });

  it("API down while confirming: queued, explained, then 'Sync now' delivers it exactly once", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0999/reports/outcomes");
    await expect.poll(() => capture(page).getByTestId("outcome-payload").count(), { timeout: 10_000 }).toBe(1);
    expect(await countsShown(page)).toEqual({ white: ["6", "6"], bme: ["5", "5"], notStated: ["1", "0"] });
    // No panel check was recorded in this browser: the overlay says where it comes from instead.
    expect(await capture(page).getByTestId("outcome-panel").textContent()).toMatch(/sent from the chair's browser when it is recorded there; the API joins it/);
    expect(Object.keys(JSON.parse((await capture(page).getByTestId("outcome-payload").textContent())!))).not.toContain("panel");

    await worker.stop();
    await capture(page).getByRole("button", { name: "Confirm and send" }).click();
    const status = capture(page).getByTestId("outcome-status");
    await expect.poll(() => status.getAttribute("data-state")).toBe("queued");
    expect(await status.textContent()).toMatch(/Saved in this browser and queued, not sent yet\. Could not reach the API/);

    await worker.start();
    // The popup, opened for the report's tab, names the page and shows the queue.
    const finder = await openPopup(browser.context, browser.extensionId);
    const tabId = await finder.evaluate(async () => (await chrome.tabs.query({ url: "https://www.jobs.nhs.uk/*" }))[0]?.id);
    await finder.close();
    const popup = await openPopup(browser.context, browser.extensionId, `?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId("popup-page").textContent()).toBe("This page: NHS Jobs: outcome report.");
    await expect.poll(() => popup.getByTestId("queue-length").textContent()).toBe("1");
    await popup.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => popup.getByTestId("queue-length").textContent()).toBe("0");
    // The overlay on the report page follows the outbox.
    await expect.poll(() => status.getAttribute("data-state")).toBe("delivered");

    // Sent again by mistake: replaced, not double counted.
    await capture(page).getByRole("button", { name: /Send again/ }).click();
    await expect.poll(() => status.textContent()).toBe("Sent to your organisation's outcomes API.");

    const wres = await apiGet(worker, "/v1/indicators/wres2?band=3", org.read);
    expect(wres.status).toBe(200);
    expect(wres.body.overall.vacancies).toBe(1);
    expect(wres.body.overall.counts).toMatchObject({ white: { shortlisted: 6, appointed: 6 }, bme: { shortlisted: 5, appointed: 5 } });
    const orgInfo = await apiGet(worker, "/v1/org", org.submit);
    expect(orgInfo.body.data.vacancies).toBe(SYSTEMS.length + 1);
    await popup.close();
    await page.close();
  });
});

describe("outcome capture before trust IT has configured the extension", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  it("shows the counts but says what is missing, sends nothing, and the popup says the same", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0602/MonitoringReport");
    await expect.poll(() => capture(page).getByTestId("outcome-error").textContent()).toMatch(/organisation secret for vacancy keys is not set/);
    expect(await countsShown(page)).toEqual({ white: ["2", "1"], bme: ["2", "0"], notStated: ["0", "0"] });
    expect(await capture(page).getByTestId("outcome-payload").count()).toBe(0);
    expect(await capture(page).getByRole("button", { name: "Confirm and send" }).isDisabled()).toBe(true);
    const popup = await openPopup(browser.context, browser.extensionId);
    await expect.poll(() => popup.getByTestId("settings-problem").textContent()).toMatch(/the API URL, the organisation's submit token and the organisation secret for vacancy keys are not set/);
    expect(await popup.getByTestId("queue-length").textContent()).toBe("0");
    await popup.close();
    await page.close();
  });
});
