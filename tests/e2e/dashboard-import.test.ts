/**
 * The dashboard importer in real Chromium against `wrangler dev`, with a committed 200-row,
 * 25-vacancy export in NHS Jobs report shape (tests/fixtures/imports/, CSV and the same data as
 * .xlsx). The expected counts are worked out here by hand from the file, with this test's own
 * tables of what each wording means: not by the production code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { startWorker, type RunningWorker } from "./support/worker";
import { createOrg, type TestOrg } from "./support/api";
import { signIn } from "./support/dashboard";

const FIXTURES = path.join(repoRoot, "tests/fixtures/imports");
const CSV_FILE = path.join(FIXTURES, "nhs-jobs-applicants.csv");
const XLSX_FILE = path.join(FIXTURES, "nhs-jobs-applicants.xlsx");
const ORG_SECRET = "e2e-import-organisation-secret-0123";

// What each wording in the fixture means, written out by hand for this test.
const STAGE: Record<string, "no" | "shortlisted" | "appointed"> = {
  "Application Submitted": "no",
  "Not Shortlisted": "no",
  "Rejected at Shortlisting": "no",
  Shortlisted: "shortlisted",
  "Invited to Interview": "shortlisted",
  Interviewed: "shortlisted",
  "Interviewed - not appointed": "shortlisted",
  "Unsuccessful at Interview": "shortlisted",
  Appointed: "appointed",
  "Offer Accepted": "appointed",
  "Conditional Offer Accepted": "appointed",
  "Pre-employment Checks": "appointed",
  "Offer Declined": "no", // WRES indicator 2 leaves declined offers out
  Withdrawn: "no",
  "Application Withdrawn": "no",
  "Assessment Centre": "shortlisted", // the trust's own word: mapped in the preview below
};
const ETHNIC: Record<string, "white" | "bme" | "notStated"> = {
  "White: English, Welsh, Scottish, Northern Irish or British": "white",
  "White: Irish": "white",
  "White: Any other White background": "white",
  "Asian or Asian British: Indian": "bme",
  "Asian or Asian British: Pakistani": "bme",
  "Black, Black British, Caribbean or African: African": "bme",
  "Mixed or Multiple ethnic groups: White and Black Caribbean": "bme",
  "Other ethnic group: Any other ethnic group": "bme",
  "I do not wish to disclose my ethnic origin": "notStated",
  "": "notStated",
};
const SIDE: Record<string, "clinical" | "nonClinical"> = {
  "Nursing and Midwifery Registered": "clinical",
  "Additional Clinical Services": "clinical",
  "Allied Health Professionals": "clinical",
  "Medical and Dental": "clinical",
  "Healthcare Scientists": "clinical",
  "Additional Professional Scientific and Technical": "clinical",
  "Add Prof Scientific and Technic": "clinical",
  "Administrative and Clerical": "nonClinical",
  "Estates and Ancillary": "nonClinical",
  Students: "clinical", // outside the split: mapped in the preview below
};
const BAND: Record<string, string> = {
  "Band 2": "2", "Band 3": "3", "Band 4": "4", "Band 5": "5", "Band 6": "6", "Band 7": "7",
  "Band 8a": "8a", "Band 8b": "8b", Consultant: "consultant", "Specialty Doctor": "careerGrade",
};
const DISABILITY: Record<string, "disabled" | "notDisabled" | "notDeclared"> = { Yes: "disabled", No: "notDisabled", "I do not wish to disclose this": "notDeclared" };

/** RFC 4180 rows, enough for the fixture (quoted fields with commas). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split("\r\n").filter(Boolean)) {
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        const end = line.indexOf('"', i + 1);
        fields.push(line.slice(i + 1, end));
        i = end + 2;
      } else {
        const end = line.indexOf(",", i) < 0 ? line.length : line.indexOf(",", i);
        fields.push(line.slice(i, end));
        i = end + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}

type Counts = Record<"white" | "bme" | "notStated", { shortlisted: number; appointed: number }>;
interface Expected {
  closingDate: string;
  band: string;
  staffGroup: string;
  counts: Counts;
  disabilityCounts: Record<"disabled" | "notDisabled" | "notDeclared", { shortlisted: number; appointed: number }>;
}

function handCount(): { byReference: Map<string, Expected>; disability: Record<string, { shortlisted: number; appointed: number }>; assessmentRows: number; studentRows: number } {
  const [header, ...rows] = csvRows(readFileSync(CSV_FILE, "utf8"));
  const col = (name: string) => header!.indexOf(name);
  const byReference = new Map<string, Expected>();
  const disability: Record<string, { shortlisted: number; appointed: number }> = { disabled: { shortlisted: 0, appointed: 0 }, notDisabled: { shortlisted: 0, appointed: 0 }, notDeclared: { shortlisted: 0, appointed: 0 } };
  let assessmentRows = 0;
  let studentRows = 0;
  for (const r of rows) {
    const ref = r[col("Job Reference")]!;
    const [d, m, y] = r[col("Closing Date")]!.split("/");
    const status = r[col("Applicant Status")]!;
    if (status === "Assessment Centre") assessmentRows++;
    if (r[col("Staff Group")] === "Students") studentRows++;
    expect(STAGE[status], status).toBeDefined();
    expect(ETHNIC[r[col("Ethnic Origin")]!], r[col("Ethnic Origin")]).toBeDefined();
    let v = byReference.get(ref);
    if (!v) {
      v = { closingDate: `${y}-${m}-${d}`, band: BAND[r[col("Pay Band")]!]!, staffGroup: SIDE[r[col("Staff Group")]!]!, counts: { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } }, disabilityCounts: { disabled: { shortlisted: 0, appointed: 0 }, notDisabled: { shortlisted: 0, appointed: 0 }, notDeclared: { shortlisted: 0, appointed: 0 } } };
      byReference.set(ref, v);
    }
    const outcome = STAGE[status];
    if (outcome === "no") continue;
    const g = v.counts[ETHNIC[r[col("Ethnic Origin")]!]!];
    const dg = disability[DISABILITY[r[col("Disability")]!]!]!;
    const vdg = v.disabilityCounts[DISABILITY[r[col("Disability")]!]!];
    g.shortlisted++;
    dg.shortlisted++;
    vdg.shortlisted++;
    if (outcome === "appointed") (g.appointed++, dg.appointed++, vdg.appointed++);
  }
  return { byReference, disability, assessmentRows, studentRows };
}

const keyOf = (reference: string) => createHmac("sha256", ORG_SECRET).update(`fair-shortlist:vacancy:v1:${reference.toUpperCase()}`).digest("hex");

describe("importing a recruitment system's export (CSV and Excel)", () => {
  let worker: RunningWorker;
  let browser: ExtensionBrowser;
  let page: Page;
  let org: TestOrg;
  const bodies: string[] = [];
  const expected = handCount();

  beforeAll(async () => {
    worker = await startWorker();
    org = await createOrg(worker, "Import Test NHS Trust", "RIM");
    browser = await launchWithExtension({ withExtension: false });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/outcomes/batch")) bodies.push(r.postData() ?? "");
    });
    await signIn(page, worker, org.read);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  async function send(): Promise<{ outcomes: Array<Expected & { vacancyKey: string }> }> {
    const before = bodies.length;
    await page.fill("#org-secret", ORG_SECRET);
    await page.fill("#submit-token", org.submit);
    await page.click("#import-send-button");
    await expect.poll(() => page.textContent("#import-result"), { timeout: 20_000 }).toMatch(/Sent counts for 25 vacancies/);
    expect(bodies.length).toBe(before + 1);
    return JSON.parse(bodies[bodies.length - 1]!);
  }

  it("serves the import worker from the Worker's own origin, as the page's CSP requires", async () => {
    const res = await fetch(`${worker.base}/`);
    expect(res.headers.get("content-security-policy")).toContain("worker-src 'self'");
    const url = /data-import-worker="(\/dashboard\/import-worker\.[0-9a-f]+\.js)"/.exec(await res.text())![1]!;
    const js = await fetch(`${worker.base}${url}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await js.text()).length).toBeLessThan(100_000);
  });

  it("has all 25 vacancies in the fixture, with every staff group and stage wording listed", () => {
    expect(expected.byReference.size).toBe(25);
    const csv = readFileSync(CSV_FILE, "utf8");
    for (const word of [...Object.keys(SIDE), "Application Submitted", "Shortlisted", "Appointed", "Offer Declined", "Withdrawn", "Not Shortlisted"]) expect(csv).toContain(word);
  });

  it("groups the values it does not know, holds their vacancies, and applies one choice to every row", async () => {
    await page.locator("#import").scrollIntoViewIfNeeded();
    await page.setInputFiles("#import-file", CSV_FILE);
    await page.waitForSelector("#import-summary");
    expect(await page.inputValue("#map-vacancy")).toBe("1");
    expect(await page.inputValue("#map-applicant")).toBe("0");
    expect(await page.inputValue("#map-disability")).toBe("8");
    const problems = await page.locator("#import-unknown li").allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.includes("Students"))).toContain(`${expected.studentRows} rows: staff group "Students" — treat as:`);
    expect(problems.find((p) => p.includes("Assessment Centre"))).toContain(`${expected.assessmentRows} rows: stage "Assessment Centre" — treat as:`);
    const held = await page.locator(".held-vacancies tbody tr").count();
    expect(held).toBeGreaterThan(0);
    expect(await page.textContent("#import-summary")).toContain(`200 applicant rows read: ${25 - held} vacancies ready to send, ${held} ${held === 1 ? "vacancy" : "vacancies"} waiting for your choices.`);
    await page.locator("#import").screenshot({ path: path.join(repoRoot, "docs/screenshots/import-values.png") });

    await page.selectOption('[data-choice="stage:assessment centre"]', "shortlisted");
    await expect.poll(() => page.locator("#import-unknown li").count()).toBe(1);
    // Focus stays where the analyst was working: on the choice just made.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-choice"))).toBe("stage:assessment centre");
    await page.selectOption('[data-choice="staffGroup:students"]', "clinical");
    await expect.poll(() => page.textContent("#import-summary")).toContain("200 applicant rows read: 25 vacancies ready to send.");
    expect(await page.isVisible("#import-all-known")).toBe(true);
    // The choices made stay listed, to check or change.
    expect(await page.locator("#import-check li").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('stage "Assessment Centre"'), expect.stringContaining('staff group "Students"')]));
  });

  it("sends counts for all 25 vacancies equal to the hand count, and only counts", async () => {
    const sent = await send();
    expect(sent.outcomes).toHaveLength(25);
    const byKey = new Map([...expected.byReference].map(([ref, v]) => [keyOf(ref), v]));
    for (const o of sent.outcomes) {
      expect(Object.keys(o).sort()).toEqual(["band", "closingDate", "counts", "disabilityCounts", "staffGroup", "vacancyKey"]);
      expect({ closingDate: o.closingDate, band: o.band, staffGroup: o.staffGroup, counts: o.counts, disabilityCounts: o.disabilityCounts }).toEqual(byKey.get(o.vacancyKey));
    }
    for (const text of ["C91", "A1000", "Assessment", "Pakistani", "Students", ORG_SECRET]) expect(bodies[0]).not.toContain(text);
    // Disability (WDES metric 2) is shown and sent: the API's WDES figure rests on the hand count.
    const wdes = await (await fetch(`${worker.base}/v1/indicators/wdes2`, { headers: { Authorization: `Bearer ${org.read}` } })).json();
    expect([wdes.overall.vacancies, wdes.overall.vacanciesInPeriod]).toEqual([25, 25]);
    expect(wdes.overall.counts).toEqual({ notDisabled: expected.disability.notDisabled, disabled: expected.disability.disabled, notDeclared: expected.disability.notDeclared });
    const rows = await page.$$eval(".disability-totals tbody tr", (trs) => trs.map((tr) => Array.from(tr.children, (c) => c.lastChild?.textContent ?? "")));
    expect(rows).toEqual([
      ["Disabled", String(expected.disability.disabled!.shortlisted), String(expected.disability.disabled!.appointed)],
      ["Non-disabled", String(expected.disability.notDisabled!.shortlisted), String(expected.disability.notDisabled!.appointed)],
      ["Not declared", String(expected.disability.notDeclared!.shortlisted), String(expected.disability.notDeclared!.appointed)],
    ]);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fair-shortlist.importChoices.v1")))!);
    expect(stored).toMatchObject({ stage: { "assessment centre": "shortlisted" }, staffGroup: { students: "clinical" } });
    expect(JSON.stringify(stored)).not.toMatch(/C91|A1000/);
  });

  it("imports the same data as Excel with the same counts, remembering the choices from last time", async () => {
    await page.reload();
    await page.waitForSelector("#app:not([hidden])");
    await page.setInputFiles("#import-file", XLSX_FILE);
    await page.waitForSelector("#import-summary");
    expect(await page.textContent("#import-mapping legend")).toContain('sheet "Applications"');
    expect(await page.isVisible("#import-sheet")).toBe(true); // the workbook has two sheets
    expect(await page.textContent("#import-summary")).toContain("200 applicant rows read: 25 vacancies ready to send.");
    const first = JSON.parse(bodies[0]!) as { outcomes: unknown[] };
    const sent = await send();
    expect(sent.outcomes).toEqual(first.outcomes);
    expect(await page.textContent("#import-result")).toContain("0 new, 25 replaced");
  });

  it("reads a report whose column headings sit below its title, with the same counts", async () => {
    await page.reload();
    await page.waitForSelector("#app:not([hidden])");
    const titled = path.join(repoRoot, "tests/.tmp/import-titled.csv");
    mkdirSync(path.dirname(titled), { recursive: true });
    writeFileSync(titled, `Applications by vacancy\r\nRun on 01/12/2026 by HR Analytics\r\n\r\n${readFileSync(CSV_FILE, "utf8").replace(/^\uFEFF/, "")}`);
    await page.setInputFiles("#import-file", titled);
    await page.waitForSelector("#import-summary");
    expect(await page.textContent("#import-skipped-above")).toBe(
      'The column headings are on line 4; the 2 rows above them ("Applications by vacancy" …) look like the report\'s title and are not counted.',
    );
    expect(await page.textContent("#import-summary")).toContain("200 applicant rows read: 25 vacancies ready to send.");
    const first = JSON.parse(bodies[0]!) as { outcomes: unknown[] };
    const sent = await send();
    expect(sent.outcomes).toEqual(first.outcomes);
  });

  it("a vacancy whose rows give no closing date waits, and is counted once the analyst gives it one", async () => {
    await page.reload();
    await page.waitForSelector("#app:not([hidden])");
    const lacking = path.join(repoRoot, "tests/.tmp/import-no-date.csv");
    mkdirSync(path.dirname(lacking), { recursive: true });
    writeFileSync(
      lacking,
      ["Job Reference,Pay Band,Staff Group,Closing Date,Applicant Status,Ethnic Origin", "N1,Band 6,Allied Health Professionals,,Shortlisted,A - White - British", "N1,Band 6,Allied Health Professionals,,Offer Accepted,H - Asian or Asian British - Indian", "N2,Band 5,Administrative and Clerical,14/06/2024,Offer Accepted,A - White - British"].join("\r\n"),
    );
    await page.setInputFiles("#import-file", lacking);
    await page.waitForSelector("#import-summary");
    expect(await page.textContent("#import-summary")).toContain("3 applicant rows read: 1 vacancy ready to send, 1 vacancy waiting for your choices.");
    expect(await page.textContent(".held-vacancies tbody")).toContain("no closing date in any of its rows: choose it for this vacancy, or fix the file");
    // The date control is labelled for its vacancy (the browser's date field: its typing order follows the locale).
    await page.getByLabel("Closing date for N1").fill("2024-06-14");
    await expect.poll(() => page.textContent("#import-summary")).toContain("3 applicant rows read: 2 vacancies ready to send.");
    expect(await page.isVisible(".held-vacancies")).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("import-summary");
    // For this file only: nothing about a vacancy is remembered for the next import.
    expect(await page.evaluate(() => localStorage.getItem("fair-shortlist.importChoices.v1") ?? "")).not.toContain("N1");
  });

  it("shows progress, keeps answering, and cancels a large file", async () => {
    const { exportRows, toCsv } = (await import(path.join(FIXTURES, "nhsJobsExport.mjs"))) as { exportRows(o: object): unknown[]; toCsv(r: unknown[]): string };
    const big = path.join(repoRoot, "tests/.tmp/import-large.csv");
    mkdirSync(path.dirname(big), { recursive: true });
    writeFileSync(big, toCsv(exportRows({ vacancies: 10_000, rowsPerVacancy: 30 })));
    await page.setInputFiles("#import-file", big);
    await page.waitForSelector("#import-progress:not([hidden])");
    // The page answers while the worker reads: a click handler runs at once.
    const lag = await page.evaluate(() => new Promise<number>((resolve) => {
      const t = performance.now();
      setTimeout(() => resolve(performance.now() - t), 0);
    }));
    expect(lag).toBeLessThan(100);
    await page.click("#import-cancel");
    await expect.poll(() => page.textContent("#import-preview")).toContain("Cancelled: the file was not read.");
    expect(await page.isHidden("#import-progress")).toBe(true);
    // And the next file imports as usual.
    await page.setInputFiles("#import-file", CSV_FILE);
    await expect.poll(() => page.textContent("#import-summary")).toContain("25 vacancies ready to send.");
  });
});
