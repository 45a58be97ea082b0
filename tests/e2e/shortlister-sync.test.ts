/**
 * Shortlister sync, two shortlisters on two machines (separate Chromium profiles) against one real
 * `wrangler dev` Worker, with trust IT's panel-sync policy on: each shares fully scored applicants
 * encrypted; a shortlister sees a colleague's scores for an applicant only after sharing their own
 * for that applicant; differences show in both summaries; a change after sharing goes up as a
 * visible revision; the Worker's database holds no score, note or applicant reference in the clear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { startWorker, type RunningWorker } from "./support/worker";
import { createOrg, type TestOrg } from "./support/api";
import { setOrgSettings } from "./support/extensionPages";
import { filesUnder, simulatePolicy } from "./support/policy";
import { scoreAll } from "./support/shortlisting";

const ORG_SECRET = "shortlister-sync-e2e-secret-0123456789";
const BASE = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512";

async function score(page: Page, applicant: string, level: number, marker: string) {
  await page.goto(`${BASE}/applications/${applicant}`);
  await scoreAll(page, level, (i) => `${marker} evidence ${i + 1} for ${applicant}.`);
}

async function share(page: Page): Promise<string> {
  await page.goto(`${BASE}/shortlisting`);
  await page.locator("[data-testid=fs-summary-toggle]").click();
  const before = await page.locator("[data-testid=fs-sync-status]").textContent();
  await page.locator("[data-testid=fs-sync-share]").click();
  await expect.poll(() => page.locator("[data-testid=fs-sync-status]").textContent(), { timeout: 20_000 }).not.toBe(before);
  await expect.poll(() => page.locator("[data-testid=fs-sync-share]").textContent()).not.toBe("Syncing...");
  return (await page.locator("[data-testid=fs-sync-status]").textContent())!;
}

describe("shortlister sync through the organisation's Worker", () => {
  let worker: RunningWorker;
  let org: TestOrg;
  let a: ExtensionBrowser;
  let b: ExtensionBrowser;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Shortlister Sync NHS Trust", "RSS");
    [a, b] = await Promise.all([launchWithExtension(), launchWithExtension()]);
    for (const x of [a, b]) {
      await routeFixtures(x.context);
      await setOrgSettings(x.context, x.extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
      await simulatePolicy(x.context, { panelSync: true });
    }
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await worker?.dispose();
  });

  it("colleagues' scores arrive only for applicants you shared; differences show in both; revisions are visible; the server holds ciphertext", async () => {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await score(pa, "AR-240002", 3, "Quokka");
    await score(pa, "AR-240003", 3, "Quokka");
    await score(pb, "AR-240002", 1, "Wombat");
    await score(pb, "AR-240004", 2, "Wombat");

    // B shares first: nothing to receive yet.
    expect(await share(pb)).toBe("Synced through your organisation's server (encrypted): shared 2 applicants' scores; no colleague has shared scores for the applicants you shared yet.");
    // A shares: receives B's scores for AR-240002 (both shared it), not AR-240004 (A did not score it).
    expect(await share(pa)).toBe("Synced through your organisation's server (encrypted): shared 2 applicants' scores; received scores from 1 colleague.");
    const outliersA = pa.locator("[data-testid=fs-outliers]");
    await expect.poll(() => outliersA.textContent()).toMatch(/over 6 shared scores/);
    expect(await outliersA.textContent()).toMatch(/6 scores differ by 2 or more levels between shortlisters/);
    expect(await outliersA.textContent()).toMatch(/harsher \(outlier\), -1\.00 levels/);
    // B fetches again: A's AR-240002, never A's AR-240003 (B has not shared a score for it).
    expect(await share(pb)).toBe("Synced through your organisation's server (encrypted): nothing new to share; received scores from 1 colleague.");
    const csvB = await Promise.all([pb.waitForEvent("download"), pb.click("[data-testid=fs-download-csv]")]).then(async ([d]) => Buffer.concat(await (await d.createReadStream())!.toArray()).toString("utf8"));
    expect(csvB).toContain("Quokka evidence 1 for AR-240002.");
    expect(csvB).not.toContain("Quokka evidence 1 for AR-240003.");
    expect(await pb.locator("[data-testid=fs-outliers]").textContent()).toMatch(/more generous \(outlier\), \+1\.00 levels/);

    // A changes a score after seeing B's: it goes up as revision 2, which the summary says.
    await pa.goto(`${BASE}/applications/AR-240002`);
    const first = pa.locator("[data-testid=fs-criterion]").first();
    await first.locator("[data-testid=fs-level-2]").check();
    await first.locator("[data-testid=fs-note]").blur();
    expect(await share(pa)).toMatch(/sent 1 revision \(colleagues see that you changed scores after sharing\); received scores from 1 colleague\.$/);

    // The Worker's database files: ciphertext only.
    const bytes = Buffer.concat(filesUnder(worker.persistDir).filter((f) => !f.endsWith(".lock")).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from("sync_entries"))).toBe(true);
    for (const plain of ["Quokka", "Wombat", "AR-240002", "AR-240003", "C9290-24-0512", '"level"', '"note"']) {
      expect(bytes.includes(Buffer.from(plain)), `database holds "${plain}"`).toBe(false);
      expect(bytes.includes(Buffer.from(plain, "utf16le")), `database holds "${plain}" (UTF-16)`).toBe(false);
    }
    await pa.close();
    await pb.close();
  });
});
