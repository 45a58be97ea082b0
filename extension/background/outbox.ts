/**
 * The durable outbox of anonymised outcome submissions, and of the facts sent from the browser
 * where they happen (panel check and structured scoring, yes/no; guaranteed interviews, two counts).
 *
 * Why it looks like this:
 * - An MV3 service worker can be killed at any moment, so every fact lives in storage (the
 *   caller passes chrome.storage.local in; tests pass a Map). Nothing is held only in memory.
 * - At most one queued submission per vacancyKey: queueing the same vacancy again replaces the
 *   payload. The API upserts by vacancyKey, so sending the same record twice (e.g. the worker
 *   died after the POST but before we removed it) changes nothing: at-least-once delivery to an
 *   idempotent endpoint is exactly once from the user's view.
 * - Each queued payload carries a revision. A delivery removes the item only if its revision
 *   is still the one that was sent, so a correction queued while the older version was in
 *   flight is not lost.
 * - Retries follow exponential backoff with jitter (backoff.ts); the caller turns the next due
 *   time into a chrome.alarms alarm, which survives the worker being stopped.
 * - Delivered means the API itself said so: a 2xx JSON answer of the API's own shape naming the
 *   vacancyKey that was sent (OutcomeWriteResultSchema / OutcomeBatchResultSchema). Redirects are
 *   not followed, so a single-sign-on page, captive portal or catch-all answering 200 with HTML
 *   keeps the record queued with a message saying so, instead of emptying the queue as "Sent".
 * - Rejected means the API refused the record itself (a 4xx in the API's error shape): sending
 *   it again cannot help, so it is set aside with the API's reason, shown in the popup and the
 *   overlay until the user dismisses it or captures that vacancy again, and never blocks the
 *   rest of the queue. A batch that fails with a server error is retried record by record, so
 *   one record the server chokes on holds back only itself.
 *
 * This module imports no chrome API, so it is unit-tested in Node.
 */
import {
  FactWriteResultSchema,
  GuaranteedInterviewFactSchema,
  OutcomeBatchResultSchema,
  OutcomeSubmissionSchema,
  OutcomeWriteResultSchema,
  PanelFactSchema,
  ScoringFactSchema,
  type GuaranteedInterviewFact,
  type OutcomeSubmission,
  type PanelFact,
  type ScoringFact,
} from "@fair-shortlist/shared/schemas/api";
import { retryDelayMs } from "./backoff";

/** Paths under the configured API URL (which may itself have a path, e.g. https://apps.x.nhs.uk/fair-shortlist/). */
export const OUTCOMES_PATH = "/v1/outcomes";
export const OUTCOMES_BATCH_PATH = "/v1/outcomes/batch";
/** Send at most this many in one batch request (the API accepts up to MAX_BATCH). */
export const BATCH_LIMIT = 100;
export const REQUEST_TIMEOUT_MS = 20_000;
/** Remember this many delivered vacancyKeys, so an overlay opened later can still say "Sent". */
export const DELIVERED_KEEP = 500;
export const PANEL_FACT_PATH = "/v1/vacancies/panel";
export const SCORING_FACT_PATH = "/v1/vacancies/scoring";
export const GUARANTEED_INTERVIEW_FACT_PATH = "/v1/vacancies/guaranteed-interview";

/**
 * What the outbox delivers: the outcome counts (HR's browser), and the facts sent where they
 * happen: the panel check (the chair's browser), "structured scoring was used" (shortlisters'
 * and panellists' browsers) and the guaranteed-interview counts (the shortlisting decisions'
 * browser). The API joins them on the vacancyKey in any order.
 */
export type OutboxKind = "outcome" | "panel" | "scoring" | "guaranteedInterview";
export type FactKind = Exclude<OutboxKind, "outcome">;
export type OutboxPayload = OutcomeSubmission | PanelFact | ScoringFact | GuaranteedInterviewFact;

/** One queued entry per fact and vacancy: queueing the same fact again replaces it. */
export function outboxItemId(kind: OutboxKind, payload: OutboxPayload): string {
  if (kind === "outcome") return payload.vacancyKey; // as before facts existed: stored queues stay valid
  if (kind === "panel") return `panel:${payload.vacancyKey}`;
  if (kind === "guaranteedInterview") return `guaranteedInterview:${payload.vacancyKey}`;
  return `scoring:${(payload as ScoringFact).stage}:${payload.vacancyKey}`;
}

const PATHS: Record<OutboxKind, string> = { outcome: OUTCOMES_PATH, panel: PANEL_FACT_PATH, scoring: SCORING_FACT_PATH, guaranteedInterview: GUARANTEED_INTERVIEW_FACT_PATH };
const SCHEMAS = { outcome: OutcomeSubmissionSchema, panel: PanelFactSchema, scoring: ScoringFactSchema, guaranteedInterview: GuaranteedInterviewFactSchema } as const;
const kindOf = (item: { kind?: OutboxKind }): OutboxKind => item.kind ?? "outcome";
const closingDateOf = (item: QueuedOutcome): string => ("closingDate" in item.payload ? item.payload.closingDate : "");

export interface QueuedOutcome {
  /** Absent on entries queued before facts existed: an outcome. */
  kind?: OutboxKind;
  payload: OutboxPayload;
  revision: string;
  queuedAt: number;
  /** Failed attempts so far. */
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
}

export interface RejectedOutcome {
  vacancyKey: string;
  /** Absent for an outcome. */
  kind?: OutboxKind;
  closingDate: string;
  message: string;
  at: number;
}

export interface OutboxState {
  version: 1;
  items: Record<string, QueuedOutcome>;
  /** vacancyKey -> when the API last confirmed it (newest DELIVERED_KEEP). */
  deliveredAt?: Record<string, number>;
  lastAttemptAt?: number;
  /** Last time at least one submission was accepted by the API. */
  lastSyncAt?: number;
  /** Total accepted by the API from this browser. */
  delivered: number;
  /** In words, for the popup. Cleared when a sync round has no failure. */
  lastError?: string;
  lastErrorAt?: number;
  /** Set aside: the API refused them. Kept until the user dismisses them or captures the vacancy again. */
  rejected: RejectedOutcome[];
}

export function emptyOutboxState(): OutboxState {
  return { version: 1, items: {}, delivered: 0, rejected: [] };
}

export interface SubmitTarget {
  apiUrl: string;
  submitToken: string;
}

export interface OutboxDeps {
  load(): Promise<OutboxState | undefined>;
  save(state: OutboxState): Promise<void>;
  fetch: typeof fetch;
  now(): number;
  random(): number;
  newRevision(): string;
  /** Where to send, or a sentence saying what setting is missing. */
  target(): Promise<SubmitTarget | { missing: string }>;
  /** Called after every change with the earliest time a retry is due (undefined: nothing queued). */
  scheduleWake(at: number | undefined): Promise<void>;
}

export interface OutboxStatus {
  queueLength: number;
  nextAttemptAt?: number;
  lastAttemptAt?: number;
  lastSyncAt?: number;
  delivered: number;
  lastError?: string;
  lastErrorAt?: number;
  rejected: RejectedOutcome[];
  queued: Array<{ id: string; kind: OutboxKind; vacancyKey: string; closingDate: string; attempts: number; nextAttemptAt: number; lastError?: string }>;
}

/** Where one vacancy's submission stands, for the overlay that captured it. */
export type SubmissionState =
  | { state: "queued"; message?: string }
  | { state: "delivered"; at: number }
  | { state: "rejected"; message: string; at: number }
  | { state: "unknown" };

export type Verdict =
  | { kind: "delivered" }
  | { kind: "retry"; message: string; notBefore?: number }
  | { kind: "rejected"; message: string };

// ---------------------------------------------------------------- pure state transitions

/** Queue (or replace) one submission. Validates it: a payload the API would reject never enters. */
export function enqueueOutcome(state: OutboxState, payload: unknown, now: number, revision: string): OutboxState {
  return enqueueItem(state, "outcome", payload, now, revision);
}

/** Queue (or replace) one outcome or fact, validated with the API's own schema. */
export function enqueueItem(state: OutboxState, kind: OutboxKind, payload: unknown, now: number, revision: string): OutboxState {
  const valid = SCHEMAS[kind].parse(payload) as OutboxPayload;
  const items = { ...state.items };
  items[outboxItemId(kind, valid)] = { ...(kind === "outcome" ? {} : { kind }), payload: valid, revision, queuedAt: now, attempts: 0, nextAttemptAt: now };
  // A corrected resubmission supersedes an earlier rejection of the same vacancy and kind.
  const rejected = state.rejected.filter((r) => !(r.vacancyKey === valid.vacancyKey && kindOf(r) === kind));
  return { ...state, items, rejected };
}

/** The user has seen a rejection and dealt with it (fixed the page, or decided not to send). */
export function dismissRejection(state: OutboxState, vacancyKey: string): OutboxState {
  return { ...state, rejected: state.rejected.filter((r) => r.vacancyKey !== vacancyKey) };
}

export function submissionState(state: OutboxState, vacancyKey: string): SubmissionState {
  const queued = state.items[vacancyKey];
  if (queued) return { state: "queued", ...(queued.lastError ? { message: queued.lastError } : {}) };
  const rejected = state.rejected.find((r) => r.vacancyKey === vacancyKey && kindOf(r) === "outcome");
  if (rejected) return { state: "rejected", message: rejected.message, at: rejected.at };
  const at = state.deliveredAt?.[vacancyKey];
  return at === undefined ? { state: "unknown" } : { state: "delivered", at };
}

/** Items whose retry time has come (all of them when forced), oldest first. */
export function dueOutcomes(state: OutboxState, now: number, force = false): QueuedOutcome[] {
  return Object.values(state.items)
    .filter((i) => force || i.nextAttemptAt <= now)
    .sort((a, b) => a.queuedAt - b.queuedAt);
}

export function nextWakeAt(state: OutboxState): number | undefined {
  const times = Object.values(state.items).map((i) => i.nextAttemptAt);
  return times.length ? Math.min(...times) : undefined;
}

export interface AttemptResult {
  /** The queued item's id (outboxItemId): the vacancyKey for an outcome. */
  id: string;
  revision: string;
  verdict: Verdict;
}

/** Fold the results of one sync round into the state. */
export function applyAttemptResults(
  state: OutboxState,
  results: readonly AttemptResult[],
  now: number,
  random: () => number,
): OutboxState {
  const items = { ...state.items };
  let rejected = [...state.rejected];
  let delivered = state.delivered;
  let lastSyncAt = state.lastSyncAt;
  let lastError: string | undefined;
  const deliveredAt = { ...(state.deliveredAt ?? {}) };
  for (const r of results) {
    const current = items[r.id];
    const sameRevision = current?.revision === r.revision;
    switch (r.verdict.kind) {
      case "delivered":
        delivered += 1;
        lastSyncAt = now;
        delete deliveredAt[r.id];
        deliveredAt[r.id] = now;
        // A newer version queued meanwhile stays, and goes out next round.
        if (sameRevision) delete items[r.id];
        break;
      case "retry": {
        lastError = r.verdict.message;
        if (!current || !sameRevision) break;
        const attempts = current.attempts + 1;
        const backoff = now + retryDelayMs(attempts, random);
        items[r.id] = {
          ...current,
          attempts,
          nextAttemptAt: Math.max(backoff, r.verdict.notBefore ?? 0),
          lastError: r.verdict.message,
        };
        break;
      }
      case "rejected":
        lastError = r.verdict.message;
        if (!current || !sameRevision) break;
        delete items[r.id];
        {
          const kind = kindOf(current);
          const vacancyKey = current.payload.vacancyKey;
          rejected = [
            { vacancyKey, ...(kind === "outcome" ? {} : { kind }), closingDate: closingDateOf(current), message: r.verdict.message, at: now },
            ...rejected.filter((x) => !(x.vacancyKey === vacancyKey && kindOf(x) === kind)),
          ];
        }
        break;
    }
  }
  // Insertion order is delivery order: drop the oldest beyond the limit.
  const keys = Object.keys(deliveredAt);
  for (const k of keys.slice(0, Math.max(0, keys.length - DELIVERED_KEEP))) delete deliveredAt[k];
  const next: OutboxState = { ...state, items, rejected, delivered, deliveredAt, lastSyncAt, lastAttemptAt: now };
  if (lastError) {
    next.lastError = lastError;
    next.lastErrorAt = now;
  } else {
    delete next.lastError;
    delete next.lastErrorAt;
  }
  return next;
}

export function outboxStatus(state: OutboxState): OutboxStatus {
  const queued = Object.entries(state.items)
    .sort(([, a], [, b]) => a.queuedAt - b.queuedAt)
    .map(([id, i]) => ({
      id,
      kind: kindOf(i),
      vacancyKey: i.payload.vacancyKey,
      closingDate: closingDateOf(i),
      attempts: i.attempts,
      nextAttemptAt: i.nextAttemptAt,
      ...(i.lastError ? { lastError: i.lastError } : {}),
    }));
  return {
    queueLength: queued.length,
    nextAttemptAt: nextWakeAt(state),
    lastAttemptAt: state.lastAttemptAt,
    lastSyncAt: state.lastSyncAt,
    delivered: state.delivered,
    lastError: state.lastError,
    lastErrorAt: state.lastErrorAt,
    rejected: state.rejected,
    queued,
  };
}

// ---------------------------------------------------------------- HTTP verdicts in words

/** The API's one error shape ({ error: { code, message, issues? } }), or undefined for anything else. */
function apiError(body: unknown): { message: string; issues: Array<{ path: string; message: string }> } | undefined {
  if (!body || typeof body !== "object" || !("error" in body)) return undefined;
  const e = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } }).error;
  if (!e || typeof e.code !== "string" || typeof e.message !== "string") return undefined;
  const issues = Array.isArray(e.issues)
    ? e.issues.filter((i): i is { path: string; message: string } => !!i && typeof i.message === "string" && typeof i.path === "string")
    : [];
  return { message: e.message, issues };
}

function apiErrorText(body: unknown): string | undefined {
  const e = apiError(body);
  if (!e) return undefined;
  const issues = e.issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return issues.length ? `${e.message} (${issues.join("; ")})` : e.message;
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date;
}

/** What came back from one POST, as much as the verdict needs. */
export interface ApiAnswer {
  status: number;
  /** The server answered with a redirect (not followed: fetch ran with redirect "manual"). */
  redirected: boolean;
  /** Content-Type was JSON and the body parsed; undefined otherwise. */
  json: unknown;
  retryAfter: string | null;
}

const notTheApi = (apiUrl: string, what: string): Verdict => ({
  kind: "retry",
  message:
    `The address ${apiUrl} ${what}, not the fair-shortlist API's answer: perhaps a sign-in page, a network login (captive portal) ` +
    "or a wrong API URL. Nothing was counted as sent; submissions stay queued and will be retried.",
});

/**
 * The verdict on a non-2xx answer (or a 2xx that is not the API's), shared by single and batch
 * sends. A 4xx counts as a rejection of the record only when it comes in the API's own error
 * shape: a proxy's HTML 400 page says nothing about the record.
 */
function failureVerdict(a: ApiAnswer, now: number, apiUrl: string): Verdict {
  if (a.redirected) return notTheApi(apiUrl, `redirected the request elsewhere (${a.status || "redirect"})`);
  const detail = apiErrorText(a.json);
  const why = detail ? `: ${detail}` : "";
  if (a.status === 401)
    return { kind: "retry", message: `The API did not accept the organisation's submit token (401)${why}. Check the token in the options page; submissions stay queued.` };
  if (a.status === 403)
    return { kind: "retry", message: `The submit token is not allowed to send outcomes (403)${why}. Ask your trust's IT for a submit token; submissions stay queued.` };
  if (a.status === 404)
    return { kind: "retry", message: `The API address ${apiUrl} does not offer outcome submission (404). Check the API URL in the options page; submissions stay queued.` };
  if (a.status === 429)
    return { kind: "retry", message: `The API asked us to slow down (429). Submissions stay queued and will be retried.`, notBefore: retryAfterMs(a.retryAfter, now) };
  if (a.status === 408 || a.status >= 500)
    return { kind: "retry", message: `The API had a problem (${a.status})${why}. Submissions stay queued and will be retried automatically.` };
  if (a.status >= 400 && detail !== undefined)
    // 400, 409, 413, 415, 422 from the API itself: the record is unacceptable; sending it again cannot help.
    return { kind: "rejected", message: `The API rejected this submission (${a.status})${why}. It was set aside, not sent: correct the report page (or the closing date, band or staff group) and send it again, or dismiss it.` };
  if (a.status >= 200 && a.status < 300) return notTheApi(apiUrl, a.json === undefined ? "answered with a web page" : "answered with something else");
  return notTheApi(apiUrl, `answered ${a.status}`);
}

/** POST /v1/outcomes: delivered only on the API's own answer naming this vacancyKey. */
export function verdictForOne(a: ApiAnswer, vacancyKey: string, now: number, apiUrl: string): Verdict {
  if (!a.redirected && (a.status === 200 || a.status === 201)) {
    const r = OutcomeWriteResultSchema.safeParse(a.json);
    if (r.success && r.data.vacancyKey === vacancyKey) return { kind: "delivered" };
  }
  return failureVerdict(a, now, apiUrl);
}

/** POST /v1/vacancies/panel, /scoring or /guaranteed-interview: delivered only on the API's own answer naming this vacancyKey and fact. */
export function verdictForFact(a: ApiAnswer, vacancyKey: string, fact: FactKind, now: number, apiUrl: string): Verdict {
  if (!a.redirected && (a.status === 200 || a.status === 201)) {
    const r = FactWriteResultSchema.safeParse(a.json);
    if (r.success && r.data.vacancyKey === vacancyKey && r.data.fact === fact) return { kind: "delivered" };
  }
  return failureVerdict(a, now, apiUrl);
}

/**
 * POST /v1/outcomes/batch: one verdict per sent vacancyKey, in order. A result list that does
 * not name exactly the keys sent is not the API's answer to this request.
 */
export function verdictsForBatch(a: ApiAnswer, vacancyKeys: readonly string[], now: number, apiUrl: string): Verdict[] {
  if (!a.redirected && a.status === 200) {
    const r = OutcomeBatchResultSchema.safeParse(a.json);
    if (r.success && r.data.results.length === vacancyKeys.length && r.data.results.every((x, i) => x.vacancyKey === vacancyKeys[i]))
      return vacancyKeys.map(() => ({ kind: "delivered" }));
  }
  const v = failureVerdict(a, now, apiUrl);
  return vacancyKeys.map(() => v);
}

/**
 * The URL of an API path under the configured base, keeping the base's own path:
 * ("https://apps.x.nhs.uk/fair-shortlist/", "/v1/outcomes") -> https://apps.x.nhs.uk/fair-shortlist/v1/outcomes.
 */
export function apiEndpoint(apiUrl: string, path: string): string {
  const base = new URL(apiUrl);
  base.search = "";
  base.hash = "";
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  return new URL(path.replace(/^\/+/, ""), base).toString();
}

function networkVerdict(err: unknown, apiUrl: string): Verdict {
  const timeout = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
  return {
    kind: "retry",
    message: timeout
      ? `The API at ${apiUrl} did not answer in time. Submissions stay queued and will be retried automatically.`
      : `Could not reach the API at ${apiUrl} (offline, or the server is down). Submissions stay queued and will be retried automatically.`,
  };
}

// ---------------------------------------------------------------- the outbox service

export interface FlushResult {
  attempted: number;
  delivered: number;
  /** Set aside in this round: the API rejected them. */
  rejected: number;
  status: OutboxStatus;
}

export function createOutbox(deps: OutboxDeps) {
  // Serialise read-modify-write of the stored state (short), separately from a sync round
  // (long: it waits on the network), so queueing is never stuck behind a slow API.
  let writes: Promise<unknown> = Promise.resolve();
  function update<T>(fn: (s: OutboxState) => { state: OutboxState; result: T }): Promise<T> {
    const run = writes.then(async () => {
      const current = (await deps.load()) ?? emptyOutboxState();
      const { state, result } = fn(current);
      await deps.save(state);
      await deps.scheduleWake(nextWakeAt(state));
      return result;
    });
    writes = run.catch(() => undefined);
    return run;
  }

  async function read(): Promise<OutboxState> {
    await writes;
    return (await deps.load()) ?? emptyOutboxState();
  }

  async function send(target: SubmitTarget, path: string, body: unknown): Promise<ApiAnswer> {
    const res = await deps.fetch(apiEndpoint(target.apiUrl, path), {
      method: "POST",
      headers: { authorization: `Bearer ${target.submitToken}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      // A redirect is never the API's answer (and would carry the token to another address).
      redirect: "manual",
      credentials: "omit",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const redirected = res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400);
    let json: unknown;
    if (!redirected && /^application\/(?:[\w.+-]+\+)?json\b/i.test(res.headers.get("content-type") ?? "")) {
      try {
        json = await res.json();
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, redirected, json, retryAfter: res.headers.get("retry-after") };
  }

  const refOf = (item: QueuedOutcome) => ({ id: outboxItemId(kindOf(item), item.payload), revision: item.revision });

  async function sendOne(target: SubmitTarget, item: QueuedOutcome): Promise<AttemptResult> {
    const kind = kindOf(item);
    try {
      const a = await send(target, PATHS[kind], item.payload);
      const now = deps.now();
      const verdict = kind === "outcome" ? verdictForOne(a, item.payload.vacancyKey, now, target.apiUrl) : verdictForFact(a, item.payload.vacancyKey, kind, now, target.apiUrl);
      return { ...refOf(item), verdict };
    } catch (err) {
      return { ...refOf(item), verdict: networkVerdict(err, target.apiUrl) };
    }
  }

  async function sendRound(target: SubmitTarget, all: QueuedOutcome[]): Promise<AttemptResult[]> {
    // Facts are small and go one by one; outcomes go in batches.
    const results: AttemptResult[] = [];
    for (const item of all.filter((i) => kindOf(i) !== "outcome")) {
      const r = await sendOne(target, item);
      results.push(r);
      if (r.verdict.kind === "retry") {
        // The API is down, refusing us or not the API at all: the rest would fail the same way.
        const done = new Set(results.map((x) => x.id));
        for (const rest of all.filter((i) => !done.has(refOf(i).id))) results.push({ ...refOf(rest), verdict: r.verdict });
        return results;
      }
    }
    const items = all.filter((i) => kindOf(i) === "outcome");
    if (items.length === 0) return results;
    if (items.length === 1) return [...results, await sendOne(target, items[0]!)];
    for (let i = 0; i < items.length; i += BATCH_LIMIT) {
      const chunk = items.slice(i, i + BATCH_LIMIT);
      let verdicts: Verdict[];
      let status = 0;
      try {
        const a = await send(target, OUTCOMES_BATCH_PATH, { outcomes: chunk.map((c) => c.payload as OutcomeSubmission) });
        status = a.status;
        verdicts = verdictsForBatch(a, chunk.map((c) => c.payload.vacancyKey), deps.now(), target.apiUrl);
      } catch (err) {
        verdicts = chunk.map(() => networkVerdict(err, target.apiUrl));
      }
      const first = verdicts[0]!;
      // A batch is all or nothing. Refused for one bad record (4xx) or failed inside the server
      // (500: one record it chokes on): send one by one, so only that record waits or is set aside.
      if (first.kind === "rejected" || status === 500) {
        for (const item of chunk) results.push(await sendOne(target, item));
        continue;
      }
      chunk.forEach((item, k) => results.push({ ...refOf(item), verdict: verdicts[k]! }));
      if (first.kind === "retry") {
        // The API is down, refusing us or not the API at all: the rest would fail the same way.
        for (const item of items.slice(i + BATCH_LIMIT)) results.push({ ...refOf(item), verdict: first });
        break;
      }
    }
    return results;
  }

  let round: Promise<FlushResult> | undefined;
  let again = false;

  async function runRound(force: boolean): Promise<FlushResult> {
    const state = await read();
    const due = dueOutcomes(state, deps.now(), force);
    if (due.length === 0) {
      // Re-arm the retry alarm: alarms are not guaranteed to survive a browser restart.
      await deps.scheduleWake(nextWakeAt(state));
      return { attempted: 0, delivered: 0, rejected: 0, status: outboxStatus(state) };
    }
    const target = await deps.target();
    if ("missing" in target) {
      const status = await update((s) => {
        const next = { ...s, lastError: target.missing, lastErrorAt: deps.now() };
        return { state: next, result: outboxStatus(next) };
      });
      return { attempted: 0, delivered: 0, rejected: 0, status };
    }
    const results = await sendRound(target, due);
    const status = await update((s) => {
      const next = applyAttemptResults(s, results, deps.now(), deps.random);
      return { state: next, result: outboxStatus(next) };
    });
    const count = (kind: Verdict["kind"]) => results.filter((r) => r.verdict.kind === kind).length;
    return { attempted: due.length, delivered: count("delivered"), rejected: count("rejected"), status };
  }

  /**
   * One sync round: send what is due (everything when forced). Concurrent calls share the
   * running round; a forced call made during a round runs one more round after it.
   */
  async function flush({ force = false } = {}): Promise<FlushResult> {
    if (round) {
      // The running round loops once more before it settles, so a forced caller gets a round
      // that started after its request.
      if (force) again = true;
      return round;
    }
    round = (async () => {
      try {
        let result = await runRound(force);
        while (again) {
          again = false;
          result = await runRound(true);
        }
        return result;
      } finally {
        round = undefined;
      }
    })();
    return round;
  }

  return {
    /** Validate and queue (replacing any queued version for the same vacancy). */
    enqueue(payload: unknown): Promise<OutboxStatus> {
      return update((s) => {
        const next = enqueueOutcome(s, payload, deps.now(), deps.newRevision());
        return { state: next, result: outboxStatus(next) };
      });
    },
    /** Validate and queue a fact (panel check, structured scoring, guaranteed interviews), replacing a queued one for the same vacancy. */
    enqueueFact(kind: FactKind, payload: unknown): Promise<OutboxStatus> {
      return update((s) => {
        const next = enqueueItem(s, kind, payload, deps.now(), deps.newRevision());
        return { state: next, result: outboxStatus(next) };
      });
    },
    flush,
    async status(): Promise<OutboxStatus> {
      return outboxStatus(await read());
    },
    /** Where one vacancy's submission stands (queued, delivered, rejected with the API's reason). */
    async stateOf(vacancyKey: string): Promise<SubmissionState> {
      return submissionState(await read(), vacancyKey);
    },
    /** Forget a rejection the user has dealt with. */
    dismiss(vacancyKey: string): Promise<OutboxStatus> {
      return update((s) => {
        const next = dismissRejection(s, vacancyKey);
        return { state: next, result: outboxStatus(next) };
      });
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
