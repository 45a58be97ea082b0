/**
 * Web components rendered on the server: shadow roots the HTML parser makes from
 * `<template shadowrootmode>`, which never call attachShadow. Their names must be hidden as the page
 * is parsed, not only once it has been (DOMContentLoaded). The page's own inline scripts run in the
 * middle of parsing, after the parser has attached and filled the roots above them: each reads what
 * a frame painted then would show. The page is served slowly (a parser-blocking script between the
 * components) so that frames are painted while it is still loading.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";

const URL = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0777/shortlisting";
const NAMES = ["Mei Ahmed", "Tomasz Nowak", "Grace Okafor"];

const card = (i: number, inner = "") =>
  `<ats-card id="c${i}"><template shadowrootmode="open"><p class="who"><span data-test="applicant-name">${NAMES[i]}</span> <span data-test="applicant-email">a${i}@example.org</span></p>${inner}</template><span slot="x">#${i}</span></ats-card>`;

/** In the page's world, mid-parse: is card i's name hidden right now? */
const probe = (i: number) =>
  `<script>(window.__probes ||= []).push((() => { const r = document.getElementById("c${i}").shadowRoot; const n = r.querySelector("[data-test=applicant-name]"); return { card: ${i}, state: document.readyState, visibility: getComputedStyle(n).visibility }; })());</script>`;

const PAGE = `<!doctype html><html><head><title>Shortlisting</title></head><body>
<h1>Applicants</h1>
${card(0)}
${probe(0)}
<script src="/slow.js"></script>
<section><div>${card(1, `<div class="inner">${card(2)}</div>`)}</div></section>
${probe(1)}
<script>(window.__probes ||= []).push((() => { const r = document.getElementById("c1").shadowRoot.getElementById("c2").shadowRoot; const n = r.querySelector("[data-test=applicant-name]"); return { card: 2, state: document.readyState, visibility: getComputedStyle(n).visibility }; })());</script>
<p>End of list</p>
</body></html>`;

describe("server-rendered web components (declarative shadow DOM)", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    // Main-world content scripts are registered by the background as it starts (Plasmo does not put
    // them in the manifest): a page opened in the first instant after install would get none.
    const worker = browser.context.serviceWorkers()[0]!;
    const mainWorldScripts = () => worker.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.filter((x) => x.world === "MAIN").length));
    for (let i = 0; i < 150 && (await mainWorldScripts()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await browser.context.route("https://www.jobs.nhs.uk/**", async (route) => {
      const url = new globalThis.URL(route.request().url());
      if (url.pathname === "/slow.js") {
        await new Promise((r) => setTimeout(r, 300));
        return route.fulfill({ contentType: "text/javascript", body: "window.__slow = true;" });
      }
      return route.fulfill({ contentType: "text/html", body: PAGE });
    });
  });
  afterAll(async () => browser?.close());

  it("hides names in parser-made roots while the page is still loading, nested roots too", async () => {
    const page = await browser.context.newPage();
    await page.goto(URL);
    await page.waitForFunction(() => (window as unknown as { __probes?: unknown[] }).__probes?.length === 3);
    const probes = await page.evaluate(() => (window as unknown as { __probes: Array<{ card: number; state: string; visibility: string }> }).__probes);
    expect(probes).toEqual([
      { card: 0, state: "loading", visibility: "hidden" },
      { card: 1, state: "loading", visibility: "hidden" },
      { card: 2, state: "loading", visibility: "hidden" },
    ]);
    // And after loading, every name and e-mail in every root is hidden, none of them painted.
    const after = await page.evaluate(() => {
      const out: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll("[data-test=applicant-name], [data-test=applicant-email]")) out.push(getComputedStyle(el).visibility);
        for (const el of root.querySelectorAll("*")) if (el.shadowRoot) walk(el.shadowRoot);
      };
      walk(document);
      return out;
    });
    expect(after).toEqual(["hidden", "hidden", "hidden", "hidden", "hidden", "hidden"]);
    await page.close();
  });
});
