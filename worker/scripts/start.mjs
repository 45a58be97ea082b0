#!/usr/bin/env node
// `npm start`: build the extension, apply local D1 migrations, run the Worker (API + dashboard)
// with `wrangler dev`, seed a demo organisation, and print where everything is.
// Runs under the Node 22 that the `node` devDependency puts first on PATH.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { redactingLines } from "./devLog.mjs";
import { supervise } from "./supervise.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const port = Number(process.env.PORT ?? 8787);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: process.env.CI ?? "" };
const wrangler = path.join(root, "node_modules/.bin/wrangler");

function step(title, cmd, args, opts = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env, ...opts });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

// A local admin token, made once and kept out of git (.dev.vars is ignored).
const devVars = path.join(root, ".dev.vars");
if (!existsSync(devVars)) {
  writeFileSync(devVars, `ADMIN_TOKEN=${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
}
const adminToken = /ADMIN_TOKEN=(\S+)/.exec(readFileSync(devVars, "utf8"))?.[1];

if (!process.argv.includes("--no-build")) step("Building the extension (extension/build/chrome-mv3-prod)", "npm", ["run", "build:prod", "-w", "extension"]);
step("Applying D1 migrations to the local database", wrangler, ["d1", "migrations", "apply", "fair-shortlist", "--local"], {
  env: { ...env, CI: "true" }, // non-interactive: do not ask for confirmation
});

console.log(`\n▶ Starting the Worker on http://localhost:${port} (restarted if it exits)`);
// wrangler dev can exit on a dropped connection: start it again, and say so.
const dev = supervise({
  command: wrangler,
  args: ["dev", "--port", String(port), "--ip", "127.0.0.1"],
  spawnOptions: { cwd: root, stdio: ["ignore", "pipe", "pipe"], env },
  what: "The Worker (wrangler dev)",
  log: (m) => console.error(`\n${m}${m.startsWith("⟳") ? ` It will be back on http://localhost:${port} in a few seconds.` : ""}`),
  // Request lines name paths: vacancy keys in them are redacted (devLog.mjs).
  onChild: (child) => {
    const out = redactingLines((t) => process.stdout.write(t));
    const err = redactingLines((t) => process.stderr.write(t));
    child.stdout.on("data", out.push);
    child.stderr.on("data", err.push);
    child.on("exit", () => (out.flush(), err.flush()));
  },
  onStopped: () => process.exit(0),
});
process.on("SIGINT", () => dev.stop());
process.on("SIGTERM", () => dev.stop());

const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 120; i++) {
  try {
    const r = await fetch(`${base}/healthz`);
    if (r.ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 500));
}

let demo = "";
const seedScript = path.join(root, "worker/scripts/seed-demo.mjs");
if (existsSync(seedScript)) {
  const { seedDemo } = await import(seedScript);
  try {
    demo = await seedDemo({ base, adminToken, root });
  } catch (e) {
    demo = `  (demo seeding failed: ${e.message})`;
  }
}

console.log(`
────────────────────────────────────────────────────────────────────
 fair-shortlist is running
  API          ${base}   (health: ${base}/healthz)
  API docs     ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Dashboard    ${base}/
  Admin token  in .dev.vars (ADMIN_TOKEN)
  Extension    ${path.join(root, "extension/build/chrome-mv3-prod")}
               chrome://extensions → Developer mode → Load unpacked → that folder
${demo}
 Press Ctrl+C to stop.
────────────────────────────────────────────────────────────────────`);
