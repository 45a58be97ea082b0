/**
 * The outbox against a real `wrangler dev` Worker: an outcome queued while the API is down is
 * delivered exactly once when it comes back ("Sync now"), and one queued before the browser
 * closes is delivered when the browser starts again. Driven through the background's messages
 * (the outcome-capture overlay's own e2e test drives the same path from a host page).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { startWorker, type RunningWorker } from "./support/worker";
import { apiGet, createOrg, type TestOrg } from "./support/api";
import { openPopup, readStorage, sendMessage, setOrgSettings } from "./support/extensionPages";

const ORG_SECRET = "e2e-org-secret-0123456789abcdef";

function draft(reference: string) {
  return {
    reference,
    closingDate: "2025-01-31",
    band: "3",
    staffGroup: "clinical",
    counts: { white: { shortlisted: 12, appointed: 6 }, bme: { shortlisted: 10, appointed: 5 }, notStated: { shortlisted: 1, appointed: 0 } },
    panel: { ruleApplies: false, ruleMet: true, failedRules: [] },
  };
}

describe("outcome outbox against a real Worker", () => {
  let worker: RunningWorker;
  let org: TestOrg;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Outbox Test NHS Trust", "ROX");
    browser = await launchWithExtension();
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  it("API down, then up: the outcome waits, the popup says why, 'Sync now' delivers it exactly once", async () => {
    const { context, extensionId } = browser!;
    await worker.stop();
    const queued = await sendMessage(context, extensionId, "queueOutcome", draft("HCA-2025-001"));
    expect(queued).toMatchObject({ ok: true, delivered: false });
    expect(queued.message).toMatch(/queued.*Could not reach the API/);
    expect(queued.payload.vacancyKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(queued.payload)).not.toContain("HCA-2025-001");

    const popup = await openPopup(context, extensionId);
    await expect.poll(() => popup.getByTestId("queue-length").textContent()).toBe("1");
    expect(await popup.getByTestId("last-error").textContent()).toMatch(/Could not reach the API at http:\/\/127\.0\.0\.1:\d+/);
    expect(await popup.getByTestId("last-sync").textContent()).toBe("never");

    await worker.start();
    const clickedAt = Date.now();
    await popup.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => popup.getByTestId("sync-message").textContent(), { interval: 10 }).toBe("Sent 1 outcome.");
    console.log(`outbox: 'Sync now' to delivered: ${Date.now() - clickedAt} ms`);
    await expect.poll(() => popup.getByTestId("queue-length").textContent()).toBe("0");
    expect(await popup.getByTestId("last-error").count()).toBe(0);
    expect(await popup.getByTestId("last-sync").textContent()).not.toBe("never");

    // The user captures the same vacancy again: the API replaces, never double counts.
    const again = await sendMessage(context, extensionId, "queueOutcome", draft("hca-2025-001 "));
    expect(again).toMatchObject({ ok: true, delivered: true });
    expect(again.payload.vacancyKey).toBe(queued.payload.vacancyKey);

    const orgInfo = await apiGet(worker, "/v1/org", org.submit);
    expect(orgInfo.body.data.vacancies).toBe(1);
    const wres = await apiGet(worker, "/v1/indicators/wres2", org.read);
    expect(wres.status).toBe(200);
    expect(wres.body.overall.vacancies).toBe(1);
    expect(wres.body.overall.counts).toMatchObject({ white: { shortlisted: 12, appointed: 6 }, bme: { shortlisted: 10, appointed: 5 } });
    await popup.close();
  });

  it("queued while the API URL and token are not set yet: sent as soon as they are saved", async () => {
    const { context, extensionId } = browser!;
    await setOrgSettings(context, extensionId, { orgSecret: ORG_SECRET });
    const queued = await sendMessage(context, extensionId, "queueOutcome", draft("HCA-2025-003"));
    expect(queued).toMatchObject({ ok: true, delivered: false });
    expect(queued.message).toMatch(/the API URL and the organisation's submit token are not set/);
    await setOrgSettings(context, extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
    await expect.poll(async () => (await apiGet(worker, `/v1/outcomes/${queued.payload.vacancyKey}`, org.submit)).status).toBe(200);
  });

  it("a submission queued when the browser closes is delivered after a restart", async () => {
    await worker.stop();
    const queued = await sendMessage(browser!.context, browser!.extensionId, "queueOutcome", draft("HCA-2025-002"));
    expect(queued).toMatchObject({ ok: true, delivered: false });
    const stored = await readStorage(browser!.context, browser!.extensionId, "outbox");
    expect(Object.keys(stored.items)).toEqual([queued.payload.vacancyKey]);

    const userDataDir = browser!.userDataDir;
    await browser!.close({ keepProfile: true });
    browser = undefined;
    await worker.start();

    const relaunchedAt = Date.now();
    browser = await launchWithExtension({ userDataDir });
    // No page, no click: the service worker resumes the outbox when the browser starts.
    await expect
      .poll(async () => (await apiGet(worker, "/v1/org", org.submit)).body.data.vacancies, { timeout: 30_000, interval: 100 })
      .toBe(3);
    console.log(`outbox: queued outcome in the API ${Date.now() - relaunchedAt} ms after the browser was relaunched (launch included)`);
    const status = await sendMessage(browser.context, browser.extensionId, "getSyncStatus", {});
    // Four deliveries from this browser: the first vacancy twice (a re-capture), two others once.
    expect(status.status).toMatchObject({ queueLength: 0, delivered: 4 });
    const record = await apiGet(worker, `/v1/outcomes/${queued.payload.vacancyKey}`, org.submit);
    expect(record.status).toBe(200);
  });
});
