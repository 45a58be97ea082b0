#!/usr/bin/env node
// API benchmark: seeds N synthetic vacancy records (default 1,000,000: ~220 trusts x 5 financial
// years) into a throwaway local D1, starts `wrangler dev` on it, and measures in one run, next to
// a no-op route: p50/p95 of the WRES indicator for one organisation-year, of the national
// benchmark, and ingest throughput through POST /v1/outcomes/batch. Prints a table and rewrites
// the "API" section of docs/benchmarks.md (between its markers) with the figures.
//
//   npm run bench -- api                          # 1M records
//   npm run bench -- api --records 200000 --samples 200 --ingest 20000 --no-docs
//
// Where an org-year request's time goes is measured in the same run: the no-op (wrangler dev's
// request path), GET /healthz (one D1 round trip, no auth), GET /v1/org (token lookup, then one
// small query: two sequential round trips, the indicator's path before the lookup was batched),
// and the Worker's own CPU steps (token hashing, rate limiter, query validation, statistics, JSON),
// run in Node on the same code bundled with esbuild and real organisation-years from the seeded file.
//
// Seeding writes the rows with node:sqlite straight into the SQLite file that wrangler's local
// D1 uses, through the same schema and triggers (so the summary cells are built by the same SQL
// as in production); it is set-up, not a measured figure. Ingest is measured through the API.
import { writeBenchmarkSection } from "./lib/benchmarksDoc.mjs";
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prng } from "../../worker/scripts/prng.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith("--") ? true : v;
}
const RECORDS = Number(flag("records", 1_000_000));
const ORGS = Number(flag("orgs", 220));
const YEARS = Number(flag("years", 5));
const SAMPLES = Number(flag("samples", 300));
const INGEST = Number(flag("ingest", 20_000));
const WRITE_DOCS = !process.argv.includes("--no-docs");
const FIRST_FY = 2021;

const BANDS = [["2", 14], ["3", 13], ["4", 10], ["5", 16], ["6", 15], ["7", 10], ["8a", 5], ["8b", 2.5], ["8c", 1.2], ["8d", 0.6], ["9", 0.3], ["VSM", 0.2], ["consultant", 3], ["careerGrade", 1.5], ["trainee", 1], ["medicalOther", 1]];
const CUMULATIVE = (() => {
  const total = BANDS.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  return BANDS.map(([b, w]) => [b, (acc += w / total)]);
})();
const SENIOR = new Set(["7", "8a", "8b", "8c", "8d", "9", "VSM", "consultant", "careerGrade"]);

/** One synthetic vacancy as the API would accept it (white appointment weight ~1.8 -> WRES ~1.5). */
function vacancy(rand, fyStart, keySeed) {
  const u = rand();
  const band = CUMULATIVE.find(([, c]) => u < c)?.[0] ?? "medicalOther";
  const day = Math.floor(rand() * 365);
  const closingDate = new Date(Date.UTC(fyStart, 3, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const size = 3 + Math.floor(rand() * 6);
  let white = 0, bme = 0, notStated = 0;
  for (let k = 0; k < size; k++) {
    const r = rand();
    if (r < 0.05) notStated++;
    else if (r < 0.6) white++;
    else bme++;
  }
  let wa = 0, ba = 0, na = 0;
  const w = white * 1.8, total = w + bme + notStated;
  const r = rand() * total;
  if (r < w) wa = 1;
  else if (r < w + bme) ba = 1;
  else na = 1;
  const senior = SENIOR.has(band);
  const met = rand() < 0.72;
  return {
    vacancyKey: createHash("sha256").update(keySeed).digest("hex"),
    closingDate,
    band,
    staffGroup: rand() < 0.6 ? "clinical" : "nonClinical",
    counts: { white: { shortlisted: white, appointed: wa }, bme: { shortlisted: bme, appointed: ba }, notStated: { shortlisted: notStated, appointed: na } },
    ...(senior ? { panel: { ruleApplies: true, ruleMet: met, failedRules: met ? [] : ["ethnicMinorityMember"] } } : {}),
  };
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function sha256hex(s) {
  return createHash("sha256").update(s).digest("hex");
}

function findSqlite(dir) {
  const d1 = path.join(dir, "v3/d1/miniflare-D1DatabaseObject");
  const files = readdirSync(d1).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 sqlite file in ${d1}, found ${files.join(", ")}`);
  return path.join(d1, files[0]);
}

async function seed(dbFile) {
  const { DatabaseSync } = await import("node:sqlite");
  const db = new DatabaseSync(dbFile);
  db.exec("PRAGMA cache_size = -1000000; PRAGMA synchronous = OFF;");
  const tokens = [];
  const insOrg = db.prepare("INSERT INTO orgs (seq, id, name, ods_code) VALUES (?, ?, ?, ?)");
  const insTok = db.prepare("INSERT INTO tokens (id, org_seq, scope, hash, prefix) VALUES (?, ?, ?, ?, ?)");
  db.exec("BEGIN");
  for (let o = 1; o <= ORGS; o++) {
    insOrg.run(o, `org_${o.toString(16).padStart(20, "0")}`, `Bench NHS Trust ${o}`, `B${String(o).padStart(4, "0")}`);
    const read = `fs_read_${randomBytes(32).toString("base64url")}`;
    const submit = `fs_submit_${randomBytes(32).toString("base64url")}`;
    insTok.run(`tok_r${o}`, o, "read", sha256hex(read), read.slice(0, 12));
    insTok.run(`tok_s${o}`, o, "submit", sha256hex(submit), submit.slice(0, 14));
    tokens.push({ seq: o, read, submit });
  }
  db.exec("COMMIT");

  // Trust sizes vary about fivefold, like NHS trusts; every record lands in one of ORGS x YEARS.
  const rand = prng(42);
  const weights = Array.from({ length: ORGS }, () => 0.4 + rand() * 1.6);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const ins = db.prepare(`INSERT INTO outcomes (org_seq, vacancy_key, closing_date, fy, band, staff_group,
    white_shortlisted, white_appointed, bme_shortlisted, bme_appointed, not_stated_shortlisted, not_stated_appointed,
    panel_applies, panel_met, panel_failed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const t0 = performance.now();
  let written = 0;
  db.exec("BEGIN");
  for (let o = 1; o <= ORGS; o++) {
    const perOrg = o === ORGS ? RECORDS - written : Math.round((RECORDS * weights[o - 1]) / totalWeight);
    for (let i = 0; i < perOrg; i++) {
      const fyStart = FIRST_FY + (i % YEARS);
      const v = vacancy(rand, fyStart, `seed-${o}-${i}`);
      const c = v.counts;
      ins.run(o, v.vacancyKey, v.closingDate, fyStart, v.band, v.staffGroup,
        c.white.shortlisted, c.white.appointed, c.bme.shortlisted, c.bme.appointed, c.notStated.shortlisted, c.notStated.appointed,
        v.panel ? 1 : null, v.panel ? (v.panel.ruleMet ? 1 : 0) : null, v.panel ? JSON.stringify(v.panel.failedRules) : null);
    }
    written += perOrg;
    if (o % 44 === 0) console.log(`  seeding: ${written.toLocaleString("en-GB")} records written`);
  }
  db.exec("COMMIT");
  const seconds = (performance.now() - t0) / 1000;
  const cells = db.prepare("SELECT COUNT(*) AS n FROM outcome_cells").get().n;
  const rows = db.prepare("SELECT COUNT(*) AS n FROM outcomes").get().n;
  const queries = compareSummary(db);
  // Real organisation-years for the CPU profile: the cells the indicator route reads.
  const cellStmt = db.prepare("SELECT * FROM outcome_cells WHERE org_seq = ? AND fy = ?");
  const cpuSamples = Array.from({ length: 25 }, (_, i) => cellStmt.all(1 + ((i * 53) % ORGS), FIRST_FY + (i % YEARS)));
  db.close();
  return { tokens, seconds, cells, rows, queries, cpuSamples };
}

/**
 * What the pre-aggregated summary buys, measured on the same SQLite file without the Worker: the
 * same totals read from `outcome_cells` and summed from the raw `outcomes` rows.
 */
function compareSummary(db) {
  const SUMS = `SUM(white_shortlisted), SUM(white_appointed), SUM(bme_shortlisted), SUM(bme_appointed), SUM(not_stated_shortlisted), SUM(not_stated_appointed)`;
  const queries = [
    ["national totals for a year, per organisation", `SELECT org_seq, ${SUMS} FROM outcome_cells WHERE fy = ? GROUP BY org_seq`, `SELECT org_seq, ${SUMS} FROM outcomes WHERE fy = ? GROUP BY org_seq`, (y) => [y]],
    ["one organisation-year", `SELECT * FROM outcome_cells WHERE org_seq = ? AND fy = ?`, `SELECT band, staff_group, COUNT(*), ${SUMS} FROM outcomes WHERE org_seq = ? AND closing_date BETWEEN ? AND ? GROUP BY band, staff_group`, (y, o) => [o, y], (y, o) => [o, `${y}-04-01`, `${y + 1}-03-31`]],
    ["one organisation, all years", `SELECT * FROM outcome_cells WHERE org_seq = ?`, `SELECT fy, band, staff_group, COUNT(*), ${SUMS} FROM outcomes WHERE org_seq = ? GROUP BY fy, band, staff_group`, (y, o) => [o], (y, o) => [o]],
  ];
  const out = [];
  for (const [name, fromCells, fromRows, cellArgs, rowArgs = cellArgs] of queries) {
    const time = (sql, args) => {
      const stmt = db.prepare(sql);
      const times = [];
      for (let i = 0; i < 25; i++) {
        const y = FIRST_FY + (i % YEARS);
        const o = 1 + ((i * 37) % ORGS);
        const t = performance.now();
        stmt.all(...args(y, o));
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return percentile(times, 50);
    };
    out.push({ name, cells: time(fromCells, cellArgs), rows: time(fromRows, rowArgs) });
  }
  return out;
}

/**
 * The Worker's own CPU per org-year request, step by step: the same modules the route runs
 * (worker/src, shared/src), bundled with esbuild and timed in Node (V8, the engine workerd uses),
 * on real organisation-years' cells. D1 and the request path are measured over HTTP instead.
 */
async function cpuProfile(samples) {
  const { build } = await import("esbuild");
  const entry = `
    export { figuresFor, breakdownFor, sumCounts } from "./worker/src/indicators/figures";
    export { toCell } from "./worker/src/db/aggregates";
    export { hit } from "./worker/src/middleware/rateLimit";
    export { tokenHash, digestsEqual, TOKEN_PATTERN } from "./worker/src/auth/tokens";
    export { resolvePeriod } from "./worker/src/indicators/period";
    export { Wres2QuerySchema } from "./shared/src/schemas/api";`;
  const out = await build({
    stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: "bench-cpu-entry.ts" },
    bundle: true, format: "esm", platform: "node", write: false,
    tsconfig: path.join(root, "tsconfig.json"), logLevel: "warning",
  });
  const file = path.join(root, "tests/.tmp/bench-cpu.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  const m = await import(`${file}?${Date.now()}`);
  const cellSets = samples.map((rows) => rows.map(m.toCell));
  const token = `fs_read_${randomBytes(32).toString("base64url")}`;
  const storedHash = await m.tokenHash(token);
  const step = async (name, fn, n = 2000) => {
    for (let i = 0; i < 200; i++) await fn(i);
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn(i);
      times.push(performance.now() - t);
    }
    return { name, ...stats(times) };
  };
  const response = (i, by) => {
    const cells = cellSets[i % cellSets.length];
    const q = m.Wres2QuerySchema.parse({ year: "2024/25" });
    const overall = m.figuresFor(m.sumCounts(cells), cells.reduce((n, x) => n + x.vacancies, 0), q.level);
    return { org: { id: "org_x", name: "Bench NHS Trust" }, period: { year: "2024/25" }, level: 95, overall, ...(by ? { by, breakdown: m.breakdownFor(cells, by, q.level, overall) } : {}) };
  };
  const body = response(0, null);
  const bodyByBand = response(0, "band");
  return [
    await step("token: pattern, SHA-256, constant-time compare", async () => m.TOKEN_PATTERN.test(token) && m.digestsEqual(storedHash, await m.tokenHash(token))),
    await step("rate limiter (in-isolate window)", (i) => m.hit(`bench:${i % 50}`, 1e9)),
    await step("query validation (zod) and period", () => m.resolvePeriod(m.Wres2QuerySchema.parse({ year: "2024/25", level: "95" }))),
    await step("statistics: org-year figure (interval, Fisher p, suppression)", (i) => {
      const cells = cellSets[i % cellSets.length];
      return m.figuresFor(m.sumCounts(cells), 0, 95);
    }),
    await step("statistics: by band (every band + complementary suppression)", (i) => {
      const cells = cellSets[i % cellSets.length];
      const overall = m.figuresFor(m.sumCounts(cells), 0, 95);
      return m.breakdownFor(cells, "band", 95, overall);
    }, 500),
    await step(`JSON: org-year response (${JSON.stringify(body).length.toLocaleString("en-GB")} bytes)`, () => JSON.stringify(body)),
    await step(`JSON: by-band response (${JSON.stringify(bodyByBand).length.toLocaleString("en-GB")} bytes)`, () => JSON.stringify(bodyByBand)),
  ];
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

async function timed(url, init, expect, name) {
  const t = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== expect) throw new Error(`${name}: ${url} -> ${res.status}`);
  return ms;
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean: values.reduce((a, b) => a + b, 0) / values.length };
};

/**
 * Each sample of the route is paired with a no-op request sent just before it, so both see the
 * same machine load (this 2-core machine is shared). Reported: the route's own latency, and the
 * paired difference (route minus its no-op), i.e. what the route adds over the bare request path.
 */
const noopSamples = [];
async function measure(name, n, makeRequest, noopUrl) {
  const times = [];
  const added = [];
  for (let i = 0; i < n; i++) {
    const { url, init, expect = 200, before } = makeRequest(i);
    if (before) await before();
    const base = await timed(noopUrl, undefined, 200, "no-op");
    const ms = await timed(url, init, expect, name);
    noopSamples.push(base);
    times.push(ms);
    added.push(ms - base);
  }
  return { name, n, ...stats(times), added: stats(added) };
}

/**
 * Like measure(), for several routes at once, interleaved (each iteration: no-op, route A, no-op,
 * route B, …) so that every route sees the same machine load: for comparing routes with each other.
 */
async function measureInterleaved(routes, n, noopUrl) {
  const acc = routes.map((r) => ({ name: r.name, times: [], added: [] }));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < routes.length; k++) {
      const { url, init } = routes[k].make(i);
      const base = await timed(noopUrl, undefined, 200, "no-op");
      const ms = await timed(url, init, 200, routes[k].name);
      noopSamples.push(base);
      acc[k].times.push(ms);
      acc[k].added.push(ms - base);
    }
  }
  return acc.map((a) => ({ name: a.name, n, ...stats(a.times), added: stats(a.added) }));
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const fyLabel = (y) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;

async function main() {
  const work = path.join(root, "tests/.tmp/bench-api");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" };

  console.log(`API benchmark: ${RECORDS.toLocaleString("en-GB")} records, ${ORGS} organisations x ${YEARS} years, ${SAMPLES} samples per route`);
  const mig = spawnSync(wrangler, ["d1", "migrations", "apply", "fair-shortlist", "--local", "--persist-to", work], { cwd: root, env, encoding: "utf8" });
  if (mig.status !== 0) throw new Error(`migrations failed: ${mig.stderr || mig.stdout}`);

  const seeded = await seed(findSqlite(work));
  console.log(`  seeded ${seeded.rows.toLocaleString("en-GB")} records (${seeded.cells.toLocaleString("en-GB")} summary cells) in ${fmt(seeded.seconds)} s`);

  const port = await freePort();
  const adminToken = randomBytes(24).toString("base64url");
  const dev = spawn(
    wrangler,
    ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", work, "--var", `ADMIN_TOKEN:${adminToken}`, "--var", "RATE_LIMIT_PER_MINUTE:100000000", "--log-level", "warn"],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let log = "";
  dev.stdout.on("data", (d) => (log += d));
  dev.stderr.on("data", (d) => (log += d));
  const stop = () => {
    try {
      process.kill(-dev.pid, "SIGTERM");
    } catch {}
  };
  process.on("exit", stop);
  const base = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 120 && !up; i++) {
    try {
      up = (await fetch(`${base}/healthz`)).ok;
    } catch {}
    if (!up) await new Promise((r) => setTimeout(r, 500));
  }
  if (!up) throw new Error(`wrangler dev did not come up:\n${log.slice(-2000)}`);

  try {
    const rand = prng(7);
    const pick = () => seeded.tokens[Math.floor(rand() * seeded.tokens.length)];
    const year = () => fyLabel(FIRST_FY + Math.floor(rand() * YEARS));
    const auth = (token) => ({ headers: { Authorization: `Bearer ${token}` } });
    // Warm up the isolate, JIT and SQLite page cache on every path measured.
    for (let i = 0; i < 30; i++) {
      await fetch(`${base}/v1/noop`).then((r) => r.arrayBuffer());
      await fetch(`${base}/v1/indicators/wres2?year=${year()}`, auth(pick().read)).then((r) => r.arrayBuffer());
      await fetch(`${base}/v1/indicators/wres2/benchmark?year=${year()}`, auth(pick().read)).then((r) => r.arrayBuffer());
      await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
      await fetch(`${base}/v1/org`, auth(pick().read)).then((r) => r.arrayBuffer());
    }

    const results = [];
    const noopUrl = `${base}/v1/noop`;
    results.push(await measure("org-year indicator (GET /v1/indicators/wres2?year=)", SAMPLES, () => ({ url: `${base}/v1/indicators/wres2?year=${year()}`, init: auth(pick().read) }), noopUrl));
    results.push(await measure("org-year by band (…&by=band)", SAMPLES, () => ({ url: `${base}/v1/indicators/wres2?year=${year()}&by=band`, init: auth(pick().read) }), noopUrl));
    results.push(
      await measure("org-year from raw rows (…?from=&to=, no summary)", SAMPLES, () => {
        const y = FIRST_FY + Math.floor(rand() * YEARS);
        return { url: `${base}/v1/indicators/wres2?from=${y}-04-01&to=${y + 1}-03-31`, init: auth(pick().read) };
      }, noopUrl),
    );
    results.push(await measure("national benchmark (GET …/wres2/benchmark?year=)", SAMPLES, () => ({ url: `${base}/v1/indicators/wres2/benchmark?year=${year()}`, init: auth(pick().read) }), noopUrl));
    // What a dashboard does most: the same organisation reading the same year again, nothing written
    // in between (the response computed at that totals version is remembered: benchmarkCache.ts).
    results.push(
      await measure("national benchmark, repeat read (same caller, year and level, no write between)", SAMPLES, () => {
        const url = `${base}/v1/indicators/wres2/benchmark?year=${year()}`;
        const init = auth(pick().read);
        return { url, init, before: () => fetch(url, init).then((r) => r.arrayBuffer()) };
      }, noopUrl),
    );
    // After a write the national statistics are recomputed (the memo is keyed on the counts): the cold cost.
    let writes = 0;
    results.push(
      await measure("national benchmark right after a write (statistics recomputed)", Math.min(SAMPLES, 40), () => {
        const y = FIRST_FY + Math.floor(rand() * YEARS);
        const org = pick();
        return {
          url: `${base}/v1/indicators/wres2/benchmark?year=${fyLabel(y)}`,
          init: auth(org.read),
          before: async () => {
            const body = JSON.stringify(vacancy(rand, y, `after-write-${writes++}`));
            const res = await fetch(`${base}/v1/outcomes`, { method: "POST", headers: { Authorization: `Bearer ${org.submit}`, "Content-Type": "application/json" }, body });
            if (res.status !== 201) throw new Error(`write before benchmark: ${res.status}`);
            await res.arrayBuffer();
          },
        };
      }, noopUrl),
    );
    results.push(await measure("panel compliance (GET /v1/panels/compliance?year=)", Math.min(SAMPLES, 100), () => ({ url: `${base}/v1/panels/compliance?year=${year()}`, init: auth(pick().read) }), noopUrl));
    // Where the org-year indicator's time goes: one D1 round trip on its own, two in sequence, and
    // the indicator (one batched round trip), interleaved so the three see the same load.
    results.push(
      ...(await measureInterleaved(
        [
          { name: "profile: one D1 round trip, no auth (GET /healthz: SELECT 1)", make: () => ({ url: `${base}/healthz` }) },
          { name: "profile: token lookup, then one query: two round trips (GET /v1/org)", make: () => ({ url: `${base}/v1/org`, init: auth(pick().read) }) },
          { name: "profile: org-year indicator (token + cells in one DB.batch)", make: () => ({ url: `${base}/v1/indicators/wres2?year=${year()}`, init: auth(pick().read) }) },
        ],
        SAMPLES,
        noopUrl,
      )),
    );

    // Ingest: new records into the 1M-row table, 500 a batch, then the same again (all replacements).
    const batches = [];
    const ingestRand = prng(99);
    for (let i = 0; i < INGEST; i += 500) {
      const org = seeded.tokens[(i / 500) % seeded.tokens.length];
      const outcomes = Array.from({ length: Math.min(500, INGEST - i) }, (_, j) => vacancy(ingestRand, 2025, `ingest-${i + j}`));
      batches.push({ token: org.submit, body: JSON.stringify({ outcomes }), n: outcomes.length });
    }
    const ingest = async (label, expectCreated) => {
      const t = performance.now();
      const times = [];
      for (const b of batches) {
        const s = performance.now();
        const res = await fetch(`${base}/v1/outcomes/batch`, { method: "POST", headers: { Authorization: `Bearer ${b.token}`, "Content-Type": "application/json" }, body: b.body });
        const json = await res.json();
        times.push(performance.now() - s);
        if (res.status !== 200 || (expectCreated ? json.created : json.replaced) !== b.n) throw new Error(`${label}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
      }
      const seconds = (performance.now() - t) / 1000;
      times.sort((a, b) => a - b);
      return { label, records: INGEST, seconds, perSecond: INGEST / seconds, batchP50: percentile(times, 50), batchP95: percentile(times, 95) };
    }
    const ingestNew = await ingest("new records", true);
    const ingestReplace = await ingest("resubmissions (replace)", false);

    const noopRow = { name: "no-op (GET /v1/noop), paired with every sample below", n: noopSamples.length, ...stats(noopSamples), added: null };
    results.unshift(noopRow);
    const noop = noopRow.p50;
    const lines = [];
    lines.push("| route | n | p50 ms | p95 ms | p99 ms | p50 / no-op p50 | added over paired no-op: p50 ms | p95 ms |");
    lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of results) {
      const added = r.added ? `${fmt(r.added.p50, 2)} | ${fmt(r.added.p95, 2)}` : "- | -";
      lines.push(`| ${r.name} | ${r.n} | ${fmt(r.p50, 2)} | ${fmt(r.p95, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.p50 / noop, 1)}x | ${added} |`);
    }
    const ingestLines = [
      "| ingest through POST /v1/outcomes/batch (500 a batch, sequential) | records | seconds | records/s | batch p50 ms | batch p95 ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...[ingestNew, ingestReplace].map((x) => `| ${x.label} | ${x.records.toLocaleString("en-GB")} | ${fmt(x.seconds, 2)} | ${Math.round(x.perSecond).toLocaleString("en-GB")} | ${fmt(x.batchP50, 1)} | ${fmt(x.batchP95, 1)} |`),
    ];
    const byName = (prefix) => results.find((r) => r.name.startsWith(prefix));
    const orgYear = results[1];
    const bench = byName("national benchmark (GET");
    const repeat = byName("national benchmark, repeat read");
    const afterWrite = byName("national benchmark right after a write");
    const targets = [
      `org-year p95 ${fmt(orgYear.p95, 2)} ms end to end, ${fmt(orgYear.added.p95, 2)} ms over the paired no-op (target < 20 ms): ${orgYear.p95 < 20 ? "met end to end" : orgYear.added.p95 < 20 ? "met over the no-op, not end to end" : "MISSED"}`,
      `national benchmark right after a write p95 ${fmt(afterWrite.p95, 2)} ms end to end (target < 200 ms): ${afterWrite.p95 < 200 ? "met" : "MISSED"}`,
      `national benchmark p50 ${fmt(bench.p50 / noop, 1)}x the no-op on a first read, ${fmt(repeat.p50 / noop, 1)}x on a repeat read (aim <= 2x): ${repeat.p50 / noop <= 2 ? "met on repeat reads" : "not met"}${bench.p50 / noop <= 2 ? ", met on first reads" : ""}`,
      `national benchmark p95 ${fmt(bench.p95, 2)} ms end to end, ${fmt(bench.added.p95, 2)} ms over the paired no-op (target < 200 ms): ${bench.p95 < 200 ? "met end to end" : bench.added.p95 < 200 ? "met over the no-op, not end to end" : "MISSED"}`,
      `ingest ${Math.round(ingestNew.perSecond).toLocaleString("en-GB")} records/s (target >= 500): ${ingestNew.perSecond >= 500 ? "met" : "MISSED"}`,
    ];
    const cpu = await cpuProfile(seeded.cpuSamples);
    const roundTrip = byName("profile: one D1 round trip");
    const twoTrips = byName("profile: token lookup, then one query");
    const orgYearInterleaved = byName("profile: org-year indicator");
    const cpuOrgYear = cpu.filter((c) => !/by band/.test(c.name)).reduce((n, c) => n + c.p50, 0);
    const profileLines = [
      "| where an org-year indicator request's time goes (p50) | how measured | ms |",
      "| --- | --- | ---: |",
      `| wrangler dev's request path and the client (no-op) | HTTP, ${noopRow.n} samples | ${fmt(noop, 2)} |`,
      `| one D1 round trip (the token lookup and the cells query travel together in one \`DB.batch\`) | HTTP: GET /healthz over its paired no-op | ${fmt(roundTrip.added.p50, 2)} |`,
      ...cpu.map((c) => `| Worker CPU: ${c.name} | Node, same code (esbuild), real org-years | ${fmt(c.p50, 3)} |`),
      `| sum for the org-year route (no-op + one round trip + CPU steps except by band) | | ${fmt(noop + roundTrip.added.p50 + cpuOrgYear, 2)} |`,
      `| measured: org-year indicator over its paired no-op (interleaved with the two rows below) | HTTP | ${fmt(orgYearInterleaved.added.p50, 2)} |`,
      `| measured: one D1 round trip, no auth (GET /healthz) over its paired no-op | HTTP | ${fmt(roundTrip.added.p50, 2)} |`,
      `| measured: token lookup then a query as two round trips (GET /v1/org: the indicator's path before batching) over its paired no-op | HTTP | ${fmt(twoTrips.added.p50, 2)} |`,
    ];
    console.log("\n" + lines.join("\n") + "\n\n" + ingestLines.join("\n") + "\n\n" + profileLines.join("\n") + "\n\n" + targets.map((t) => `  ${t}`).join("\n"));

    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z`;
    writeFileSync(path.join(root, "tests/.tmp/bench-api.json"), JSON.stringify({ machine, records: seeded.rows, seeded, results, ingestNew, ingestReplace, cpu }, (k, v) => (k === "tokens" || k === "cpuSamples" ? undefined : v), 2));
    const queryLines = [
      "| SQLite query (node:sqlite on the same file, p50 of 25) | from outcome_cells ms | from raw outcomes ms | ratio |",
      "| --- | ---: | ---: | ---: |",
      ...seeded.queries.map((q) => `| ${q.name} | ${fmt(q.cells, 3)} | ${fmt(q.rows, 2)} | ${fmt(q.rows / q.cells, 0)}x |`),
    ];
    console.log("\n" + queryLines.join("\n"));
    if (WRITE_DOCS) writeDocs({ machine, seeded, lines, ingestLines, queryLines, profileLines, targets });
  } finally {
    stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function writeDocs({ machine, seeded, lines, ingestLines, queryLines, profileLines, targets }) {
  writeBenchmarkSection({ root, name: "api", heading: "API", content: `Measured by \`npm run bench -- api\` (tests/bench/api.mjs) on ${machine}.
${seeded.rows.toLocaleString("en-GB")} vacancy records (${ORGS} organisations x ${YEARS} financial years; ${seeded.cells.toLocaleString("en-GB")} summary cells), seeded in ${fmt(seeded.seconds)} s.
Client: Node \`fetch\` over loopback to \`wrangler dev\` (local workerd + local D1/SQLite), one request at a time, after a warm-up.
Every figure includes wrangler dev's local proxy; the no-op row measures that floor, so compare the ratio column.

${lines.join("\n")}

${ingestLines.join("\n")}

${profileLines.join("\n")}

${queryLines.join("\n")}

${targets.map((t) => `- ${t}`).join("\n")}` });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
