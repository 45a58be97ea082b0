/**
 * Other systems' export shapes (tests/fixtures/imports/realExports.mjs) chosen in the dashboard's
 * import in real Chromium, through the page and its import Web Worker: what the analyst sees for
 * a file with two "Status" columns in Windows-1252, an ESR-like report with "Medical" and
 * "Non AfC" bands to map, a workbook whose applicants are on its second sheet, and a report with a
 * date column per stage. The unit test (tests/unit/dashboard-realExports.test.ts) checks every
 * count against the truth; this checks the page shows and lets the analyst do what it says.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { startWorker, type RunningWorker } from "./support/worker";
import { createOrg, type TestOrg } from "./support/api";
import { axeSeriousOrCritical, signIn } from "./support/dashboard";
import { SHAPES } from "../fixtures/imports/realExports.mjs";

const TMP = path.join(repoRoot, "tests/.tmp/real-exports");

async function fileOf(id: string): Promise<string> {
  const shape = SHAPES.find((s) => s.id === id)!;
  const { name, bytes } = await shape.build();
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, name);
  writeFileSync(file, bytes);
  return file;
}

describe("importing other systems' exports in the dashboard", () => {
  let worker: RunningWorker;
  let browser: ExtensionBrowser;
  let page: Page;
  let org: TestOrg;

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Real Exports NHS Trust", "RRX");
    browser = await launchWithExtension({ withExtension: false });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await signIn(page, worker, org.read);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  async function open(file: string): Promise<void> {
    await page.reload();
    await page.waitForSelector("#app:not([hidden])");
    await page.setInputFiles("#import-file", file);
    await page.waitForSelector("#import-summary");
  }

  it("takes the applicant's Status of two, names both by column, and reads Windows-1252", async () => {
    await open(await fileOf("oleeo-1252"));
    expect(await page.inputValue("#map-stage")).toBe("9");
    const options = await page.locator("#map-stage option").allTextContents();
    expect(options).toEqual(expect.arrayContaining(["Status (column C)", "Status (column J)"]));
    // A file with a stage column does not show the per-stage date choices.
    expect(await page.isHidden("#map-shortlistedOn")).toBe(true);
    expect(await page.textContent("#import-summary")).toContain("54 applicant rows read: 6 vacancies ready to send.");
    expect(await page.textContent("#import-preview")).not.toContain("no vacancy reference");
    // The analyst can still pick the other one, and is then told what it holds.
    await page.selectOption("#map-stage", "2");
    await expect.poll(() => page.textContent("#import-unknown")).toContain('stage "Filled"');
  });

  it("holds the vacancies with Medical and Non AfC bands until the analyst maps them", async () => {
    await open(await fileOf("esr-like"));
    expect(await page.textContent("#import-summary")).toContain("63 applicant rows read: 5 vacancies ready to send, 2 vacancies waiting for your choices.");
    expect(await page.textContent(".held-vacancies tbody")).toContain('band "Medical" is not one we know');
    await page.selectOption('[data-choice="band:medical"]', "consultant");
    await page.selectOption('[data-choice="band:non afc"]', "8a");
    await expect.poll(() => page.textContent("#import-summary")).toContain("63 applicant rows read: 7 vacancies ready to send.");
  });

  it("opens a workbook on its first sheet with column headings", async () => {
    await open(await fileOf("xlsx-report"));
    expect(await page.textContent("#import-mapping legend")).toContain('sheet "Applicant data"');
    expect(await page.inputValue("#import-sheet")).toBe("Applicant data");
    expect(await page.textContent("#import-skipped-above")).toContain("The column headings are on row 4");
    expect(await page.textContent("#import-summary")).toContain("54 applicant rows read: 6 vacancies ready to send.");
  });

  it("a report grouped by vacancy: merged cells read as the sheet shows them; as CSV, counted under the vacancy above once the analyst ticks it", async () => {
    await open(await fileOf("grouped-xlsx"));
    expect(await page.textContent("#import-summary")).toContain("32 applicant rows read: 4 vacancies ready to send.");
    expect(await page.isVisible("#import-fill-down")).toBe(false);

    await open(await fileOf("grouped-csv"));
    expect(await page.textContent("#import-summary")).toContain("32 applicant rows read: 0 vacancies ready to send, 4 vacancies waiting for your choices, 28 rows that belong to no vacancy.");
    expect(await page.textContent(".held-vacancies tbody")).toContain("7 rows below its first row have no reference, as in a report grouped by vacancy");
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.getByLabel(/Count the 28 rows without a vacancy reference/).check();
    await expect.poll(() => page.textContent("#import-summary")).toContain("32 applicant rows read: 4 vacancies ready to send.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("import-fill-down");
    expect(await page.isChecked("#import-fill-down")).toBe(true);
    expect(await page.textContent(".import-notes")).toContain("28 rows without a vacancy reference, band, closing date or staff group were counted under the vacancy listed above them");
    // For this file only: nothing of it is remembered.
    expect(await page.evaluate(() => localStorage.getItem("fair-shortlist.importChoices.v1") ?? "")).not.toContain("fillDown");
  });

  it("reads how far each applicant got from a date column per stage", async () => {
    await open(await fileOf("stonefish-milestones"));
    expect(await page.inputValue("#map-stage")).toBe("");
    expect(await page.isVisible("#map-shortlistedOn")).toBe(true);
    expect(await page.inputValue("#map-shortlistedOn")).toBe("7");
    expect(await page.inputValue("#map-appointedOn")).toBe("10");
    expect(await page.inputValue("#map-declinedOn")).toBe("11");
    expect(await page.textContent("#import-summary")).toContain("45 applicant rows read: 5 vacancies ready to send.");
    // Without the shortlisting column there is nothing to count from, and the page says what to choose.
    await page.selectOption("#map-shortlistedOn", "");
    await expect.poll(() => page.textContent("#import-preview")).toContain("Choose a column for: Stage reached");
  });
});
