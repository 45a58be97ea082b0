/**
 * The durable outbox of anonymised outcome submissions.
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
 *
 * This module imports no chrome API, so it is unit-tested in Node.
 */
import {
  OutcomeSubmissionSchema,
  PanelFactSchema,
  ScoringFactSchema,
  type OutcomeSubmission,
  type PanelFact,
  type ScoringFact,
} from "@fair-shortlist/shared/schemas/api";
import { retryDelayMs } from "./backoff";

export const OUTCOMES_PATH = "/v1/outcomes";
export const OUTCOMES_BATCH_PATH = "/v1/outcomes/batch";
export const PANEL_FACT_PATH = "/v1/vacancies/panel";
export const SCORING_FACT_PATH = "/v1/vacancies/scoring";

/**
 * What the outbox delivers: the outcome counts (HR's browser), and the facts sent where they
 * happen: the panel check (the chair's browser) and "structured scoring was used" (shortlisters'
 * and panellists' browsers). The API joins them on the vacancyKey in any order.
 */
export type OutboxKind = "outcome" | "panel" | "scoring";
export type OutboxPayload = OutcomeSubmission | PanelFact | ScoringFact;

/** One queued entry per fact: queueing the same fact for the same vacancy again replaces it. */
export function outboxItemId(kind: OutboxKind, payload: OutboxPayload): string {
  if (kind === "outcome") return payload.vacancyKey; // as before facts existed: stored queues stay valid
  if (kind === "panel") return `panel:${payload.vacancyKey}`;
  return `scoring:${(payload as ScoringFact).stage}:${payload.vacancyKey}`;
}

const PATHS: Record<OutboxKind, string> = { outcome: OUTCOMES_PATH, panel: PANEL_FACT_PATH, scoring: SCORING_FACT_PATH };
const SCHEMAS = { outcome: OutcomeSubmissionSchema, panel: PanelFactSchema, scoring: ScoringFactSchema } as const;
const kindOf = (item: { kind?: OutboxKind }): OutboxKind => item.kind ?? "outcome";
const closingDateOf = (item: QueuedOutcome): string => ("closingDate" in item.payload ? item.payload.closingDate : "");
/** Send at most this many in one batch request (the API accepts up to MAX_BATCH). */
export const BATCH_LIMIT = 100;
export const REQUEST_TIMEOUT_MS = 20_000;
/** Keep this many permanently rejected submissions to show the user. */
export const REJECTED_KEEP = 20;

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
  kind?: OutboxKind;
  closingDate: string;
  message: string;
  at: number;
}

export interface OutboxState {
  version: 1;
  items: Record<string, QueuedOutcome>;
  lastAttemptAt?: number;
  /** Last time at least one submission was accepted by the API. */
  lastSyncAt?: number;
  /** Total accepted by the API from this browser. */
  delivered: number;
  /** In words, for the popup. Cleared when a sync round has no failure. */
  lastError?: string;
  lastErrorAt?: number;
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

type Verdict =
  | { kind: "delivered" }
  | { kind: "retry"; message: string; notBefore?: number }
  | { kind: "rejected"; message: string };

// ---------------------------------------------------------------- pure state transitions

/** Queue (or replace) one submission. Validates it: a payload the API would reject never enters. */
export function enqueueOutcome(state: OutboxState, payload: unknown, now: number, revision: string): OutboxState {
  return enqueueItem(state, "outcome", payload, now, revision);
}

/** Queue (or replace) one fact or outcome, validated with the API's own schema. */
export function enqueueItem(state: OutboxState, kind: OutboxKind, payload: unknown, now: number, revision: string): OutboxState {
  const valid = SCHEMAS[kind].parse(payload) as OutboxPayload;
  const id = outboxItemId(kind, valid);
  const items = { ...state.items };
  items[id] = { ...(kind === "outcome" ? {} : { kind }), payload: valid, revision, queuedAt: now, attempts: 0, nextAttemptAt: now };
  // A corrected resubmission supersedes an earlier rejection of the same vacancy and kind.
  const rejected = state.rejected.filter((r) => !(r.vacancyKey === valid.vacancyKey && (r.kind ?? "outcome") === kind));
  return { ...state, items, rejected };
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
  /** The queued item's id (outboxItemId). */
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
  for (const r of results) {
    const current = items[r.id];
    const sameRevision = current?.revision === r.revision;
    switch (r.verdict.kind) {
      case "delivered":
        delivered += 1;
        lastSyncAt = now;
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
            ...rejected.filter((x) => !(x.vacancyKey === vacancyKey && (x.kind ?? "outcome") === kind)),
          ].slice(0, REJECTED_KEEP);
        }
        break;
    }
  }
  const next: OutboxState = { ...state, items, rejected, delivered, lastSyncAt, lastAttemptAt: now };
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

/** Pull the API's one error shape apart for a readable message; tolerate anything else. */
function apiErrorText(body: unknown): string | undefined {
  if (!body || typeof body !== "object" || !("error" in body)) return undefined;
  const e = (body as { error?: { message?: unknown; issues?: unknown } }).error;
  if (!e || typeof e.message !== "string") return undefined;
  const issues = Array.isArray(e.issues)
    ? e.issues
        .filter((i): i is { path: string; message: string } => !!i && typeof i.message === "string")
        .slice(0, 3)
        .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    : [];
  return issues.length ? `${e.message} (${issues.join("; ")})` : e.message;
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date;
}

export function verdictForResponse(status: number, body: unknown, retryAfter: string | null, now: number, apiUrl: string): Verdict {
  if (status >= 200 && status < 300) return { kind: "delivered" };
  const detail = apiErrorText(body);
  const why = detail ? `: ${detail}` : "";
  if (status === 401)
    return { kind: "retry", message: `The API did not accept the organisation's submit token (401)${why}. Check the token in the options page; submissions stay queued.` };
  if (status === 403)
    return { kind: "retry", message: `The submit token is not allowed to send outcomes (403)${why}. Ask your trust's IT for a submit token; submissions stay queued.` };
  if (status === 404)
    return { kind: "retry", message: `The API address ${apiUrl} does not offer outcome submission (404). Check the API URL in the options page; submissions stay queued.` };
  if (status === 429)
    return { kind: "retry", message: `The API asked us to slow down (429). Submissions stay queued and will be retried.`, notBefore: retryAfterMs(retryAfter, now) };
  if (status === 408 || status >= 500)
    return { kind: "retry", message: `The API had a problem (${status})${why}. Submissions stay queued and will be retried automatically.` };
  // 400, 413, 415, 422: the record itself is unacceptable; sending it again cannot help.
  return { kind: "rejected", message: `The API rejected this submission (${status})${why}. It was removed from the queue; capture the outcome again after fixing it.` };
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

  async function send(target: SubmitTarget, path: string, body: unknown) {
    const url = new URL(path, target.apiUrl.endsWith("/") ? target.apiUrl : `${target.apiUrl}/`).toString();
    const res = await deps.fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${target.submitToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    return { status: res.status, json, retryAfter: res.headers.get("retry-after") };
  }

  const refOf = (item: QueuedOutcome) => ({ id: outboxItemId(kindOf(item), item.payload), revision: item.revision });

  async function sendOne(target: SubmitTarget, item: QueuedOutcome): Promise<AttemptResult> {
    const ref = refOf(item);
    const kind = kindOf(item);
    try {
      const r = await send(target, PATHS[kind], item.payload);
      let verdict = verdictForResponse(r.status, r.json, r.retryAfter, deps.now(), target.apiUrl);
      // A fact counts as delivered only on the API's own answer for it (a portal or proxy can answer 200 too).
      if (kind !== "outcome" && verdict.kind === "delivered" && (r.json as { vacancyKey?: unknown } | undefined)?.vacancyKey !== item.payload.vacancyKey) {
        verdict = { kind: "retry", message: `The address ${target.apiUrl} answered, but not as the fair-shortlist API. Check the API URL; the panel and scoring facts stay queued.` };
      }
      return { ...ref, verdict };
    } catch (err) {
      return { ...ref, verdict: networkVerdict(err, target.apiUrl) };
    }
  }

  async function sendRound(target: SubmitTarget, all: QueuedOutcome[]): Promise<AttemptResult[]> {
    // Facts are small and go one by one; outcomes go in batches.
    const results: AttemptResult[] = [];
    for (const item of all.filter((i) => kindOf(i) !== "outcome")) {
      const r = await sendOne(target, item);
      results.push(r);
      if (r.verdict.kind === "retry") {
        // The API is down or refusing us: everything else in this round would fail the same way.
        for (const rest of all.filter((i) => !results.some((x) => x.id === refOf(i).id))) results.push({ ...refOf(rest), verdict: r.verdict });
        return results;
      }
    }
    const items = all.filter((i) => kindOf(i) === "outcome");
    if (items.length === 0) return results;
    if (items.length === 1) return [...results, await sendOne(target, items[0]!)];
    for (let i = 0; i < items.length; i += BATCH_LIMIT) {
      const chunk = items.slice(i, i + BATCH_LIMIT);
      let verdict: Verdict;
      try {
        const r = await send(target, OUTCOMES_BATCH_PATH, { outcomes: chunk.map((c) => c.payload as OutcomeSubmission) });
        verdict = verdictForResponse(r.status, r.json, r.retryAfter, deps.now(), target.apiUrl);
      } catch (err) {
        verdict = networkVerdict(err, target.apiUrl);
      }
      if (verdict.kind === "rejected") {
        // A batch is all or nothing: one bad record must not hold the others back, so find it.
        for (const item of chunk) results.push(await sendOne(target, item));
      } else {
        for (const item of chunk) results.push({ ...refOf(item), verdict });
      }
      if (verdict.kind === "retry") {
        // The API is down or refusing us: the rest of this round would fail the same way.
        for (const item of items.slice(i + BATCH_LIMIT))
          results.push({ ...refOf(item), verdict });
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
      return { attempted: 0, delivered: 0, status: outboxStatus(state) };
    }
    const target = await deps.target();
    if ("missing" in target) {
      const status = await update((s) => {
        const next = { ...s, lastError: target.missing, lastErrorAt: deps.now() };
        return { state: next, result: outboxStatus(next) };
      });
      return { attempted: 0, delivered: 0, status };
    }
    const results = await sendRound(target, due);
    const status = await update((s) => {
      const next = applyAttemptResults(s, results, deps.now(), deps.random);
      return { state: next, result: outboxStatus(next) };
    });
    return { attempted: due.length, delivered: results.filter((r) => r.verdict.kind === "delivered").length, status };
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
    /** Validate and queue a fact (panel check, structured scoring), replacing a queued one for the same vacancy. */
    enqueueFact(kind: Exclude<OutboxKind, "outcome">, payload: unknown): Promise<OutboxStatus> {
      return update((s) => {
        const next = enqueueItem(s, kind, payload, deps.now(), deps.newRevision());
        return { state: next, result: outboxStatus(next) };
      });
    },
    flush,
    async status(): Promise<OutboxStatus> {
      return outboxStatus(await read());
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
