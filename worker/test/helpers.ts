import { env, SELF } from "cloudflare:test";
import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";

export const BASE = "https://api.test";

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Raw body (sent as is); set contentType yourself. */
  raw?: BodyInit;
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** Requests sent through call() by this test file (the attack battery reports how many it made). */
export const sent = { requests: 0 };

export async function call(method: string, path: string, opts: CallOptions = {}) {
  sent.requests++;
  // A fresh client address per call, so the per-IP limit on failed logins never trips across tests.
  const headers: Record<string, string> = { "CF-Connecting-IP": `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && opts.contentType !== null) headers["Content-Type"] = opts.contentType ?? "application/json";
  const res = await SELF.fetch(`${BASE}${path}`, { method, headers, body });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

export const adminToken = () => env.ADMIN_TOKEN;

let odsCounter = 0;
/** Creates an organisation with a unique ODS code; returns its id and tokens. */
export async function createOrg(name = "Test NHS Trust") {
  const odsCode = `T${String(++odsCounter).padStart(3, "0")}${Math.random().toString(36).slice(2, 4).toUpperCase().replace(/[^A-Z0-9]/g, "X")}`;
  const res = await call("POST", "/v1/admin/orgs", { token: adminToken(), body: { name, odsCode } });
  if (res.status !== 201) throw new Error(`createOrg failed: ${res.status} ${res.text}`);
  return { id: res.json.org.id as string, odsCode, submit: res.json.tokens.submit as string, read: res.json.tokens.read as string };
}

/** Deterministic 64-hex vacancy key from a label (as the browser's HMAC would be: opaque). */
export async function key(label: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(label));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function outcome(vacancyKey: string, over: Partial<OutcomeSubmission> = {}): OutcomeSubmission {
  return {
    vacancyKey,
    closingDate: "2024-06-15",
    band: "6",
    staffGroup: "clinical",
    counts: {
      white: { shortlisted: 4, appointed: 1 },
      bme: { shortlisted: 3, appointed: 0 },
      notStated: { shortlisted: 1, appointed: 0 },
    },
    ...over,
  };
}

/** Raw database snapshot of everything an organisation's data lives in. */
export async function snapshot() {
  const tables = ["orgs", "tokens", "outcomes", "outcome_cells", "panel_rule_failures"];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()).results;
  return out;
}

import { prng } from "../scripts/prng.mjs";

export { prng };

const BANDS = ["3", "4", "5", "6", "7", "8a", "8b", "consultant"] as const;

/** Plausible vacancies: white appointment odds higher by about `gap`. */
export async function synthetic(seed: number, n: number, opts: { fyStart?: number; gap?: number; prefix?: string } = {}) {
  const rand = prng(seed);
  const fyStart = opts.fyStart ?? 2024;
  const gap = opts.gap ?? 1.5;
  const list: OutcomeSubmission[] = [];
  for (let i = 0; i < n; i++) {
    const band = BANDS[Math.floor(rand() * BANDS.length)]!;
    const day = Math.floor(rand() * 365);
    const date = new Date(Date.UTC(fyStart, 3, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const ws = 1 + Math.floor(rand() * 6);
    const bs = Math.floor(rand() * 5);
    const ns = Math.floor(rand() * 2);
    // One or two appointments, weighted towards white applicants by `gap`.
    const posts = rand() < 0.8 ? 1 : 2;
    let wa = 0;
    let ba = 0;
    let na = 0;
    for (let p = 0; p < posts; p++) {
      const w = (ws - wa) * gap;
      const b = bs - ba;
      const nn = ns - na;
      const r = rand() * (w + b + nn);
      if (r < w && ws > wa) wa++;
      else if (r < w + b && bs > ba) ba++;
      else if (ns > na) na++;
    }
    const above6 = ["7", "8a", "8b", "consultant"].includes(band);
    const met = rand() < 0.75;
    list.push({
      vacancyKey: await key(`${opts.prefix ?? "syn"}-${seed}-${i}`),
      closingDate: date,
      band,
      staffGroup: rand() < 0.6 ? "clinical" : "nonClinical",
      counts: { white: { shortlisted: ws, appointed: wa }, bme: { shortlisted: bs, appointed: ba }, notStated: { shortlisted: ns, appointed: na } },
      ...(above6
        ? { panel: { ruleApplies: true, ruleMet: met, failedRules: met ? [] : rand() < 0.6 ? ["ethnicMinorityMember" as const] : ["independentMember" as const, "trainedMember" as const] } }
        : rand() < 0.5
          ? { panel: { ruleApplies: false, ruleMet: false, failedRules: [] } }
          : {}),
    });
  }
  return list;
}

export async function postAll(token: string, list: OutcomeSubmission[]) {
  for (let i = 0; i < list.length; i += 500) {
    const res = await call("POST", "/v1/outcomes/batch", { token, body: { outcomes: list.slice(i, i + 500) } });
    if (res.status !== 200) throw new Error(`batch failed: ${res.status} ${res.text.slice(0, 300)}`);
  }
}

/** RFC 4180 parser for the CSV tests. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}
