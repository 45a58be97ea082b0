#!/usr/bin/env node
// `npm run bench -- extension`: what the shortlisting overlay costs a recruiting manager's page.
//
// In ONE run, on three lists (the NHS Jobs fixture with 500 and with 5,000 applicants, and the
// web-components fixture: a virtualised list inside shadow roots, 500 applicants, its profile
// imported as a trust would), served at their real addresses through Playwright routing as in the
// e2e tests, alternating page loads in two persistent Chromium contexts with identical flags, one
// with the built extension and one without:
//   - page load (navigation loadEventEnd) and "list painted" (first frame after the host has
//     rendered its rows: all of them, or the virtualised list's rows in view), with / without, and their ratios;
//   - overlay ready: DOMContentLoaded -> every row's badge and the summary mounted (list), and
//     DOMContentLoaded -> scoring panel ready (application page, from the runner's trace);
//   - content-script size, raw and gzip, for every content script in the built manifest.
// Flags: --runs N (default 12 per variant, after 2 warm-ups), --no-docs (leave docs/benchmarks.md alone),
// --ext DIR (measure the build in DIR instead of extension/build/chrome-mv3-e2e: the production
// code with open overlay shadow roots, so this main-world probe can read the summary's progress),
// --profile (instead of the figures: record DevTools traces of the lists, with the overlay and at the address no
// profile matches, and print where the main thread's time goes: tests/bench/lib/traceProfile.mjs;
// --profile-runs N traces per variant, default 2; --only 5000|500|components picks lists).
import { writeBenchmarkSection } from "./lib/benchmarksDoc.mjs";
import { analyse, printAnalysis, traceLoad } from "./lib/traceProfile.mjs";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cliArgs = process.argv.slice(2);
// --ext DIR: measure another build (e.g. a copy of an earlier one, to compare two builds on the same machine state).
const builtDir = cliArgs.includes("--ext") ? path.resolve(cliArgs[cliArgs.indexOf("--ext") + 1]) : path.join(root, "extension/build/chrome-mv3-e2e");
// A private copy: other work on the machine may rebuild extension/build while we measure.
let extDir = builtDir;
const fixturesDir = path.join(root, "tests/fixtures");
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1]) > 0 && args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 12;
const WRITE_DOCS = !args.includes("--no-docs");
// Each list is also loaded at an address no profile matches (…mirror.invalid): in the SAME
// browser, nothing of ours runs there, so the difference is exactly the content scripts' cost
// (background worker, extension process and browser instance being equal).
const nhsJobs = (n) => {
  const p = `/employer/vacancies/C9290-24-0512/shortlisting?n=${n}&delay=0`;
  return { name: `NHS Jobs list, ${n.toLocaleString("en-GB")} applicants`, n, kind: "table", url: `https://www.jobs.nhs.uk${p}`, mirror: `https://nhs-jobs.mirror.invalid${p}` };
};
const COMPONENTS_N = 500;
const componentsPath = `/jobs/REQ-20431/applicants?n=${COMPONENTS_N}`;
const SCENARIOS = [
  nhsJobs(500),
  nhsJobs(5000),
  { name: `Web components (virtualised list in shadow roots), ${COMPONENTS_N} applicants`, n: COMPONENTS_N, kind: "components", url: `https://hire.example-ats.nhs.uk${componentsPath}`, mirror: `https://components.mirror.invalid${componentsPath}` },
];
const COMPONENTS_PROFILE = path.join(fixturesDir, "components/profile.json");
const APPLICATION = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/applications/AR-240003?delay=0";

function chromiumPath() {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && existsSync(p)) return p;
  throw new Error("Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)");
}

async function launch(withExtension) {
  if (withExtension) {
    // The web-components system is a trust's imported profile: its host is granted at install in
    // this private copy (as the e2e tests do: a headless browser cannot answer the permission prompt).
    const mf = path.join(extDir, "manifest.json");
    const manifest = JSON.parse(readFileSync(mf, "utf8"));
    if (!manifest.host_permissions.includes("https://hire.example-ats.nhs.uk/*")) manifest.host_permissions.push("https://hire.example-ats.nhs.uk/*");
    writeFileSync(mf, JSON.stringify(manifest));
  }
  const dir = mkdtempSync(path.join(tmpdir(), "fair-shortlist-bench-"));
  const argv = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];
  if (withExtension) argv.push(`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`);
  const context = await chromium.launchPersistentContext(dir, { headless: false, executablePath: chromiumPath(), args: argv, ignoreDefaultArgs: ["--disable-extensions"], viewport: { width: 1280, height: 900 } });
  if (withExtension && !context.serviceWorkers().length) await context.waitForEvent("serviceworker", { timeout: 15_000 }).catch(() => undefined);
  await routeFixtures(context);
  if (withExtension) {
    // An older build (--ext) may refuse the profile (no piercing selectors): measure the other lists.
    const ok = await importProfile(context, readFileSync(COMPONENTS_PROFILE, "utf8")).then(() => true, () => false);
    if (!ok) {
      console.log("  this build refused the web-components profile: that list is left out");
      SCENARIOS.splice(SCENARIOS.findIndex((s) => s.kind === "components"), 1);
    }
  }
  return { context, dispose: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function importProfile(context, json) {
  const worker = context.serviceWorkers()[0];
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.fill("[data-testid=profile-json]", json);
  await page.click("[data-testid=import-profile]");
  await page.waitForFunction(() => /It is active/.test(document.querySelector("[data-testid=profile-message]")?.textContent ?? ""), null, { timeout: 15_000 });
  await page.close();
}

// Same routing as tests/e2e/support/fixtures.ts (kept dependency-free: this runs as plain Node).
async function routeFixtures(context) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json" };
  for (const d of readdirSync(fixturesDir)) {
    const rf = path.join(fixturesDir, d, "routes.json");
    if (!existsSync(rf)) continue;
    const sys = JSON.parse(readFileSync(rf, "utf8"));
    for (const origin of [...sys.origins, `https://${sys.system}.mirror.invalid`]) {
      await context.route(`${origin}/**`, (route) => {
        const url = new URL(route.request().url());
        let file = null;
        if (url.pathname.startsWith("/__fixtures__/")) file = path.join(fixturesDir, url.pathname.slice("/__fixtures__/".length));
        else {
          const hit = sys.routes.find((r) => new RegExp(r.path).test(url.pathname));
          if (hit) file = path.join(fixturesDir, d, hit.file);
        }
        if (!file || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
        return route.fulfill({ status: 200, headers: { "content-type": types[path.extname(file)] ?? "text/plain", "cache-control": "no-store" }, body: readFileSync(file) });
      });
    }
  }
}

// Main-world probe installed before the page's scripts: when the host's list holds its rows (all
// N table rows; for the virtualised list, its rows in view inside the component's shadow root),
// stamp the next frame ("list painted"); then, checking every frame (a harness may poll; the
// extension does not), stamp "overlay ready" once the summary counts N and the rows in view
// carry their badges (badges are mounted as rows come near the viewport).
const PROBE = ({ n, kind }) => {
  const w = window;
  w.__bench = {};
  // Marks for --profile's trace windows (cheap; present in every run so both modes measure the same page).
  performance.mark("bench:probe");
  const rows = () => kind === "table"
    ? [...document.querySelectorAll("tr[data-test='application-row']")]
    : [...(document.querySelector("ats-applicant-table")?.shadowRoot?.querySelectorAll("[role=row]") ?? [])].filter((r) => !r.hidden);
  const target = kind === "table" ? n : Math.min(n, 20);
  const ready = () => {
    const summary = document.querySelector("fair-shortlist-overlay[data-feature='shortlisting-summary']");
    const text = summary?.shadowRoot?.querySelector("[data-testid=fs-summary-progress]")?.textContent ?? "";
    if (!text.includes(`of ${n} scored`)) return false;
    const inView = rows().filter((r) => r.getBoundingClientRect().top < innerHeight && r.getBoundingClientRect().bottom > 0);
    return inView.length > 0 && inView.every((r) => r.querySelector("fair-shortlist-overlay[data-feature='structured-shortlisting']"));
  };
  const frame = () => {
    if (w.__bench.listInDom !== undefined && w.__bench.overlayReady === undefined && ready()) {
      w.__bench.overlayReady = performance.now();
      performance.mark("bench:overlayReady");
    }
    if (w.__bench.overlayReady === undefined) requestAnimationFrame(frame);
  };
  const check = () => {
    if (w.__bench.listInDom !== undefined) return;
    if (rows().length >= target) {
      w.__bench.listInDom = performance.now();
      performance.mark("bench:listInDom");
      requestAnimationFrame(() => requestAnimationFrame(() => {
        w.__bench.listPainted = performance.now();
        performance.mark("bench:listPainted");
      }));
      requestAnimationFrame(frame);
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  // Rows inside a shadow root are not seen by a document observer: look every frame too.
  if (kind !== "table") {
    const poll = () => { check(); if (w.__bench.listInDom === undefined) requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
  }
};

async function measureList(context, withExtension, scenario, url) {
  const page = await context.newPage();
  await page.addInitScript(PROBE, { n: scenario.n, kind: scenario.kind });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => window.__bench.listPainted !== undefined, null, { timeout: 60_000 });
  // An older build (--ext) may never get ready on a list it cannot read (inside shadow roots): noted, not fatal.
  if (withExtension) await page.waitForFunction(() => window.__bench.overlayReady !== undefined, null, { timeout: 20_000 }).catch(() => undefined);
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd, ...window.__bench };
  });
  await page.close();
  return r;
}

async function measureApplication(context) {
  const page = await context.newPage();
  await page.goto(APPLICATION, { waitUntil: "load" });
  await page.waitForFunction(() => /ready structured-shortlisting/.test(document.documentElement.dataset.fairShortlistTrace ?? ""), null, { timeout: 30_000 });
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const line = (document.documentElement.dataset.fairShortlistTrace ?? "").split("|").find((l) => l.endsWith(" ready structured-shortlisting"));
    return { dcl: nav.domContentLoadedEventStart, ready: Number(line.split(" ")[0]) };
  });
  await page.close();
  return r;
}

const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p90 = (xs) => !xs.length ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.9 * xs.length) - 1)];
const fmt = (x, d = 1) => x.toFixed(d);

function scriptSizes() {
  const manifest = JSON.parse(readFileSync(path.join(extDir, "manifest.json"), "utf8"));
  // Plasmo registers main-world scripts from the background instead of listing them (contents/shadow-mask.ts).
  const mainWorld = readdirSync(extDir).filter((f) => /^shadow-mask\.[^.]+\.js$/.test(f));
  // The features of each screen kind, injected when such a screen shows (docs/extension.md): listed, not counted as content scripts.
  const bundles = readdirSync(extDir).filter((f) => /^features-[a-z]+\.js$/.test(f)).sort();
  return [...mainWorld, ...(manifest.content_scripts ?? []).flatMap((cs) => cs.js ?? []), ...bundles].map((f) => {
    const buf = readFileSync(path.join(extDir, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, bundle: f.startsWith("features-") };
  });
}

// --profile: traces instead of figures (see the header).
async function profile() {
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : "5000";
  const n = args.includes("--profile-runs") ? Number(args[args.indexOf("--profile-runs") + 1]) : 2;
  const withExt = await launch(true);
  try {
    for (const sc of SCENARIOS.filter((s) => only.split(",").some((o) => (o === "components" ? s.kind === "components" : s.kind === "table" && String(s.n) === o)))) {
      const load = (url, withOverlay) => traceLoad(withExt.context, url, {
        initScript: PROBE, initArg: { n: sc.n, kind: sc.kind },
        waitFor: withOverlay ? () => window.__bench.overlayReady !== undefined : () => window.__bench.listPainted !== undefined,
      });
      await measureList(withExt.context, true, sc, sc.url);
      await measureList(withExt.context, false, sc, sc.mirror);
      for (let i = 0; i < n; i++) {
        for (const [name, url, on] of [["with the overlay", sc.url, true], ["without (address no profile matches)", sc.mirror, false]]) {
          const events = await load(url, on);
          // Saved for DevTools' Performance panel (Load profile...) or a closer look.
          const file = path.join(tmpdir(), `fair-shortlist-trace-${sc.kind}-${sc.n}-${on ? "with" : "without"}-${i + 1}.json`);
          writeFileSync(file, JSON.stringify({ traceEvents: events }));
          console.log(`\n━━ ${sc.name}, ${name}, trace ${i + 1} of ${n} (${file})`);
          printAnalysis("load: probe installed -> host's rows in the page", analyse(events, { from: "bench:probe", to: "bench:listInDom" }));
          printAnalysis("rows in the page -> list painted", analyse(events, { from: "bench:listInDom", to: "bench:listPainted" }));
        }
      }
    }
  } finally {
    await withExt.dispose();
  }
}

async function main() {
  if (!existsSync(path.join(builtDir, "manifest.json"))) {
    console.log("  building the extension first...");
    execFileSync("npm", ["run", "build", "-w", "extension"], { cwd: root, stdio: "inherit" });
  }
  extDir = mkdtempSync(path.join(tmpdir(), "fair-shortlist-bench-ext-"));
  cpSync(builtDir, extDir, { recursive: true });
  if (args.includes("--profile")) return profile().finally(() => rmSync(extDir, { recursive: true, force: true }));
  const sizes = scriptSizes();
  const machine = `${cpus().length} x ${cpus()[0]?.model?.trim() ?? "CPU"}, Node ${process.version}, ${execFileSync(chromiumPath(), ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim()}`;
  const withExt = await launch(true);
  const without = await launch(false);
  const results = SCENARIOS.map(() => ({ with: [], without: [], mirror: [] }));
  const app = [];
  try {
    for (const sc of SCENARIOS) {
      await measureList(withExt.context, true, sc, sc.url);
      await measureList(without.context, false, sc, sc.url);
    }
    for (let i = 0; i < RUNS; i++) {
      for (const [k, sc] of SCENARIOS.entries()) {
        // Alternate which variant goes first, so drift on the shared machine hits both alike.
        const order = i % 2
          ? [["without", without, false, sc.url], ["mirror", withExt, false, sc.mirror], ["with", withExt, true, sc.url]]
          : [["with", withExt, true, sc.url], ["mirror", withExt, false, sc.mirror], ["without", without, false, sc.url]];
        for (const [name, b, flag, url] of order) results[k][name].push(await measureList(b.context, flag, sc, url));
      }
      app.push(await measureApplication(withExt.context));
      process.stdout.write(".");
    }
  } finally {
    await withExt.dispose();
    await without.dispose();
  }
  console.log("");
  rmSync(extDir, { recursive: true, force: true });

  const ratios = [];
  const lines = [];
  const readyLines = ["| overlay ready | median ms | p90 ms |", "| --- | ---: | ---: |"];
  for (const [k, sc] of SCENARIOS.entries()) {
    const rows = results[k];
    const med = (f) => ({ with: median(rows.with.map(f)), without: median(rows.without.map(f)), mirror: median(rows.mirror.map(f)) });
    const load = med((r) => r.load);
    const painted = med((r) => r.listPainted);
    const inDom = med((r) => r.listInDom);
    // Whether the load event waited for the host's rows: when it did not, loadEventEnd leaves the
    // row rendering out and the page-load ratio says little.
    const rowsBeforeLoad = (rs) => `${rs.filter((r) => r.listInDom < r.load).length}/${rs.length}`;
    const what = sc.kind === "table" ? `host's ${sc.n} rows in the page` : "host's rows in view in the page (inside the component's shadow root)";
    lines.push(
      "",
      `| ${sc.name} (median of ${RUNS}) | without: same browser, address no profile matches | without: browser without the extension | with the overlay | ratio (same browser) | ratio (other browser) |`,
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      `| page load (loadEventEnd) ms | ${fmt(load.mirror)} | ${fmt(load.without)} | ${fmt(load.with)} | ${fmt(load.with / load.mirror, 2)} | ${fmt(load.with / load.without, 2)} |`,
      `| ${what} ms | ${fmt(inDom.mirror)} | ${fmt(inDom.without)} | ${fmt(inDom.with)} | ${fmt(inDom.with / inDom.mirror, 2)} | ${fmt(inDom.with / inDom.without, 2)} |`,
      `| list painted (first frame after that) ms | ${fmt(painted.mirror)} | ${fmt(painted.without)} | ${fmt(painted.with)} | ${fmt(painted.with / painted.mirror, 2)} | ${fmt(painted.with / painted.without, 2)} |`,
      `| runs where the rows were in the page before the load event | ${rowsBeforeLoad(rows.mirror)} | ${rowsBeforeLoad(rows.without)} | ${rowsBeforeLoad(rows.with)} | | |`,
    );
    ratios.push({ sc, painted: painted.with / painted.mirror, load: load.with / load.mirror });
    const ready = rows.with.filter((r) => r.overlayReady !== undefined);
    const afterDcl = ready.map((r) => r.overlayReady - r.dcl);
    const afterList = ready.map((r) => r.overlayReady - r.listInDom);
    if (ready.length < rows.with.length) readyLines.push(`| ${sc.name}: overlay never ready (summary + badges) in | ${rows.with.length - ready.length} of ${rows.with.length} runs | |`);
    readyLines.push(
      `| ${sc.name}: DOMContentLoaded -> summary counting ${sc.n} + badges on the rows in view | ${fmt(median(afterDcl))} | ${fmt(p90(afterDcl))} |`,
      `| ${sc.name}: host's rows in the page -> summary + badges in view | ${fmt(median(afterList))} | ${fmt(p90(afterList))} |`,
    );
  }
  lines.shift();
  const appAfterDcl = app.map((r) => r.ready - r.dcl);
  readyLines.push(`| NHS Jobs application: DOMContentLoaded -> scoring panel ready | ${fmt(median(appAfterDcl))} | ${fmt(p90(appAfterDcl))} |`);
  const sizeLines = ["| content script (or on-demand bundle) | raw KB | gzip KB |", "| --- | ---: | ---: |", ...sizes.map((s) => `| ${s.file}${s.bundle ? " (on demand)" : ""} | ${fmt(s.raw / 1024)} | ${fmt(s.gzip / 1024)} |`)];
  const scripts = sizes.filter((s) => !s.bundle);
  const aims = { 500: 1.05, 5000: 1.10 };
  const targets = [
    ...ratios.filter((r) => r.sc.kind === "table").map((r) => `${r.sc.name}: list painted ratio (same browser) ${fmt(r.painted, 2)} (aim <= ${fmt(aims[r.sc.n] ?? 1.1, 2)}): ${r.painted <= (aims[r.sc.n] ?? 1.1) ? "met" : "not met"}`),
    ...ratios.filter((r) => r.sc.kind !== "table").map((r) => `${r.sc.name}: list painted ratio (same browser) ${fmt(r.painted, 2)}`),
    `overlay ready on the application page ${fmt(median(appAfterDcl))} ms after DOMContentLoaded (aim < 100 ms): ${median(appAfterDcl) < 100 ? "met" : "not met"}`,
    `largest content script ${fmt(Math.max(...scripts.map((s) => s.gzip)) / 1024)} KB gzip (aim < 100 KB): ${Math.max(...scripts.map((s) => s.gzip)) < 100 * 1024 ? "met" : "not met"}`,
  ];
  console.log([...lines, "", ...readyLines, "", ...sizeLines, "", ...targets.map((t) => `- ${t}`)].join("\n"));
  if (WRITE_DOCS) writeDocs({ machine, lines, readyLines, sizeLines, targets });
}

function writeDocs({ machine, lines, readyLines, sizeLines, targets }) {
  writeBenchmarkSection({ root, name: "extension", heading: "Extension", intro: `How to reproduce: \`npm run bench -- extension\` (see tests/bench/extension.mjs for what is measured).`, content: `Measured by \`npm run bench -- extension\` (tests/bench/extension.mjs) on ${machine}, ${new Date().toISOString().slice(0, 10)}.

${lines.join("\n")}

${readyLines.join("\n")}

${sizeLines.join("\n")}

${targets.map((t) => `- ${t}`).join("\n")}` });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
