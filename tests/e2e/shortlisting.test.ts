/**
 * The shortlisting overlay on every built-in recruitment system, in real Chromium with the
 * built extension, against the committed fixtures served at the systems' real addresses.
 * Data-driven (Bitwarden's pattern): adding a system = a profile, fixtures and a row in SYSTEMS.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import {
  axeOverlays, clearExtensionStorage, firstSeenVisibility, readExtensionStorage, recordFirstVisibility, trace, waitForTrace,
} from "./support/overlay";

type Decision = "shortlisted" | "rejected";

interface SystemRow {
  id: string;
  list: string;
  /** Application page of applicant index i (0-based), on the tab that shows the criteria. */
  application(i: number): string;
  applicantId(i: number): string;
  vacancyRef: string;
  /** Name elements on the list and on an application. */
  nameOnList: string;
  nameOnApplication: string;
  /** Go from the list to applicant i without a reload (or as the host does it). */
  openFromList(page: Page, i: number): Promise<void>;
  /** In-page navigation from an application to the next one. */
  nextApplicant?: string;
  decide(page: Page, d: Decision): Promise<void>;
  /** Host value the decision control must still show after our warning (we never block it). */
  hostValue(page: Page): Promise<string>;
  /** Applicant index who applied under the guaranteed interview scheme. */
  guaranteedIndex: number;
  essentials: number;
  criteria: number;
}

const SYSTEMS: SystemRow[] = [
  {
    id: "nhs-jobs",
    vacancyRef: "C9290-24-0512",
    list: "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting",
    application: (i) => `https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/applications/AR-${240001 + i}`,
    applicantId: (i) => `AR-${240001 + i}`,
    nameOnList: "[data-test='applicant-name']",
    nameOnApplication: "[data-test='applicant-name']",
    openFromList: (page, i) => page.click(`text=AR-${240001 + i}`),
    nextApplicant: "[data-test='next-application']",
    decide: (page, d) => page.check(`input[name=decision][value=${d === "shortlisted" ? "shortlist" : "reject"}]`),
    hostValue: (page) => page.evaluate(() => (document.querySelector("input[name=decision]:checked") as HTMLInputElement)?.value ?? ""),
    guaranteedIndex: 2,
    essentials: 4,
    criteria: 6,
  },
  {
    id: "trac",
    vacancyRef: "290-ACS-7743-A",
    list: "https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/shortlisting",
    application: (i) => `https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/applications/${4471800 + i}`,
    applicantId: (i) => String(4471800 + i),
    nameOnList: "td.col-name",
    nameOnApplication: "#candidate-name",
    openFromList: (page, i) => page.click(`a:text-is("${4471800 + i}")`),
    decide: (page, d) => page.selectOption("#shortlist-outcome", d === "shortlisted" ? "Interview" : "Rejected").then(() => undefined),
    hostValue: (page) => page.inputValue("#shortlist-outcome"),
    guaranteedIndex: 2,
    essentials: 4,
    criteria: 6,
  },
  {
    id: "stonefish",
    vacancyRef: "SF-2026-0173",
    list: "https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173/Applicants",
    application: (i) => `https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173/Applicant/${1040 + i}#selection-criteria`,
    applicantId: (i) => String(1040 + i),
    nameOnList: ".applicant-initials",
    nameOnApplication: "#ApplicantName",
    openFromList: (page, i) => page.click(`.applicant-card[data-applicant-no="${1040 + i}"] a`),
    nextApplicant: "#next-applicant",
    decide: (page, d) => page.selectOption("#ShortlistStatus", d === "shortlisted" ? "Shortlisted" : "Not Shortlisted").then(() => undefined),
    hostValue: (page) => page.inputValue("#ShortlistStatus"),
    guaranteedIndex: 2,
    essentials: 3,
    criteria: 5,
  },
];

async function scoreAll(page: Page, level: number, opts: { note?: string; only?: "essential" } = {}) {
  const blocks = page.locator("[data-testid=fs-criterion]");
  await expect.poll(() => blocks.count()).toBeGreaterThan(0);
  const n = await blocks.count();
  for (let i = 0; i < n; i++) {
    const b = blocks.nth(i);
    if (opts.only === "essential" && !(await b.locator("legend").textContent())?.includes("Essential")) continue;
    await b.locator(`[data-testid=fs-level-${level}]`).check();
    await b.locator("[data-testid=fs-note]").fill(opts.note ?? `Application gives a concrete example for criterion ${i + 1}.`);
  }
  await blocks.last().locator("[data-testid=fs-note]").blur();
}

describe.each(SYSTEMS)("$id", (sys) => {
  let browser: ExtensionBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    await page?.close().catch(() => undefined);
    await clearExtensionStorage(browser.context, browser.extensionId);
    page = await browser.context.newPage();
  });

  it("hides names before they can paint, on the list (late content) and the application", async () => {
    await recordFirstVisibility(page, `${sys.nameOnList}, ${sys.nameOnApplication}`);
    await page.goto(sys.list);
    await page.waitForSelector(sys.nameOnList, { state: "attached" });
    const onList = await firstSeenVisibility(page);
    expect(onList.length).toBeGreaterThanOrEqual(23);
    expect(new Set(onList)).toEqual(new Set(["hidden"]));
    await page.goto(sys.application(0));
    await page.waitForSelector(sys.nameOnApplication, { state: "attached" });
    expect(await firstSeenVisibility(page)).toEqual(["hidden"]);
    // The name's text stays in the page (the host still works) but is not shown.
    expect(await page.locator(sys.nameOnApplication).evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
  });

  it("reveals names with the button and the keyboard shortcut, and remembers the choice", async () => {
    await page.goto(sys.application(0));
    const name = page.locator(sys.nameOnApplication);
    const toggle = page.locator("[data-testid=fs-name-blind-toggle]");
    await toggle.click();
    await expect.poll(() => name.evaluate((el) => getComputedStyle(el).visibility)).toBe("visible");
    await page.reload();
    await waitForTrace(page, "ready name-blind");
    await expect.poll(() => name.evaluate((el) => getComputedStyle(el).visibility)).toBe("visible");
    await page.keyboard.press("Alt+Shift+KeyN");
    await expect.poll(() => name.evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    await expect.poll(() => page.locator("[data-testid=fs-name-blind-status]").textContent()).toContain("hidden");
  });

  it("keeps scores and evidence across a reload, per vacancy and applicant", async () => {
    await page.goto(sys.application(0));
    await scoreAll(page, 2);
    await expect.poll(() => page.locator("[data-testid=fs-applicant-progress]").textContent()).toBe(`${sys.criteria} of ${sys.criteria} criteria scored for this applicant`);
    await page.reload();
    const blocks = page.locator("[data-testid=fs-criterion]");
    await expect.poll(() => blocks.count()).toBe(sys.criteria);
    for (let i = 0; i < sys.criteria; i++) {
      expect(await blocks.nth(i).locator("[data-testid=fs-level-2]").isChecked()).toBe(true);
      expect(await blocks.nth(i).locator("[data-testid=fs-note]").inputValue()).toBe(`Application gives a concrete example for criterion ${i + 1}.`);
    }
    // Another applicant starts empty.
    await page.goto(sys.application(1));
    await expect.poll(() => page.locator("[data-testid=fs-applicant-progress]").textContent()).toBe(`0 of ${sys.criteria} criteria scored for this applicant`);
    const stored = await readExtensionStorage(browser.context, browser.extensionId);
    expect(Object.keys(stored).filter((k) => k.startsWith("scores/"))).toEqual([`scores/${sys.id}/${sys.vacancyRef}/${sys.applicantId(0)}`]);
  });

  it("asks for evidence at the lowest and highest levels and flags biased wording", async () => {
    await page.goto(sys.application(0));
    const first = page.locator("[data-testid=fs-criterion]").first();
    await first.locator("[data-testid=fs-level-0]").check();
    await expect.poll(() => first.locator("[data-testid=fs-note-required]").isVisible()).toBe(true);
    await first.locator("[data-testid=fs-note]").fill("Seems like a good cultural fit");
    await expect.poll(() => first.locator("[data-testid=fs-note-required]").isVisible()).toBe(false);
    await expect.poll(() => first.locator("[data-testid=fs-lint] li").count()).toBeGreaterThan(0);
    expect(await first.locator("[data-testid=fs-lint]").textContent()).toMatch(/cultural fit/i);
    await first.locator("[data-testid=fs-level-1]").check();
    await first.locator("[data-testid=fs-note]").fill("");
    await expect.poll(() => first.locator("[data-testid=fs-note-required]").isVisible()).toBe(false);
  });

  it("warns when rejecting an applicant who meets every essential criterion, keeps the reason, does not block", async () => {
    await page.goto(sys.application(0));
    await scoreAll(page, 2);
    await sys.decide(page, "rejected");
    const warning = page.locator("[data-testid=fs-consistency][data-code=rejectedButMeetsEssentials]");
    await warning.waitFor();
    expect(await sys.hostValue(page)).toMatch(/reject|Rejected|Not Shortlisted/);
    await warning.locator("[data-testid=fs-reason]").fill("Desirable criteria used to narrow a long list of 60.");
    await warning.locator("[data-testid=fs-save-reason]").click();
    await expect.poll(() => page.locator("[data-testid=fs-reason-recorded]").textContent()).toContain("narrow a long list");
    await page.reload();
    await sys.decide(page, "rejected");
    await expect.poll(() => page.locator("[data-testid=fs-reason-recorded]").textContent()).toContain("narrow a long list");
  });

  it("warns when shortlisting an applicant who misses an essential criterion", async () => {
    await page.goto(sys.application(0));
    await scoreAll(page, 2);
    const first = page.locator("[data-testid=fs-criterion]").first();
    await first.locator("[data-testid=fs-level-0]").check();
    await first.locator("[data-testid=fs-note]").fill("No registration number or equivalent given anywhere.");
    await sys.decide(page, "shortlisted");
    const w = page.locator("[data-testid=fs-consistency][data-code=shortlistedButMissesEssential]");
    await w.waitFor();
    expect(await w.textContent()).toMatch(/Shortlisted although an essential criterion is scored below/);
    // Fixing the score clears the warning without touching the host.
    await first.locator("[data-testid=fs-level-2]").check();
    await expect.poll(() => w.count()).toBe(0);
  });

  it("flags a guaranteed-interview applicant who meets the essentials but is not shortlisted", async () => {
    await page.goto(sys.application(sys.guaranteedIndex));
    await scoreAll(page, 2, { only: "essential" });
    await sys.decide(page, "rejected");
    const e = page.locator("[data-testid=fs-consistency][data-code=guaranteedInterviewNotShortlisted]");
    await e.waitFor();
    expect(await e.getAttribute("data-severity")).toBe("error");
    expect(await page.locator("[data-code=rejectedButMeetsEssentials]").count()).toBe(0);
  });

  it("says when a decision is taken before the essentials are scored", async () => {
    await page.goto(sys.application(1));
    await waitForTrace(page, "ready consistency-checks");
    await sys.decide(page, "shortlisted");
    await page.locator("[data-testid=fs-consistency][data-code=essentialsNotScored]").waitFor();
  });

  it("restarts cleanly on in-page navigation: list -> application -> next -> back", async () => {
    await page.goto(sys.list);
    await page.locator("[data-testid=fs-summary]").waitFor();
    expect(await page.locator("[data-testid=fs-summary-progress]").textContent()).toBe("0 of 23 scored");
    await sys.openFromList(page, 0);
    await page.locator("[data-testid=fs-structured-shortlisting]").waitFor();
    // The list's overlays are gone (torn down), exactly one scoring panel is up.
    await expect.poll(() => page.locator("[data-testid=fs-summary]").count()).toBe(0);
    expect(await page.locator("[data-testid=fs-structured-shortlisting]").count()).toBe(1);
    await scoreAll(page, 3);
    if (sys.nextApplicant) {
      const navigations = (await trace(page)).filter((l) => l.includes(" navigate ")).length;
      await page.click(sys.nextApplicant);
      await waitForTrace(page, "ready structured-shortlisting", 1);
      expect((await trace(page)).filter((l) => l.includes(" navigate ")).length).toBe(navigations + 1);
      await expect.poll(() => page.locator("[data-testid=fs-applicant-progress]").textContent()).toBe(`0 of ${sys.criteria} criteria scored for this applicant`);
      expect(await page.locator("[data-testid=fs-structured-shortlisting]").count()).toBe(1);
      await page.goBack();
    }
    await page.goBack();
    await page.locator("[data-testid=fs-summary]").waitFor();
    await expect.poll(() => page.locator("[data-testid=fs-summary-progress]").textContent()).toBe("1 of 23 scored");
    await expect.poll(() => page.locator("[data-testid=fs-row-badge]").count()).toBe(23);
    expect(await page.locator("[data-testid=fs-row-badge]").first().textContent()).toMatch(/Scores: all, total \d+/);
  });

  it("summarises the vacancy and exports CSV and a printable record without page markup", async () => {
    await page.goto(sys.application(0));
    await scoreAll(page, 1, { note: "=cmd|' /C calc'!A0 <img src=x onerror=alert(1)>" });
    await page.goto(sys.list);
    await page.locator("[data-testid=fs-summary-toggle]").click();
    expect(await page.locator("[data-testid=fs-summary-progress]").textContent()).toBe("1 of 23 scored");
    expect(await page.locator("[data-testid=fs-unscored]").textContent()).not.toContain(sys.applicantId(0));
    expect(await page.locator("[data-testid=fs-distribution] tbody tr").nth(1).textContent()).toContain(String(sys.criteria));
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=fs-download-csv]")]);
    const csvText = await (await csv.createReadStream())!.toArray().then((b) => Buffer.concat(b).toString("utf8"));
    expect(csvText.split("\r\n")[0]).toBe("applicant,assessor,criterion kind,criterion,level,anchor,evidence note");
    expect(csvText).toContain(`'=cmd|`);
    const [rec] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=fs-download-record]")]);
    const html = await (await rec.createReadStream())!.toArray().then((b) => Buffer.concat(b).toString("utf8"));
    expect(html).toContain(sys.vacancyRef);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img src=x");
  });

  it("has no serious accessibility violation in the overlay (axe-core)", async () => {
    await page.goto(sys.application(0));
    await scoreAll(page, 0, { note: "" });
    await sys.decide(page, "shortlisted");
    await page.locator("[data-testid=fs-consistency]").first().waitFor();
    const onApplication = await axeOverlays(page);
    expect(onApplication.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.goto(sys.list);
    await page.locator("[data-testid=fs-summary-toggle]").click();
    const onList = await axeOverlays(page);
    expect(onList.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  it("can be used with the keyboard alone", async () => {
    await page.goto(sys.application(0));
    await page.locator("[data-testid=fs-criterion]").first().waitFor();
    // Tab from the top of the page until focus lands in the scoring panel.
    let inPanel = false;
    for (let i = 0; i < 80 && !inPanel; i++) {
      await page.keyboard.press("Tab");
      inPanel = await page.evaluate(() => {
        const host = document.activeElement;
        return host?.tagName === "FAIR-SHORTLIST-OVERLAY" && (host as HTMLElement).dataset.feature === "structured-shortlisting";
      });
    }
    expect(inPanel).toBe(true);
    // The panel opens with a skip link to the host's decision (where the screen has one).
    const onSkip = await page.evaluate(() => (document.activeElement as HTMLElement).shadowRoot?.activeElement?.getAttribute("data-testid") === "fs-skip-to-decision");
    if (onSkip) await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowRight"); // radio group: moves to and selects level 1
    await page.keyboard.press("Tab"); // to the evidence note
    await page.keyboard.type("Gave a clear example of a handover audit.");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.locator("[data-testid=fs-applicant-progress]").textContent()).toBe(`1 of ${sys.criteria} criteria scored for this applicant`);
    const stored = await readExtensionStorage(browser.context, browser.extensionId);
    const rec = stored[`scores/${sys.id}/${sys.vacancyRef}/${sys.applicantId(0)}`] as { scores: Record<string, { level: number; note: string }> };
    expect(Object.values(rec.scores)).toEqual([{ level: 1, note: "Gave a clear example of a handover audit." }]);
  });
});
