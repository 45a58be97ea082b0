import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome } from "./helpers";

/**
 * The benchmark's inclusion rules and the caller's funnel position, each pinned by a hand-built
 * year (one vacancy per organisation, a financial year no other test uses) whose figures are worked
 * by hand in the comments. [white shortlisted, white appointed, BME shortlisted, BME appointed].
 */
type Quad = [number, number, number, number];

const counts = ([n1, a, n2, b]: Quad) => ({
  white: { shortlisted: n1, appointed: a },
  bme: { shortlisted: n2, appointed: b },
  notStated: { shortlisted: 0, appointed: 0 },
});

async function org(label: string, fy: number, quad: Quad) {
  const o = await createOrg(label);
  const res = await call("POST", "/v1/outcomes", {
    token: o.submit,
    body: outcome(await key(`mut-bench-${label}`), { closingDate: `${fy}-06-15`, counts: counts(quad) }),
  });
  expect(res.status).toBeLessThan(300);
  return o;
}

async function peers(fy: number, list: Quad[]) {
  for (const [i, q] of list.entries()) await org(`${fy} peer ${i}`, fy, q);
}

async function benchmark(token: string, fy: number) {
  const res = await call("GET", `/v1/indicators/wres2/benchmark?year=${fy}/${String((fy + 1) % 100).padStart(2, "0")}&level=90`, { token });
  expect(res.status).toBe(200);
  return res.json;
}

// Four peers with enough data: RR 2, 1, 2, 1 at precision sqrt(10), sqrt(15), sqrt(10), 5.
const FOUR: Quad[] = [
  [40, 20, 40, 10],
  [60, 30, 20, 10],
  [20, 10, 60, 15],
  [50, 25, 50, 25],
];
// Five: Mantel-Haenszel R = 10 + 7.5 + 7.5 + 12.5 + 10 = 47.5, S = 5 + 7.5 + 3.75 + 12.5 + 5 = 33.75, centre 38/27.
const FIVE: Quad[] = [...FOUR, [40, 20, 40, 10]];
// Each fails exactly one inclusion rule once rounded to fives.
const EXCLUDED: Quad[] = [
  [17, 5, 40, 10], // white shortlisted 17 → 15, under 20
  [40, 10, 15, 5], // BME shortlisted 15, under 20
  [40, 2, 40, 10], // white appointed 2 → 0, under 5
  [40, 10, 40, 2], // BME appointed 2 → 0, under 5
  [20, 20, 20, 20], // everyone appointed: no Katz standard error
];
const ME: Quad = [100, 50, 100, 20]; // RR 2.5, precision sqrt(20) = 4.47

describe("benchmark inclusion rules (hand-built years)", () => {
  // First in this file: isolated storage gives each test file its own database, so nobody has data yet.
  it("with no data anywhere and no year asked, there is no year and nothing national", async () => {
    const nobody = await createOrg("No data anywhere");
    const res = await call("GET", "/v1/indicators/wres2/benchmark", { token: nobody.read });
    expect(res.status).toBe(200);
    expect([res.json.year, res.json.national.organisations, res.json.points, res.json.you.position]).toEqual([null, 0, [], "notIncluded"]);
  });

  it("four peers with enough data and five that each miss one rule: nothing national, no funnel, the caller not placed", async () => {
    await peers(2013, [...FOUR, ...EXCLUDED]);
    const me = await org("2013 me", 2013, ME);
    const body = await benchmark(me.read, 2013);
    expect(body.national).toEqual({
      organisations: 0,
      relativeLikelihood: null,
      ci: { lower: null, upper: null, level: 0.9, method: "none" },
      pooled: { relativeLikelihood: null, ci: { lower: null, upper: null, level: 0.9, method: "none" }, method: "none", strataUsed: 0 },
    });
    expect(body.inclusion).toEqual({ minimumOrganisations: 5, minimumShortlistedPerGroup: 20, minimumAppointedPerGroup: 5, organisationsIncluded: 0 });
    expect(body.points).toEqual([]);
    expect(body.funnel).toEqual({ centre: null, limits: [] });
    expect(body.you).toEqual({ included: false, relativeLikelihood: null, ci: null, precision: null, position: "notIncluded" });
  });

  it("a fifth peer exactly on the minimums (22/5 and 18/5, rounded to 20/5 each) completes the five; the five that miss a rule stay out", async () => {
    await peers(2014, [...FOUR, [22, 5, 18, 5], ...EXCLUDED]);
    const me = await org("2014 me", 2014, ME);
    const body = await benchmark(me.read, 2014);
    expect(body.national.organisations).toBe(5);
    expect(body.national.pooled.strataUsed).toBe(5);
    // Mantel-Haenszel: R = 10 + 7.5 + 7.5 + 12.5 + 2.5 = 40, S = 5 + 7.5 + 3.75 + 12.5 + 2.5 = 31.25, RR 1.28.
    expect(body.national.pooled.relativeLikelihood).toBeCloseTo(1.28, 12);
    expect(body.funnel.centre).toBeCloseTo(1.28, 12);
    // Crude: white 90/190, BME 65/190 → 90/65.
    expect(body.national.relativeLikelihood).toBeCloseTo(90 / 65, 12);
    // The new peer: RR 1, SE² = 1/5 − 1/20 + 1/5 − 1/20 = 0.3, precision 1.83.
    expect(body.points).toEqual([
      { relativeLikelihood: 1, precision: 1.83, you: false },
      { relativeLikelihood: 2, precision: 3.16, you: false },
      { relativeLikelihood: 2, precision: 3.16, you: false },
      { relativeLikelihood: 1, precision: 3.87, you: false },
      { relativeLikelihood: 2.5, precision: 4.47, you: true },
      { relativeLikelihood: 1, precision: 5, you: false },
    ]);
    // ln(2.5 / 1.28) × sqrt(20) = 2.994: above 1.960, below 3.090.
    expect(body.you).toMatchObject({ included: true, relativeLikelihood: 2.5, precision: 4.47, position: "aboveUpper95" });
    // Limits from 0.8 × 1.83 = 1.464 to 1.1 × 5 = 5.5: 1.28 × exp(∓z / precision).
    const [l95, l998] = body.funnel.limits;
    expect(l95.points[0]).toEqual({ precision: 1.464, lower: 0.3356, upper: 4.8824 });
    expect(l95.points[40]).toEqual({ precision: 5.5, lower: 0.8963, upper: 1.828 });
    expect(l998.points[0]).toEqual({ precision: 1.464, lower: 0.1551, upper: 10.5664 });
    expect(l998.points[40]).toEqual({ precision: 5.5, lower: 0.7298, upper: 2.245 });
  });

  it("the caller's position against the centre 38/27: within, above 99.8 %, below 95 %, below 99.8 %", async () => {
    // deviation = ln(RR / (38/27)) / SE(ln RR), SE² = 1/a − 1/n1 + 1/b − 1/n2.
    const cases: [number, Quad, string, number, number][] = [
      [2015, [100, 50, 100, 35], "withinLimits", 1.429, 5.92], // RR 10/7, SE² = 1/35 − 1/100 + 1/50 − 1/100: +0.088
      [2016, [200, 100, 200, 25], "aboveUpper998", 4, 5], // RR 4, SE² = 0.04: ln(2.842) × 5 = +5.22
      [2017, [100, 45, 100, 50], "belowLower95", 0.9, 6.71], // RR 0.9, SE² = 1/45 − 0.01 + 0.02 − 0.01: −2.999
      [2018, [100, 35, 100, 50], "belowLower998", 0.7, 5.92], // RR 0.7, SE² = 1/35 − 0.01 + 0.02 − 0.01: −4.13
    ];
    for (const [fy, mine, position, rr, precision] of cases) {
      await peers(fy, FIVE);
      const me = await org(`${fy} me`, fy, mine);
      const body = await benchmark(me.read, fy);
      expect(body.national.organisations).toBe(5);
      expect(body.funnel.centre).toBeCloseTo(38 / 27, 12);
      expect(body.you.position).toBe(position);
      expect(body.you.included).toBe(true);
      expect(body.you.relativeLikelihood).toBeCloseTo(rr, 3);
      expect(body.you.precision).toBe(precision);
      expect(body.points.filter((p: { you: boolean }) => p.you)).toEqual([{ relativeLikelihood: Number(rr.toFixed(3)), precision, you: true }]);
    }
    // An organisation with nothing in that year reads the same national picture (the five and the 2015 caller) and is not placed.
    const empty = await createOrg("2015 nothing");
    const body = await benchmark(empty.read, 2015);
    expect(body.national.organisations).toBe(6);
    expect(body.points.some((p: { you: boolean }) => p.you)).toBe(false);
    expect(body.you).toEqual({ included: false, relativeLikelihood: null, ci: null, precision: null, position: "notIncluded" });
  });

  it("the caller's exact counts with a small cell keep it off the funnel; equal precisions are ordered by relative likelihood", async () => {
    // RR 2 and 0.5 at the same precision 1/sqrt(1/10 − 1/20 + 1/10 − 1/40) = 2.83.
    await peers(2000, [...FIVE, [20, 10, 40, 10], [40, 10, 20, 10]]);
    const whiteSmall = await org("2000 white small", 2000, [100, 97, 100, 20]); // 3 white not appointed
    const bmeSmall = await org("2000 bme small", 2000, [100, 50, 100, 97]); // 3 BME not appointed
    for (const me of [whiteSmall, bmeSmall]) {
      const body = await benchmark(me.read, 2000);
      // Seven peers and the other caller, whose counts rounded to fives (100/95 or 100/95) have no small cell.
      expect(body.national.organisations).toBe(8);
      expect(body.you.position).toBe("notIncluded");
      expect(body.points.some((p: { you: boolean }) => p.you)).toBe(false);
      const tied = body.points.filter((p: { precision: number }) => p.precision === 2.83).map((p: { relativeLikelihood: number }) => p.relativeLikelihood);
      expect(tied).toEqual([0.5, 2]);
    }
  });

  it("a peer with many not-stated applicants still counts; on a tie the caller's point comes after the peers'", async () => {
    // FIVE, one of them with 200 not-stated applicants (the figures never read them).
    const withNotStated = async (label: string, fy: number, [n1, a, n2, b]: Quad, notStated: number) => {
      const o = await createOrg(label);
      const c = { ...counts([n1, a, n2, b]), notStated: { shortlisted: notStated, appointed: 0 } };
      const res = await call("POST", "/v1/outcomes", { token: o.submit, body: outcome(await key(`mut-bench-${label}`), { closingDate: `${fy}-06-15`, counts: c }) });
      expect(res.status).toBeLessThan(300);
      return o;
    };
    await peers(2001, FOUR);
    await withNotStated("2001 many not stated", 2001, [40, 20, 40, 10], 200);
    const me = await org("2001 me", 2001, [40, 20, 40, 10]); // the same point as two peers: RR 2, precision sqrt(10)
    const body = await benchmark(me.read, 2001);
    expect(body.national.organisations).toBe(5);
    expect(body.funnel.centre).toBeCloseTo(38 / 27, 12);
    expect(body.points.map((p: { relativeLikelihood: number; precision: number; you: boolean }) => [p.relativeLikelihood, p.precision, p.you])).toEqual([
      [2, 3.16, false],
      [2, 3.16, false],
      [2, 3.16, false],
      [2, 3.16, true],
      [1, 3.87, false],
      [1, 5, false],
    ]);
  });
});
