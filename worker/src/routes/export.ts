import { Hono } from "hono";
import { ExportQuerySchema, type Wdes2Figures, type Wres2Figures } from "@fair-shortlist/shared/schemas/api";
import { guaranteedInterviewFigure, type GuaranteedInterviewFigure } from "@fair-shortlist/shared/wdes2";
import { csvField } from "@fair-shortlist/shared/csv";
import type { AppEnv } from "../app";
import { cellsFrom, cellsStatement, disabilityCellsFrom, disabilityCellsStatement, guaranteedInterviewFrom, guaranteedInterviewStatement } from "../db/aggregates";
import { validate } from "../http/validate";
import { csvDownload } from "../http/csv";
import { breakdownFor, figuresFor, sumCounts, wdesBreakdownFor, wdesFiguresFor } from "../indicators/figures";
import { resolvePeriod } from "../indicators/period";
import { authorisedBatch, deferScope } from "../middleware/auth";

export const CSV_COLUMNS = [
  "ods_code",
  "period",
  "scope",
  "key",
  "label",
  "vacancies",
  "white_shortlisted",
  "white_appointed",
  "bme_shortlisted",
  "bme_appointed",
  "not_stated_shortlisted",
  "not_stated_appointed",
  "likelihood_white",
  "likelihood_bme",
  "relative_likelihood",
  "ci_lower",
  "ci_upper",
  "ci_level",
  "ci_method",
  "significant",
  "interpretation",
  "shortfall_to_1_00",
  "shortfall_to_1_25",
  "suppressed",
  "note",
  // Last, so that readers of the earlier column order are unaffected. Empty when nothing was withheld.
  "suppression_code",
  // "yes" where a white or BME count is below the trust's publication threshold: exact, read with caution.
  "small_numbers",
] as const;

const fixed = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));

function csvRow(ods: string, period: string, scope: string, key: string, label: string, f: Wres2Figures): string {
  const ns = f.counts.notStated;
  const values = [
    ods,
    period,
    scope,
    key,
    label,
    f.vacancies,
    f.counts.white.shortlisted,
    f.counts.white.appointed,
    f.counts.bme.shortlisted,
    f.counts.bme.appointed,
    ns?.shortlisted,
    ns?.appointed,
    fixed(f.likelihood.white),
    fixed(f.likelihood.bme),
    fixed(f.relativeLikelihood),
    fixed(f.ci.lower),
    fixed(f.ci.upper),
    f.suppressed ? null : f.ci.level * 100,
    f.suppressed ? null : f.ci.method,
    f.significant,
    f.suppressed ? null : f.interpretation.category,
    f.shortfall.toParity,
    f.shortfall.toFourFifths,
    f.suppressed,
    f.suppressed ? f.suppressionReason : f.interpretation.text,
    f.suppressionCode,
    f.smallNumbers,
  ];
  return values.map((v) => csvField(v)).join(",");
}

export const WDES_CSV_COLUMNS = [
  "ods_code",
  "period",
  "scope",
  "key",
  "label",
  // Vacancies that recorded disability counts, of all vacancies in the period and filters.
  "vacancies",
  "vacancies_in_period",
  "disabled_shortlisted",
  "disabled_appointed",
  "non_disabled_shortlisted",
  "non_disabled_appointed",
  "not_declared_shortlisted",
  "not_declared_appointed",
  "likelihood_non_disabled",
  "likelihood_disabled",
  "relative_likelihood",
  "ci_lower",
  "ci_upper",
  "ci_level",
  "ci_method",
  "significant",
  "interpretation",
  "shortfall_to_1_00",
  "shortfall_to_1_25",
  "small_numbers",
  "gi_eligible",
  "gi_interviewed",
  "gi_share",
  "note",
] as const;

function wdesCsvRow(ods: string, period: string, scope: string, key: string, label: string, f: Wdes2Figures): string {
  const nd = f.counts.notDeclared;
  return [
    ods, period, scope, key, label, f.vacancies, f.vacanciesInPeriod,
    f.counts.disabled.shortlisted, f.counts.disabled.appointed, f.counts.notDisabled.shortlisted, f.counts.notDisabled.appointed,
    nd?.shortlisted, nd?.appointed,
    fixed(f.likelihood.notDisabled), fixed(f.likelihood.disabled), fixed(f.relativeLikelihood), fixed(f.ci.lower), fixed(f.ci.upper),
    f.ci.level * 100, f.ci.method, f.significant, f.interpretation.category, f.shortfall.toParity, f.shortfall.toFourFifths, f.smallNumbers,
    null, null, null, f.interpretation.text,
  ].map((v) => csvField(v)).join(",");
}

function guaranteedInterviewCsvRow(ods: string, period: string, g: GuaranteedInterviewFigure): string {
  return [
    ods, period, "guaranteedInterview", "all", "Guaranteed interview (Disability Confident)", g.vacancies, null,
    null, null, null, null, null, null, null, null, null, fixed(g.ci?.lower ?? null), fixed(g.ci?.upper ?? null),
    g.ci ? g.ci.level * 100 : null, g.ci ? "wilson" : null, null, null, null, null, null,
    g.eligible, g.interviewed, fixed(g.share), g.text,
  ].map((v) => csvField(v)).join(",");
}

const periodTextOf = (period: { year: string | null; from: string | null; to: string | null }) =>
  period.year ?? (period.from || period.to ? `${period.from ?? ""} to ${period.to ?? ""}`.trim() : "all");
const fileTagOf = (period: { year: string | null; from: string | null; to: string | null }) =>
  period.year ? period.year.replace("/", "-") : period.from || period.to ? `${period.from ?? "start"}_${period.to ?? "end"}` : "all";

/**
 * /v1/export/wres2.csv: the WRES indicator 2 return, overall, by band and by staff group, with the
 * exact counts NHS England collects (white, BME and not-stated shortlisted and appointed) and the
 * figure. For the organisation's own analysts (read token); published tables are /v1/report/wres2.csv.
 */
export const exportCsv = new Hono<AppEnv>()
  .use("*", deferScope("read"))
  .get("/wres2.csv", validate("query", ExportQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const { filter, period } = resolvePeriod(q);
    const { auth, results } = await authorisedBatch(c, (org) => [cellsStatement(c.env.DB, org, filter)]);
    const { org } = auth;
    const cells = cellsFrom(results[0]!);
    const threshold = org.publicationThreshold;
    const overall = figuresFor(sumCounts(cells), cells.reduce((n, x) => n + x.vacancies, 0), q.level, threshold);
    const periodText = periodTextOf(period);
    const lines = [
      CSV_COLUMNS.join(","),
      csvRow(org.odsCode, periodText, "overall", "all", "All posts", overall),
      ...breakdownFor(cells, "band", q.level, overall, threshold).map((b) => csvRow(org.odsCode, periodText, "band", b.key, b.label, b)),
      ...breakdownFor(cells, "staffGroup", q.level, overall, threshold).map((b) =>
        csvRow(org.odsCode, periodText, "staffGroup", b.key, b.label, b),
      ),
    ];
    return csvDownload(c, lines, `wres2-${org.odsCode}-${fileTagOf(period)}.csv`);
  })
  // WDES metric 2 for the same audience: vacancies that recorded disability, and the guaranteed-interview figure.
  .get("/wdes2.csv", validate("query", ExportQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const { filter, period } = resolvePeriod(q);
    const { auth, results } = await authorisedBatch(c, (org) => [disabilityCellsStatement(c.env.DB, org, filter), guaranteedInterviewStatement(c.env.DB, org, filter)]);
    const { org } = auth;
    const cells = disabilityCellsFrom(results[0]!);
    const gi = guaranteedInterviewFrom(results[1]!);
    const threshold = org.publicationThreshold;
    const periodText = periodTextOf(period);
    const lines = [
      WDES_CSV_COLUMNS.join(","),
      wdesCsvRow(org.odsCode, periodText, "overall", "all", "All posts", wdesFiguresFor(cells, q.level, threshold)),
      ...wdesBreakdownFor(cells, "band", q.level, threshold).map((b) => wdesCsvRow(org.odsCode, periodText, "band", b.key, b.label, b)),
      ...wdesBreakdownFor(cells, "staffGroup", q.level, threshold).map((b) => wdesCsvRow(org.odsCode, periodText, "staffGroup", b.key, b.label, b)),
      guaranteedInterviewCsvRow(org.odsCode, periodText, guaranteedInterviewFigure(gi, gi.vacancies, q.level)),
    ];
    return csvDownload(c, lines, `wdes2-${org.odsCode}-${fileTagOf(period)}.csv`);
  });
