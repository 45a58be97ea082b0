/**
 * The dashboard's WDES metric 2 tab in real Chromium against `wrangler dev`: outcomes seeded with
 * and without disability counts; the tab reached by keyboard and kept in the address; the figure,
 * its direction, "X of Y vacancies recorded", the counts and the not-declared share as a hand count
 * of the seeded vacancies gives them; a band with no disability recorded shown as "not recorded";
 * WRES indicator 2 unchanged by the disability counts; axe-core on the WDES view.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createHmac } from "node:crypto";
import path from "node:path";
import type { Page } from "playwright-core";
import { formatRelativeLikelihood, relativeLikelihood } from "@fair-shortlist/shared/wres2";
import { wdesRelativeLikelihood, wilsonInterval } from "@fair-shortlist/shared/wdes2";
import { Wdes2ResponseSchema, WdesPublicationResponseSchema, Wres2ResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { startWorker, type RunningWorker } from "./support/worker";
import { createOrg, type TestOrg } from "./support/api";
import { apiJson, axeSeriousOrCritical, laidOut, printedPages, rowsOf, signIn, submitOutcomes as submit, type Counts, type Outcome } from "./support/dashboard";


let seq = 0;
const c = (shortlisted: number, appointed: number): Counts => ({ shortlisted, appointed });

/** k vacancies alike; each the same applicants counted by ethnicity and (where given) by disability. */
function alike(k: number, base: Omit<Outcome, "vacancyKey">): Outcome[] {
  return Array.from({ length: k }, () => ({ ...base, vacancyKey: createHmac("sha256", "wdes-seed").update(String(seq++)).digest("hex") }));
}

/**
 * 2024/25: 4 band 5 and 3 band 7 vacancies with disability counts, 2 band 6 vacancies without
 * (sent as the extension or an import without a disability column sends them); 2023/24: 2 more.
 */
function outcomes(withDisability: boolean): Outcome[] {
  const d = (x: Outcome["disabilityCounts"]) => (withDisability ? { disabilityCounts: x } : {});
  return [
    ...alike(4, { closingDate: "2024-06-01", band: "5", staffGroup: "clinical", counts: { white: c(20, 6), bme: c(15, 3), notStated: c(1, 0) }, ...d({ notDisabled: c(26, 8), disabled: c(8, 1), notDeclared: c(2, 0) }) }),
    ...alike(3, { closingDate: "2024-10-01", band: "7", staffGroup: "nonClinical", counts: { white: c(12, 4), bme: c(10, 2), notStated: c(0, 0) }, ...d({ notDisabled: c(16, 5), disabled: c(4, 1), notDeclared: c(2, 0) }) }),
    ...alike(2, { closingDate: "2024-08-01", band: "6", staffGroup: "clinical", counts: { white: c(10, 3), bme: c(10, 2), notStated: c(0, 0) } }),
    ...alike(2, { closingDate: "2023-09-01", band: "5", staffGroup: "clinical", counts: { white: c(20, 5), bme: c(20, 4), notStated: c(0, 0) }, ...d({ notDisabled: c(30, 8), disabled: c(10, 1), notDeclared: c(0, 0) }) }),
  ];
}

// The same vacancies counted by hand, 2024/25.
const WDES_2024 = { notDisabled: c(4 * 26 + 3 * 16, 4 * 8 + 3 * 5), disabled: c(4 * 8 + 3 * 4, 4 * 1 + 3 * 1), notDeclared: c(4 * 2 + 3 * 2, 0) };
const WRES_2024 = { white: c(4 * 20 + 3 * 12 + 2 * 10, 4 * 6 + 3 * 4 + 2 * 3), bme: c(4 * 15 + 3 * 10 + 2 * 10, 4 * 3 + 3 * 2 + 2 * 2), notStated: c(4, 0) };

const interval = (ci: { lower: number | null; upper: number | null }) => `95% interval ${formatRelativeLikelihood(ci.lower!)}–${formatRelativeLikelihood(ci.upper!)}`;

describe("HR dashboard: WDES metric 2 tab", () => {
  let worker: RunningWorker;
  let browser: ExtensionBrowser;
  let page: Page;
  let trust: TestOrg;
  let control: TestOrg;
  let wresBefore: { headline: string; counts: string[][] };

  beforeAll(async () => {
    worker = await startWorker();
    trust = await createOrg(worker, "Disability Counts NHS Trust", "RWD");
    const seeded = outcomes(true);
    await submit(worker, trust.submit, seeded);
    // The shortlisting overlay's guaranteed-interview counts for three of the band 5 vacancies.
    for (const [i, eligible, interviewed] of [[0, 3, 3], [1, 2, 1], [2, 1, 1]] as const) {
      const res = await fetch(`${worker.base}/v1/vacancies/guaranteed-interview`, {
        method: "POST",
        headers: { authorization: `Bearer ${trust.submit}`, "content-type": "application/json" },
        body: JSON.stringify({ vacancyKey: seeded[i]!.vacancyKey, recordedAt: "2024-06-03T10:00:00.000Z", counts: { eligible, interviewed } }),
      });
      expect(res.status).toBe(201);
    }
    // The same vacancies with no disability counts at all: its WRES figures must be the trust's.
    control = await createOrg(worker, "Ethnicity Only NHS Trust", "RWE");
    await submit(worker, control.submit, outcomes(false));
    browser = await launchWithExtension({ withExtension: false });
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.dispose();
  });

  it("opens on WRES indicator 2, whose figures the disability counts leave as they were", async () => {
    await signIn(page, worker, trust.read, { ready: "#headline-text" });
    expect(await page.getAttribute("#tab-wres", "aria-selected")).toBe("true");
    expect(await page.isHidden("#panel-wdes")).toBe(true);
    const expected = relativeLikelihood(WRES_2024, { level: 0.95 });
    const headline = (await page.textContent("#headline-text"))!;
    expect(headline).toContain(`White shortlisted applicants were ${formatRelativeLikelihood(expected.relativeLikelihood!)} times as likely`);
    expect(headline).toContain(interval(expected.ci));
    const counts = await rowsOf(page, "#headline-body table tbody tr");
    expect(counts.map((r) => r.slice(0, 3))).toEqual([
      ["White", "136", "42"],
      ["BME", "110", "22"],
      ["Not stated (excluded from the indicator)", "4", "0"],
    ]);
    expect(await page.textContent("#headline-body")).toContain("Based on 9 vacancies");
    wresBefore = { headline, counts };
    // The API's WRES figures for the trust equal those of the trust that sent no disability counts.
    for (const by of ["band", "year"]) {
      const withD = Wres2ResponseSchema.parse(await apiJson(worker, trust.read, `/v1/indicators/wres2?year=2024/25&by=${by}`));
      const without = Wres2ResponseSchema.parse(await apiJson(worker, control.read, `/v1/indicators/wres2?year=2024/25&by=${by}`));
      expect({ overall: withD.overall, breakdown: withD.breakdown }).toEqual({ overall: without.overall, breakdown: without.breakdown });
    }
  });

  it("switches to WDES metric 2 from the keyboard (arrows, Home, End) and keeps it in the address", async () => {
    await page.focus("#tab-wres");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-wdes");
    expect(await page.getAttribute("#tab-wdes", "aria-selected")).toBe("true");
    expect(await page.getAttribute("#tab-wres", "tabindex")).toBe("-1");
    await page.waitForSelector("#panel-wdes:not([hidden]) #wdes-headline-text");
    expect(await page.isHidden("#panel-wres")).toBe(true);
    expect(new URL(page.url()).searchParams.get("standard")).toBe("wdes");
    expect(page.url()).not.toContain("fs_read_");
    // Tab leaves the tab list for the panel; Home and End move between the tabs.
    await page.keyboard.press("Home");
    await expect.poll(() => page.getAttribute("#tab-wres", "aria-selected")).toBe("true");
    await page.waitForSelector("#panel-wres:not([hidden]) #headline-text");
    await page.keyboard.press("End");
    await page.waitForSelector("#panel-wdes:not([hidden]) #wdes-headline-text");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-wdes");
    // A reload (same tab, so still signed in) opens on WDES again.
    await page.reload();
    await page.waitForSelector("#panel-wdes:not([hidden]) #wdes-headline-text");
    expect(await page.getAttribute("#tab-wdes", "aria-selected")).toBe("true");
    expect(await page.textContent("#download-csv")).toBe("Download CSV for the WDES return");
    expect(await page.isVisible('nav.contents a[href="#wdes-gi"]')).toBe(true);
    expect(await page.isHidden('nav.contents a[href="#benchmark"]')).toBe(true);
  });

  it("shows the figure a hand count gives, which way it reads, and how many vacancies recorded disability", async () => {
    const expected = wdesRelativeLikelihood(WDES_2024, { level: 0.95 });
    // Non-disabled 47 of 152 (30.9%), Disabled 7 of 44 (15.9%): about 1.94.
    expect(expected.relativeLikelihood).toBeCloseTo(47 / 152 / (7 / 44), 10);
    const text = (await page.textContent("#wdes-headline-text"))!;
    expect(text).toContain(`Non-disabled shortlisted applicants were ${formatRelativeLikelihood(expected.relativeLikelihood!)} times as likely to be appointed as Disabled shortlisted applicants in 2024/25`);
    expect(text).toContain(interval(expected.ci));
    expect(await page.textContent("#wdes-headline-shortfall")).toContain(`${expected.shortfall.toParity} more Disabled appointments`);
    expect(await page.isVisible("#wdes-direction")).toBe(true);
    expect(await page.textContent("#wdes-direction")).toContain("WDES metric 2 is non-disabled over Disabled, as NHS England defines it: above 1.00, non-disabled shortlisted applicants were more likely to be appointed");
    expect(await page.textContent("#wdes-recorded")).toContain("Vacancies with disability recorded: 7 of 9 in the period.");
    expect(await page.textContent("#wdes-recorded")).toContain("not recorded, not counted as zero");
    expect(await rowsOf(page, "#wdes-headline-body table tbody tr")).toEqual([
      ["Non-disabled", "152", "47", "30.9%"],
      ["Disabled", "44", "7", "15.9%"],
      ["Not declared (excluded from the metric)", "14", "0", "0.0%"],
    ]);
    // 14 of 210 shortlisted did not declare.
    expect(await page.textContent("#wdes-not-declared-share")).toContain("Not declared: 14 of 210 shortlisted applicants (6.7%)");
    // The page shows what the API sends, and the API agrees with the hand count.
    const api = Wdes2ResponseSchema.parse(await apiJson(worker, trust.read, "/v1/indicators/wdes2?year=2024/25&level=95&by=band"));
    expect(api.overall).toMatchObject({ vacancies: 7, vacanciesInPeriod: 9, relativeLikelihood: expected.relativeLikelihood });
    // Guaranteed interviews: 3 + 1 + 1 of 3 + 2 + 1 eligible applicants in three vacancies.
    expect(await page.textContent("#wdes-gi-text")).toBe(
      "5 of 6 applicants under the guaranteed-interview scheme who met the essential criteria were invited to interview (83.3%); 1 was not, although the scheme guarantees it.",
    );
    const wilson = wilsonInterval(5, 6, 0.95);
    expect(await page.textContent("#wdes-gi-share")).toBe(`Share interviewed: 83.3% (95% interval ${(wilson.lower * 100).toFixed(1)}%–${(wilson.upper * 100).toFixed(1)}%, Wilson score).`);
    expect(await page.textContent("#wdes-gi-vacancies")).toMatch(/^From 3 vacancies that recorded guaranteed-interview decisions/);
    expect(api.guaranteedInterview).toMatchObject({ eligible: 6, interviewed: 5, vacancies: 3 });
    // Allowing for the mix of bands: the API's Mantel-Haenszel sentence over the bands that recorded disability.
    expect(await page.textContent("#wdes-adjusted")).toBe(api.adjustedForBand.interpretation.text);
    expect(api.adjustedForBand).toMatchObject({ strataTotal: 2 });
    // Its own definitions, apart from WRES's.
    expect(await page.textContent("#wdes-method-body")).toContain('"Not declared"');
    expect(await page.textContent("#wdes-method-body")).toContain("still counts for WRES indicator 2");
    expect(await page.isHidden("#method")).toBe(true);
  });

  it("shows a band where no vacancy recorded disability as 'not recorded', never as zero", async () => {
    const rows = await rowsOf(page, "#wdes-band-body table tbody tr");
    // Band 5 has 4 Disabled appointments and band 7 3: below the trust's threshold of 5, so flagged.
    expect(rows.map((r) => r[0])).toEqual(["Band 5 (small numbers: treat with caution)", "Band 6", "Band 7 (small numbers: treat with caution)"]);
    const band6 = rows[1]!;
    expect(band6.slice(1, 5)).toEqual(["not recorded", "not recorded", "not recorded", "not recorded"]);
    expect(band6[5]).toBe("0 of 2");
    expect(rows[0]!.slice(1, 3)).toEqual(["104 / 32", "32 / 4"]);
    expect(rows[0]![5]).toBe("4 of 4");
    expect(await page.locator("#wdes-band-body svg .chart-note").first().textContent()).toBe("disability not recorded");
    expect(await page.textContent("#wdes-band-body svg")).toContain("non-disabled ÷ Disabled");
    // The trend has both years, and the change since 2023/24 is worded.
    expect((await rowsOf(page, "#wdes-trend-body table tbody tr")).map((r) => [r[0], r[5]])).toEqual([["2023/24 (small numbers: treat with caution)", "2 of 2"], ["2024/25", "7 of 9"]]);
    expect(await page.textContent("#wdes-headline-change")).toMatch(/^Change since 2023\/24: from /);
  });

  it("has no serious or critical axe-core violations on the WDES view, wide and at 320 px", async () => {
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.screenshot({ path: path.join(repoRoot, "docs/screenshots/wdes.png"), fullPage: true });
    await page.setViewportSize({ width: 320, height: 900 });
    await expect.poll(() => page.evaluate(() => Number(document.querySelector("#wdes-band-body svg")?.getAttribute("width")))).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it("prints the WDES view on one page, with its definitions and not the WRES figures", async () => {
    await page.emulateMedia({ media: "print" });
    const expected = { "#wdes-headline": true, "#wdes-method": true, "#wdes-band-body svg": true, "#wdes-trend svg": true, "#headline": false, "#standard-tabs": false, "#controls": false };
    const printed = Object.fromEntries(await Promise.all(Object.keys(expected).map(async (sel) => [sel, await laidOut(page, sel)] as const)));
    expect(printed).toEqual(expected);
    await page.screenshot({ path: path.join(repoRoot, "docs/screenshots/wdes-print.png"), fullPage: true });
    await page.emulateMedia({ media: null });
    expect(await printedPages(page)).toBe(1);
  });

  it("downloads the WDES return CSV with the token, byte for byte the API's export", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    expect(download.suggestedFilename()).toBe("wdes2-RWD-2024-25.csv");
    const file = readFileSync((await download.path())!, "utf8");
    const res = await fetch(`${worker.base}/v1/export/wdes2.csv?year=2024/25&level=95`, { headers: { authorization: `Bearer ${trust.read}` } });
    expect(file).toBe(await res.text());
    // The overall row: 7 of 9 vacancies recorded, Disabled 44 / 7, non-disabled 152 / 47, not declared 14 / 0.
    expect(file.split(/\r?\n/)[1]).toMatch(/^RWD,2024\/25,overall,.*,7,9,44,7,152,47,14,0,/);
  });

  it("'For publication' shows only the WDES publication tables: small rows withheld, no own figure", async () => {
    await page.check("#publication");
    await page.waitForSelector("#wdes-publication-view:not([hidden]) #wdes-publication-intro");
    expect(await page.isHidden("#wdes-headline")).toBe(true);
    expect(await page.isHidden("#wdes-breakdowns")).toBe(true);
    const pub = WdesPublicationResponseSchema.parse(await apiJson(worker, trust.read, "/v1/report/wdes2?level=95"));
    const withheld = "withheld: fewer than 5 in a group";
    const [years, bands, groups, gi] = await Promise.all([1, 2, 3, 4].map((n) => rowsOf(page, `#wdes-publication-body table:nth-of-type(${n}) tbody tr`)));
    // 2023/24 has 2 Disabled appointments: withheld; 2024/25 is published with its counts.
    expect(years![0]).toEqual(["2023/24", ...Array(5).fill(withheld)]);
    expect(years![1]!.slice(0, 3)).toEqual(["2024/25", "152 / 47", "44 / 7"]);
    expect(years![1]![5]).toBe("7");
    const published = wdesRelativeLikelihood(WDES_2024, { level: 0.95 });
    expect(await page.textContent("#wdes-publication-headline")).toContain(`Non-disabled shortlisted applicants were ${formatRelativeLikelihood(published.relativeLikelihood!)} times as likely`);
    // Bands 5 and 7 and both staff groups have fewer than 5 Disabled appointments in 2024/25.
    for (const rows of [bands, groups]) for (const r of rows!) expect(r.slice(1)).toEqual(Array(5).fill(withheld));
    expect(bands!.map((r) => r[0])).toEqual(pub.tables.band.filter((b) => b.year === "2024/25").map((b) => b.label));
    expect(gi).toEqual([["2024/25", ...Array(4).fill(withheld)]]);
    const shown = await page.evaluate(() => (document.querySelector("#panel-wdes") as HTMLElement).innerText);
    for (const own of ["32 / 4", "12 / 3", "104 / 32", "5 of 6", "83.3%"]) expect(shown).not.toContain(own);
    expect(await page.textContent("#wdes-method-note")).toBe(pub.method);
    expect(await page.textContent("#wdes-direction")).toContain("non-disabled over Disabled");
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.locator("#panel-wdes").screenshot({ path: path.join(repoRoot, "docs/screenshots/wdes-publication.png") });
    // Its CSV is the API's publication CSV.
    expect(await page.textContent("#download-csv")).toBe("Download CSV of the WDES publication tables");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    const res = await fetch(`${worker.base}/v1/report/wdes2.csv?year=2024/25&level=95`, { headers: { authorization: `Bearer ${trust.read}` } });
    expect(readFileSync((await download.path())!, "utf8")).toBe(await res.text());
    await page.uncheck("#publication");
    await page.waitForSelector("#wdes-headline:not([hidden]) #wdes-headline-text");
  });

  it("a report token opened on a WDES link sees only the WDES publication tables", async () => {
    const minted = await worker.admin(`/v1/admin/orgs/${trust.id}/tokens/report/rotate`, {});
    expect(minted.status).toBe(201);
    const { token } = (await minted.json()) as { token: string };
    const board = await browser.context.newPage(); // a new tab: its own sessionStorage, signed out
    const asked: string[] = [];
    board.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await signIn(board, worker, token, { search: "?standard=wdes", ready: "#wdes-publication-view:not([hidden]) #wdes-publication-intro" });
    expect(await board.getAttribute("#tab-wdes", "aria-selected")).toBe("true");
    expect(await board.isChecked("#publication")).toBe(true);
    expect(await board.isDisabled("#publication")).toBe(true);
    expect(await board.isHidden("#wdes-headline")).toBe(true);
    expect(asked.filter((p) => p.startsWith("/v1/indicators"))).toEqual([]);
    expect(asked).toContain("/v1/report/wdes2");
    expect((await rowsOf(board, "#wdes-publication-body table:nth-of-type(1) tbody tr"))[1]!.slice(0, 3)).toEqual(["2024/25", "152 / 47", "44 / 7"]);
    await board.close();
  });

  it("back on WRES indicator 2, the figures are the same as before the WDES tab was opened", async () => {
    await page.click("#tab-wres");
    await page.waitForSelector("#panel-wres:not([hidden]) #headline-text");
    expect(new URL(page.url()).searchParams.has("standard")).toBe(false);
    expect(await page.textContent("#headline-text")).toBe(wresBefore.headline);
    expect(await rowsOf(page, "#headline-body table tbody tr")).toEqual(wresBefore.counts);
    expect(await page.textContent("#download-csv")).toBe("Download CSV for the WRES return");
  });
});
