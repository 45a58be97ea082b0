// Demo data for `npm start`: a demo NHS trust with two financial years of plausible, synthetic,
// anonymised vacancy outcomes, plus anonymous peer trusts so the national benchmark has a funnel.
// Everything goes through the public API (admin API, then POST /v1/outcomes/batch), exactly as
// the extension and dashboard would use it. Tokens are kept in .wrangler/demo-tokens.json
// (git-ignored), so re-running `npm start` reuses them instead of minting new ones.
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prng } from "./prng.mjs";

export const DEMO_ORG = { name: "Demo Valley NHS Foundation Trust", odsCode: "DEMO1" };
const PEERS = 24;
const BATCH = 500;


function seedOf(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Pick from [value, weight] pairs. */
function weighted(rand, pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of pairs) if ((r -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
}

// Roughly how NHS trust vacancies spread over bands (more posts at bands 2-6, few at 8c+).
const BAND_MIX = [
  ["2", 14], ["3", 13], ["4", 10], ["5", 16], ["6", 15], ["7", 10], ["8a", 5], ["8b", 2.5], ["8c", 1.2],
  ["8d", 0.6], ["9", 0.3], ["VSM", 0.2], ["consultant", 3], ["careerGrade", 1.5], ["trainee", 1], ["medicalOther", 1],
];
const ABOVE_BAND_6 = new Set(["7", "8a", "8b", "8c", "8d", "9", "VSM", "consultant", "careerGrade"]);
const MEDICAL = new Set(["consultant", "careerGrade", "trainee", "medicalOther"]);

function fyStartOf(date) {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/**
 * Synthetic vacancies for one organisation and financial year. For each post, a white
 * shortlisted applicant is `weight` times as likely to be picked as a BME one. With shortlists of
 * 3-8 that dilutes: weight 1.8 gives a WRES indicator 2 of about 1.5 (national values 1.45-1.61,
 * docs/domain.md), weight 1.0 about 1.0.
 */
export function syntheticVacancies({ odsCode, fyStart, count, weight, until }) {
  const gap = weight;
  const rand = prng(seedOf(`${odsCode}:${fyStart}`));
  const start = Date.UTC(fyStart, 3, 1);
  const end = Math.min(Date.UTC(fyStart + 1, 2, 31), until ?? Infinity);
  const days = Math.max(1, Math.floor((end - start) / 86_400_000) + 1);
  const list = [];
  for (let i = 0; i < count; i++) {
    const band = weighted(rand, BAND_MIX);
    const closingDate = new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
    const senior = ABOVE_BAND_6.has(band);
    const size = senior ? 4 + Math.floor(rand() * 4) : 3 + Math.floor(rand() * 6);
    let white = 0, bme = 0, notStated = 0;
    for (let k = 0; k < size; k++) {
      const r = rand();
      if (r < 0.05) notStated++;
      else if (r < (MEDICAL.has(band) ? 0.5 : 0.62)) white++;
      else bme++;
    }
    const posts = Math.min(size, rand() < 0.85 ? 1 : 2);
    const appointed = { white: 0, bme: 0, notStated: 0 };
    // 3% of vacancies end without an appointment (withdrawn or re-advertised).
    if (rand() > 0.03) {
      for (let p = 0; p < posts; p++) {
        const w = (white - appointed.white) * gap;
        const b = bme - appointed.bme;
        const n = notStated - appointed.notStated;
        const r = rand() * (w + b + n);
        if (r < w) appointed.white++;
        else if (r < w + b) appointed.bme++;
        else if (n > 0) appointed.notStated++;
      }
    }
    const outcome = {
      vacancyKey: createHmac("sha256", `demo-secret-${odsCode}`).update(`${fyStart}-${i}`).digest("hex"),
      closingDate,
      band,
      staffGroup: MEDICAL.has(band) || rand() < 0.55 ? "clinical" : "nonClinical",
      counts: {
        white: { shortlisted: white, appointed: appointed.white },
        bme: { shortlisted: bme, appointed: appointed.bme },
        notStated: { shortlisted: notStated, appointed: appointed.notStated },
      },
      scoring: { structuredShortlisting: rand() < 0.7, structuredInterview: rand() < 0.6 },
    };
    if (senior) {
      const met = rand() < 0.72;
      const failedRules = met
        ? []
        : [
            weighted(rand, [["ethnicMinorityMember", 5], ["independentMember", 3], ["trainedMember", 2], ["minPanelSize", 1]]),
            ...(rand() < 0.3 ? ["genderMix"] : []),
          ].filter((v, idx, arr) => arr.indexOf(v) === idx);
      outcome.panel = { ruleApplies: true, ruleMet: met, failedRules };
    } else if (rand() < 0.6) {
      outcome.panel = { ruleApplies: false, ruleMet: false, failedRules: [] };
    }
    list.push(outcome);
  }
  return list;
}

async function api(base, method, route, token, body) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => null);
  return { status: res.status, json };
}

async function must(base, method, route, token, body, expected) {
  const r = await api(base, method, route, token, body);
  if (!expected.includes(r.status)) {
    throw new Error(`${method} ${route} -> ${r.status} ${JSON.stringify(r.json?.error ?? r.json).slice(0, 200)}`);
  }
  return r.json;
}

/** Tokens that still work, or a fresh organisation, or fresh tokens for an existing one. */
async function ensureOrg(base, adminToken, saved, org) {
  if (saved?.tokens?.read) {
    const me = await api(base, "GET", "/v1/org", saved.tokens.read);
    const submitOk = (await api(base, "GET", "/v1/org", saved.tokens.submit)).status === 200;
    if (me.status === 200 && submitOk) return { ...saved, vacancies: me.json.data.vacancies };
  }
  const created = await api(base, "POST", "/v1/admin/orgs", adminToken, org);
  if (created.status === 500) {
    // Most likely a local D1 made before 0001_initial.sql was rewritten (wrangler skips an applied migration).
    throw new Error(
      "the API could not create the demo organisation. If this local database predates the current schema, " +
        "stop npm start, delete .wrangler/state/v3/d1 and start again.",
    );
  }
  if (created.status === 401) throw new Error("the admin token in .dev.vars was refused");
  if (created.status === 201) return { id: created.json.org.id, ...org, tokens: created.json.tokens, vacancies: 0 };
  if (created.status !== 409) throw new Error(`creating ${org.odsCode} -> ${created.status}`);
  // It exists but its tokens are lost (plain tokens are never stored): rotate both.
  const { orgs } = await must(base, "GET", `/v1/admin/orgs?odsCode=${org.odsCode}`, adminToken, undefined, [200]);
  const id = orgs[0].id;
  const submit = await must(base, "POST", `/v1/admin/orgs/${id}/tokens/submit/rotate`, adminToken, undefined, [201]);
  const read = await must(base, "POST", `/v1/admin/orgs/${id}/tokens/read/rotate`, adminToken, undefined, [201]);
  const me = await must(base, "GET", "/v1/org", read.token, undefined, [200]);
  return { id, ...org, tokens: { submit: submit.token, read: read.token }, vacancies: me.data.vacancies };
}

/**
 * The demo trust's report token (the publication view for board papers and the public WRES report): the saved one
 * while it still works, else a fresh one (plain tokens are never stored by the API, so a lost one is rotated).
 */
async function ensureReportToken(base, adminToken, orgId, saved) {
  if (saved && (await api(base, "GET", "/v1/org", saved)).status === 200) return saved;
  return (await must(base, "POST", `/v1/admin/orgs/${orgId}/tokens/report/rotate`, adminToken, undefined, [201])).token;
}

async function postBatches(base, token, list) {
  for (let i = 0; i < list.length; i += BATCH) {
    await must(base, "POST", "/v1/outcomes/batch", token, { outcomes: list.slice(i, i + BATCH) }, [200]);
  }
}

/** The two most recent financial years: the last complete one and the current one to date. */
function demoYears(today = new Date()) {
  const current = fyStartOf(today);
  return [current - 1, current];
}

export async function seedDemo({ base, adminToken, root }) {
  const dir = path.join(root, ".wrangler");
  const file = path.join(dir, "demo-tokens.json");
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const today = new Date();
  const [previous, current] = demoYears(today);
  const fyLabel = (y) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;

  const demo = await ensureOrg(base, adminToken, saved.demo, DEMO_ORG);
  demo.tokens.report = await ensureReportToken(base, adminToken, demo.id, saved.demo?.id === demo.id ? saved.demo?.tokens?.report : undefined);
  const state = { demo: { id: demo.id, name: demo.name, odsCode: demo.odsCode, tokens: demo.tokens }, peers: saved.peers ?? [] };
  const persist = () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  };
  persist();

  let posted = 0;
  if (demo.vacancies === 0) {
    const list = [
      ...syntheticVacancies({ odsCode: DEMO_ORG.odsCode, fyStart: previous, count: 1100, weight: 1.8 }),
      ...syntheticVacancies({ odsCode: DEMO_ORG.odsCode, fyStart: current, count: 700, weight: 1.75, until: today.getTime() }),
    ];
    await postBatches(base, demo.tokens.submit, list);
    posted += list.length;
  }

  // Anonymous peers, so the benchmark's funnel plot has points. Sizes and gaps vary like trusts'.
  const rand = prng(seedOf("peers"));
  for (let p = 0; p < PEERS; p++) {
    const org = { name: `Peer NHS Trust ${String(p + 1).padStart(2, "0")}`, odsCode: `PEER${String(p + 1).padStart(2, "0")}` };
    const size = 150 + Math.floor(rand() * 450);
    const weight = 0.95 + rand() * 1.5;
    const peer = await ensureOrg(base, adminToken, state.peers.find((x) => x.odsCode === org.odsCode), org);
    state.peers = [...state.peers.filter((x) => x.odsCode !== org.odsCode), { id: peer.id, ...org, tokens: peer.tokens }];
    if (peer.vacancies === 0) {
      const list = [
        ...syntheticVacancies({ odsCode: org.odsCode, fyStart: previous, count: size, weight }),
        ...syntheticVacancies({ odsCode: org.odsCode, fyStart: current, count: Math.round(size * 0.6), weight, until: today.getTime() }),
      ];
      await postBatches(base, peer.tokens.submit, list);
      posted += list.length;
    }
  }
  persist();

  const me = await must(base, "GET", "/v1/org", demo.tokens.read, undefined, [200]);
  const headline = await must(base, "GET", `/v1/indicators/wres2?year=${fyLabel(previous)}`, demo.tokens.read, undefined, [200]);
  const rr = headline.overall.relativeLikelihood;
  return [
    `  Demo org     ${demo.name} (${demo.odsCode}): ${me.data.vacancies} vacancies, ${me.data.financialYears.join(", ")}` +
      (posted ? ` (seeded ${posted} records incl. ${PEERS} anonymous peer trusts)` : " (reused)"),
    `               WRES indicator 2 for ${fyLabel(previous)}: ${rr === null ? "suppressed" : rr.toFixed(2)}`,
    `  Read token   ${demo.tokens.read}   (dashboard sign-in)`,
    `  Report token ${demo.tokens.report}   (dashboard sign-in for the publication tables: board papers, public report)`,
    `  Submit token ${demo.tokens.submit}   (extension settings)`,
    `               tokens kept in ${path.relative(root, file)}`,
  ].join("\n");
}
