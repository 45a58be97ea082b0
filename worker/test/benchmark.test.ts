import { describe, expect, it } from "vitest";
import { BenchmarkResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { pooledRelativeLikelihood } from "@fair-shortlist/shared/pooled";
import { relativeLikelihood } from "@fair-shortlist/shared/wres2";
import type { OutcomeCounts } from "@fair-shortlist/shared/schemas/api";
import { BENCHMARK_ROUNDING } from "../src/indicators/benchmark";
import { call, createOrg, postAll, synthetic } from "./helpers";

/** A peer's counts as the benchmark uses them: each rounded to a multiple of BENCHMARK_ROUNDING. */
function roundedCounts(c: OutcomeCounts): OutcomeCounts {
  const r = (n: number) => Math.round(n / BENCHMARK_ROUNDING) * BENCHMARK_ROUNDING;
  const g = (x: { shortlisted: number; appointed: number }) => ({ shortlisted: r(x.shortlisted), appointed: Math.min(r(x.shortlisted), r(x.appointed)) });
  return { white: g(c.white), bme: g(c.bme), notStated: g(c.notStated) };
}

describe("GET /v1/indicators/wres2/benchmark", () => {
  it("shows nothing national while fewer than five other organisations have enough data (peers would be identifiable)", async () => {
    const a = await createOrg("Lonely Trust");
    await postAll(a.submit, await synthetic(10, 200, { fyStart: 2019, prefix: "lonely" }));
    const res = await call("GET", "/v1/indicators/wres2/benchmark?year=2019/20", { token: a.read });
    expect(res.status).toBe(200);
    expect(res.json.national.organisations).toBe(0);
    expect(res.json.national.relativeLikelihood).toBeNull();
    expect(res.json.points).toEqual([]);
    expect(res.json.you.position).toBe("notIncluded");
  });

  it("pools the other organisations (counts rounded), places each with enough data on a funnel, anonymised, 'you' flagged", async () => {
    const orgs = [];
    const lists = [];
    for (let i = 0; i < 7; i++) {
      const org = await createOrg(`Funnel Trust ${i}`);
      // Org 6 is small: it counts nationally but is not a point.
      const list = await synthetic(100 + i, i === 6 ? 8 : 250, { fyStart: 2021, gap: 1 + i * 0.25, prefix: `funnel${i}` });
      await postAll(org.submit, list);
      orgs.push(org);
      lists.push(list);
    }
    const me = orgs[2]!;
    const res = await call("GET", "/v1/indicators/wres2/benchmark?year=2021/22&level=90", { token: me.read });
    expect(res.status).toBe(200);
    expect(BenchmarkResponseSchema.safeParse(res.json).success).toBe(true);
    const body = res.json;
    expect(body.year).toBe("2021/22");
    // Made from the five other organisations with enough data: not from mine, not from the small one.
    expect(body.national.organisations).toBe(5);

    const totals = lists.map((list) => {
      const t = { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } };
      for (const o of list) for (const g of ["white", "bme", "notStated"] as const) {
        t[g].shortlisted += o.counts[g].shortlisted;
        t[g].appointed += o.counts[g].appointed;
      }
      return t;
    });
    const peers = totals.filter((_, i) => i !== 2 && i !== 6).map(roundedCounts);
    const national = peers.reduce((acc, t) => {
      for (const g of ["white", "bme", "notStated"] as const) {
        acc[g].shortlisted += t[g].shortlisted;
        acc[g].appointed += t[g].appointed;
      }
      return acc;
    }, { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } });
    expect(body.national.relativeLikelihood).toBeCloseTo(relativeLikelihood(national, { level: 90 }).relativeLikelihood!, 12);
    const pooled = pooledRelativeLikelihood(peers, { level: 90 });
    expect(body.national.pooled.relativeLikelihood).toBeCloseTo(pooled.relativeLikelihood!, 12);
    expect(body.national.pooled.ci.lower).toBeCloseTo(pooled.ci.lower!, 12);
    expect(body.funnel.centre).toBeCloseTo(pooled.relativeLikelihood!, 12);

    expect(body.points).toHaveLength(6);
    expect(body.inclusion.organisationsIncluded).toBe(5);
    expect(body.points.filter((p: { you: boolean }) => p.you)).toHaveLength(1);
    const precisions = body.points.map((p: { precision: number }) => p.precision);
    expect(precisions).toEqual([...precisions].sort((a: number, b: number) => a - b));
    const mine = relativeLikelihood(totals[2]!, { level: 90 });
    expect(body.points.find((p: { you: boolean }) => p.you).relativeLikelihood).toBeCloseTo(mine.relativeLikelihood!, 3);
    expect(body.you).toMatchObject({ included: true, relativeLikelihood: mine.relativeLikelihood });
    expect(["withinLimits", "aboveUpper95", "aboveUpper998", "belowLower95", "belowLower998"]).toContain(body.you.position);

    // Control limits: centre × exp(±z / precision), 95% inside 99.8%.
    const [l95, l998] = body.funnel.limits;
    expect(l95.level).toBe(95);
    expect(l998.level).toBe(99.8);
    for (let i = 0; i < l95.points.length; i++) {
      const p = l95.points[i];
      expect(p.lower).toBeCloseTo(body.funnel.centre * Math.exp(-l95.z / p.precision), 3);
      expect(l998.points[i].lower).toBeLessThan(p.lower);
      expect(l998.points[i].upper).toBeGreaterThan(p.upper);
    }

    // Anonymised: no other organisation's id, name or ODS code anywhere in the response.
    const text = JSON.stringify(body);
    for (const other of orgs) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.odsCode);
    }
    expect(text).not.toContain("Funnel Trust");

    // Default year: the latest with this organisation's data.
    const dflt = await call("GET", "/v1/indicators/wres2/benchmark", { token: me.read });
    expect(dflt.json.year).toBe("2021/22");
  });
});
