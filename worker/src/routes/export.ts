import { Hono } from "hono";
import { ExportQuerySchema, type Wres2Figures } from "@fair-shortlist/shared/schemas/api";
import { csvField } from "@fair-shortlist/shared/csv";
import type { AppEnv } from "../app";
import { cellsFrom, cellsStatement } from "../db/aggregates";
import { validate } from "../http/validate";
import { breakdownFor, figuresFor, sumCounts } from "../indicators/figures";
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
    const periodText = period.year ?? (period.from || period.to ? `${period.from ?? ""} to ${period.to ?? ""}`.trim() : "all");
    const lines = [
      CSV_COLUMNS.join(","),
      csvRow(org.odsCode, periodText, "overall", "all", "All posts", overall),
      ...breakdownFor(cells, "band", q.level, overall, threshold).map((b) => csvRow(org.odsCode, periodText, "band", b.key, b.label, b)),
      ...breakdownFor(cells, "staffGroup", q.level, overall, threshold).map((b) =>
        csvRow(org.odsCode, periodText, "staffGroup", b.key, b.label, b),
      ),
    ];
    const fileTag = period.year
      ? period.year.replace("/", "-")
      : period.from || period.to
        ? `${period.from ?? "start"}_${period.to ?? "end"}`
        : "all";
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="wres2-${org.odsCode}-${fileTag}.csv"`);
    c.header("Cache-Control", "no-store");
    return c.body(lines.join("\r\n") + "\r\n");
  });
