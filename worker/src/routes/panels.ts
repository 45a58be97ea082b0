import { Hono } from "hono";
import { BAND_IDS, bandLabel, type Band } from "@fair-shortlist/shared/bands";
import { ComplianceQuerySchema, type ComplianceResponse } from "@fair-shortlist/shared/schemas/api";
import type { AppEnv } from "../app";
import { cellsFrom, cellsStatement, ruleFailuresFrom, ruleFailuresStatement, type Cell } from "../db/aggregates";
import { validate } from "../http/validate";
import { ownAudienceRule } from "../indicators/figures";
import { resolvePeriod } from "../indicators/period";
import { authorisedBatch, deferScope } from "../middleware/auth";

type Figures = ComplianceResponse["overall"];

/** Exact, for the organisation's own analysts (the publication tables carry their own, suppressed, compliance). */
function figures(applies: number, met: number): Figures {
  return { applies, met, notMet: applies - met, rate: applies > 0 ? met / applies : null, suppressed: false, suppressionCode: null };
}

/** /v1/panels/compliance: how often the panel rule was met where it applied, exact (read token). */
export const panels = new Hono<AppEnv>()
  .use("*", deferScope("read"))
  .get("/compliance", validate("query", ComplianceQuerySchema), async (c) => {
    const { filter, period, filters } = resolvePeriod(c.req.valid("query"));
    // Token, cells and rule failures in one D1 round trip.
    const { auth, results } = await authorisedBatch(c, (org) => [cellsStatement(c.env.DB, org, filter), ruleFailuresStatement(c.env.DB, org, filter)]);
    const cells = cellsFrom(results[0]!);
    const failures = ruleFailuresFrom(results[1]!);

    const byBand = new Map<Band, { applies: number; met: number }>();
    let applies = 0;
    let met = 0;
    let notRecorded = 0;
    for (const cell of cells as Cell[]) {
      applies += cell.panelApplies;
      met += cell.panelMet;
      notRecorded += cell.vacancies - cell.panelRecorded;
      if (cell.panelApplies > 0) {
        const b = byBand.get(cell.band) ?? { applies: 0, met: 0 };
        b.applies += cell.panelApplies;
        b.met += cell.panelMet;
        byBand.set(cell.band, b);
      }
    }
    const overall = figures(applies, met);
    const bandRows = [...byBand.entries()]
      .sort(([a], [b]) => BAND_IDS.indexOf(a) - BAND_IDS.indexOf(b))
      .map(([band, v]) => ({ band, ...v, f: figures(v.applies, v.met) }));

    const perRule = new Map<string, number>();
    for (const row of failures) perRule.set(row.rule, (perRule.get(row.rule) ?? 0) + row.failures);
    const notMet = applies - met;
    const failingRules = [...perRule.entries()]
      .filter(([, n]) => n > 0)
      .sort(([ra, a], [rb, b]) => b - a || ra.localeCompare(rb))
      .map(([rule, n]) => ({ rule, failures: n, share: notMet > 0 ? Math.min(1, n / notMet) : null, suppressed: false, suppressionCode: null }));

    const body: ComplianceResponse = {
      period,
      filters,
      suppression: { audience: "own", threshold: auth.org.publicationThreshold, rule: ownAudienceRule(auth.org.publicationThreshold) },
      overall,
      byBand: bandRows.map((r) => ({ band: r.band, label: bandLabel(r.band), ...r.f })),
      failingRules: failingRules as ComplianceResponse["failingRules"],
      notRecorded,
    };
    return c.json(body);
  });
