/**
 * Two recruitment systems we ship no profile for, each with a profile written from
 * docs/site-profiles.md alone, as a trust analyst would, imported through the options page:
 * - tests/fixtures/jobtrain-spa/: a Jobtrain-style single-page app re-rendering on hash changes,
 *   applicant cards with definition lists, radio-button decisions, reference and band only in
 *   the page heading, "Mon 3 Feb 2025" dates, no staff group, the panel as plain text, and an
 *   outcome report in ONS 2021 wording;
 * - tests/fixtures/oleeo-tal/: an Oleeo (TAL.net)-style server-rendered system with nested
 *   tables, hidden inputs, read-only inputs, opaque option values, "AfC 8A", and names also in
 *   title / aria-label / alt attributes and a Bootstrap tooltip, "Surname, Forename" in the list.
 * What a reviewer checks: no name visible in any frame or attribute, screens detected, band /
 * date / reference read, scoring mounts (and follows the next applicant), the panel check fires
 * for the band 8a post, and the outcome counts are right.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { extensionCopyWithHosts } from "./support/extensionCopy";
import { routeFixtures } from "./support/fixtures";
import { clearExtensionStorage, trace, waitForTrace } from "./support/overlay";
import { openPopup, readStorage, setOrgSettings } from "./support/extensionPages";

const JT = "https://careers.northvale.nhs.uk/hire";
const TAL = "https://northvale.tal.net/vx/appcentre-1/brand-2/opp/3311";
const profile = (dir: string) => readFileSync(path.join(repoRoot, `tests/fixtures/${dir}/profile.json`), "utf8");

/** The Jobtrain fixture's applicants (tests/fixtures/_shared/applicants.js, run here as the page runs it). */
function sharedApplicants(n: number): Array<{ name: string; first: string; last: string; email: string; phone: string; address: string }> {
  const w: { FixtureData?: { applicant(i: number): any } } = {};
  new Function("window", readFileSync(path.join(repoRoot, "tests/fixtures/_shared/applicants.js"), "utf8"))(w);
  return Array.from({ length: n }, (_, i) => w.FixtureData!.applicant(i));
}
const JT_PEOPLE = sharedApplicants(8);
const JT_SECRETS = JT_PEOPLE.flatMap((p) => [p.name, p.email, p.phone, p.address]);
const TAL_PEOPLE = [["Patel", "Priya"], ["Okafor", "Kwame"], ["O'Brien", "Siobhan"], ["Nowak", "Tomasz"], ["Rahman", "Aisha"], ["Hughes", "Callum"]];
const TAL_SECRETS = TAL_PEOPLE.flatMap(([l, f]) => [`${f} ${l}`, `${l}, ${f}`]).concat(["priya.patel12@example.com", "kwame.okafor@example.com", "07700 900518"]);

/**
 * From document start, every animation frame, in the page's world: any text node or form-control
 * value containing one of `secrets` that a person could see then (laid out, not visibility:
 * hidden), and the tab's title. `attributeLeaks` reads, when asked, every text-bearing attribute
 * (tooltips, what a screen reader reads, alt) that still carries one: the overlay redacts those
 * in idle time, never in the frame that paints the host's content.
 */
async function watchSecrets(page: Page, secrets: string[]): Promise<void> {
  await page.addInitScript((list: string[]) => {
    const w = window as unknown as { __leaks: Set<string>; __attributeLeaks: () => string[] };
    w.__leaks = new Set();
    const lower = list.map((s) => s.toLowerCase());
    const hit = (t: string | null) => (t ? lower.find((s) => t.toLowerCase().includes(s)) : undefined);
    const ATTRS = ["title", "aria-label", "alt", "data-original-title", "placeholder"];
    const seen = (el: Element) => getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0;
    const ours = (el: Element) => el.localName === "fair-shortlist-overlay" || el.localName === "fair-shortlist-dock";
    const walk = (root: Node, onElement: (el: Element) => void, onText?: (t: Text) => void) => {
      const tw = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = tw.currentNode; n; n = tw.nextNode()) {
        if (n.nodeType === 3) { onText?.(n as Text); continue; }
        const el = n as Element;
        if (ours(el)) continue;
        onElement(el);
        if (el.shadowRoot) walk(el.shadowRoot, onElement, onText);
      }
    };
    const frame = () => {
      const t = hit(document.title);
      if (t) w.__leaks.add(`document.title: ${t}`);
      if (document.documentElement) walk(document.documentElement, (el) => {
        if ((el instanceof HTMLInputElement && el.type !== "hidden") || el instanceof HTMLTextAreaElement) {
          const s = hit(el.value);
          if (s && seen(el)) w.__leaks.add(`value: ${s}`);
        }
      }, (n) => {
        const s = hit(n.data);
        if (s && n.parentElement && !n.parentElement.closest("script,style,title") && seen(n.parentElement)) w.__leaks.add(`text: ${s}`);
      });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    w.__attributeLeaks = () => {
      const out: string[] = [];
      walk(document.documentElement, (el) => {
        for (const a of ATTRS) {
          const s = hit(el.getAttribute(a));
          if (s) out.push(`${a}: ${s}`);
        }
      });
      return out;
    };
  }, secrets);
}
const leaks = (page: Page) => page.evaluate(() => [...(window as unknown as { __leaks: Set<string> }).__leaks]);
const forgetLeaks = (page: Page) => page.evaluate(() => (window as unknown as { __leaks: Set<string> }).__leaks.clear());
const attributeLeaks = (page: Page) => page.evaluate(() => (window as unknown as { __attributeLeaks: () => string[] }).__attributeLeaks());

const overlay = (page: Page, feature: string) => page.locator(`fair-shortlist-overlay[data-feature="${feature}"]`);

async function countsShown(page: Page) {
  const cell = (g: string, c: string) => overlay(page, "outcome-capture").locator(`[data-testid=outcome-counts] tr[data-group="${g}"] td[data-cell="${c}"]`).textContent();
  return {
    white: [await cell("white", "shortlisted"), await cell("white", "appointed")],
    bme: [await cell("bme", "shortlisted"), await cell("bme", "appointed")],
    notStated: [await cell("notStated", "shortlisted"), await cell("notStated", "appointed")],
  };
}

describe("systems we have no fixture for, with profiles written from the docs", () => {
  let browser: ExtensionBrowser;
  let copy: ReturnType<typeof extensionCopyWithHosts>;
  beforeAll(async () => {
    // Test-only: see support/extensionCopy.ts (the permission prompt cannot be answered headless).
    copy = extensionCopyWithHosts(["https://careers.northvale.nhs.uk/*", "https://northvale.tal.net/*"]);
    browser = await launchWithExtension({ extensionDir: copy.dir });
    await routeFixtures(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    copy?.dispose();
  });
  beforeEach(async () => {
    await clearExtensionStorage(browser.context, browser.extensionId);
    // The trust's own e-mail domain, as trust IT sets it; an API that is never called here.
    await setOrgSettings(browser.context, browser.extensionId, { apiUrl: "http://127.0.0.1:9", submitToken: "t".repeat(40), orgSecret: "unseen-hosts-secret-0123456789abcdef", internalEmailDomains: ["northvale.nhs.uk"] });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    for (const dir of ["jobtrain-spa", "oleeo-tal"]) {
      await options.fill("[data-testid=profile-json]", profile(dir));
      await options.click("[data-testid=import-profile]");
      await expect.poll(() => options.locator("[data-testid=profile-message]").textContent()).toMatch(/It is active/);
    }
    await options.close();
  });

  /** The profile studio on `page`, from the popup as an analyst opens it; it starts from the imported profile running there. */
  async function openStudio(page: Page) {
    const finder = await openPopup(browser.context, browser.extensionId);
    const tabId = await finder.evaluate(async (url) => (await chrome.tabs.query({})).filter((t) => t.url === url).map((t) => t.id!).sort((a, b) => b - a)[0], page.url());
    await finder.close();
    const popup = await openPopup(browser.context, browser.extensionId, `?tabId=${tabId}`);
    await popup.getByTestId("open-studio").click();
    await expect.poll(() => popup.getByTestId("studio-status").textContent()).toMatch(/studio is open/);
    await popup.close();
    const studio = page.locator("[data-testid=studio]");
    await studio.waitFor();
    return studio;
  }

  describe("Jobtrain-style single-page app", () => {
    it("cards: no name, e-mail or phone visible in any frame or label; every card counted, badged and read", async () => {
      const page = await browser.context.newPage();
      await watchSecrets(page, JT_SECRETS);
      await page.goto(`${JT}#/vacancies/JT-2024-0207/applicants`);
      await waitForTrace(page, "ready shortlisting-summary");
      await expect.poll(() => overlay(page, "shortlisting-summary").getByTestId("fs-summary-progress").textContent()).toBe("0 of 6 scored");
      await expect.poll(() => page.locator("[data-testid=fs-row-badge]").count()).toBe(6);
      // The cards' own aria-label named the applicant.
      await expect.poll(() => page.locator("article.jt-card").first().getAttribute("aria-label")).toBe("Application from Name hidden");
      await expect.poll(() => attributeLeaks(page)).toEqual([]);
      expect(await leaks(page)).toEqual([]);
      await expect.poll(() => page.getByTestId("fs-name-blind-status").textContent()).toBe("Names and personal details are hidden for name-blind shortlisting.");
      // A decision on a card (radio buttons): the framework redraws every card; the badges come back.
      await page.locator("article.jt-card").first().getByLabel("Reject").check();
      await page.locator("article.jt-card").first().locator("[data-testid=fs-consistency]").waitFor();
      await expect.poll(() => page.locator("[data-testid=fs-row-badge]").count()).toBe(6);
      await expect.poll(() => attributeLeaks(page)).toEqual([]);
      expect(await leaks(page)).toEqual([]);
      // Another vacancy on the same page (hash change): the list starts again for it.
      await page.evaluate(() => { location.hash = "#/vacancies/JT-2024-0193/applicants"; });
      await expect.poll(() => overlay(page, "shortlisting-summary").getByTestId("fs-summary-progress").textContent()).toBe("0 of 8 scored");
      await expect.poll(() => attributeLeaks(page)).toEqual([]);
      expect(await leaks(page)).toEqual([]);
      await page.close();
    });

    it("application: scoring mounts with the person specification, and follows 'Next applicant' (a hash link)", async () => {
      const page = await browser.context.newPage();
      await watchSecrets(page, JT_SECRETS);
      await page.goto(`${JT}#/vacancies/JT-2024-0207/applicants/A2001`);
      const panel = overlay(page, "structured-shortlisting");
      await expect.poll(() => panel.locator("[data-testid=fs-criterion]").count()).toBe(4);
      await panel.locator("[data-testid=fs-criterion]").first().locator("[data-testid=fs-level-2]").check();
      await expect.poll(() => panel.getByTestId("fs-applicant-progress").textContent()).toMatch(/1 of 4/);
      // The tab title named the applicant; on the first load it can only be redacted once the
      // name's element is on the page. From then on, the app's next title is redacted before it shows.
      await expect.poll(() => page.title()).toBe("Name hidden – A2001 – Northvale Careers");
      await forgetLeaks(page);
      await page.locator("a.jt-next").click();
      await expect.poll(() => page.locator(".jt-application").getAttribute("data-applicant")).toBe("A2002");
      // The next applicant's panel: nothing scored yet (A2001's score stays with A2001).
      await expect.poll(() => overlay(page, "structured-shortlisting").getByTestId("fs-applicant-progress").textContent()).toMatch(/0 of 4/);
      expect(await page.title()).toBe("Name hidden – A2002 – Northvale Careers");
      expect(await leaks(page)).toEqual([]);
      await page.close();
    });

    it("interview: the band 8a post's panel, listed as plain text, is counted and checked", async () => {
      const page = await browser.context.newPage();
      await page.goto(`${JT}#/vacancies/JT-2024-0207/interview`);
      const check = overlay(page, "panel-composition-check");
      await expect.poll(() => check.getByTestId("panel-facts").textContent()).toBe("The page lists 3 panel members, 1 of them external.");
      // Another vacancy's interview on the same page (hash change): checked and recorded for that vacancy, not the first.
      await page.evaluate(() => { location.hash = "#/vacancies/JT-2024-0193/interview"; });
      await expect.poll(() => overlay(page, "panel-composition-check").getByTestId("panel-check").getAttribute("data-state")).toBe("not-applicable");
      await expect.poll(async () => (await readStorage(browser.context, browser.extensionId, "panelCheck/northvale-careers/JT-2024-0193"))?.recorded?.outcome).toEqual({ ruleApplies: false, ruleMet: true, failedRules: [] });
      expect((await readStorage(browser.context, browser.extensionId, "panelCheck/northvale-careers/JT-2024-0207"))?.recorded?.outcome?.ruleApplies).not.toBe(false);
      await page.close();
    });

    it("outcome report: ONS 2021 wording counted without warnings; band read, the closing date from the vacancy's list; staff group asked for", async () => {
      const page = await browser.context.newPage();
      // The report does not print the closing date; the applicants list does, and was seen first.
      await page.goto(`${JT}#/vacancies/JT-2024-0207/applicants`);
      await waitForTrace(page, "ready shortlisting-summary");
      await page.evaluate(() => { location.hash = "#/vacancies/JT-2024-0207/report"; });
      const capture = overlay(page, "outcome-capture");
      await capture.getByTestId("outcome-counts").waitFor();
      expect(await countsShown(page)).toEqual({ white: ["2", "1"], bme: ["4", "1"], notStated: ["1", "0"] });
      expect(await capture.getByTestId("outcome-notes").locator(".fs-error").count()).toBe(0);
      expect(await capture.getByTestId("outcome-band").inputValue()).toBe("8a");
      await expect.poll(() => capture.getByTestId("outcome-closing-date").inputValue()).toBe("2025-02-03");
      expect(await capture.getByTestId("outcome-capture").textContent()).toContain(`Read from this vacancy's pages: "Mon 3 Feb 2025".`);
      expect(await capture.getByTestId("outcome-staff-group").inputValue()).toBe("");
      await page.close();
    });

    it("profile studio: the panel written as text is read out as the check counts it", async () => {
      const page = await browser.context.newPage();
      await page.goto(`${JT}#/vacancies/JT-2024-0207/interview`);
      await overlay(page, "panel-composition-check").getByTestId("panel-facts").waitFor();
      const studio = await openStudio(page);
      const lines = () => studio.locator("[data-testid=studio-lines] li").allTextContents().then((l) => l.join("\n"));
      await expect.poll(lines).toContain('panel: 3 members listed, 1 flagged external (written as text, split at ",|;")');
      await page.close();
    });
  });

  describe("Oleeo (TAL.net)-style server-rendered pages", () => {
    it("list: no name in any frame, attribute or tooltip; rows read from nested tables", async () => {
      const page = await browser.context.newPage();
      await watchSecrets(page, TAL_SECRETS);
      await page.goto(`${TAL}/candidates`);
      await waitForTrace(page, "ready shortlisting-summary");
      await expect.poll(() => overlay(page, "shortlisting-summary").getByTestId("fs-summary-progress").textContent()).toBe("0 of 6 scored");
      await expect.poll(() => page.locator("a.cand_link").first().getAttribute("title")).toBe("View application form: Name hidden");
      await expect.poll(() => attributeLeaks(page)).toEqual([]);
      // The Bootstrap tooltip shows what the page keeps in data-original-title.
      await page.locator(".info_icon").first().hover();
      await expect.poll(() => page.locator(".tooltip-inner").textContent()).not.toMatch(/Priya|Patel/);
      expect(await leaks(page)).toEqual([]);
      await page.close();
    });

    it("profile studio: the opaque status values are shown with what the page shows for them; the grade reads as band 8a", async () => {
      const page = await browser.context.newPage();
      await page.goto(`${TAL}/candidates`);
      await waitForTrace(page, "ready shortlisting-summary");
      const studio = await openStudio(page);
      // The studio starts from the imported profile running here.
      const row = studio.locator('select[data-studio-map="applicants.decision.values"][data-value="117"]').locator("xpath=..");
      await expect.poll(() => row.textContent()).toContain('117 ("Progress to interview")');
      const lines = () => studio.locator("[data-testid=studio-lines] li").allTextContents().then((l) => l.join("\n"));
      await expect.poll(lines).toContain('decision "117" ("Progress to interview") → shortlisted');
      await expect.poll(lines).toMatch(/band: "AfC 8A" → (8a|Band 8a)/);
      await page.close();
    });

    it("application form: names in read-only inputs hidden, the tab title redacted, scoring mounts", async () => {
      const page = await browser.context.newPage();
      await watchSecrets(page, TAL_SECRETS);
      await page.goto(`${TAL}/candidate/48815/form`);
      await expect.poll(() => overlay(page, "structured-shortlisting").locator("[data-testid=fs-criterion]").count()).toBe(4);
      await expect.poll(() => page.title()).toBe("Application form - Name hidden - NV/2025/3311");
      await expect.poll(() => page.getByTestId("fs-name-blind-status").textContent()).toBe("Names and personal details are hidden for name-blind shortlisting.");
      // The system's own status drop-down (opaque values): rejecting before scoring is checked against the scores.
      await page.locator("select#status").selectOption("118");
      await page.locator("[data-testid=fs-consistency]").first().waitFor();
      await expect.poll(() => attributeLeaks(page)).toEqual([]);
      // The server-rendered title is there before the name's element is parsed: only what a person sees in the page is checked per frame here.
      expect((await leaks(page)).filter((l) => !l.startsWith("document.title"))).toEqual([]);
      await page.close();
    });

    it("interview: 'AfC 8A' is band 8a; three members (the 'add' row not counted), one external", async () => {
      const page = await browser.context.newPage();
      await page.goto(`${TAL}/interview`);
      const check = overlay(page, "panel-composition-check");
      await expect.poll(() => check.getByTestId("panel-facts").textContent()).toBe("The page lists 3 panel members, 1 of them external.");
      await page.close();
    });

    it("equality report: counts from nested tables, band, staff group and date read", async () => {
      const page = await browser.context.newPage();
      await page.goto(`${TAL}/report/equality`);
      const capture = overlay(page, "outcome-capture");
      await capture.getByTestId("outcome-counts").waitFor();
      expect(await countsShown(page)).toEqual({ white: ["2", "1"], bme: ["3", "1"], notStated: ["1", "0"] });
      expect(await capture.getByTestId("outcome-notes").locator(".fs-error").count()).toBe(0);
      expect(await capture.getByTestId("outcome-band").inputValue()).toBe("8a");
      expect(await capture.getByTestId("outcome-staff-group").inputValue()).toBe("clinical");
      expect(await capture.getByTestId("outcome-closing-date").inputValue()).toBe("2025-02-03");
      expect(await trace(page)).toEqual(expect.arrayContaining([expect.stringMatching(/ screen outcomeReport$/)]));
      await page.close();
    });
  });
});
