/**
 * The attack battery, round three: each test is one attack a reviewer could run against the API,
 * written as the attacker would, and asserting what the attacker must not get. The earlier rounds'
 * attacks (differencing filters and periods, benchmark probes, dates, token storage) are in
 * publication.test.ts, benchmarkPrivacy.test.ts, hardening.test.ts and malformed.test.ts.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ApiErrorSchema, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { adminToken, call, createOrg, key, outcome, postAll, snapshot } from "./helpers";

const pair = (s: number, a: number) => ({ shortlisted: s, appointed: a });
const GROUPS = ["white", "bme", "notStated"] as const;
const KINDS = ["shortlisted", "appointed"] as const;

async function withReportToken(org: { id: string }) {
  const rotated = await call("POST", `/v1/admin/orgs/${org.id}/tokens/report/rotate`, { token: adminToken() });
  expect(rotated.status).toBe(201);
  return rotated.json.token as string;
}

/**
 * What a reader of the publication tables can work out from a row's suppression code: a
 * complementary row has every count 0 or at least the threshold. So when the withheld children of
 * a shown total (the year less its shown band rows) hold fewer than `threshold` of something
 * between them, every complement among them holds none of it, and if exactly one of them was
 * withheld as a small cell, that row's count is the difference, exactly.
 */
function recoverByLabels(body: any, threshold: number): { row: string; count: string; value: number }[] {
  const found: { row: string; count: string; value: number }[] = [];
  for (const year of body.tables.year) {
    if (year.suppressed) continue;
    for (const table of ["band", "staffGroup"] as const) {
      const rows = body.tables[table].filter((r: any) => r.year === year.year);
      const hidden = rows.filter((r: any) => r.suppressed);
      const small = hidden.filter((r: any) => r.suppressionCode === "smallCell");
      if (small.length !== 1 || hidden.length < 2) continue;
      for (const g of GROUPS) {
        for (const k of KINDS) {
          const rest = year.counts[g][k] - rows.filter((r: any) => !r.suppressed).reduce((n: number, r: any) => n + r.counts[g][k], 0);
          if (rest >= 1 && rest < threshold) found.push({ row: `${year.year} ${table} ${small[0].key}`, count: `${g}.${k}`, value: rest });
        }
      }
    }
  }
  return found;
}

describe("publication tables: what a withheld row's label gives away", () => {
  it("four band rows withheld with one BME appointment between them, three of them complements: the fourth's count is not given away", async () => {
    const org = await createOrg("Label Attack Trust");
    // 2023/24, every post clinical. One BME appointment in band 5; none in bands 6, 7, 8a; nine at band 4 and below.
    const bands: [string, number, number][] = [["3", 40, 9], ["5", 30, 1], ["6", 30, 0], ["7", 30, 0], ["8a", 30, 0], ["8b", 30, 0], ["consultant", 30, 0]];
    const list: OutcomeSubmission[] = [];
    for (const [band, bs, ba] of bands) {
      list.push(outcome(await key(`label-${band}`), { closingDate: "2023-10-02", band: band as never, counts: { white: pair(40, 10), bme: pair(bs, ba), notStated: pair(0, 0) } }));
    }
    await postAll(org.submit, list);
    const report = await withReportToken(org);
    for (const threshold of [5, 8] as const) {
      expect((await call("PUT", "/v1/org/publication", { token: org.read, body: { threshold } })).status).toBe(200);
      const res = await call("GET", "/v1/report/wres2?year=2023/24", { token: report });
      expect(res.status).toBe(200);
      const band5 = res.json.tables.band.find((r: any) => r.key === "5");
      expect(band5.suppressed).toBe(true);
      // Before the fix: bands 5, 6, 7 and 8a withheld (5 as a small cell, the rest as complements),
      // 10 BME appointments in the year less 9 shown = 1, so band 5 had exactly 1.
      expect(recoverByLabels(res.json, threshold)).toEqual([]);
    }
  });
});
