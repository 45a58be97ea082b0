import { ApiError } from "../http/errors";

/**
 * Fixed one-minute window per key (token id, or client IP for failed authentication), kept in
 * this isolate's memory. Why memory and not D1: a D1 write per request would double the cost of
 * every read and serialise on the primary; an isolate-local counter costs nothing. The price: the
 * limit is per isolate, so across Cloudflare's many isolates a client can exceed it. That is
 * acceptable as abuse damping (the data are aggregate counts, tokens are 256-bit random); a hard
 * global limit belongs in a Durable Object or Cloudflare's rate-limiting binding (docs/scaling.md).
 */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
/** Failed authentications allowed per client IP per minute before 429 (slows token guessing). */
export const AUTH_FAILURES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
export const MAX_KEYS = 50_000;

interface Window {
  start: number;
  count: number;
}
/**
 * Windows in the order they started (a key whose window restarts is moved to the end), so the
 * expired ones are at the front: pruning stops at the first live one.
 */
const windows = new Map<string, Window>();

/**
 * Keeps the map under MAX_KEYS: expired windows go first; if every window is still live (a client
 * cycling through many addresses inside one minute), the oldest go. Memory stays bounded and each
 * request costs O(1) amortised, where a full map of live windows once grew without bound, each
 * new address scanning all of it.
 */
function makeRoom(now: number) {
  for (const [key, w] of windows) {
    if (windows.size < MAX_KEYS && now - w.start < WINDOW_MS) break;
    windows.delete(key);
  }
}

/** How many keys are tracked (for tests of the bound). */
export const trackedKeys = () => windows.size;

export interface RateState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Counts one request against `key`; throws 429 (with Retry-After) once the window is full. */
export function hit(key: string, limit: number, now = Date.now()): RateState {
  let w = windows.get(key);
  if (!w || now - w.start >= WINDOW_MS) {
    windows.delete(key);
    if (windows.size >= MAX_KEYS) makeRoom(now);
    w = { start: now, count: 0 };
    windows.set(key, w);
  }
  w.count++;
  const resetSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
  if (w.count > limit) {
    throw new ApiError(429, "rate_limited", `Too many requests: at most ${limit} a minute. Try again in ${resetSeconds} s.`, undefined, {
      "Retry-After": String(resetSeconds),
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": String(resetSeconds),
    });
  }
  return { limit, remaining: Math.max(0, limit - w.count), resetSeconds };
}

/**
 * 429 without counting anything when `key`'s window is already full: a client locked out for
 * failed logins stays locked out even when it then sends a valid token, so guessing cannot be
 * resumed by mixing in a token it holds.
 */
export function refuseWhenFull(key: string, limit: number, now = Date.now()): void {
  const w = windows.get(key);
  if (!w || now - w.start >= WINDOW_MS || w.count < limit) return;
  const resetSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
  throw new ApiError(429, "rate_limited", `Too many failed sign-ins from this address. Try again in ${resetSeconds} s.`, undefined, {
    "Retry-After": String(resetSeconds),
  });
}

export function limitFromEnv(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_RATE_LIMIT_PER_MINUTE;
}
