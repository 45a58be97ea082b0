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

export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
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
