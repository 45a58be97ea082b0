/**
 * The profile studio on the trust's in-house system (tests/fixtures/inhouse/), no profile to
 * begin with: the analyst opens the studio from the popup, builds the whole profile by picking
 * elements on the live pages (list, application, interview panel, outcome report), saves it,
 * and after a reload the overlay hides names, scores against the person specification, checks
 * the panel and counts outcomes on that system. Then a broken field: the read-out names it and
 * says what the page has instead. The studio never changes the host page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { extensionCopyWithHosts } from "./support/extensionCopy";
import { routeFixtures } from "./support/fixtures";
import { openPopup, setOrgSettings } from "./support/extensionPages";
import { clearExtensionStorage, waitForTrace } from "./support/overlay";

const ORIGIN = "https://recruit.example-trust.nhs.uk";
const REF = "ETR-0601";
const URLS = {
  list: `${ORIGIN}/vacancy/${REF}/applications`,
  application: `${ORIGIN}/vacancy/${REF}/applicant/C500`,
  interview: `${ORIGIN}/vacancy/${REF}/interview`,
  report: `${ORIGIN}/vacancy/${REF}/report`,
};

const studio = (page: Page) => page.locator("[data-testid=studio]");
const lines = async (page: Page) => (await studio(page).locator("[data-testid=studio-lines] li").allTextContents()).join("\n");

async function openStudio(browser: ExtensionBrowser, page: Page) {
  const finder = await openPopup(browser.context, browser.extensionId);
  const tabId = await finder.evaluate(async (url) => (await chrome.tabs.query({})).filter((t) => t.url === url).map((t) => t.id!).sort((a, b) => b - a)[0], page.url()); // the newest tab at that address
  await finder.close();
  expect(tabId).toBeTypeOf("number");
  const popup = await openPopup(browser.context, browser.extensionId, `?tabId=${tabId}`);
  await popup.getByTestId("open-studio").click();
  await expect.poll(() => popup.getByTestId("studio-status").textContent()).toMatch(/studio is open/);
  await popup.close();
  await studio(page).waitFor();
}

/** Pick, then click the element on the page (optionally ArrowUp to its container first). */
async function pick(page: Page, path: string, target: Locator, up = 0) {
  await studio(page).locator(`[data-studio-pick="${path}"]`).click();
  await target.hover();
  for (let i = 0; i < up; i++) await page.keyboard.press("ArrowUp");
  if (up) await page.keyboard.press("Enter");
  else await target.click();
  await expect.poll(() => studio(page).locator(`[data-studio-pick="${path}"]`).getAttribute("aria-pressed")).toBe("false");
}

const selectorOf = (page: Page, path: string) => studio(page).locator(`[data-studio-selector="${path}"]`).inputValue();
const countOf = (page: Page, path: string) => studio(page).locator(`[data-count-for="${path}"]`).textContent();

async function mapLabel(page: Page, mapping: string, value: string, category: string) {
  await studio(page).locator(`select[data-studio-map="${mapping}"][data-value="${value}"]`).selectOption(category);
}

async function fill(page: Page, selector: string, value: string) {
  await studio(page).locator(selector).fill(value);
}

describe("profile studio on the in-house system", () => {
  let browser: ExtensionBrowser;
  let copy: ReturnType<typeof extensionCopyWithHosts>;
  beforeAll(async () => {
    copy = extensionCopyWithHosts([`${ORIGIN}/*`]);
    browser = await launchWithExtension({ extensionDir: copy.dir });
    await routeFixtures(browser.context);
    await clearExtensionStorage(browser.context, browser.extensionId);
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: "https://fair-shortlist.example-trust.nhs.uk", submitToken: "fs_submit_studio_e2e_0123456789", orgSecret: "studio-e2e-secret-0123456789abcdef" });
  });
  afterAll(async () => {
    await browser?.close();
    copy?.dispose();
  });

  it("builds a complete profile by picking, saves it, and after a reload every feature works there", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(URLS.list);
    await page.locator("li.candidate").first().waitFor();
    // Nothing runs on this system yet.
    expect(await page.evaluate(() => document.documentElement.dataset.fairShortlistTrace ?? "")).toBe("");
    const bodyBefore = await page.evaluate(() => document.body.outerHTML);

    await openStudio(browser, page);
    await expect.poll(() => studio(page).locator("[data-studio-about=id]").inputValue()).toBe("recruit-example-trust-nhs-uk");
    await fill(page, "[data-studio-about=name]", "Example Trust Recruit");
    // The file is checked as it is built (the same check as Save): a new profile has things to fix, each named.
    const fileCheck = studio(page).getByTestId("studio-file-check");
    await expect.poll(() => fileCheck.textContent()).toMatch(/^Profile file: \d+ things? to fix before it can be saved/);
    expect(await fileCheck.locator("li[data-path]").count()).toBeGreaterThan(0);

    // --- the shortlisting list -----------------------------------------------------------------
    await fill(page, "[data-studio-address=shortlistingList]", "/applications");
    // The list arrives after the page: its container is the screen's marker, so the overlay waits for it.
    await pick(page, "screens.shortlistingList.marker", page.locator(".cand-ref").first(), 2);
    expect(await selectorOf(page, "screens.shortlistingList.marker")).toBe("#candidates");
    await expect.poll(() => countOf(page, "screens.shortlistingList.marker")).toBe("1 on this page");
    await pick(page, "vacancy.reference", page.locator(".post-ref"));
    expect(await selectorOf(page, "vacancy.reference")).toBe("b.post-ref");
    await expect.poll(() => countOf(page, "vacancy.reference")).toBe("1 on this page");
    await pick(page, "vacancy.band", page.locator(".post-grade"));
    // The row: point at a cell, ArrowUp to the row, Enter. Every row like it is chosen.
    await pick(page, "applicants.row", page.locator(".cand-ref").first(), 1);
    await expect.poll(() => countOf(page, "applicants.row")).toBe("12 on this page");
    await pick(page, "applicants.id", page.locator(".cand-ref").nth(3));
    expect(await selectorOf(page, "applicants.id")).toBe("span.cand-ref");
    await expect.poll(() => countOf(page, "applicants.id")).toBe("in 12 of 12 rows");
    await pick(page, "applicants.decision", page.locator("select.cand-decision").first());
    expect(await selectorOf(page, "applicants.decision")).toBe('select[aria-label="Decision"]');
    await mapLabel(page, "applicants.decision.values", "Invite", "shortlisted");
    await mapLabel(page, "applicants.decision.values", "Decline", "rejected");
    // A flag read from the row's own attribute: pick the row itself.
    await pick(page, "applicants.guaranteedInterview", page.locator(".cand-ref").first(), 1);
    expect(await selectorOf(page, "applicants.guaranteedInterview")).toBe(":scope");
    expect(await studio(page).locator('[data-studio-flag-attribute="applicants.guaranteedInterview"]').inputValue()).toBe("data-gis");
    await studio(page).locator("[data-studio-identifying-kind]").selectOption("name");
    await pick(page, "identifyingFields", page.locator(".cand-name").first());
    await studio(page).locator("[data-studio-identifying-kind]").selectOption("email");
    await pick(page, "identifyingFields", page.locator(".cand-email").nth(2));
    await expect.poll(() => lines(page)).toMatch(/screen: shortlisting list, because the address matches/);
    await expect.poll(() => lines(page)).toContain('band: "Band 8a" → 8a');
    await expect.poll(() => lines(page)).toContain("12 applicant rows");
    await expect.poll(() => lines(page)).toContain("24 identifying cells hidden");
    await expect.poll(() => lines(page)).toMatch(/guaranteed-interview flag: set on \d+ of 12 rows/);
    await expect.poll(() => lines(page)).toContain('decision "Invite" → shortlisted');
    // The studio changed nothing in the host page.
    expect(await page.evaluate(() => document.body.outerHTML)).toBe(bodyBefore);

    // --- one application: the studio comes back after the page load, with the draft ----------
    await page.goto(URLS.application);
    await studio(page).waitFor();
    await page.locator("li.crit").first().waitFor();
    await fill(page, "[data-studio-address=application]", "/applicant/");
    await pick(page, "application.applicantId", page.locator(".app-ref"));
    await pick(page, "application.anchor", page.locator("#spec-h"), 1);
    expect(await selectorOf(page, "application.anchor")).toBe("#person-spec");
    await pick(page, "criteria[0].item", page.locator(".crit-text").first(), 1);
    await expect.poll(() => countOf(page, "criteria[0].item")).toBe("5 on this page");
    await pick(page, "criteria[0].text", page.locator(".crit-text").nth(1));
    await pick(page, "criteria[0].kindFrom.selector", page.locator(".crit-kind").first());
    await mapLabel(page, "criteria[0].kindFrom", "Essential", "essential");
    await mapLabel(page, "criteria[0].kindFrom", "Desirable", "desirable");
    await studio(page).locator("[data-studio-identifying-kind]").selectOption("name");
    await pick(page, "identifyingFields", page.locator(".app-name"));
    await studio(page).locator("[data-studio-identifying-kind]").selectOption("email");
    await pick(page, "identifyingFields", page.locator(".app-email"));
    await studio(page).locator("[data-studio-identifying-kind]").selectOption("phone");
    await pick(page, "identifyingFields", page.locator(".app-phone"));
    await expect.poll(() => lines(page)).toMatch(/criterion label "Essential" \(3\) → essential/);
    expect(await lines(page)).toMatch(/screen: application/);

    // --- the interview panel -------------------------------------------------------------------
    await page.goto(URLS.interview);
    await studio(page).waitFor();
    await page.locator("li.member").first().waitFor();
    await fill(page, "[data-studio-address=interview]", "/interview");
    await pick(page, "interview.anchor", page.locator("#panel-heading"));
    await pick(page, "panel.row", page.locator(".member-name").first(), 1);
    await expect.poll(() => countOf(page, "panel.row")).toBe("3 on this page");
    await pick(page, "panel.name", page.locator(".member-name").first());
    await pick(page, "panel.email", page.locator(".member-email").first());
    // The check goes after the heading unless told otherwise, which does not hold the list: said.
    await expect.poll(() => lines(page)).toContain('where the panel check goes: the rows are not inside "#panel-heading"');
    await pick(page, "panel.anchor", page.locator(".member-name").first(), 2);
    expect(await selectorOf(page, "panel.anchor")).toBe("#panel");
    await pick(page, "panel.external", page.locator(".member-name").nth(1), 1);
    await fill(page, "[data-studio-domains]", "example-trust.nhs.uk");
    await pick(page, "vacancy.staffGroup", page.locator(".post-group"));
    await pick(page, "vacancy.closingDate", page.locator(".post-closing"));
    await expect.poll(() => lines(page)).toContain("closing date: 12/03/2026 → 2026-03-12");
    await expect.poll(() => lines(page)).toContain('staff group: "Nursing and Midwifery Registered" → clinical');
    await expect.poll(() => lines(page)).toContain("3 panel members");
    await expect.poll(() => lines(page)).toContain("external-member flag: set on 1 of 3 rows");

    // --- the outcome report --------------------------------------------------------------------
    await page.goto(URLS.report);
    await studio(page).waitFor();
    await page.locator("tr.outcome-row").first().waitFor();
    await fill(page, "[data-studio-address=outcomeReport]", "/report");
    // "Page shows the text": the studio finds the element and makes it the screen's marker.
    await fill(page, '[data-studio-marker-text="outcomeReport"]', "Vacancy outcome report");
    await studio(page).locator('[data-studio-marker-find="outcomeReport"]').click();
    await expect.poll(() => selectorOf(page, "screens.outcomeReport.marker")).toBe("#report-heading");
    await pick(page, "outcomeReport.row", page.locator("td.o-stage").first(), 1);
    await pick(page, "outcomeReport.applicantId", page.locator("td.o-ref").first());
    await pick(page, "outcomeReport.stage", page.locator("td.o-stage").first());
    await pick(page, "outcomeReport.ethnicity", page.locator("td.o-ethnicity").first());
    await pick(page, "outcomeReport.anchor", page.locator("#outcomes th").first(), 3);
    expect(await selectorOf(page, "outcomeReport.anchor")).toBe("#outcomes");
    await mapLabel(page, "outcomeReport.stageLabels", "Appointed", "appointed");
    await mapLabel(page, "outcomeReport.stageLabels", "Interviewed", "shortlisted");
    await mapLabel(page, "outcomeReport.stageLabels", "Offer declined", "offerDeclined");
    await expect.poll(() => lines(page)).toMatch(/stage "Offer declined" \(\d+ rows?\) → offer declined/);
    await expect.poll(() => lines(page)).toMatch(/screen: outcome report, because the address matches "\\\/report" and the page shows "#report-heading"/);
    await expect.poll(() => lines(page)).toMatch(/ethnicity "White - British" \(\d+ rows?\) → White \(A\)/);
    await expect.poll(() => lines(page)).toMatch(/ethnicity "Black or Black British - African" \(\d+ rows?\) → BME \(N\)/);
    await expect.poll(() => lines(page)).toMatch(/ethnicity "Not stated" \(\d+ rows?\) → Not stated/);
    await expect.poll(() => lines(page)).toMatch(/stage "Not shortlisted" \(9 rows\) → not counted/);
    // The read-out settles after the last mapping: poll rather than read once (a loaded machine lags).
    await expect.poll(() => studio(page).getByTestId("studio-problem-count").count()).toBe(0);
    await expect.poll(() => fileCheck.textContent()).toBe("Profile file: complete. Save it to use it.");

    // --- save, close, reload: the overlay runs the new profile ---------------------------------
    await studio(page).getByTestId("studio-save").click();
    await expect.poll(() => studio(page).getByTestId("studio-message").textContent()).toMatch(/Saved "Example Trust Recruit"\. Reload the page/);
    await studio(page).getByTestId("studio-close").click();
    await expect.poll(() => page.locator("fair-shortlist-studio").count()).toBe(0);

    await page.reload();
    const capture = page.locator('fair-shortlist-overlay[data-feature="outcome-capture"]');
    await expect.poll(() => capture.getByTestId("outcome-payload").count(), { timeout: 15_000 }).toBe(1);
    const payload = JSON.parse((await capture.getByTestId("outcome-payload").textContent())!);
    expect(payload).toMatchObject({
      closingDate: "2026-03-12",
      band: "8a",
      staffGroup: "clinical",
      counts: { white: { shortlisted: 3, appointed: 1 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 1, appointed: 0 } },
    });
    expect(await page.locator("fair-shortlist-studio").count()).toBe(0); // closed stays closed

    await page.goto(URLS.list);
    await waitForTrace(page, "ready shortlisting-summary");
    expect(await page.locator(".cand-name").first().evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    expect(await page.locator(".cand-email").first().evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    await expect.poll(() => page.locator("[data-testid=fs-summary-progress]").textContent()).toBe("0 of 12 scored");

    await page.goto(URLS.application);
    await expect.poll(() => page.locator("[data-testid=fs-criterion]").count(), { timeout: 15_000 }).toBe(5);
    expect(await page.locator(".app-name").evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    expect(await page.locator(".app-phone").evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    // Score one criterion: the list then counts it.
    const first = page.locator("[data-testid=fs-criterion]").first();
    await first.locator("[data-testid=fs-level-2]").check();
    await first.locator("[data-testid=fs-note]").fill("Leads the ward's infection-control audit.");
    await expect.poll(() => page.getByTestId("fs-applicant-progress").textContent()).toBe("1 of 5 criteria scored for this applicant");

    await page.goto(URLS.list);
    await expect.poll(() => page.locator("[data-testid=fs-summary-progress]").textContent()).toBe("0 of 12 scored");
    await expect.poll(() => page.locator("li.candidate").first().locator("[data-testid=fs-row-badge]").textContent()).toBe("Scores: 1 of 5");

    await page.goto(URLS.interview);
    const check = page.locator('fair-shortlist-overlay[data-feature="panel-composition-check"]');
    await expect.poll(() => check.getByTestId("panel-facts").textContent(), { timeout: 15_000 }).toBe("The page lists 3 panel members, 1 of them external.");
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000); // one analyst's whole session across four screens: 25-60 s on the shared machine

  it("the read-out names a broken field and what the page has instead; picking inside a web component; the host page is untouched", async () => {
    const page = await browser.context.newPage();
    const list = `${ORIGIN}/vacancy/ETR-0042/applications`;
    await page.goto(list);
    await page.locator("li.candidate").first().waitFor();
    await openStudio(browser, page);
    // Start from the example profile file (the options page's format), loaded through the studio.
    await studio(page).locator("summary", { hasText: "Import a profile file" }).click();
    await studio(page).getByTestId("studio-import-text").fill(readFileSync(path.join(repoRoot, "tests/fixtures/inhouse/profile.json"), "utf8"));
    await studio(page).getByTestId("studio-import").click();
    await expect.poll(() => studio(page).getByTestId("studio-message").textContent()).toMatch(/Loaded "Example Trust Recruit"/);
    await expect.poll(() => lines(page)).toContain("12 applicant rows");
    // The host renamed a class, and the band points at the wrong element.
    await fill(page, '[data-studio-selector="applicants.row"]', "#candidates li.applicant-row");
    await fill(page, '[data-studio-selector="vacancy.band"]', ".post-title");
    await expect.poll(() => studio(page).locator('[data-testid=studio-lines] li[data-level=problem][data-path="applicants.row"]').textContent())
      .toBe('applicants.row applicant rows: nothing on this page matches "#candidates li.applicant-row"; found instead: "#candidates li" (12)');
    expect(await studio(page).locator('[data-testid=studio-lines] li[data-level=problem][data-path="vacancy.band"]').textContent())
      .toBe('vacancy.band band: "Healthcare Assistant" is not a band the overlay can read (e.g. "Band 7", "8a", "Consultant")');
    // Fields inside the rows cannot be read now: said too.
    expect(await studio(page).getByTestId("studio-problem-count").textContent()).toMatch(/^\d+ problems$/);

    // Live: the host re-renders its list; the read-out follows without a reload.
    await fill(page, '[data-studio-selector="applicants.row"]', "#candidates li.candidate");
    await expect.poll(() => lines(page)).toContain("12 applicant rows");
    await page.evaluate(() => document.querySelector("#candidates li.candidate")!.remove());
    await expect.poll(() => lines(page)).toContain("11 applicant rows");

    // A decision shown by an attribute (a status chip's data-status, say): read that attribute instead. Here the
    // drop-down's aria-label, which means no decision, so the read-out asks what it means.
    await studio(page).locator('[data-studio-decision-read="applicants.decision"]').selectOption("attribute");
    await fill(page, '[data-studio-decision-attribute="applicants.decision"]', "aria-label");
    await expect.poll(() => lines(page)).toContain('decision "Decision" is in none of the lists: say whether it means shortlisted, rejected or undecided');
    await studio(page).locator('[data-studio-decision-read="applicants.decision"]').selectOption("value");
    expect(await studio(page).locator('[data-studio-decision-attribute="applicants.decision"]').count()).toBe(0);
    await expect.poll(() => lines(page)).not.toContain('decision "Decision"');

    // A name kept only in an attribute (a tooltip's title): said apart from hidden cells; here no name cell carries one.
    await fill(page, '[data-studio-identifying-attribute="0"]', "title");
    await expect.poll(() => lines(page)).toContain('name in the "title" attribute of .cand-name: 0 on this page carry it');
    await fill(page, '[data-studio-identifying-attribute="0"]', "");
    await expect.poll(() => lines(page)).toMatch(/name \(\.cand-name\): 11 on this page/); // one row was removed above

    // While picking, a click on a link is not followed.
    await studio(page).locator('[data-studio-pick="applicants.badgeAnchor"]').click();
    await page.locator("a.cand-open").first().click();
    expect(page.url()).toBe(list);
    expect(await selectorOf(page, "applicants.badgeAnchor")).toBe("a.cand-open");

    // Inside a web component's open shadow root: outlined on hover, and the selector crosses into it.
    await page.goto(`${ORIGIN}/vacancy/ETR-0042/applicant/C503`);
    await studio(page).waitFor();
    await studio(page).locator('[data-studio-pick="vacancy.jobTitle"]').click();
    await page.locator("etr-status-chip .chip-state").hover();
    const outline = page.locator("fair-shortlist-studio [data-testid=studio-outline]");
    await expect.poll(() => outline.getAttribute("data-target")).toBe("span");
    expect(await outline.textContent()).toBe("etr-status-chip >>> span.chip-state (1)");
    await page.locator("etr-status-chip .chip-state").click();
    expect(await selectorOf(page, "vacancy.jobTitle")).toBe("etr-status-chip >>> span.chip-state");
    await expect.poll(() => countOf(page, "vacancy.jobTitle")).toBe("1 on this page");
    await expect.poll(() => lines(page)).toContain('job title: "Open"');

    // Export writes the draft in the options page's format; import loads a file back, validated.
    const [download] = await Promise.all([page.waitForEvent("download"), studio(page).getByTestId("studio-export").click()]);
    const exported = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
    expect(exported).toMatchObject({ id: "example-trust-recruit", name: "Example Trust Recruit", applicants: { row: "#candidates li.candidate", badgeAnchor: "a.cand-open" }, vacancy: { jobTitle: { selector: "etr-status-chip >>> span.chip-state" } } });
    await studio(page).locator("summary", { hasText: "Import a profile file" }).click();
    await studio(page).getByTestId("studio-import-text").fill(JSON.stringify({ ...exported, matches: ["https://*/*"] }));
    await studio(page).getByTestId("studio-import").click();
    await expect.poll(() => studio(page).getByTestId("studio-message").textContent()).toMatch(/matches\[0\]: .*every website/);
    await page.close();
  });

  it("repairs a profile with a criteria list per kind (NHS Jobs): each group is read, edited, added and removed", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/applications/AR-240002");
    await page.locator("[data-test='desirable-criteria'] li").first().waitFor();
    await openStudio(browser, page);
    // The profile running here (built in) has two groups: both are read, each with its kind.
    const group = studio(page).locator("[data-criteria-group]");
    await expect.poll(() => group.locator("legend").textContent()).toBe("Person specification criteria: group 1 of 2");
    await expect.poll(() => lines(page)).toContain("criteria of group 1: all 4 essential");
    expect(await lines(page)).toContain("criteria of group 2: all 2 desirable");
    expect(await countOf(page, "criteria[0].item")).toBe("4 on this page");

    // The second group, in the form: its selector, its kind; the host renamed its list.
    await studio(page).locator("[data-studio-criteria-group]").selectOption("1");
    await expect.poll(() => group.locator("legend").textContent()).toBe("Person specification criteria: group 2 of 2");
    expect(await selectorOf(page, "criteria[1].item")).toBe("[data-test='desirable-criteria'] li");
    expect(await studio(page).locator("[data-studio-criteria-kind]").inputValue()).toBe("desirable");
    await fill(page, '[data-studio-selector="criteria[1].item"]', "[data-test='desirable-list'] li");
    await expect.poll(() => lines(page)).toContain('criteria of group 2 (each item): nothing on this page matches "[data-test=\'desirable-list\'] li"');
    // Picked again on the page: every item of that list, and the read-out is whole again.
    await pick(page, "criteria[1].item", page.locator("[data-test='desirable-criteria'] li").first());
    await expect.poll(() => countOf(page, "criteria[1].item")).toBe("2 on this page");
    await expect.poll(() => lines(page)).toContain("criteria of group 2: all 2 desirable");

    // A third group, then removed: back to the two, nothing else touched.
    await studio(page).locator("[data-studio-criteria-add]").click();
    await expect.poll(() => group.locator("legend").textContent()).toBe("Person specification criteria: group 3 of 3");
    await studio(page).locator("[data-studio-criteria-remove]").click();
    await expect.poll(() => group.locator("legend").textContent()).toBe("Person specification criteria: group 2 of 2");

    const [download] = await Promise.all([page.waitForEvent("download"), studio(page).getByTestId("studio-export").click()]);
    const exported = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
    expect(exported.criteria).toEqual([
      { item: "[data-test='essential-criteria'] li", kind: "essential" },
      { item: expect.stringMatching(/desirable-criteria/), kind: "desirable" },
    ]);
    await studio(page).getByTestId("studio-close").click();
    await page.close();
  });
});
