/**
 * One vacancy, many people, many browsers: separate persistent Chromium profiles (as separate
 * machines) against one real `wrangler dev` Worker.
 * - The chair records the panel check in one; HR captures the outcome in another; the API shows
 *   the vacancy with both its counts and its panel outcome.
 * - Two panellists score a candidate through panel sync: neither sees the other's scores before
 *   submitting; asking for colleagues' entries before submitting is refused by the Worker (through
 *   the extension, and directly as a tampered client would); after both submit, divergence shows in
 *   both; the Worker's database files hold no plaintext score, note or name.
 * - Importing your own score file, or another vacancy's, says so.
 *
 * Panel sync is switched on by trust IT through managed storage. Chromium reads policy only from
 * /etc, outside a test's reach, so the test stands in for the policy layer: it replaces
 * chrome.storage.managed.get in each profile's service worker with one answering the policy's
 * values (`simulatePolicy`). Everything else is the production build.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { vacancyKey } from "@fair-shortlist/shared/vacancyKey";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { startWorker, type RunningWorker } from "./support/worker";
import { apiGet, createOrg, type TestOrg } from "./support/api";
import { sendMessage, setOrgSettings } from "./support/extensionPages";
import { filesUnder, simulatePolicy } from "./support/policy";

const ORG_SECRET = "multi-browser-e2e-secret-0123456789";
const REF = "C9290-25-0601";
const SCHEDULE = `https://www.jobs.nhs.uk/employer/vacancies/${REF}/interviews`;
const REPORT = `https://www.jobs.nhs.uk/employer/vacancies/${REF}/reports/outcomes`;
const QUESTIONS = ["Tell us about a time you changed practice to prevent infection.", "How would you handle a ward manager who disputes your audit findings?"];
const PANELLISTS = {
  a: { name: "Quentin Arbuthnot", levels: [3, 1], notes: ["Zanzibar-audit: led a hand-hygiene audit across six wards.", "Would escalate via the matron, with the audit data."] },
  b: { name: "Beatrix Okonkwo", levels: [1, 1], notes: ["Xylophone-example: gave one general example without outcomes.", "Would discuss the findings with the manager first."] },
};

const overlay = (page: Page, feature: string) => page.locator(`fair-shortlist-overlay[data-feature="${feature}"]`);
const scoring = (page: Page) => overlay(page, "interview-scoring");

async function setUpQuestions(page: Page, name: string) {
  await page.goto(SCHEDULE);
  await expect.poll(() => scoring(page).getByTestId("question-setup").count(), { timeout: 15_000 }).toBe(1);
  await scoring(page).getByTestId("question-lines").fill(QUESTIONS.join("\n"));
  await scoring(page).getByRole("button", { name: "Save question set" }).click();
  await scoring(page).getByLabel(/Each panellist on their own device \(scores shared, encrypted/).click();
  await scoring(page).locator("input[data-fkey=me]").fill(name);
  await scoring(page).getByRole("button", { name: "Start scoring" }).click();
  await page.locator("a[data-test=candidate-link]").first().click();
  await expect.poll(() => scoring(page).getByTestId("scoring-form").count()).toBe(1);
}

async function scoreAndSubmit(page: Page, p: (typeof PANELLISTS)["a"]) {
  for (let i = 0; i < QUESTIONS.length; i++) {
    const q = scoring(page).locator(`fieldset[data-question="${i + 1}"]`);
    await q.getByRole("radio", { name: new RegExp(`^${p.levels[i]} `) }).check();
    await q.getByRole("textbox").fill(p.notes[i]!);
  }
  await scoring(page).getByRole("button", { name: "Submit my scores" }).click();
  await expect.poll(() => scoring(page).getByTestId("scores-submitted").count()).toBe(1);
}

describe("one vacancy, several browsers", () => {
  let worker: RunningWorker;
  let org: TestOrg;
  const browsers: ExtensionBrowser[] = [];
  let chair: ExtensionBrowser;
  let hr: ExtensionBrowser;
  let panellistB: ExtensionBrowser;
  let key: string;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Multi-browser NHS Trust", "RMB");
    key = await vacancyKey(REF, ORG_SECRET);
    for (let i = 0; i < 3; i++) {
      const b = await launchWithExtension(); // each its own profile directory: separate machines
      browsers.push(b);
      await routeFixtures(b.context);
      await setOrgSettings(b.context, b.extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
    }
    [chair, hr, panellistB] = browsers as [ExtensionBrowser, ExtensionBrowser, ExtensionBrowser];
  }, 120_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await worker?.dispose();
  });

  it("the chair records the panel check on one machine, HR captures the outcome on another: the API joins them", async () => {
    const page = await chair.context.newPage();
    await page.goto(SCHEDULE);
    const panel = overlay(page, "panel-composition-check");
    await panel.getByRole("group", { name: /ethnic minority/ }).getByLabel("No").check();
    await panel.getByRole("group", { name: /trained/ }).getByLabel("Yes").check();
    await panel.getByTestId("panel-reason").fill("No BME panel member was available this week; agreed with HR.");
    await panel.getByRole("button", { name: "Record and go ahead" }).click();
    await expect.poll(() => panel.getByTestId("panel-sent").getAttribute("data-state")).toBe("delivered");
    await page.close();

    const before = await apiGet(worker, `/v1/vacancies/${key}`, org.read);
    expect(before.body).toMatchObject({ outcome: null, panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] } });

    const report = await hr.context.newPage();
    await report.goto(REPORT);
    const capture = overlay(report, "outcome-capture");
    await expect.poll(() => capture.getByTestId("outcome-payload").count(), { timeout: 15_000 }).toBe(1);
    // HR's browser has no panel check: it says where it comes from, and sends only the counts.
    expect(await capture.getByTestId("outcome-panel").textContent()).toMatch(/sent from the chair's browser/);
    expect(Object.keys(JSON.parse((await capture.getByTestId("outcome-payload").textContent())!))).not.toContain("panel");
    await capture.getByRole("button", { name: "Confirm and send" }).click();
    await expect.poll(() => capture.getByTestId("outcome-status").getAttribute("data-state")).toBe("delivered");
    await report.close();

    const view = await apiGet(worker, `/v1/vacancies/${key}`, org.read);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      vacancyKey: key,
      outcome: { band: "8a", counts: { white: { shortlisted: 3, appointed: 1 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 1, appointed: 0 } } },
      panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] },
    });
    const compliance = await apiGet(worker, "/v1/panels/compliance", org.read);
    expect(compliance.body.notRecorded).toBe(0);
  });

  it("two panellists score through sync: hidden until each submits, refused early by the Worker, divergence in both, ciphertext only", async () => {
    await simulatePolicy(chair.context, { panelSync: true });
    await simulatePolicy(panellistB.context, { panelSync: true });
    const a = await chair.context.newPage();
    const b = await panellistB.context.newPage();
    await setUpQuestions(a, PANELLISTS.a.name);
    await setUpQuestions(b, PANELLISTS.b.name);

    await scoreAndSubmit(a, PANELLISTS.a);
    await expect.poll(() => scoring(a).getByTestId("sync-status").textContent()).toMatch(/Synced through your organisation's server: 0 colleagues' scores/);

    // B has not submitted: the form shows no colleague's score, and the Worker refuses to release A's entry,
    // whether asked through the extension or directly.
    expect(await scoring(b).getByTestId("scores-table").count()).toBe(0);
    expect(await scoring(b).textContent()).not.toContain(PANELLISTS.a.name);
    const early = await sendMessage(panellistB.context, panellistB.extensionId, "panelSyncRead", { reference: REF, channel: "interview", subject: "AR-250101" });
    expect(early).toMatchObject({ ok: false, notSubmitted: true });
    expect(early.error).toMatch(/Submit your own entry first.*1 colleague has submitted/);
    const itemKeys = (await (await fetch(`${worker.base}/v1/sync/${key}/${"0".repeat(64)}/read`, {
      method: "POST",
      headers: { authorization: `Bearer ${org.submit}`, "content-type": "application/json" },
      body: JSON.stringify({ assessorId: `as_${"1".repeat(32)}`, proof: "2".repeat(64) }),
    })).json()) as { error: { message: string } };
    expect(itemKeys.error.message).toMatch(/Submit your own entry first/);

    await scoreAndSubmit(b, PANELLISTS.b);
    // B now sees A's scores and the 2-level gap on question 1.
    await expect.poll(() => scoring(b).getByTestId("divergence").count()).toBe(1);
    const gap = (text: string | null) => {
      const line = (text ?? "").split("Question ").find((l) => l.startsWith("1:")) ?? "";
      return [line.includes(`${PANELLISTS.a.name} 3`), line.includes(`${PANELLISTS.b.name} 1`), line.includes("(2 levels apart)")];
    };
    expect(gap(await scoring(b).getByTestId("divergence").textContent())).toEqual([true, true, true]);
    // A asks for colleagues' scores: the same divergence.
    await scoring(a).getByTestId("sync-refresh").click();
    await expect.poll(() => scoring(a).getByTestId("divergence").count()).toBe(1);
    expect(gap(await scoring(a).getByTestId("divergence").textContent())).toEqual([true, true, true]);
    expect(await scoring(a).getByTestId("scores-table").textContent()).toContain(PANELLISTS.b.notes[0]);

    // The Worker's database (every file wrangler persisted, WAL included) holds ciphertext only.
    const files = filesUnder(worker.persistDir).filter((f) => !f.endsWith(".lock"));
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from("sync_entries"))).toBe(true);
    // The synced rows are in these files (two assessors' per-vacancy ids), so the search below searches them.
    expect(new Set(bytes.toString("latin1").match(/as_[0-9a-f]{32}/g)).size).toBeGreaterThanOrEqual(2);
    for (const plain of [PANELLISTS.a.name, PANELLISTS.b.name, "Zanzibar-audit", "Xylophone-example", "Quentin", "Okonkwo", QUESTIONS[0]!.slice(0, 20), "AR-250101", REF, "No BME panel member was available", '"level"', '"scores"', '"note"']) {
      expect(bytes.includes(Buffer.from(plain)), `database holds "${plain}"`).toBe(false);
      expect(bytes.includes(Buffer.from(plain, "utf16le")), `database holds "${plain}" (UTF-16)`).toBe(false);
    }
    await a.close();
    await b.close();
  });

  it("importing your own score file, or another vacancy's, says so; a colleague's says how many from whom", async () => {
    const b = await panellistB.context.newPage();
    await b.goto(`${SCHEDULE}/AR-250101`);
    await expect.poll(() => scoring(b).getByTestId("scores-submitted").count(), { timeout: 15_000 }).toBe(1);
    const [download] = await Promise.all([b.waitForEvent("download"), scoring(b).getByRole("button", { name: "Export my submitted scores" }).click()]);
    const own = Buffer.concat(await (await download.createReadStream())!.toArray());
    const file = JSON.parse(own.toString("utf8"));
    expect(file.panellist.id).toMatch(/^p-[0-9a-f]{12}$/);
    expect(download.suggestedFilename()).not.toMatch(/-me\.json$/);

    await scoring(b).getByTestId("import-scores").setInputFiles({ name: "mine.json", mimeType: "application/json", buffer: own });
    await expect.poll(() => scoring(b).getByTestId("scoring-error").textContent()).toBe("This file is your own scores export: nothing was imported.");
    const other = Buffer.from(JSON.stringify({ ...file, vacancyRef: "C9290-25-0999", panellist: { id: "p-0123456789ab", name: "DE" } }));
    await scoring(b).getByTestId("import-scores").setInputFiles({ name: "other.json", mimeType: "application/json", buffer: other });
    await expect.poll(() => scoring(b).getByTestId("scoring-error").textContent()).toBe(`This file is for another vacancy (C9290-25-0999), not ${REF}: nothing was imported.`);
    const colleague = Buffer.from(JSON.stringify({ ...file, panellist: { id: "p-0123456789ab", name: "DE" } }));
    await scoring(b).getByTestId("import-scores").setInputFiles({ name: "de.json", mimeType: "application/json", buffer: colleague });
    await expect.poll(() => scoring(b).getByTestId("scoring-message").textContent()).toBe("Imported 2 scores from DE (1 candidate).");
    await b.close();
  });
});
