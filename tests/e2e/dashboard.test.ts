/**
 * The HR dashboard in real Chromium against `wrangler dev`, with seeded anonymised outcomes:
 * sign-in, headline equal to the API's figures, exact counts with the small-numbers flag, the
 * "for publication" switch and its suppressed tables, confidence selector, CSV export,
 * CSV import with good and bad rows, axe-core, 320 px, print. Also writes docs/screenshots/*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHmac } from "node:crypto";
import path from "node:path";
import type { Page } from "playwright-core";
import { formatRelativeLikelihood } from "@fair-shortlist/shared/wres2";
import { BenchmarkResponseSchema, ByInterventionResponseSchema, ComplianceResponseSchema, Wres2ResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { startWorker, type RunningWorker } from "./support/worker";
import { apiJson, axeSeriousOrCritical, printedPages, rowsOf, signIn, submitOutcomes as submit, type Counts, type Outcome } from "./support/dashboard";

const SCREENSHOTS = path.join(repoRoot, "docs/screenshots");
const ORG_SECRET = "e2e-organisation-secret-0123456789";

let seq = 0;
const key = (label: string) => createHmac("sha256", "seed").update(`${label}-${seq++}`).digest("hex");

/** Splits n into k near-equal whole parts. */
function split(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/** One band's totals spread over k vacancies (appointed never above shortlisted in a part). */
function vacancies(
  k: number,
  base: Omit<Outcome, "vacancyKey" | "counts">,
  white: Counts,
  bme: Counts,
  panel?: (i: number) => Outcome["panel"],
): Outcome[] {
  const ws = split(white.shortlisted, k);
  const wa = split(white.appointed, k);
  const bs = split(bme.shortlisted, k);
  const ba = split(bme.appointed, k);
  return ws.map((_, i) => ({
    ...base,
    vacancyKey: key(base.band),
    counts: {
      white: { shortlisted: ws[i]!, appointed: wa[i]! },
      bme: { shortlisted: bs[i]!, appointed: ba[i]! },
      notStated: { shortlisted: 1, appointed: 0 },
    },
    ...(panel ? { panel: panel(i) } : {}),
  }));
}

/** Panel outcomes for posts above band 6: some met, some failing the rules that fail most in practice. */
const panelOf = (i: number): Outcome["panel"] =>
  i % 3 === 0
    ? { ruleApplies: true, ruleMet: false, failedRules: i % 2 === 0 ? ["ethnicMinorityMember", "trainedMember"] : ["ethnicMinorityMember"] }
    : { ruleApplies: true, ruleMet: true, failedRules: [] };

/** The demo organisation: three financial years; 2024/25 broken down by band and staff group. */
function demoOutcomes(): Outcome[] {
  return [
    // 2024/25: white 300/90, BME 250/52 overall.
    ...vacancies(4, { closingDate: "2024-05-10", band: "3", staffGroup: "clinical" }, { shortlisted: 60, appointed: 20 }, { shortlisted: 50, appointed: 12 }),
    ...vacancies(4, { closingDate: "2024-07-01", band: "5", staffGroup: "clinical" }, { shortlisted: 80, appointed: 25 }, { shortlisted: 70, appointed: 15 }),
    ...vacancies(4, { closingDate: "2024-09-20", band: "6", staffGroup: "nonClinical" }, { shortlisted: 70, appointed: 20 }, { shortlisted: 60, appointed: 12 }),
    ...vacancies(10, { closingDate: "2024-11-05", band: "7", staffGroup: "clinical" }, { shortlisted: 50, appointed: 15 }, { shortlisted: 45, appointed: 8 }, panelOf),
    ...vacancies(6, { closingDate: "2025-01-15", band: "8a", staffGroup: "nonClinical" }, { shortlisted: 37, appointed: 9 }, { shortlisted: 23, appointed: 5 }, (i) => panelOf(i + 1)),
    ...vacancies(1, { closingDate: "2025-03-03", band: "VSM", staffGroup: "nonClinical" }, { shortlisted: 3, appointed: 1 }, { shortlisted: 2, appointed: 0 }, () => panelOf(0)),
    // Earlier years, for the trend.
    ...vacancies(4, { closingDate: "2023-09-10", band: "5", staffGroup: "clinical" }, { shortlisted: 240, appointed: 78 }, { shortlisted: 210, appointed: 50 }),
    ...vacancies(4, { closingDate: "2022-11-20", band: "5", staffGroup: "clinical" }, { shortlisted: 200, appointed: 70 }, { shortlisted: 180, appointed: 40 }),
  ];
}

interface Tokens {
  submit: string;
  read: string;
}

async function createOrg(worker: RunningWorker, name: string, odsCode: string): Promise<Tokens> {
  const res = await worker.admin("/v1/admin/orgs", { name, odsCode });
  expect(res.status).toBe(201);
  return ((await res.json()) as { tokens: Tokens }).tokens;
}

interface Figures {
  relativeLikelihood: number | null;
  ci: { lower: number | null; upper: number | null; level: number } | null;
  shortfall: { toParity: number | null; toFourFifths: number | null } | null;
  suppressed: boolean;
  suppressionCode: string | null;
  counts: { white: Counts; bme: Counts; notStated?: Counts } | null;
  key?: string;
}

describe("HR dashboard", () => {
  let worker: RunningWorker;
  let browser: ExtensionBrowser;
  let page: Page;
  let demo: Tokens;
  const requestUrls: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    worker = await startWorker();
    demo = await createOrg(worker, "Example Hospitals NHS Foundation Trust", "RXA");
    await submit(worker, demo.submit, demoOutcomes());
    // Other organisations, so the benchmark has a funnel (2024/25, enough data each).
    for (let i = 0; i < 9; i++) {
      const tokens = await createOrg(worker, `Benchmark Trust ${i + 1}`, `RB${i + 1}`);
      await submit(
        worker,
        tokens.submit,
        vacancies(2, { closingDate: "2024-10-01", band: "5", staffGroup: "clinical" }, { shortlisted: 80 + 30 * i, appointed: 24 + 6 * i }, { shortlisted: 70 + 25 * i, appointed: 14 + (i % 4) * 5 + 2 * i }),
      );
    }
    browser = await launchWithExtension({ withExtension: false });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    page.on("request", (r) => requestUrls.push(r.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  it("serves the page from the Worker with a strict CSP and no third-party assets", async () => {
    const res = await fetch(`${worker.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const script = /src="(\/dashboard\/app\.[0-9a-f]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${worker.base}${script}`);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await js.text()).length).toBeLessThan(150_000);
  });

  it("refuses a wrong token and signs in with the read token, keeping it out of URLs", async () => {
    await page.goto(`${worker.base}/`);
    await page.waitForSelector("html[data-ready]");
    await page.screenshot({ path: path.join(SCREENSHOTS, "signin.png") });
    await page.fill("#token", "fs_read_not-a-real-token-000000000000000000000000");
    await page.click("#signin-form button[type=submit]");
    await expect.poll(() => page.textContent("#signin-error")).toMatch(/not accepted/);
    // A submit token is not a read token.
    await page.fill("#token", demo.submit);
    await page.click("#signin-form button[type=submit]");
    await expect.poll(() => page.textContent("#signin-error")).toMatch(/submit token/);
    expect(await page.textContent("#token-hint")).toContain("fs_report_");

    await page.fill("#token", demo.read);
    await page.click("#signin-form button[type=submit]");
    await page.waitForSelector("#headline-text");
    expect(await page.textContent("#org-name")).toBe("Example Hospitals NHS Foundation Trust (RXA)");
    expect(await page.inputValue("#year")).toBe("2024/25");
    expect(await page.evaluate(() => sessionStorage.getItem("fair-shortlist.readToken"))).toBe(demo.read);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(requestUrls.filter((u) => u.includes(demo.read) || u.includes("fs_read_"))).toEqual([]);
    expect(page.url()).toBe(`${worker.base}/`);
  });

  it("shows the API's figures in the headline, in words a board reads, with the shortfall", async () => {
    const api = await apiJson<{ overall: Figures }>(worker, demo.read, "/v1/indicators/wres2?year=2024/25&level=95");
    Wres2ResponseSchema.parse(api); // the page is typed from this schema: pin that the live API matches it
    const o = api.overall;
    expect(o.suppressed).toBe(false);
    const text = await page.textContent("#headline-text");
    expect(text).toContain(`White shortlisted applicants were ${formatRelativeLikelihood(o.relativeLikelihood!)} times as likely to be appointed`);
    expect(text).toContain(`95% interval ${formatRelativeLikelihood(o.ci!.lower!)}–${formatRelativeLikelihood(o.ci!.upper!)}`);
    expect(text).toContain("outside the four-fifths range");
    expect(await page.textContent("#headline-shortfall")).toContain(`${o.shortfall!.toParity} more BME appointments`);
    // Counts table equals the API's counts.
    const cells = await rowsOf(page, "#headline-body table tbody tr");
    expect(cells[0]!.slice(0, 3)).toEqual(["White", String(o.counts!.white.shortlisted), String(o.counts!.white.appointed)]);
    expect(cells[1]!.slice(0, 3)).toEqual(["BME", String(o.counts!.bme.shortlisted), String(o.counts!.bme.appointed)]);
  });

  it("shows the own audience every band exactly, small ones flagged 'small numbers: treat with caution'", async () => {
    const api = await apiJson<{ breakdown: (Figures & { smallNumbers: boolean })[] }>(worker, demo.read, "/v1/indicators/wres2?year=2024/25&level=95&by=band");
    Wres2ResponseSchema.parse(api);
    expect(api.breakdown.filter((b) => b.suppressed)).toEqual([]);
    expect(api.breakdown.filter((b) => b.smallNumbers).map((b) => b.key)).toEqual(["VSM"]);
    const rows = await rowsOf(page, "#band-body table tbody tr");
    // VSM (white 3 of whom 1 appointed, BME 2, none appointed): the counts as the trust holds them, flagged.
    const vsm = rows.find((r) => r[0]!.startsWith("VSM"))!;
    expect(vsm[0]).toBe("VSM (small numbers: treat with caution)");
    expect(vsm.slice(1, 3)).toEqual(["3 / 1", "2 / 0"]);
    for (const b of api.breakdown.filter((x) => x.relativeLikelihood !== null)) {
      const row = rows.find((r) => r[0]!.startsWith(b.key === "VSM" ? "VSM" : `Band ${b.key}`))!;
      expect(row[3]).toContain(formatRelativeLikelihood(b.relativeLikelihood!));
    }
    expect(await page.locator("#band-body-suppression").count()).toBe(0);
    expect(await page.locator("#group-body table tbody tr").count()).toBe(2);
  });

  it("'For publication' shows only the fixed, suppressed tables, senior bands grouped, worded by the API's reason", async () => {
    await page.check("#publication");
    await page.waitForSelector("#publication-view:not([hidden]) #publication-intro");
    expect(await page.isHidden("#headline")).toBe(true);
    // "Does it work?" holds exact own counts too: not on the publication view.
    expect(await page.isHidden("#interventions")).toBe(true);
    const pub = await apiJson<{ tables: { band: (Figures & { label: string })[] } }>(worker, demo.read, "/v1/report/wres2?level=95");
    const bands = pub.tables.band.filter((b: any) => b.year === "2024/25");
    const senior = bands.find((b) => b.key === "8bAndAbove")!;
    expect(senior).toMatchObject({ suppressed: true, suppressionCode: "smallCell", vacancies: null });
    expect(bands.filter((b) => b.suppressed).length).toBeGreaterThanOrEqual(2); // never one withheld row alone
    const rows = await rowsOf(page, "#publication-body table:nth-of-type(2) tbody tr");
    const seniorRow = rows.find((r) => r[0] === "Band 8b and above")!;
    expect(seniorRow.slice(1)).toEqual(Array(5).fill("withheld: fewer than 5 in a group"));
    for (const b of bands.filter((x) => x.suppressed && x.suppressionCode === "complementary")) {
      expect(rows.find((r) => r[0] === b.label)!.slice(1)).toEqual(Array(5).fill("withheld to protect a small number elsewhere"));
    }
    expect(await page.textContent("#publication-body")).not.toMatch(/3 \/ 1|2 \/ 0/);
    expect(await page.textContent("#method-note")).toContain("data cannot tell");
    await page.uncheck("#publication");
    await page.waitForSelector("#headline:not([hidden]) #headline-text");
  });

  it("draws the trend with whiskers, the four-fifths band and the published national figures", async () => {
    const svg = page.locator("#trend-body svg[role=img]");
    expect(await svg.locator("circle.org-point").count()).toBe(3);
    expect(await svg.locator("path.national-point").count()).toBe(6);
    expect(await svg.locator("rect.four-fifths-band").count()).toBe(1);
    expect(await svg.locator("desc").textContent()).toContain("Published national figures: 2016 1.57; 2018 1.45; 2018/19 1.46; 2020 1.61; 2022 1.54; 2023 1.59");
    expect(await svg.textContent()).toContain("Published national figure");
  });

  it("places the organisation on the benchmark funnel plot and shows panel-rule compliance", async () => {
    const bench = await apiJson<{ you: { included: boolean; relativeLikelihood: number }; points: unknown[] }>(worker, demo.read, "/v1/indicators/wres2/benchmark?year=2024/25&level=95");
    BenchmarkResponseSchema.parse(bench);
    expect(bench.you.included).toBe(true);
    // Named so that it is not read as NHS England's national figure.
    expect(await page.textContent("#benchmark-title")).toBe("Benchmark: organisations using fair-shortlist");
    expect(await page.textContent("#benchmark-body")).toContain("This is not NHS England's national figure");
    expect(await page.textContent("#method-note")).toContain('marked "small numbers: treat with caution"');
    expect(await page.textContent("#benchmark-you")).toContain(formatRelativeLikelihood(bench.you.relativeLikelihood));
    const funnel = page.locator("#benchmark-body svg[role=img]");
    expect(await funnel.locator("circle.you-point").count()).toBe(1);
    expect(await funnel.locator("circle").count()).toBe(bench.points.length);
    expect(await funnel.locator("polyline").count()).toBe(4); // 95% and 99.8% limits, both sides

    const compliance = await apiJson<{ overall: { applies: number; met: number } }>(worker, demo.read, "/v1/panels/compliance?year=2024/25");
    ComplianceResponseSchema.parse(compliance);
    expect(await page.textContent("#compliance-summary")).toContain(`met for ${compliance.overall.met} of ${compliance.overall.applies} vacancies`);
    expect(await page.locator("#compliance-body table").nth(1).textContent()).toContain("A member from an ethnic minority background");

    // Does it work? Each group's figure and the ratio between them, as the API computed them.
    const byIntervention = ByInterventionResponseSchema.parse(await apiJson(worker, demo.read, "/v1/indicators/wres2/by-intervention?year=2024/25&level=95"));
    expect(await page.textContent("#interventions-panel-ratio")).toContain(byIntervention.panel.comparison.text);
    expect(await page.textContent("#interventions-scoring-ratio")).toContain(byIntervention.structuredScoring.comparison.text);
    const panelTable = await page.locator("#interventions-panel table").textContent();
    for (const g of byIntervention.panel.groups.filter((x) => (x.vacancies ?? 0) > 0)) expect(panelTable).toContain(g.label);
  });

  it("has no serious or critical axe-core violations, signed in", async () => {
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "overview.png"), fullPage: true });
  });

  it("updates the figures for another confidence level without reloading the page", async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.check("#level-80");
    const api = await apiJson<{ overall: Figures }>(worker, demo.read, "/v1/indicators/wres2?year=2024/25&level=80");
    const expected = `80% interval ${formatRelativeLikelihood(api.overall.ci!.lower!)}–${formatRelativeLikelihood(api.overall.ci!.upper!)}`;
    await expect.poll(() => page.textContent("#headline-text")).toContain(expected);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.textContent("#band-body table thead")).toContain("80% interval");
    await page.check("#level-99");
    const api99 = await apiJson<{ overall: Figures }>(worker, demo.read, "/v1/indicators/wres2?year=2024/25&level=99");
    await expect.poll(() => page.textContent("#headline-text")).toContain(`99% interval ${formatRelativeLikelihood(api99.overall.ci!.lower!)}`);
    await page.check("#level-95");
    await expect.poll(() => page.textContent("#headline-text")).toContain("95% interval");
    // Year selector too.
    await page.selectOption("#year", "2023/24");
    const y = await apiJson<{ overall: Figures }>(worker, demo.read, "/v1/indicators/wres2?year=2023/24&level=95");
    await expect.poll(() => page.textContent("#headline-text")).toContain(`${formatRelativeLikelihood(y.overall.relativeLikelihood!)} times as likely`);
    await page.selectOption("#year", "2024/25");
    await expect.poll(() => page.textContent("#headline-title")).toBe("Headline for 2024/25");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it("redraws promptly after a confidence change (timed against a no-op API round trip in the same run)", async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const noop: number[] = [];
    const redraw: number[] = [];
    for (let i = 0; i < 5; i++) {
      noop.push(await page.evaluate(async () => {
        const t = performance.now();
        await (await fetch("/v1/noop", { cache: "no-store" })).json();
        return performance.now() - t;
      }));
      const level = i % 2 ? 95 : 90;
      const t = Date.now();
      await page.check(`#level-${level}`);
      await page.waitForFunction((l) => document.querySelector("#status")?.textContent === `Showing 2024/25 at ${l}% confidence.`, level);
      redraw.push(Date.now() - t);
    }
    console.log(`dashboard: confidence change → all figures redrawn, median ${median(redraw)} ms; no-op API round trip median ${median(noop).toFixed(1)} ms; ratio ${(median(redraw) / Math.max(1, median(noop))).toFixed(1)}×`);
    expect(median(redraw)).toBeLessThan(1500);
    await page.check("#level-95");
    await expect.poll(() => page.textContent("#status")).toBe("Showing 2024/25 at 95% confidence.");
  });

  it("is usable from the keyboard: skip link, year and confidence level without a mouse", async () => {
    // A reload starts keyboard navigation from the top, and the session survives it (same tab).
    await page.reload();
    await page.waitForSelector("#headline-text");
    // Signing in moves focus to the main heading once the figures are drawn; the next Tab reaches the section links.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main-heading");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Headline");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("signout");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main-heading");
    await page.focus("#level-95");
    await page.keyboard.press("ArrowLeft"); // radios: arrow keys move and select
    expect(await page.isChecked("#level-90")).toBe(true);
    await expect.poll(() => page.textContent("#headline-text")).toContain("90% interval");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.textContent("#headline-text")).toContain("95% interval");
    // Every control on the page has a visible focus style.
    await page.focus("#download-csv");
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor)).toBe("rgb(255, 235, 59)");
  });

  it("downloads the WRES return CSV with the token, and it matches the API's export", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    expect(download.suggestedFilename()).toMatch(/^wres2-RXA-2024-25\.csv$/);
    const file = readFileSync((await download.path())!, "utf8");
    const res = await fetch(`${worker.base}/v1/export/wres2.csv?year=2024/25&level=95`, { headers: { authorization: `Bearer ${demo.read}` } });
    expect(file).toBe(await res.text());
    const [header, overall] = file.split(/\r?\n/);
    expect(header).toContain("scope,key,label,vacancies,white_shortlisted,white_appointed,bme_shortlisted,bme_appointed");
    expect(overall).toMatch(/^RXA,2024\/25,overall,.*,300,90,250,52,/);
    // The WRES return carries the exact VSM counts (white 3 / 1, BME 2 / 0), flagged as small numbers.
    expect(file.split(/\r?\n/).find((l) => l.includes(",VSM,"))).toMatch(/,VSM,VSM,1,3,1,2,0,1,0,.*,yes$/);
    expect(requestUrls.some((u) => u.includes("fs_read_"))).toBe(false);
  });

  it("prints a one-page report", async () => {
    await page.emulateMedia({ media: "print" });
    const shown = (sel: string) => page.evaluate((s) => getComputedStyle(document.querySelector(s)!).display !== "none", sel);
    expect(await shown("#headline")).toBe(true);
    expect(await shown("#trend svg")).toBe(true);
    expect(await shown("#benchmark svg")).toBe(true);
    expect(await shown("#import")).toBe(false);
    expect(await shown("#controls")).toBe(false);
    expect(await shown("#signout")).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, "print.png"), fullPage: true });
    await page.emulateMedia({ media: null }); // page.pdf prints with print CSS unless screen is emulated
    expect(await printedPages(page)).toBe(1);
  });

  it("works at 320 px wide without sideways scrolling", async () => {
    await page.setViewportSize({ width: 320, height: 900 });
    await expect.poll(() => page.evaluate(() => document.querySelector("#band-body svg")?.getAttribute("width"))).not.toBe("900");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(320);
    expect(await page.isVisible("#headline-text")).toBe(true);
    const svgWidth = Number(await page.evaluate(() => document.querySelector("#band-body svg")!.getAttribute("width")));
    expect(svgWidth).toBeLessThanOrEqual(320);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.locator("#headline").evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-320.png"), fullPage: false });
    await page.locator("#breakdowns").evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOTS, "mobile-320-breakdown.png"), fullPage: false });
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it("imports a per-applicant CSV: maps columns, previews bad rows by line, sends only counts", async () => {
    const csv = [
      "\uFEFFApplicant ID,Vacancy Reference,Ethnic Origin,Application Status,Band,Vacancy Closing Date,Staff Group",
      '1001,IMP-001,White - British,Appointed,Band 6,12/06/2021,Clinical',
      '1002,IMP-001,"Asian or Asian British - Indian",Interviewed - not appointed,Band 6,12/06/2021,Clinical',
      '1003,IMP-001,"Black or Black British - African","Shortlisted, not interviewed",Band 6,12/06/2021,Clinical',
      '1004,IMP-001,Prefer not to say,Interviewed,Band 6,12/06/2021,Clinical',
      '1005,IMP-001,White - Irish,Offer declined,Band 6,12/06/2021,Clinical',
      '1006,IMP-002,White - British,Interviewed,"Band 8a",01/09/2021,Non-clinical',
      '1007,IMP-002,Pakistani,Appointed,"Band 8a",01/09/2021,Non-clinical',
      '1008,IMP-002,Mixed - White and Asian,Rejected at shortlisting,"Band 8a",01/09/2021,Non-clinical',
      '1009,,White - British,Appointed,Band 5,01/09/2021,Clinical',
      '1010,IMP-003,White - British,Withdrawn,Band 5,01/09/2021,Clinical',
      '1011,IMP-004,White - British,Appointed,Band 5,31/02/2021,Clinical',
      '1012,IMP-005,"Martian, green",Appointed,Band 4,01/10/2021,Clinical',
    ].join("\r\n");
    const file = path.join(repoRoot, "tests/.tmp/applicants.csv");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, csv);
    await page.locator("#import").scrollIntoViewIfNeeded();
    await page.setInputFiles("#import-file", file);
    await page.waitForSelector("#import-summary");
    // Auto-detected mapping.
    expect(await page.inputValue("#map-vacancy")).toBe("1");
    expect(await page.inputValue("#map-ethnicity")).toBe("2");
    expect(await page.inputValue("#map-stage")).toBe("3");
    expect(await page.inputValue("#map-closingDate")).toBe("5");
    expect(await page.textContent("#map-ethnicity-sample")).toBe("First value: White - British");
    expect(await page.inputValue("#map-applicant")).toBe("0");
    // Nothing is dropped silently: each vacancy is ready, waiting for a choice, or has nobody shortlisted.
    expect(await page.textContent("#import-summary")).toContain(
      "12 applicant rows read: 3 vacancies ready to send, 1 vacancy waiting for your choices, 1 vacancy with nobody shortlisted (nothing to send), 1 row that belongs to no vacancy.",
    );
    expect(await rowsOf(page, ".bad-rows tbody tr")).toEqual([["1", "10", "no vacancy reference: left out"]]);
    expect(await rowsOf(page, ".held-vacancies tbody tr")).toEqual([["IMP-004", "1", 'closing date "31/02/2021" is not a date (use e.g. 31/03/2025 or 2025-03-31): choose what it means above']]);
    expect(await page.textContent("#import-unknown")).toContain('1 row: closing date "31/02/2021" — treat as:');
    expect(await page.textContent("#import-check")).toContain('ethnicity "Martian, green"');
    expect(await page.textContent("#import-check")).toContain('stage "Shortlisted, not interviewed"');
    // The analyst can re-map a column and the preview follows.
    await page.selectOption("#map-stage", "");
    await expect.poll(() => page.textContent("#import-preview")).toContain("Choose a column for: Stage reached");
    expect(await page.isHidden("#import-send")).toBe(true);
    await page.selectOption("#map-stage", "3");
    await page.waitForSelector("#import-summary");
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.locator("#import").screenshot({ path: path.join(SCREENSHOTS, "import-preview.png") });

    // Sending needs the submit token and the organisation secret.
    await page.fill("#org-secret", ORG_SECRET);
    await page.click("#import-send-button");
    await expect.poll(() => page.textContent("#import-result")).toContain("submit token");
    const bodies: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/outcomes/batch")) bodies.push(r.postData() ?? "");
    });
    await page.fill("#submit-token", demo.submit);
    await page.click("#import-send-button");
    await expect.poll(() => page.textContent("#import-result"), { timeout: 15_000 }).toContain("Sent counts for 3 vacancies: 3 new, 0 replaced");

    // Only counts left the browser: no reference, no ethnicity label, no applicant id.
    expect(bodies).toHaveLength(1);
    for (const secretText of ["IMP-00", "Martian", "1001", "Indian", ORG_SECRET]) expect(bodies[0]).not.toContain(secretText);
    const sent = JSON.parse(bodies[0]!) as { outcomes: Outcome[] };
    expect(Object.keys(sent.outcomes[0]!).sort()).toEqual(["band", "closingDate", "counts", "staffGroup", "vacancyKey"]);
    const expectedKey = createHmac("sha256", ORG_SECRET).update("fair-shortlist:vacancy:v1:IMP-001").digest("hex");
    expect(sent.outcomes[0]).toEqual({
      vacancyKey: expectedKey,
      closingDate: "2021-06-12",
      band: "6",
      staffGroup: "clinical",
      counts: { white: { shortlisted: 1, appointed: 1 }, bme: { shortlisted: 2, appointed: 0 }, notStated: { shortlisted: 1, appointed: 0 } },
    });
    const stored = await fetch(`${worker.base}/v1/outcomes/${expectedKey}`, { headers: { authorization: `Bearer ${demo.submit}` } });
    expect(stored.status).toBe(200);

    // The new year shows up; sending the same file again replaces rather than double counts.
    await expect.poll(() => page.$$eval("#year option", (o) => o.map((x) => x.textContent))).toContain("2021/22");
    await page.fill("#submit-token", demo.submit);
    await page.click("#import-send-button");
    await expect.poll(() => page.textContent("#import-result"), { timeout: 15_000 }).toContain("0 new, 3 replaced");
    const year = await apiJson<{ overall: { vacancies: number } }>(worker, demo.read, "/v1/indicators/wres2?year=2021/22");
    expect(year.overall.vacancies).toBe(3);
    expect(await page.inputValue("#submit-token")).toBe("");
  });

  it("shows text from the API and from imported files as text, never as markup", async () => {
    // The API refuses markup in an organisation's name (a plain name only: docs/privacy.md) ...
    const refused = await worker.admin("/v1/admin/orgs", { name: '<img src=x onerror="window.pwned=1">Trust', odsCode: "RXY" });
    expect(refused.status).toBe(400);
    // ... and what a plain name may hold is still shown as text: parsed as HTML, "&amp" would read "&".
    const hostile = "Tom &amp Jerry's Trust (A&E)";
    const tokens = await createOrg(worker, hostile, "RXZ");
    await submit(worker, tokens.submit, vacancies(1, { closingDate: "2024-06-01", band: "5", staffGroup: "clinical" }, { shortlisted: 20, appointed: 5 }, { shortlisted: 20, appointed: 5 }));
    const other = await browser.context.newPage();
    await signIn(other, worker, tokens.read, { ready: "#headline-text" });
    expect(await other.textContent("#org-name")).toBe(`${hostile} (RXZ)`);
    const file = path.join(repoRoot, "tests/.tmp/hostile.csv");
    writeFileSync(file, 'Vacancy Reference,Ethnicity,Stage,Band,Closing Date,Staff Group\n"<b id=injected>X1</b>","<img src=y onerror=""window.pwned=2"">",Appointed,Band 5,01/06/2024,Clinical\n');
    await other.setInputFiles("#import-file", file);
    await other.waitForSelector("#import-summary");
    expect(await other.textContent(".vacancies-preview tbody")).toContain("<b id=injected>X1</b>");
    expect(await other.textContent("#import-check")).toContain("<img src=y");
    expect(await other.locator("img").count()).toBe(0);
    expect(await other.locator("#injected").count()).toBe(0);
    expect(await other.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await other.close();
  });

  it("signs out, forgetting the token", async () => {
    await page.click("#signout");
    expect(await page.isVisible("#signin")).toBe(true);
    expect(await page.isHidden("#app")).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem("fair-shortlist.readToken"))).toBeNull();
    await page.reload();
    await page.waitForSelector("html[data-ready]");
    expect(await page.isVisible("#signin")).toBe(true);
  });
});
