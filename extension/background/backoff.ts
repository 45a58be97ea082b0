/**
 * Retry timing for outcome submissions. Exponential backoff with "equal jitter": half the
 * delay is fixed, half random, so many browsers of one trust that lost the API at the same
 * moment do not all come back at the same second, and no retry is ever sooner than half the
 * nominal delay.
 *
 * chrome.alarms fires no sooner than 30 seconds for a packed extension (Chrome 120+), so the
 * base delay is 30 s; the cap keeps a long outage from pushing retries out for days.
 */
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;

/**
 * Delay before retry number `attempt` (1 = the first retry after one failure).
 * `random` returns a number in [0, 1), like Math.random.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number >= 1, got ${attempt}`);
  // 2^(attempt-1) grows past the cap at attempt 8; clamp the exponent so it never overflows.
  const nominal = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 20));
  const half = nominal / 2;
  const r = Math.min(Math.max(random(), 0), 0.999_999);
  return Math.round(half + r * half);
}
