import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import type { PanelRuleId } from "@fair-shortlist/shared/panelPolicy";
import { call, createOrg, key } from "./helpers";

/**
 * The pre-aggregated summary (outcome_cells, panel_rule_failures, org_year_totals) is maintained by triggers.
 * Invariant: after any sequence of creates, replacements (also moving a vacancy to another
 * year, band or staff group) and deletes, it equals a GROUP BY over the raw records.
 */
const FROM_RAW = `SELECT org_seq, fy, band, staff_group, COUNT(*) AS vacancies,
  SUM(white_shortlisted) AS white_shortlisted, SUM(white_appointed) AS white_appointed,
  SUM(bme_shortlisted) AS bme_shortlisted, SUM(bme_appointed) AS bme_appointed,
  SUM(not_stated_shortlisted) AS not_stated_shortlisted, SUM(not_stated_appointed) AS not_stated_appointed,
  SUM(panel_applies IS NOT NULL) AS panel_recorded, SUM(coalesce(panel_applies, 0)) AS panel_applies,
  SUM(coalesce(panel_applies AND panel_met, 0)) AS panel_met
  FROM outcomes GROUP BY org_seq, fy, band, staff_group ORDER BY org_seq, fy, band, staff_group`;
// A recount by vacancy: a rule counts once per vacancy where it failed, however the row spells it.
const FAILURES_FROM_RAW = `SELECT org_seq, fy, band, staff_group, j.value AS rule, COUNT(DISTINCT outcomes.vacancy_key) AS failures
  FROM outcomes, json_each(outcomes.panel_failed) AS j WHERE panel_applies = 1
  GROUP BY org_seq, fy, band, staff_group, j.value ORDER BY 1, 2, 3, 4, 5`;

const YEARS_FROM_RAW = `SELECT fy, org_seq, COUNT(*) AS vacancies,
  SUM(white_shortlisted) AS white_shortlisted, SUM(white_appointed) AS white_appointed,
  SUM(bme_shortlisted) AS bme_shortlisted, SUM(bme_appointed) AS bme_appointed,
  SUM(not_stated_shortlisted) AS not_stated_shortlisted, SUM(not_stated_appointed) AS not_stated_appointed
  FROM outcomes GROUP BY fy, org_seq ORDER BY fy, org_seq`;

const group = fc.integer({ min: 0, max: 6 }).chain((s) => fc.record({ shortlisted: fc.constant(s), appointed: fc.integer({ min: 0, max: s }) }));
const panel: fc.Arbitrary<OutcomeSubmission["panel"]> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ ruleApplies: false, ruleMet: false, failedRules: [] as PanelRuleId[] }),
  fc.constant({ ruleApplies: true, ruleMet: true, failedRules: [] as PanelRuleId[] }),
  fc.subarray(["ethnicMinorityMember", "trainedMember", "independentMember", "genderMix"] as const, { minLength: 1 }).map((failedRules) => ({ ruleApplies: true, ruleMet: false, failedRules: [...failedRules] })),
  // A rule named twice: must be refused (400), or it would be counted twice and removed once.
  fc.constantFrom<PanelRuleId[]>(["trainedMember", "trainedMember"], ["genderMix", "independentMember", "genderMix"]).map((failedRules) => ({ ruleApplies: true, ruleMet: false, failedRules })),
);
const hasDuplicate = (p: OutcomeSubmission["panel"]) => !!p && new Set(p.failedRules).size !== p.failedRules.length;
const op = fc.record({
  kind: fc.constantFrom("upsert", "upsert", "upsert", "batch", "delete"),
  key: fc.integer({ min: 0, max: 24 }),
  date: fc.constantFrom("2023-03-31", "2023-04-01", "2024-01-15", "2024-09-30", "2025-04-01"),
  band: fc.constantFrom("5", "6", "7", "8a"),
  staffGroup: fc.constantFrom("clinical", "nonClinical"),
  white: group,
  bme: group,
  notStated: group,
  panel,
});

describe("summary tables maintained by triggers", () => {
  it("equal a GROUP BY over the raw records after random creates, replacements and deletes", async () => {
    const orgs = [await createOrg("Summary A"), await createOrg("Summary B")];
    const ops = fc.sample(op, { numRuns: 220, seed: 7 });
    const keys = await Promise.all(Array.from({ length: 25 }, (_, i) => key(`summary-${i}`)));
    for (const [i, o] of ops.entries()) {
      const org = orgs[i % 2]!;
      const body: OutcomeSubmission = {
        vacancyKey: keys[o.key]!,
        closingDate: o.date,
        band: o.band,
        staffGroup: o.staffGroup,
        counts: { white: o.white, bme: o.bme, notStated: o.notStated },
        ...(o.panel ? { panel: o.panel } : {}),
      };
      if (o.kind !== "delete" && hasDuplicate(o.panel)) {
        const res = await call("POST", "/v1/outcomes", { token: org.submit, body });
        expect(res.status).toBe(400);
        continue;
      }
      if (o.kind === "delete") {
        const res = await call("DELETE", `/v1/outcomes/${body.vacancyKey}`, { token: org.submit });
        expect([200, 404]).toContain(res.status);
      } else if (o.kind === "batch") {
        const other = { ...body, vacancyKey: keys[(o.key + 1) % 25]!, band: "7" as const };
        expect((await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [body, other] } })).status).toBe(200);
      } else {
        expect([200, 201]).toContain((await call("POST", "/v1/outcomes", { token: org.submit, body })).status);
      }
    }
    const cells = (await env.DB.prepare("SELECT * FROM outcome_cells ORDER BY org_seq, fy, band, staff_group").all()).results;
    const raw = (await env.DB.prepare(FROM_RAW).all()).results;
    expect(cells.length).toBeGreaterThan(10);
    expect(cells).toEqual(raw);
    const failures = (await env.DB.prepare("SELECT * FROM panel_rule_failures ORDER BY 1, 2, 3, 4, 5").all()).results;
    expect(failures).toEqual((await env.DB.prepare(FAILURES_FROM_RAW).all()).results);
    expect(failures.length).toBeGreaterThan(0);
    const years = (await env.DB.prepare("SELECT * FROM org_year_totals ORDER BY fy, org_seq").all()).results;
    expect(years.length).toBeGreaterThan(2);
    expect(years).toEqual((await env.DB.prepare(YEARS_FROM_RAW).all()).results);
  }, 60_000);
});
