#!/usr/bin/env node
// Would the browser tests notice if the extension did nothing? Builds a stub of the extension
// (the real manifest: same name, permissions, hosts, content-script patterns, popup and options
// paths; but an empty background worker, empty content scripts and blank pages), then runs
// every e2e file that loads the extension against it, one at a time. Each must FAIL; a file
// that passes against the stub tests nothing of the extension, and this script exits non-zero
// naming it. Files that never load the extension (the Worker harness, the dashboard) are listed
// and skipped: every launchWithExtension call in them passes withExtension: false.
//
//   npm run build && npm run test:e2e:stub [-- tests/e2e/<file> ...]
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const real = path.join(root, "extension/build/chrome-mv3-e2e");
if (!existsSync(path.join(real, "manifest.json"))) {
  console.error("The extension is not built: run npm run build first.");
  process.exit(2);
}

function buildStub() {
  const dir = mkdtempSync(path.join(tmpdir(), "fair-shortlist-stub-"));
  cpSync(real, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
  const blank = (file) => writeFileSync(path.join(dir, file), file.endsWith(".html") ? "<!doctype html><title></title>" : "");
  blank(manifest.background.service_worker);
  for (const cs of manifest.content_scripts ?? []) for (const js of cs.js ?? []) blank(js);
  blank(manifest.action.default_popup);
  if (manifest.options_ui?.page) blank(manifest.options_ui.page);
  // The pages' own scripts too, in case a blank page were ever given one back.
  for (const f of readdirSync(dir)) if (/^(popup|options|overlay|mask)\..*\.js$/.test(f)) blank(f);
  return dir;
}

const e2eDir = path.join(root, "tests/e2e");
const requested = process.argv.slice(2).filter((a) => a.endsWith(".test.ts"));
const files = (requested.length ? requested.map((f) => path.resolve(f)) : readdirSync(e2eDir).filter((f) => f.endsWith(".test.ts")).map((f) => path.join(e2eDir, f))).sort();

/** A file loads the extension unless every launch in it says withExtension: false. */
function loadsExtension(file) {
  const src = readFileSync(file, "utf8");
  const launches = [...src.matchAll(/launchWithExtension\(([^)]*)\)/g)].map((m) => m[1]);
  return launches.some((args) => !/withExtension:\s*false/.test(args));
}

const stub = buildStub();
const results = [];
try {
  for (const file of files) {
    const rel = path.relative(root, file);
    if (!loadsExtension(file)) {
      results.push({ rel, verdict: "skipped (never loads the extension)" });
      continue;
    }
    const started = Date.now();
    const run = spawnSync("npx", ["vitest", "run", "--project", "e2e", "--bail", "1", rel], {
      cwd: root,
      env: { ...process.env, FAIR_SHORTLIST_E2E_EXTENSION: stub },
      encoding: "utf8",
    });
    const out = `${run.stdout}\n${run.stderr}`;
    const firstFailure = (out.match(/(?:AssertionError|Error|TimeoutError)[^\n]*/) ?? [""])[0].replace(/\x1b\[[0-9;]*m/g, "").slice(0, 140);
    results.push({ rel, verdict: run.status === 0 ? "PASSED against the stub" : "fails against the stub (good)", seconds: Math.round((Date.now() - started) / 1000), firstFailure });
  }
} finally {
  rmSync(stub, { recursive: true, force: true });
}

for (const r of results) console.log(`${r.verdict.padEnd(40)} ${r.rel}${r.seconds !== undefined ? ` (${r.seconds} s)` : ""}${r.firstFailure ? `\n${" ".repeat(41)}${r.firstFailure}` : ""}`);
const passed = results.filter((r) => r.verdict.startsWith("PASSED"));
if (passed.length) {
  console.error(`\n${passed.length} e2e file(s) pass with a stub extension, so they cannot notice the extension doing nothing: ${passed.map((r) => r.rel).join(", ")}`);
  process.exit(1);
}
console.log(`\nEvery e2e file that loads the extension fails against the stub (${results.filter((r) => r.seconds !== undefined).length} files).`);
