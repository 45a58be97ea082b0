/**
 * The vacancy's review guide shared the way scores are (NHS Jobs fixture).
 *
 * Through sync: the recruiting manager and a shortlister on two machines (separate Chromium
 * profiles) against one real `wrangler dev` Worker, trust IT's panel-sync policy on. The manager
 * writes the guide on the list; the shortlister, who has shared no scores, sees it beside each
 * criterion while scoring an application; the manager's later revision replaces it visibly; the
 * Worker's database holds none of the guide's text.
 *
 * Through files: a colleague's exported file carries the guide; importing it adopts it when this
 * browser has none and says so, and offers a keyboard choice when this browser's guide differs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { startWorker, type RunningWorker } from "./support/worker";
import { createOrg, type TestOrg } from "./support/api";
import { openPopup, sendMessage, setOrgSettings } from "./support/extensionPages";
import { filesUnder, simulatePolicy } from "./support/policy";
import { axeOverlays, clearExtensionStorage } from "./support/overlay";
import { scoreAll } from "./support/shortlisting";

const ORG_SECRET = "review-guide-e2e-secret-0123456789";
const BASE = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512";
const STRONG_1 = "Quoll: two or more audits of records, each with what changed afterwards.";
const STRONG_2 = "Quoll: audits across two services, and a change they led to the way records are kept.";

async function setInitials(b: ExtensionBrowser, initials: string) {
  const p = await openPopup(b.context, b.extensionId);
  await p.evaluate((v) => chrome.storage.local.set({ "scoring.assessorId": v }), initials);
  await p.close();
}

/** The manager's list panel, criterion by criterion, on the first criterion. */
async function openGuideEditor(page: Page) {
  await page.goto(`${BASE}/shortlisting`);
  const panel = page.locator("[data-testid=fs-list-scoring]");
  await panel.waitFor();
  if ((await panel.locator("[data-testid=fs-list-scoring-toggle]").getAttribute("aria-expanded")) !== "true") await panel.locator("[data-testid=fs-list-scoring-toggle]").click();
  await panel.locator("[data-testid=fs-mode-criterion]").check();
  const editor = panel.locator("[data-testid=fs-criterion-step] [data-testid=fs-guide-editor]");
  if ((await editor.getAttribute("open")) === null) await editor.locator("summary").click();
  return { panel, editor };
}

describe("the review guide through sync, two machines", () => {
  let worker: RunningWorker;
  let org: TestOrg;
  let manager: ExtensionBrowser;
  let shortlister: ExtensionBrowser;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Review Guide NHS Trust", "RRG");
    [manager, shortlister] = await Promise.all([launchWithExtension(), launchWithExtension()]);
    for (const x of [manager, shortlister]) {
      await routeFixtures(x.context);
      await setOrgSettings(x.context, x.extensionId, { apiUrl: worker.base, submitToken: org.submit, orgSecret: ORG_SECRET });
      await simulatePolicy(x.context, { panelSync: true });
    }
    await setInitials(manager, "AB");
  }, 120_000);
  afterAll(async () => {
    await manager?.close();
    await shortlister?.close();
    await worker?.dispose();
  });

  it("the manager's guide is shown to a colleague while scoring, before they submit; a revision replaces it visibly; the server holds ciphertext", async () => {
    const pm = await manager.context.newPage();
    const ps = await shortlister.context.newPage();
    // The manager's browser learns the person specification from an application, then writes the guide on the list.
    await pm.goto(`${BASE}/applications/AR-240001`);
    await expect.poll(() => pm.locator("[data-testid=fs-criterion]").count()).toBe(6);
    const firstCriterion = (await pm.locator("[data-testid=fs-criterion] legend").first().textContent())!.replace(/^Essential\s*1\.\s*/, "").trim();
    const { panel, editor } = await openGuideEditor(pm);
    await editor.locator("[data-testid=fs-guide-template]").click();
    await editor.locator("[data-testid=fs-guide-strong]").fill(STRONG_1);
    await editor.locator("[data-testid=fs-guide-save]").click();
    await expect.poll(() => editor.locator("[data-testid=fs-guide-status]").textContent(), { timeout: 20_000 }).toBe("Review guide saved and shared with colleagues as revision 1.");
    expect(await panel.locator("[data-testid=fs-guide-sync]").textContent()).toMatch(/^Your review guide is shared with colleagues \(revision 1, updated \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/);
    // The panel was redrawn with the guide above the editor: the editor is still open and focus is still on Save.
    expect(await editor.getAttribute("open")).not.toBeNull();
    expect(await panel.evaluate((el) => ((el.getRootNode() as ShadowRoot).activeElement as HTMLElement | null)?.dataset.testid)).toBe("fs-guide-save");

    // The manager also scores AR-240002 and shares those scores.
    await pm.goto(`${BASE}/applications/AR-240002`);
    await scoreAll(pm, 3, (i) => `Quoll evidence ${i + 1}.`);
    await pm.goto(`${BASE}/shortlisting`);
    await pm.locator("[data-testid=fs-summary-toggle]").click();
    await pm.locator("[data-testid=fs-sync-share]").click();
    await expect.poll(() => pm.locator("[data-testid=fs-sync-status]").textContent(), { timeout: 20_000 }).toMatch(/shared 1 applicant's scores/);

    // The shortlister has shared nothing and scored nothing: the guide is beside the first criterion as they score.
    await ps.goto(`${BASE}/applications/AR-240002`);
    const sync = ps.locator("[data-testid=fs-guide-sync]");
    await expect.poll(() => sync.textContent(), { timeout: 20_000 }).toMatch(/^Review guide for 1 criterion from AB, shared through your organisation \(revision 1, updated \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/);
    const guide = ps.locator("[data-testid=fs-criterion]").first().locator("[data-testid=fs-guide]");
    await expect.poll(() => guide.locator("dd[data-band=strong]").textContent()).toBe(STRONG_1);
    expect(await guide.locator("dt").allTextContents()).toEqual(["Poor evidence (score 0)", "Partial evidence (score 1)", "Good evidence (score 2)", "Strong evidence (score 3)"]);
    expect(await ps.locator("[data-testid=fs-criterion]").nth(1).locator("[data-testid=fs-guide]").count()).toBe(0);
    // Reading the guide submitted nothing: asking for colleagues' score entries for this applicant is still refused by the Worker.
    const early = await sendMessage(shortlister.context, shortlister.extensionId, "panelSyncRead", { reference: "C9290-24-0512", channel: "shortlisting", subject: "AR-240002" });
    expect(early).toMatchObject({ ok: false, notSubmitted: true });
    expect((early as { error: string }).error).toMatch(/Submit your own entry first.*1 colleague has submitted/);
    await scoreAll(ps, 2, (i) => `Wombat evidence ${i + 1}.`);

    // The manager changes the strong band: revision 2 replaces revision 1, and the shortlister is told what changed.
    const again = await openGuideEditor(pm);
    await again.editor.locator("[data-testid=fs-guide-strong]").fill(STRONG_2);
    await again.editor.locator("[data-testid=fs-guide-save]").click();
    await expect.poll(() => again.editor.locator("[data-testid=fs-guide-status]").textContent(), { timeout: 20_000 }).toBe("Review guide saved and shared with colleagues as revision 2.");
    await ps.goto(`${BASE}/applications/AR-240003`);
    await expect.poll(() => sync.textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^AB updated the review guide: revision 2 replaces revision 1 \\(updated [^)]+\\)\\. Changed: 1\\. ${firstCriterion.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await expect.poll(() => ps.locator("[data-testid=fs-criterion]").first().locator("[data-testid=fs-guide] dd[data-band=strong]").textContent()).toBe(STRONG_2);
    // Seen once, then simply named.
    await ps.reload();
    await expect.poll(() => sync.textContent(), { timeout: 20_000 }).toMatch(/^Review guide from AB, shared through your organisation \(revision 2, /);

    // The shortlister's own edit is theirs alone: it cannot replace the manager's guide, and what differs is shown to choose from.
    const own = await openGuideEditor(ps);
    await own.editor.locator("[data-testid=fs-guide-strong]").fill("Wombat's own bar for strong evidence.");
    await own.editor.locator("[data-testid=fs-guide-save]").click();
    await expect.poll(() => own.panel.locator("[data-testid=fs-guide-sync]").textContent(), { timeout: 20_000 }).toBe("The review guide AB shared for this vacancy differs from yours: nothing has changed yet.");
    expect(await own.editor.locator("[data-testid=fs-guide-status]").textContent()).toMatch(/^Review guide saved in this browser\. It was not shared: a colleague published this vacancy's guide/);
    const choice = own.panel.locator("[data-testid=fs-guide-choice]");
    await choice.waitFor();
    expect(await choice.locator("dd[data-side=ours]").allTextContents()).toEqual(["Yours: Wombat's own bar for strong evidence."]);
    expect(await choice.locator("dd[data-side=theirs]").allTextContents()).toEqual([`AB's: ${STRONG_2}`]);
    expect((await axeOverlays(ps)).filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await choice.locator("[data-testid=fs-guide-take]").focus();
    await ps.keyboard.press("Enter");
    await expect.poll(() => own.panel.locator("[data-testid=fs-guide-sync]").textContent()).toBe("Now using the review guide AB shared (revision 2).");
    // Focus stays on what was said, through the redraw that shows AB's guide again.
    await expect.poll(() => own.panel.evaluate((el) => ((el.getRootNode() as ShadowRoot).activeElement as HTMLElement | null)?.dataset.testid)).toBe("fs-guide-sync");
    await expect.poll(() => own.panel.locator("[data-testid=fs-criterion-step] [data-testid=fs-guide] dd[data-band=strong]").textContent()).toBe(STRONG_2);

    // The Worker's database files: the guide's words, the criterion and the initials appear nowhere.
    const bytes = Buffer.concat(filesUnder(worker.persistDir).filter((f) => !f.endsWith(".lock")).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from("sync_guides"))).toBe(true);
    for (const plain of ["Quoll", "Wombat", "audits", firstCriterion.slice(0, 24), "review-guide@1", '"strong"', "C9290-24-0512"]) {
      expect(bytes.includes(Buffer.from(plain)), `database holds "${plain}"`).toBe(false);
      expect(bytes.includes(Buffer.from(plain, "utf16le")), `database holds "${plain}" (UTF-16)`).toBe(false);
    }
    await pm.close();
    await ps.close();
  });
});

describe("the review guide in a colleague's score file", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    await clearExtensionStorage(browser.context, browser.extensionId);
  });
  afterAll(async () => browser?.close());

  it("is adopted when there is none here and said so; a different one is compared and chosen from the keyboard, never silently taken", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${BASE}/applications/AR-240001`);
    await scoreAll(page, 2);
    const criteriaIds = await page.locator("[data-testid=fs-criterion]").evaluateAll((els) => els.map((e) => e.getAttribute("data-criterion-id")!));
    const entry = (strong: string) => ({ poor: "No example.", partial: "A claim with no example.", good: "One specific, recent example.", strong });
    const file = (guide: unknown) => ({
      format: "fair-shortlist/scores@1", profileId: "nhs-jobs", vacancyRef: "C9290-24-0512", assessorId: "sh-00000000ab12", assessorName: "AB", scaleId: "nhsjobs-0-3",
      exportedAt: "2026-12-01T15:40:00.000Z",
      scores: criteriaIds.map((criterionId) => ({ assessorId: "sh-00000000ab12", applicantId: "AR-240001", criterionId, level: 1, note: "" })),
      reviewGuide: guide,
    });
    const guide = { format: "fair-shortlist/review-guide@1", author: "AB", updatedAt: "2026-12-01T15:40:00.000Z", criteria: Object.fromEntries(criteriaIds.slice(0, 4).map((id, i) => [id, entry(`Several examples for criterion ${i + 1}.`)])) };
    await page.goto(`${BASE}/shortlisting`);
    await page.locator("[data-testid=fs-summary-toggle]").click();
    const message = page.locator("[data-testid=fs-summary-message]");
    const importFile = (name: string, body: unknown) => page.setInputFiles("[data-testid=fs-import-scores]", { name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(body)) });

    // A guide with a field the format does not have is refused whole; the scores still come in.
    await importFile("odd.json", file({ ...guide, scores: { "AR-240001": 3 } }));
    await expect.poll(() => message.textContent()).toBe('Imported 6 scores from AB. The review guide in this file was not imported: unknown field "scores".');
    await importFile("ab.json", file(guide));
    await expect.poll(() => message.textContent()).toBe("Imported 6 scores from AB. Imported the review guide for 4 criteria from AB.");
    // The exported file carries the guide on to the next colleague.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=fs-export-scores]")]);
    const exported = JSON.parse(Buffer.concat(await (await download.createReadStream())!.toArray()).toString("utf8"));
    expect(Object.keys(exported.reviewGuide.criteria).sort()).toEqual(criteriaIds.slice(0, 4).sort());
    expect(exported.reviewGuide.criteria[criteriaIds[0]!].strong).toBe("Several examples for criterion 1.");

    // CD's file has another guide: nothing changes until the user chooses, from the keyboard.
    const cd = { ...file({ ...guide, author: "CD", criteria: { ...guide.criteria, [criteriaIds[1]!]: entry("<b>Two</b> examples, one led by them.") } }), assessorId: "sh-00000000cd34", assessorName: "CD" };
    await importFile("cd.json", cd);
    await expect.poll(() => message.textContent()).toBe("Imported 6 scores from CD. The review guide in CD's file differs from yours for 1 criterion: nothing was changed yet. Compare them below and keep yours or use theirs.");
    const choice = page.locator("[data-testid=fs-guide-choice]");
    await choice.waitFor();
    // Focus is on the choice's heading; text only (the markup in CD's file is shown as text).
    await expect.poll(() => choice.locator("h3").evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await choice.locator("dd[data-side=theirs]").allTextContents()).toEqual(["CD's: <b>Two</b> examples, one led by them."]);
    expect(await choice.locator("b").count()).toBe(0);
    expect((await axeOverlays(page)).filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    // Focus went back to the heading after the check.
    await choice.locator("h3").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => message.textContent()).toBe("Kept your review guide; CD's was not imported.");
    await page.goto(`${BASE}/applications/AR-240001`);
    const second = page.locator("[data-testid=fs-criterion]").nth(1).locator("[data-testid=fs-guide] dd[data-band=strong]");
    await expect.poll(() => second.textContent()).toBe("Several examples for criterion 2.");

    // Importing it again and taking CD's this time: the guide beside the criterion is CD's.
    await page.goto(`${BASE}/shortlisting`);
    await page.locator("[data-testid=fs-summary-toggle]").click();
    await importFile("cd.json", cd);
    await choice.waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => message.textContent()).toBe("Now using CD's review guide for 4 criteria.");
    await page.goto(`${BASE}/applications/AR-240001`);
    await expect.poll(() => second.textContent()).toBe("<b>Two</b> examples, one led by them.");
    await page.close();
  });
});
