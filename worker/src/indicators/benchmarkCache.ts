/**
 * Per-isolate memory of national benchmark responses, keyed on who asked, the year, the level and
 * that year's totals version (migration 0008). A repeat read at the same version is answered
 * without reading ~220 totals rows or recomputing; any write to the year's totals, by anyone,
 * changes the version, so the next read is computed afresh. The token is still looked up on
 * every request (with the version, in one round trip), so a revoked token stops at once.
 * A response holds the caller's own exact figure, so the key includes the caller: no
 * organisation is ever answered from another's entry.
 */
import type { BenchmarkResponse } from "@fair-shortlist/shared/schemas/api";

/** Enough for every organisation's dashboard at two levels; the oldest entry goes first beyond it. */
export const BENCHMARK_CACHE_ENTRIES = 512;

const entries = new Map<string, BenchmarkResponse>();

export function benchmarkCacheKey(orgSeq: number, fy: number, level: number, version: number): string {
  return `${orgSeq}|${fy}|${level}|${version}`;
}

export function cachedBenchmark(key: string): BenchmarkResponse | undefined {
  return entries.get(key);
}

export function rememberBenchmark(key: string, response: BenchmarkResponse): void {
  entries.delete(key);
  entries.set(key, response);
  while (entries.size > BENCHMARK_CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
}
