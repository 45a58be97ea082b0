import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome, postAll } from "./helpers";
import { dis, eth, fixture } from "./handFixture";

/**
 * Breakdowns, filters and date ranges of GET /v1/indicators/wres2 and /wdes2 on the four hand-made
 * vacancies of ./handFixture (the table is there); every expected count and ratio is summed by hand.
 */
async function get(token: string, path: string) {
  const res = await call("GET", path, { token });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

const wresRow = (b: any) => [b.key, b.label, b.vacancies, b.counts];
const wdesRow = (b: any) => [b.key, b.label, b.vacancies, b.vacanciesInPeriod, b.counts];

describe("WRES indicator 2 and WDES metric 2 breakdowns (own audience, hand-summed)", () => {
  it("by band, staff group and year: one item each, in a reader's order, with its own counts and vacancies", async () => {
    const org = await fixture("mut-fig-breakdown");
    const byBand = await get(org.read, "/v1/indicators/wres2?year=2024/25&by=band");
    expect(byBand.overall.counts).toEqual(eth([20, 6], [19, 3], [3, 1]));
    expect(byBand.overall.vacancies).toBe(3);
    // (6/20) / (3/19) = 1.9
    expect(byBand.overall.relativeLikelihood).toBeCloseTo(1.9, 12);
    expect(byBand.breakdown.map(wresRow)).toEqual([
      ["under1", "Under band 1", 1, eth([4, 1], [5, 0], [1, 1])],
      ["7", "Band 7", 1, eth([10, 3], [8, 1], [2, 0])],
      ["consultant", "Consultant", 1, eth([6, 2], [6, 2], [0, 0])],
    ]);
    // (3/10) / (1/8) = 2.4 and (2/6) / (2/6) = 1
    expect(byBand.breakdown[1].relativeLikelihood).toBeCloseTo(2.4, 12);
    expect(byBand.breakdown[2].relativeLikelihood).toBeCloseTo(1, 12);

    const byGroup = await get(org.read, "/v1/indicators/wres2?year=2024/25&by=staffGroup");
    expect(byGroup.breakdown.map(wresRow)).toEqual([
      ["clinical", "Clinical", 2, eth([10, 3], [11, 2], [1, 1])],
      ["nonClinical", "Non-clinical", 1, eth([10, 3], [8, 1], [2, 0])],
    ]);
    // (3/10) / (2/11) = 1.65
    expect(byGroup.breakdown[0].relativeLikelihood).toBeCloseTo(1.65, 12);

    const byYear = await get(org.read, "/v1/indicators/wres2?by=year");
    expect(byYear.overall.vacancies).toBe(4);
    expect(byYear.breakdown.map(wresRow)).toEqual([
      ["2023/24", "2023/24", 1, eth([5, 1], [5, 1], [0, 0])],
      ["2024/25", "2024/25", 3, eth([20, 6], [19, 3], [3, 1])],
    ]);

    const wdesBand = await get(org.read, "/v1/indicators/wdes2?year=2024/25&by=band");
    // Recorded: V1 and V2; V3 is in the period but recorded no disability counts.
    expect([wdesBand.overall.vacancies, wdesBand.overall.vacanciesInPeriod]).toEqual([2, 3]);
    expect(wdesBand.overall.counts).toEqual(dis([6, 2], [24, 6], [2, 0]));
    // (6/24) / (2/6) = 0.75
    expect(wdesBand.overall.relativeLikelihood).toBeCloseTo(0.75, 12);
    expect(wdesBand.breakdown.map(wdesRow)).toEqual([
      ["under1", "Under band 1", 0, 1, dis([0, 0], [0, 0], [0, 0])],
      ["7", "Band 7", 1, 1, dis([4, 1], [14, 3], [2, 0])],
      ["consultant", "Consultant", 1, 1, dis([2, 1], [10, 3], [0, 0])],
    ]);

    const wdesGroup = await get(org.read, "/v1/indicators/wdes2?year=2024/25&by=staffGroup");
    expect(wdesGroup.breakdown.map(wdesRow)).toEqual([
      ["clinical", "Clinical", 1, 2, dis([2, 1], [10, 3], [0, 0])],
      ["nonClinical", "Non-clinical", 1, 1, dis([4, 1], [14, 3], [2, 0])],
    ]);
    // (3/10) / (1/2) = 0.6 and (3/14) / (1/4) = 6/7
    expect(wdesGroup.breakdown[0].relativeLikelihood).toBeCloseTo(0.6, 12);
    expect(wdesGroup.breakdown[1].relativeLikelihood).toBeCloseTo(6 / 7, 12);

    const wdesYear = await get(org.read, "/v1/indicators/wdes2?by=year");
    expect([wdesYear.overall.vacancies, wdesYear.overall.vacanciesInPeriod]).toEqual([3, 4]);
    expect(wdesYear.breakdown.map(wdesRow)).toEqual([
      ["2023/24", "2023/24", 1, 1, dis([1, 0], [9, 2], [0, 0])],
      ["2024/25", "2024/25", 2, 3, dis([6, 2], [24, 6], [2, 0])],
    ]);
  });

  it("band and staff-group filters, alone and together, from the summary cells and from raw date ranges", async () => {
    const org = await fixture("mut-fig-filters");
    const overall = async (query: string) => {
      const body = await get(org.read, `/v1/indicators/wres2?${query}`);
      return [body.overall.vacancies, body.overall.counts];
    };
    expect(await overall("band=7")).toEqual([2, eth([15, 4], [13, 2], [2, 0])]);
    expect(await overall("year=2024/25&staffGroup=clinical")).toEqual([2, eth([10, 3], [11, 2], [1, 1])]);
    expect(await overall("band=7&staffGroup=clinical")).toEqual([1, eth([5, 1], [5, 1], [0, 0])]);
    expect(await overall("year=2023/24")).toEqual([1, eth([5, 1], [5, 1], [0, 0])]);
    // Date ranges include both their first and their last day.
    expect(await overall("from=2024-08-20")).toEqual([2, eth([10, 3], [11, 2], [1, 1])]);
    expect(await overall("to=2024-05-10")).toEqual([2, eth([15, 4], [13, 2], [2, 0])]);
    expect(await overall("from=2024-05-11&to=2024-08-20")).toEqual([1, eth([6, 2], [6, 2], [0, 0])]);
    expect(await overall("from=2024-05-10&to=2025-02-01&band=7")).toEqual([1, eth([10, 3], [8, 1], [2, 0])]);
    expect(await overall("from=2023-01-01&to=2025-12-31&staffGroup=nonClinical")).toEqual([1, eth([10, 3], [8, 1], [2, 0])]);
    expect(await overall("from=2024-05-11&to=2024-08-19")).toEqual([0, eth([0, 0], [0, 0], [0, 0])]);

    const wdes = async (query: string) => {
      const body = await get(org.read, `/v1/indicators/wdes2?${query}`);
      return [body.overall.vacancies, body.overall.vacanciesInPeriod, body.overall.counts];
    };
    expect(await wdes("band=7")).toEqual([2, 2, dis([5, 1], [23, 5], [2, 0])]);
    expect(await wdes("to=2024-08-20&staffGroup=clinical")).toEqual([2, 2, dis([3, 1], [19, 5], [0, 0])]);
    expect(await wdes("from=2024-08-20")).toEqual([1, 2, dis([2, 1], [10, 3], [0, 0])]);
  });

  it("a date-range breakdown by band sums the raw records per band, in the reader's order", async () => {
    const org = await fixture("mut-fig-range");
    const body = await get(org.read, "/v1/indicators/wres2?from=2023-11-01&to=2025-02-01&by=band");
    expect(body.period).toEqual({ year: null, from: "2023-11-01", to: "2025-02-01" });
    expect(body.breakdown.map(wresRow)).toEqual([
      ["under1", "Under band 1", 1, eth([4, 1], [5, 0], [1, 1])],
      ["7", "Band 7", 2, eth([15, 4], [13, 2], [2, 0])],
      ["consultant", "Consultant", 1, eth([6, 2], [6, 2], [0, 0])],
    ]);
  });

  it("says which counts are flagged at the trust's threshold, in WRES and WDES alike, and flags by it", async () => {
    const org = await fixture("mut-fig-threshold");
    const rules = async () => {
      const wres = await get(org.read, "/v1/indicators/wres2?year=2023/24");
      const wdes = await get(org.read, "/v1/indicators/wdes2?year=2023/24");
      return { wres, wdes };
    };
    let { wres, wdes } = await rules();
    expect([wres.suppression.audience, wres.suppression.threshold, wdes.suppression.threshold]).toEqual(["own", 5, 5]);
    expect(wres.suppression.rule).toContain("is between 1 and 4 carries smallNumbers: true");
    expect(wdes.suppression.rule).toContain("is between 1 and 4 carries smallNumbers: true");
    // V4 alone: white 5/1, BME 5/1 (1 is small at 5); disability 1/0 and 9/2.
    expect([wres.overall.smallNumbers, wdes.overall.smallNumbers]).toEqual([true, true]);
    expect((await call("PUT", "/v1/org/publication", { token: org.read, body: { threshold: 8 } })).status).toBe(200);
    ({ wres, wdes } = await rules());
    expect(wres.suppression.rule).toContain("is between 1 and 7 carries smallNumbers: true");
    expect(wdes.suppression.rule).toContain("is between 1 and 7 carries smallNumbers: true");
  });
});

describe("panel compliance over a date range (raw records)", () => {
  it("counts only the failures of vacancies closing inside the range, as the financial year does for its own", async () => {
    const org = await createOrg("mut-compliance-range");
    const panel = (failedRules: ("independentMember" | "trainedMember")[]) => ({ ruleApplies: true, ruleMet: failedRules.length === 0, failedRules });
    await postAll(org.submit, [
      outcome(await key("mut-cr-1"), { band: "7", closingDate: "2024-05-10", panel: panel(["independentMember"]) }),
      outcome(await key("mut-cr-2"), { band: "7", closingDate: "2024-09-01", panel: panel(["trainedMember"]) }),
      outcome(await key("mut-cr-3"), { band: "7", closingDate: "2024-09-02", panel: panel([]) }),
    ]);
    const rules = async (query: string) => {
      const res = await call("GET", `/v1/panels/compliance?${query}`, { token: org.read });
      expect(res.status, res.text).toBe(200);
      return [res.json.overall.applies, res.json.overall.notMet, res.json.failingRules.map((r: { rule: string; failures: number }) => [r.rule, r.failures])];
    };
    expect(await rules("year=2024/25")).toEqual([3, 2, [["independentMember", 1], ["trainedMember", 1]]]);
    expect(await rules("from=2024-08-01&to=2024-12-31")).toEqual([2, 1, [["trainedMember", 1]]]);
    expect(await rules("to=2024-08-31")).toEqual([1, 1, [["independentMember", 1]]]);
  });
});

describe("WDES metric 2 at another confidence level, and allowing for bands", () => {
  it("level=90 reaches the interval and the band-adjusted figure; a band with nothing recorded is no stratum", async () => {
    const org = await fixture("mut-fig-wdes-level");
    const body = await get(org.read, "/v1/indicators/wdes2?year=2024/25&level=90");
    // RR 0.75, SE² = 1/6 − 1/24 + 1/2 − 1/6, z(90 %) = 1.6449: 0.2463 to 2.2839.
    expect(body.overall.ci.level).toBe(0.9);
    expect(body.overall.ci.lower).toBeCloseTo(0.2463, 4);
    expect(body.overall.ci.upper).toBeCloseTo(2.2839, 4);
    // Mantel-Haenszel over band 7 (3/14 against 1/4) and Consultant (3/10 against 1/2), under band 1 recorded nothing:
    // R = 3·4/18 + 3·2/12 = 7/6, S = 1·14/18 + 1·10/12 = 29/18, RR = 21/29.
    const adjusted = body.adjustedForBand;
    expect(adjusted.relativeLikelihood).toBeCloseTo(21 / 29, 12);
    expect(adjusted.ci.level).toBe(0.9);
    expect([adjusted.strataUsed, adjusted.strataTotal]).toEqual([2, 2]);
  });
});
