import { Hono } from "hono";
import { BAND_IDS, bandLabel, type Band } from "@fair-shortlist/shared/bands";
import { ComplianceQuerySchema, type ComplianceResponse } from "@fair-shortlist/shared/schemas/api";
import { isSmallCell } from "@fair-shortlist/shared/suppression";
import type { AppEnv } from "../app";
import { cellsFrom, cellsStatement, ruleFailuresFrom, ruleFailuresStatement, type Cell } from "../db/aggregates";
import { validate } from "../http/validate";
import { SUPPRESSION_RULE, SUPPRESSION_THRESHOLD } from "../indicators/figures";
import { resolvePeriod } from "../indicators/period";
import { authorisedBatch, deferScope } from "../middleware/auth";

type Figures = ComplianceResponse["overall"];

const small = (n: number) => isSmallCell(n, SUPPRESSION_THRESHOLD);

/** Vacancy counts are not applicant counts, but a 1-4 "not met" for a band can still point at one panel. */
function figures(applies: number, met: number): Figures {
  const notMet = applies - met;
  if (small(applies) || small(met) || small(notMet)) {
    return { applies: null, met: null, notMet: null, rate: null, suppressed: true, suppressionCode: "smallCell" };
  }
  return { applies, met, notMet, rate: applies > 0 ? met / applies : null, suppressed: false, suppressionCode: null };
}

/** Withheld only so that another row's small count cannot be worked out by subtraction. */
const COMPLEMENT: Figures = { applies: null, met: null, notMet: null, rate: null, suppressed: true, suppressionCode: "complementary" };

/** As for the indicator: withheld rows must not be recoverable as total minus shown rows. */
function complement(rows: { applies: number; met: number; f: Figures }[], totalShown: boolean) {
  if (!totalShown) return;
  for (;;) {
    const hidden = rows.filter((r) => r.f.suppressed);
    if (hidden.length === 0) return;
    const applies = hidden.reduce((n, r) => n + r.applies, 0);
    const met = hidden.reduce((n, r) => n + r.met, 0);
    if (!small(applies) && !small(met) && !small(applies - met)) return;
    const next = rows.filter((r) => !r.f.suppressed).sort((a, b) => a.applies - b.applies)[0];
    if (!next) return;
    next.f = COMPLEMENT;
  }
}

/** /v1/panels/compliance: how often the panel rule was met where it applied (read token). */
export const panels = new Hono<AppEnv>()
  .use("*", deferScope("read"))
  .get("/compliance", validate("query", ComplianceQuerySchema), async (c) => {
    const { filter, period, filters } = resolvePeriod(c.req.valid("query"));
    // Token, cells and rule failures in one D1 round trip.
    const { results } = await authorisedBatch(c, (org) => [cellsStatement(c.env.DB, org, filter), ruleFailuresStatement(c.env.DB, org, filter)]);
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
    complement(bandRows, !overall.suppressed);

    const perRule = new Map<string, number>();
    for (const row of failures) perRule.set(row.rule, (perRule.get(row.rule) ?? 0) + row.failures);
    const notMet = applies - met;
    const failingRules = [...perRule.entries()]
      .filter(([, n]) => n > 0)
      .sort(([ra, a], [rb, b]) => b - a || ra.localeCompare(rb))
      .map(([rule, n]) =>
        small(n)
          ? { rule, failures: null, share: null, suppressed: true, suppressionCode: "smallCell" as const }
          : overall.suppressed
            ? // Not small itself; withheld because, with the rules' shares, it could give the overall's small count back.
              { rule, failures: null, share: null, suppressed: true, suppressionCode: "complementary" as const }
            : { rule, failures: n, share: notMet > 0 ? Math.min(1, n / notMet) : null, suppressed: false, suppressionCode: null },
      );

    const body: ComplianceResponse = {
      period,
      filters,
      suppression: { threshold: SUPPRESSION_THRESHOLD, rule: SUPPRESSION_RULE },
      overall,
      byBand: bandRows.map((r) => ({ band: r.band, label: bandLabel(r.band), ...r.f })),
      failingRules: failingRules as ComplianceResponse["failingRules"],
      notRecorded,
    };
    return c.json(body);
  });
