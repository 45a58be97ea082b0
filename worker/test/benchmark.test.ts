import { describe, expect, it } from "vitest";
import { BenchmarkResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key, outcome, postAll, synthetic } from "./helpers";
import { referenceFigures, referenceMantelHaenszel, referencePoint, Z } from "./reference";

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
    for (let i = 0; i < 7; i++) {
      const org = await createOrg(`Funnel Trust ${i}`);
      // Org 6 is small: it counts nationally but is not a point.
      await postAll(org.submit, await synthetic(100 + i, i === 6 ? 8 : 250, { fyStart: 2021, gap: 1 + i * 0.25, prefix: `funnel${i}` }));
      orgs.push(org);
    }
    const me = orgs[2]!;
    const res = await call("GET", "/v1/indicators/wres2/benchmark?year=2021/22&level=90", { token: me.read });
    expect(res.status).toBe(200);
    expect(BenchmarkResponseSchema.safeParse(res.json).success).toBe(true);
    const body = res.json;
    expect(body.year).toBe("2021/22");
    // Made from the five other organisations with enough data: not from mine, not from the small one.
    expect(body.national.organisations).toBe(5);
    expect(body.points).toHaveLength(6);
    expect(body.inclusion.organisationsIncluded).toBe(5);
    expect(body.points.filter((p: { you: boolean }) => p.you)).toHaveLength(1);
    const precisions = body.points.map((p: { precision: number }) => p.precision);
    expect(precisions).toEqual([...precisions].sort((a: number, b: number) => a - b));

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

  it("hand-built peers: national crude and Mantel-Haenszel figures, every point, the limits and 'you' above the 95% limit, pinned", async () => {
    // One vacancy per organisation in 2012/13 (no other test uses that year). [white n1, a, BME n2, c].
    const peerCounts: [number, number, number, number][] = [
      [40, 20, 40, 10], // RR 2, precision sqrt(10)
      [60, 30, 20, 10], // RR 1, precision sqrt(15)
      [20, 10, 60, 15], // RR 2, precision sqrt(10)
      [50, 25, 50, 25], // RR 1, precision 5
      [42, 21, 38, 12], // rounded to 40/20, 40/10 (RR 2); unrounded it would be RR 1.583
    ];
    const stratum = ([n1, a, n2, c]: [number, number, number, number]) => ({
      white: { shortlisted: n1, appointed: a },
      bme: { shortlisted: n2, appointed: c },
      notStated: { shortlisted: 0, appointed: 0 },
    });
    const post = async (label: string, counts: [number, number, number, number]) => {
      const org = await createOrg(label);
      const res = await call("POST", "/v1/outcomes", {
        token: org.submit,
        body: outcome(await key(`hand-${label}`), { closingDate: "2012-06-15", counts: stratum(counts) }),
      });
      expect(res.status).toBeLessThan(300);
      return org;
    };
    for (const [i, c] of peerCounts.entries()) await post(`Hand Peer ${i}`, c);
    await post("Hand Small", [10, 5, 10, 5]); // under 20 shortlisted per group: not a peer
    const me = await post("Hand Me", [100, 50, 100, 20]); // RR 2.5, precision 1/sqrt(0.05)

    const res = await call("GET", "/v1/indicators/wres2/benchmark?year=2012/13&level=90", { token: me.read });
    expect(res.status).toBe(200);
    const body = res.json;
    expect(body.national.organisations).toBe(5);

    // Crude (all peers' rounded counts added): white 105/210, BME 70/210 → 1.5.
    expect(body.national.relativeLikelihood).toBeCloseTo(1.5, 12);
    const crude = referenceFigures(stratum([210, 105, 210, 70]), 90).katz!;
    expect(body.national.ci.lower).toBeCloseTo(crude.lower, 10);
    expect(body.national.ci.upper).toBeCloseTo(crude.upper, 10);
    // Mantel-Haenszel by hand: R = 10 + 7.5 + 7.5 + 12.5 + 10 = 47.5, S = 5 + 7.5 + 3.75 + 12.5 + 5 = 33.75, RR = 38/27.
    const rounded = [peerCounts[0]!, peerCounts[1]!, peerCounts[2]!, peerCounts[3]!, [40, 20, 40, 10] as [number, number, number, number]].map(stratum);
    const mh = referenceMantelHaenszel(rounded, 90);
    expect(mh.relativeLikelihood).toBeCloseTo(38 / 27, 12);
    expect(body.national.pooled.relativeLikelihood).toBeCloseTo(38 / 27, 12);
    expect(body.national.pooled.ci.lower).toBeCloseTo(mh.lower, 10);
    expect(body.national.pooled.ci.upper).toBeCloseTo(mh.upper, 10);
    expect(body.national.pooled.ci.lower).toBeCloseTo(1.1566585, 6);
    expect(body.national.pooled.strataUsed).toBe(5);
    expect(body.funnel.centre).toBeCloseTo(38 / 27, 12);

    // Every point (RR to 3 places, precision to 2), by precision; mine from my exact counts.
    expect(body.points).toEqual([
      { relativeLikelihood: 2, precision: 3.16, you: false },
      { relativeLikelihood: 2, precision: 3.16, you: false },
      { relativeLikelihood: 2, precision: 3.16, you: false },
      { relativeLikelihood: 1, precision: 3.87, you: false },
      { relativeLikelihood: 2.5, precision: 4.47, you: true },
      { relativeLikelihood: 1, precision: 5, you: false },
    ]);

    // Me: ln(2.5 / (38/27)) × sqrt(20) = 2.569, above z(95%) = 1.960 and below z(99.8%) = 3.090.
    const mine = referencePoint(stratum([100, 50, 100, 20]));
    expect(Math.log(mine.relativeLikelihood / (38 / 27)) * mine.precision).toBeCloseTo(2.5694, 4);
    const myKatz = referenceFigures(stratum([100, 50, 100, 20]), 90).katz!;
    expect(body.you).toMatchObject({ included: true, relativeLikelihood: 2.5, precision: 4.47, position: "aboveUpper95" });
    expect(body.you.ci.lower).toBeCloseTo(myKatz.lower, 10);
    expect(body.you.ci.upper).toBeCloseTo(myKatz.upper, 10);

    // Limits from 0.8 × the smallest precision shown (3.16) to 1.1 × the largest (5), 41 steps, centre × exp(±z / precision).
    const [l95, l998] = body.funnel.limits;
    expect([l95.level, l95.z, l998.level, l998.z]).toEqual([95, 1.96, 99.8, 3.0902]);
    for (const [lim, z] of [[l95, Z[95]!], [l998, Z[99.8]!]] as const) {
      expect(lim.points).toHaveLength(41);
      const minP = 0.8 * 3.16;
      const maxP = 1.1 * 5;
      for (const [i, p] of lim.points.entries()) {
        const precision = minP + ((maxP - minP) * i) / 40;
        expect(p.precision).toBeCloseTo(precision, 3);
        expect(p.lower).toBeCloseTo((38 / 27) * Math.exp(-z / precision), 4);
        expect(p.upper).toBeCloseTo((38 / 27) * Math.exp(z / precision), 4);
      }
    }
    expect(l95.points[0]).toEqual({ precision: 2.528, lower: 0.6482, upper: 3.0558 });
  });
});
