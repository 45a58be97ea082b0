/**
 * Scoring from the applicants list on a list-only in-house system (tests/fixtures/inhouse-list):
 * no page per applicant; the person specification, names, statements, tags and decisions are on
 * one page, and the host redraws every row after each decision. The trust imports its profile
 * (tests/fixtures/inhouse-list/profile.json) and scores every applicant from the list, applicant
 * by applicant and criterion by criterion; the three decision checks fire on the list's own
 * decision controls; a reload keeps scores, decisions and reasons.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { extensionCopyWithHosts } from "./support/extensionCopy";
import { routeFixtures } from "./support/fixtures";
import { axeOverlays, clearExtensionStorage, readExtensionStorage, waitForTrace } from "./support/overlay";

const HOST = "https://hr.example-health.nhs.uk";
const LIST = `${HOST}/posts/EHH-2211/applicants`;
const profileJson = readFileSync(path.join(repoRoot, "tests/fixtures/inhouse-list/profile.json"), "utf8");
const IDS = ["EH7001", "EH7002", "EH7003", "EH7004", "EH7005"];
/** Levels per applicant, criteria in page order (E1, E2, D1), on the default 0-3 scale. */
const PLAN: Record<string, [number, number, number]> = {
  EH7001: [2, 2, 1], // meets the essentials: rejected -> rejectedButMeetsEssentials
  EH7002: [0, 2, 2], // misses E1: shortlisted -> shortlistedButMissesEssential
  EH7003: [2, 2, 0], // guaranteed interview, meets the essentials: rejected -> guaranteedInterviewNotShortlisted
  EH7004: [3, 3, 3],
  EH7005: [1, 2, 2],
};

async function setLevel(field: Locator, level: number) {
  await field.locator(`[data-testid=fs-level-${level}]`).check();
  if (level === 0 || level === 3) await field.locator("[data-testid=fs-note]").fill(`Evidence for level ${level} quoted from the statement.`);
}

async function decide(page: Page, id: string, value: "Shortlist" | "Reject") {
  await page.locator(`tr[data-ref=${id}] select.decision`).selectOption(value);
  // The host saves and redraws every row.
  await expect.poll(() => page.locator("#saved").textContent()).toBe(`Decision saved for ${id}`);
}

describe("scoring on a list-only system", () => {
  let browser: ExtensionBrowser;
  let copy: ReturnType<typeof extensionCopyWithHosts>;
  let page: Page;
  beforeAll(async () => {
    copy = extensionCopyWithHosts([`${HOST}/*`]);
    browser = await launchWithExtension({ extensionDir: copy.dir });
    await routeFixtures(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    copy?.dispose();
  });
  beforeEach(async () => {
    await page?.close().catch(() => undefined);
    await clearExtensionStorage(browser.context, browser.extensionId);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.evaluate(() => chrome.scripting.getRegisteredContentScripts().then(async (s) => { if (s.length) await chrome.scripting.unregisterContentScripts(); }));
    await options.fill("[data-testid=profile-json]", profileJson);
    await options.click("[data-testid=import-profile]");
    await expect.poll(() => options.locator("[data-testid=profile-message]").textContent()).toMatch(/It is active/);
    await options.close();
    page = await browser.context.newPage();
    await page.goto(LIST);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitForTrace(page, "ready structured-shortlisting");
    await page.locator("[data-testid=fs-list-scoring]").waitFor();
  });

  it("scores every applicant applicant by applicant from the list; the three decision checks fire; a reload keeps everything", async () => {
    const panel = page.locator("[data-testid=fs-list-scoring]");
    // The person specification on the list is enough: 3 criteria, opened without a click.
    await expect.poll(() => panel.locator("[data-testid=fs-list-criterion]").count()).toBe(3);
    expect(await page.locator("td.name").first().evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    for (const [i, id] of IDS.entries()) {
      await expect.poll(() => panel.locator("[data-testid=fs-step-heading]").textContent()).toContain(`Applicant ${id}`);
      const fields = panel.locator("[data-testid=fs-list-criterion]");
      for (let c = 0; c < 3; c++) await setLevel(fields.nth(c), PLAN[id]![c]!);
      if (i < IDS.length - 1) await panel.locator("[data-testid=fs-step-next]").click();
    }
    await expect.poll(() => panel.locator("[data-testid=fs-list-progress]").textContent()).toBe("You have scored 5 of 5 applicants on every criterion");
    await expect.poll(() => page.locator("[data-testid=fs-row-badge]").allTextContents()).toEqual(IDS.map((id) => `Scores: all, total ${PLAN[id]!.reduce((a, b) => a + b, 0)}`));
    // The grid: essential and desirable totals apart.
    await panel.locator("[data-testid=fs-grid-details] summary").click();
    const row4 = panel.locator("[data-testid=fs-grid] tr[data-applicant-id=EH7004]");
    expect(await row4.locator("[data-testid=fs-grid-essential]").textContent()).toBe("6");
    expect(await row4.locator("[data-testid=fs-grid-desirable]").textContent()).toBe("3");

    // Decisions on the host's own controls; the host redraws its rows after each.
    await decide(page, "EH7001", "Reject");
    await decide(page, "EH7002", "Shortlist");
    await decide(page, "EH7003", "Reject");
    const checks = async () => Object.fromEntries(await Promise.all(IDS.map(async (id) => [
      id, await page.locator(`tr[data-ref=${id}] [data-testid=fs-consistency]`).evaluateAll((els) => els.map((e) => e.getAttribute("data-code"))),
    ])));
    await expect.poll(checks).toEqual({
      EH7001: ["rejectedButMeetsEssentials"], EH7002: ["shortlistedButMissesEssential"], EH7003: ["guaranteedInterviewNotShortlisted"], EH7004: [], EH7005: [],
    });
    const warning = page.locator("tr[data-ref=EH7001] [data-testid=fs-consistency]");
    await warning.locator("[data-testid=fs-reason]").fill("Desirable criterion used: two others scored higher on it.");
    await warning.locator("[data-testid=fs-save-reason]").click();
    await expect.poll(() => page.locator("tr[data-ref=EH7001] [data-testid=fs-reason-recorded]").textContent()).toContain("two others scored higher");
    // Badges sit beside the host's tag, not inside it.
    const inside = await page.locator("tr.applicant .tags .tag fair-shortlist-overlay").count();
    expect(inside).toBe(0);
    expect(await page.locator("tr.applicant .tags > fair-shortlist-overlay").count()).toBe(5);

    await page.reload();
    await page.locator("[data-testid=fs-list-scoring]").waitFor();
    await expect.poll(checks).toEqual({
      EH7001: ["rejectedButMeetsEssentials"], EH7002: ["shortlistedButMissesEssential"], EH7003: ["guaranteedInterviewNotShortlisted"], EH7004: [], EH7005: [],
    });
    expect(await page.locator("tr[data-ref=EH7001] [data-testid=fs-reason-recorded]").textContent()).toContain("two others scored higher");
    await expect.poll(() => page.locator("[data-testid=fs-list-progress]").textContent()).toBe("You have scored 5 of 5 applicants on every criterion");
    const stored = await readExtensionStorage(browser.context, browser.extensionId);
    for (const id of IDS) {
      const rec = stored[`scores/example-health-hiring/EHH-2211/${id}`] as { scores: Record<string, { level: number }> };
      expect(Object.values(rec.scores).map((s) => s.level).sort()).toEqual([...PLAN[id]!].sort());
    }
    // The record for the file: decision, scores with totals apart, the reason for the overridden warning, sign-off.
    await page.locator("[data-testid=fs-summary-toggle]").click();
    const [rec] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=fs-download-record]")]);
    const html = await (await rec.createReadStream())!.toArray().then((b) => Buffer.concat(b).toString("utf8"));
    const section = (id: string) => html.slice(html.indexOf(`data-section="applicant-${id}"`), html.indexOf("</section>", html.indexOf(`data-section="applicant-${id}"`)));
    expect(section("EH7001")).toMatch(/Decision: Not shortlisted \(as shown by Example Health Hiring, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(section("EH7001")).toContain("Reason given (");
    expect(section("EH7001")).toContain("two others scored higher on it.");
    expect(section("EH7001")).toMatch(/<th scope="col">Essential total<\/th><th scope="col">Desirable total<\/th>/);
    expect(section("EH7001")).toMatch(/<td>sh-[0-9a-f]{12}<\/td><td>2<\/td><td>2<\/td><td>1<\/td><td>4<\/td><td>1<\/td>/);
    expect(section("EH7002")).toContain("No reason was recorded for going ahead.");
    expect(section("EH7003")).toMatch(/Rule broken: This applicant applied under the Disability Confident/);
    expect(section("EH7004")).toContain("Decision: Not decided (as shown by Example Health Hiring");
    expect(html).toMatch(/Shortlisting agreed by \(recruiting manager\): name _+/);

    const violations = await axeOverlays(page);
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  it("scores criterion by criterion, applicants by reference only, in an order shuffled per assessor and criterion", async () => {
    const panel = page.locator("[data-testid=fs-list-scoring]");
    await panel.locator("[data-testid=fs-mode-criterion]").check();
    // The recruiting manager writes the review guide for the first criterion from the template.
    const editor = panel.locator("[data-testid=fs-guide-editor]");
    await editor.locator("summary").click();
    await editor.locator("[data-testid=fs-guide-template]").click();
    await editor.locator("[data-testid=fs-guide-strong]").fill("Two or more examples of records audited or corrected, with what changed.");
    await editor.locator("[data-testid=fs-guide-save]").click();
    const guide = panel.locator("[data-testid=fs-criterion-step] [data-testid=fs-guide]");
    await expect.poll(() => guide.locator("dt").allTextContents()).toEqual(["Poor evidence (score 0)", "Partial evidence (score 1)", "Good evidence (score 2)", "Strong evidence (score 3)"]);
    expect(await guide.locator("dd[data-band=strong]").textContent()).toBe("Two or more examples of records audited or corrected, with what changed.");
    expect(await guide.locator("dd[data-band=good]").textContent()).toBe("A specific, recent example of experience of keeping accurate records: what they did themselves and what came of it.");
    const orders: string[][] = [];
    for (let c = 0; c < 3; c++) {
      const step = panel.locator("[data-testid=fs-criterion-step]");
      await expect.poll(() => step.locator("[data-testid=fs-step-heading]").textContent()).toContain(`Criterion ${c + 1} of 3`);
      const fields = step.locator("[data-testid=fs-list-criterion]");
      const order = await fields.evaluateAll((els) => els.map((e) => e.getAttribute("data-applicant-id")!));
      expect([...order].sort()).toEqual(IDS);
      orders.push(order);
      for (const [i, id] of order.entries()) await setLevel(fields.nth(i), PLAN[id]![c]!);
      if (c < 2) await panel.locator("[data-testid=fs-step-next]").click();
    }
    // Not the list's order every time, and not the same order for every criterion.
    expect(orders.some((o) => o.join() !== IDS.join())).toBe(true);
    expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(1);
    // By reference only: no applicant's name is in the panel.
    const names = await page.locator("td.name").allTextContents();
    const panelText = (await panel.textContent()) ?? "";
    expect(panelText).toContain("Applicant EH7");
    for (const n of names) expect(panelText).not.toContain(n);
    await expect.poll(() => page.locator("[data-testid=fs-row-badge]").allTextContents()).toEqual(IDS.map((id) => `Scores: all, total ${PLAN[id]!.reduce((a, b) => a + b, 0)}`));

    // The choice of mode and the order survive a reload; another assessor gets another order.
    await page.reload();
    const first = page.locator("[data-testid=fs-criterion-step] [data-testid=fs-list-criterion]");
    await expect.poll(() => first.count(), { timeout: 15_000 }).toBe(5);
    expect(await first.evaluateAll((els) => els.map((e) => e.getAttribute("data-applicant-id")))).toEqual(orders[0]);
    expect(await first.nth(0).locator(`[data-testid=fs-level-${PLAN[orders[0]![0]!]![0]}]`).isChecked()).toBe(true);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const otherOrders = await options.evaluate(async () => {
      await chrome.storage.local.set({ "scoring.assessorUid": "sh-0123456789ab" });
    });
    void otherOrders;
    await options.close();
    await page.reload();
    await expect.poll(() => first.count(), { timeout: 15_000 }).toBe(5);
    const theirs: string[][] = [];
    for (let c = 0; c < 3; c++) {
      theirs.push(await page.locator("[data-testid=fs-criterion-step] [data-testid=fs-list-criterion]").evaluateAll((els) => els.map((e) => e.getAttribute("data-applicant-id")!)));
      if (c < 2) await page.locator("[data-testid=fs-step-next]").click();
    }
    expect(theirs.map((o) => o.join())).not.toEqual(orders.map((o) => o.join()));

    // Back to applicant by applicant: the same scores, shown per applicant, the guide beside its criterion.
    await page.locator("[data-testid=fs-mode-applicant]").check();
    const perApplicant = page.locator("[data-testid=fs-applicant-step] [data-testid=fs-list-criterion]");
    await expect.poll(() => perApplicant.count()).toBe(3);
    expect(await perApplicant.nth(0).locator("[data-testid=fs-guide] dd[data-band=strong]").textContent()).toContain("Two or more examples");
    expect(await perApplicant.nth(1).locator("[data-testid=fs-guide]").count()).toBe(0);
  });
});
