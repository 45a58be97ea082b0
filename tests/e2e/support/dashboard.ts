/** What the dashboard e2e tests share: seeding outcomes, reading table rows, axe-core. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./browser";
import type { RunningWorker } from "./worker";

const AXE = readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");

export type Counts = { shortlisted: number; appointed: number };

/** One vacancy's outcome as the batch endpoint takes it (docs/api.md). */
export interface Outcome {
  vacancyKey: string;
  closingDate: string;
  band: string;
  staffGroup: "clinical" | "nonClinical";
  counts: { white: Counts; bme: Counts; notStated: Counts };
  disabilityCounts?: { disabled: Counts; notDisabled: Counts; notDeclared: Counts };
  panel?: { ruleApplies: boolean; ruleMet: boolean; failedRules: string[] };
}

/** GET as the token would; throws with the API's answer unless 200. */
export async function apiJson<T = unknown>(worker: RunningWorker, token: string, pathname: string): Promise<T> {
  const res = await fetch(`${worker.base}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** POST /v1/outcomes/batch as the organisation's submit token; throws with the API's answer unless 200. */
export async function submitOutcomes(worker: RunningWorker, token: string, outcomes: Outcome[]): Promise<void> {
  const res = await fetch(`${worker.base}/v1/outcomes/batch`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ outcomes }),
  });
  if (res.status !== 200) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
}

/** Cell texts of table rows, without the column headings repeated in each cell for narrow screens. */
export function rowsOf(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(selector, (trs) =>
    trs.map((r) =>
      Array.from(r.children, (c) => {
        const copy = c.cloneNode(true) as Element;
        copy.querySelector(".table-heading")?.remove();
        return copy.textContent ?? "";
      }),
    ),
  );
}

/** axe-core (WCAG 2.0/2.1 A and AA, best practice) on the whole page: the serious and critical violations. */
export async function axeSeriousOrCritical(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

/** Whether the element has any box (an element inside a hidden parent keeps its own display value, so ask for boxes). */
export function laidOut(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((q) => document.querySelector(q)!.getClientRects().length > 0, selector);
}

/** How many A4 pages the page prints on (page.pdf prints with print CSS unless screen is emulated). */
export async function printedPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: "A4", printBackground: true })).toString("latin1");
  return Number(pdf.match(/\/Type\s*\/Pages\b[^>]*\/Count (\d+)/)?.[1] ?? pdf.match(/\/Count (\d+)/)?.[1]);
}

/**
 * Opens the dashboard (`search`, e.g. "?standard=wdes") and signs in with `token` as a user would: the sign-in form,
 * then waits for `ready` (the signed-in view, by default).
 */
export async function signIn(page: Page, worker: RunningWorker, token: string, opts: { search?: string; ready?: string } = {}): Promise<void> {
  await page.goto(`${worker.base}/${opts.search ?? ""}`);
  await page.waitForSelector("html[data-ready]");
  await page.fill("#token", token);
  await page.click("#signin-form button[type=submit]");
  await page.waitForSelector(opts.ready ?? "#app:not([hidden])");
}
