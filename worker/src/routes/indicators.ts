import { Hono } from "hono";
import { BenchmarkQuerySchema, ExportQuerySchema, Wres2QuerySchema } from "@fair-shortlist/shared/schemas/api";
import type { AppEnv } from "../app";
import { cellsFrom, cellsStatement, disabilityCellsFrom, disabilityCellsStatement, guaranteedInterviewFrom, guaranteedInterviewStatement, interventionsFrom, interventionsStatement, totalsOf, totalsVersionFrom, totalsVersionStatement, yearTotalsStatements } from "../db/aggregates";
import { benchmarkCacheKey, cachedBenchmark, rememberBenchmark } from "../indicators/benchmarkCache";
import { financialYearLabel } from "@fair-shortlist/shared/periods";
import { guaranteedInterviewFigure } from "@fair-shortlist/shared/wdes2";
import { validate } from "../http/validate";
import { benchmark } from "../indicators/benchmark";
import { breakdownFor, figuresFor, ownAudienceRule, ownAudienceRuleWdes, sumCounts, wdesAdjustedForBand, wdesBreakdownFor, wdesFiguresFor } from "../indicators/figures";
import { resolvePeriod } from "../indicators/period";
import { byIntervention } from "../indicators/interventions";
import { authorisedBatch, deferScope } from "../middleware/auth";

/**
 * /v1/indicators: WRES indicator 2 and WDES metric 2 for the token's organisation, exact (the own
 * audience: read tokens only; a report token reads /v1/report instead), and the benchmark.
 */
export const indicators = new Hono<AppEnv>()
  .use("*", deferScope("read"))
  .get("/wres2", validate("query", Wres2QuerySchema), async (c) => {
    const q = c.req.valid("query");
    const { filter, period, filters } = resolvePeriod(q);
    // Token and cells in one D1 round trip (the route's latency target is p95 < 20 ms; docs/benchmarks.md).
    const { auth, results } = await authorisedBatch(c, (org) => [cellsStatement(c.env.DB, org, filter)]);
    const { org } = auth;
    const cells = cellsFrom(results[0]!);
    const threshold = org.publicationThreshold;
    const overall = figuresFor(sumCounts(cells), cells.reduce((n, x) => n + x.vacancies, 0), q.level, threshold);
    return c.json({
      org: { id: org.id, name: org.name },
      period,
      filters,
      level: q.level,
      suppression: { audience: "own" as const, threshold, rule: ownAudienceRule(threshold) },
      overall,
      ...(q.by ? { by: q.by, breakdown: breakdownFor(cells, q.by, q.level, overall, threshold) } : {}),
    });
  })
  .get("/wdes2", validate("query", Wres2QuerySchema), async (c) => {
    const q = c.req.valid("query");
    const { filter, period, filters } = resolvePeriod(q);
    const { auth, results } = await authorisedBatch(c, (org) => [disabilityCellsStatement(c.env.DB, org, filter), guaranteedInterviewStatement(c.env.DB, org, filter)]);
    const { org } = auth;
    const cells = disabilityCellsFrom(results[0]!);
    const gi = guaranteedInterviewFrom(results[1]!);
    const threshold = org.publicationThreshold;
    return c.json({
      org: { id: org.id, name: org.name },
      period,
      filters,
      level: q.level,
      suppression: { audience: "own" as const, threshold, rule: ownAudienceRuleWdes(threshold) },
      overall: wdesFiguresFor(cells, q.level, threshold),
      adjustedForBand: wdesAdjustedForBand(cells, q.level),
      guaranteedInterview: guaranteedInterviewFigure(gi, gi.vacancies, q.level),
      ...(q.by ? { by: q.by, breakdown: wdesBreakdownFor(cells, q.by, q.level, threshold) } : {}),
    });
  })
  .get("/wres2/by-intervention", validate("query", ExportQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const { filter, period, filters } = resolvePeriod(q);
    const { auth, results } = await authorisedBatch(c, (org) => [interventionsStatement(c.env.DB, org, filter)]);
    const rows = interventionsFrom(results[0]!);
    // Same audience as /wres2: the organisation's own analysts, exact, small numbers flagged.
    const threshold = auth.org.publicationThreshold;
    return c.json({
      org: { id: auth.org.id, name: auth.org.name },
      period,
      filters,
      level: q.level,
      suppression: { audience: "own" as const, threshold, rule: ownAudienceRule(threshold) },
      ...byIntervention(rows, q.level, threshold),
    });
  })
  .get("/wres2/benchmark", validate("query", BenchmarkQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const asked = q.year ? Number(q.year.slice(0, 4)) : null;
    // Token, year and the year's totals version in one D1 round trip; the totals themselves only
    // when no response was computed at this version (indicators/benchmarkCache.ts).
    const { auth, results } = await authorisedBatch(c, (org) => [totalsVersionStatement(c.env.DB, org, asked)]);
    const { fy, version } = totalsVersionFrom(results[0]!);
    if (fy === null || version === null) return c.json(benchmark([], auth.org.seq, fy === null ? null : financialYearLabel(fy), q.level));
    const hit = cachedBenchmark(benchmarkCacheKey(auth.org.seq, fy, q.level, version));
    if (hit) return c.json(hit);
    const [now, rows] = await c.env.DB.batch(yearTotalsStatements(c.env.DB, fy));
    const fresh = benchmark(totalsOf(rows!), auth.org.seq, financialYearLabel(fy), q.level);
    const current = (now!.results[0] as { version: number } | undefined)?.version;
    // Cached under the version read with these very totals (a write in between gives a new one).
    if (current !== undefined) rememberBenchmark(benchmarkCacheKey(auth.org.seq, fy, q.level, current), fresh);
    return c.json(fresh);
  });
