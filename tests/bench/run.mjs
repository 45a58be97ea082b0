#!/usr/bin/env node
// `npm run bench`: runs every benchmark module in tests/bench (each *.mjs file here but this one),
// one after another, each in its own Node process. Name some to run only those; any --flags are
// passed through to each: `npm run bench -- api --records 200000`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".mjs") && f !== self)
  .map((f) => f.replace(/\.mjs$/, ""))
  .sort();

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith("--"));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const passThrough = firstFlag === -1 ? [] : args.slice(firstFlag);
const unknown = names.filter((n) => !available.includes(n.replace(/\.mjs$/, "")));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${available.join(", ")}`);
  process.exit(2);
}
const chosen = names.length ? names.map((n) => n.replace(/\.mjs$/, "")) : available;

let failed = 0;
for (const name of chosen) {
  console.log(`\n━━ bench: ${name} ━━`);
  const r = spawnSync(process.execPath, [path.join(here, `${name}.mjs`), ...passThrough], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`✖ bench ${name} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
