import { Hono, type Context } from "hono";
import { PublicationQuerySchema, type PublicationResponse, type WdesPublicationResponse } from "@fair-shortlist/shared/schemas/api";
import { csvField } from "@fair-shortlist/shared/csv";
import {
  isCompleteYear,
  publicationTables,
  wdesPublicationTables,
  type GuaranteedInterviewPublicationRow,
  type PublicationCompliance,
  type PublicationRow,
  type WdesPublicationRow,
} from "@fair-shortlist/shared/publication";
import { parseFinancialYear } from "@fair-shortlist/shared/periods";
import type { AppEnv } from "../app";
import { cellsFrom, cellsStatement, disabilityCellsFrom, disabilityCellsStatement, guaranteedInterviewByYearFrom, guaranteedInterviewStatement } from "../db/aggregates";
import { ApiError } from "../http/errors";
import { validate } from "../http/validate";
import { csvDownload } from "../http/csv";
import { authorisedBatch, deferScope } from "../middleware/auth";

/** Today's date in UTC, ISO: a financial year counts as complete from 1 April UTC. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * The publication audience's tables for the token's organisation: every complete year, protected as
 * one set (shared/src/publication.ts); `year` only picks that year's rows out of the set.
 */
/** The complete financial year asked for (start year), or undefined for every complete year. */
function completeYearAsked(year: string | undefined, today: string): number | undefined {
  if (!year) return undefined;
  const onlyYear = parseFinancialYear(year).startYear;
  if (!isCompleteYear(onlyYear, today)) {
    throw new ApiError(400, "invalid_request", `${year} has not ended: publication tables cover complete financial years only`, [
      { path: "year", message: "must be a financial year that has ended" },
    ]);
  }
  return onlyYear;
}

async function tables(c: Context<AppEnv>, q: { year?: string | undefined; level: number }): Promise<PublicationResponse> {
  const today = todayIso();
  const onlyYear = completeYearAsked(q.year, today);
  // The whole organisation's cells, whatever is asked: the protection is decided over all of them.
  const { auth, results } = await authorisedBatch(c, (org) => [cellsStatement(c.env.DB, org, {})]);
  const { org } = auth;
  const body = publicationTables(cellsFrom(results[0]!), { threshold: org.publicationThreshold, level: q.level / 100, today, onlyYear });
  return { org: { id: org.id, name: org.name, odsCode: org.odsCode }, ...body };
}

/** WDES metric 2's tables: the same protected set over the vacancies that recorded disability. */
async function wdesTables(c: Context<AppEnv>, q: { year?: string | undefined; level: number }): Promise<WdesPublicationResponse> {
  const today = todayIso();
  const onlyYear = completeYearAsked(q.year, today);
  const { auth, results } = await authorisedBatch(c, (org) => [disabilityCellsStatement(c.env.DB, org, {}), guaranteedInterviewStatement(c.env.DB, org, {}, { byYear: true })]);
  const { org } = auth;
  const body = wdesPublicationTables(disabilityCellsFrom(results[0]!), guaranteedInterviewByYearFrom(results[1]!), {
    threshold: org.publicationThreshold,
    level: q.level / 100,
    today,
    onlyYear,
  });
  return { org: { id: org.id, name: org.name, odsCode: org.odsCode }, ...body };
}

/** A publication CSV's columns: the three groups' counts, the figure, three columns of the standard's own, the suppression. */
function reportColumns(groups: readonly [string, string, string], own: readonly [string, string, string]): string[] {
  return [
    "ods_code", "table", "year", "key", "label", "vacancies",
    ...groups.flatMap((g) => [`${g}_shortlisted`, `${g}_appointed`]),
    "relative_likelihood", "ci_lower", "ci_upper", "ci_level", "verdict",
    ...own,
    "suppressed", "suppression_code", "note",
  ];
}

export const REPORT_CSV_COLUMNS = reportColumns(["white", "bme", "not_stated"], ["panel_rule_applied", "panel_rule_met", "panel_compliance_rate"]);
export const WDES_REPORT_CSV_COLUMNS = reportColumns(["disabled", "non_disabled", "not_declared"], ["gi_eligible", "gi_interviewed", "gi_share"]);

const fixed = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));

type Counted = { shortlisted: number | null; appointed: number | null };

/** One indicator row; `groups` in the columns' order (WRES: white, BME, not stated; WDES: Disabled, non-disabled, not declared). */
function indicatorRow(ods: string, table: string, r: PublicationRow | WdesPublicationRow, groups: readonly [Counted, Counted, Counted | undefined]): string {
  return [
    ods, table, r.year, r.key, r.label, r.vacancies,
    ...groups.flatMap((g) => [g?.shortlisted ?? null, g?.appointed ?? null]),
    fixed(r.relativeLikelihood), fixed(r.ci.lower), fixed(r.ci.upper), r.suppressed ? null : r.ci.level * 100,
    r.interpretation.verdict, null, null, null,
    r.suppressed, r.suppressionCode, r.suppressed ? r.suppressionReason ?? null : r.interpretation.text,
  ].map((v) => csvField(v)).join(",");
}
const wresRow = (ods: string, table: string, r: PublicationRow) => indicatorRow(ods, table, r, [r.counts.white, r.counts.bme, r.counts.notStated]);
const wdesRow = (ods: string, table: string, r: WdesPublicationRow) => indicatorRow(ods, table, r, [r.counts.disabled, r.counts.notDisabled, r.counts.notDeclared]);

function complianceRow(ods: string, r: PublicationCompliance): string {
  return [
    ods, "compliance", r.year, r.key, r.label, null, null, null, null, null, null, null, null, null, null, null, null,
    r.applies, r.met, fixed(r.rate), r.suppressed, r.suppressionCode, null,
  ].map((v) => csvField(v)).join(",");
}

function guaranteedInterviewRow(ods: string, r: GuaranteedInterviewPublicationRow): string {
  const f = r.figure;
  return [
    ods, "guaranteedInterview", r.year, "all", "Guaranteed interview (Disability Confident)", f?.vacancies ?? null,
    null, null, null, null, null, null, null, fixed(f?.ci?.lower ?? null), fixed(f?.ci?.upper ?? null), f?.ci ? f.ci.level * 100 : null, null,
    f?.eligible ?? null, f?.interviewed ?? null, fixed(f?.share ?? null),
    r.suppressed, r.suppressionCode, f ? f.text : "Withheld: an eligible, invited or not-invited count is below the publication threshold.",
  ].map((v) => csvField(v)).join(",");
}

const yearsTag = (years: string[]) => (years.length === 1 ? years[0]!.replace("/", "-") : "all-complete-years");

/** /v1/report: the publication audience (report token; a read token may preview it too). */
export const report = new Hono<AppEnv>()
  .use("*", deferScope("report", "read"))
  .get("/wres2", validate("query", PublicationQuerySchema), async (c) => c.json(await tables(c, c.req.valid("query"))))
  .get("/wres2.csv", validate("query", PublicationQuerySchema), async (c) => {
    const body = await tables(c, c.req.valid("query"));
    const ods = body.org.odsCode;
    const lines = [
      REPORT_CSV_COLUMNS.join(","),
      ...body.tables.year.map((r) => wresRow(ods, "year", r)),
      ...body.tables.band.map((r) => wresRow(ods, "band", r)),
      ...body.tables.staffGroup.map((r) => wresRow(ods, "staffGroup", r)),
      ...body.tables.compliance.map((r) => complianceRow(ods, r)),
    ];
    return csvDownload(c, lines, `wres2-publication-${ods}-${yearsTag(body.years)}.csv`);
  })
  .get("/wdes2", validate("query", PublicationQuerySchema), async (c) => c.json(await wdesTables(c, c.req.valid("query"))))
  .get("/wdes2.csv", validate("query", PublicationQuerySchema), async (c) => {
    const body = await wdesTables(c, c.req.valid("query"));
    const ods = body.org.odsCode;
    const lines = [
      WDES_REPORT_CSV_COLUMNS.join(","),
      ...body.tables.year.map((r) => wdesRow(ods, "year", r)),
      ...body.tables.band.map((r) => wdesRow(ods, "band", r)),
      ...body.tables.staffGroup.map((r) => wdesRow(ods, "staffGroup", r)),
      ...body.tables.guaranteedInterview.map((r) => guaranteedInterviewRow(ods, r)),
    ];
    return csvDownload(c, lines, `wdes2-publication-${ods}-${yearsTag(body.years)}.csv`);
  });
