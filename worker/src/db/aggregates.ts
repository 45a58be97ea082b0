import type { Band, StaffGroup } from "@fair-shortlist/shared/bands";
import type { PanelRuleId } from "@fair-shortlist/shared/panelPolicy";
import type { OutcomeCounts } from "@fair-shortlist/shared/schemas/api";
import type { OrgOfToken } from "./tokens";
import type { DisabilityCounts } from "@fair-shortlist/shared/disability";

/**
 * Reads aggregated counts. A financial-year (or all-time) question is answered from the
 * pre-aggregated `outcome_cells` (O(cells): at most 36 per organisation-year); a date-range
 * question sums `outcomes` over the (org_seq, closing_date) index.
 */
export interface CellFilter {
  /** Start year of a financial year (2024 = 2024/25). */
  fy?: number;
  /** Inclusive closing-date range; when set the raw outcomes are summed. */
  from?: string;
  to?: string;
  band?: Band;
  staffGroup?: StaffGroup;
}

/** Counts of one (financial year, band, staff group) cell. */
export interface Cell {
  fy: number;
  band: Band;
  staffGroup: StaffGroup;
  vacancies: number;
  counts: OutcomeCounts;
  panelRecorded: number;
  panelApplies: number;
  panelMet: number;
}

interface CellRow {
  fy: number;
  band: Band;
  staff_group: StaffGroup;
  vacancies: number;
  white_shortlisted: number;
  white_appointed: number;
  bme_shortlisted: number;
  bme_appointed: number;
  not_stated_shortlisted: number;
  not_stated_appointed: number;
  panel_recorded: number;
  panel_applies: number;
  panel_met: number;
}

export const toCell = (r: CellRow): Cell => ({
  fy: r.fy,
  band: r.band,
  staffGroup: r.staff_group,
  vacancies: r.vacancies,
  counts: {
    white: { shortlisted: r.white_shortlisted, appointed: r.white_appointed },
    bme: { shortlisted: r.bme_shortlisted, appointed: r.bme_appointed },
    notStated: { shortlisted: r.not_stated_shortlisted, appointed: r.not_stated_appointed },
  },
  panelRecorded: r.panel_recorded,
  panelApplies: r.panel_applies,
  panelMet: r.panel_met,
});

const COUNT_SUMS = `SUM(white_shortlisted) AS white_shortlisted, SUM(white_appointed) AS white_appointed,
  SUM(bme_shortlisted) AS bme_shortlisted, SUM(bme_appointed) AS bme_appointed,
  SUM(not_stated_shortlisted) AS not_stated_shortlisted, SUM(not_stated_appointed) AS not_stated_appointed`;

/**
 * Which organisation a query reads: the organisation of a live token, resolved by a subquery
 * inside the same statement (see `OrgOfToken`): the route then needs one D1 round trip for
 * authentication and data together, and an unknown, revoked or wrong-scope token reads nothing.
 */
export type OrgRef = OrgOfToken;

function orgClause(org: OrgRef): { sql: string; params: (string | number)[] } {
  const scopes = org.scopes.map(() => "?").join(", ");
  return {
    sql: `org_seq = (SELECT org_seq FROM tokens WHERE hash = ? AND revoked_at IS NULL AND scope IN (${scopes}))`,
    params: [org.tokenHash, ...org.scopes],
  };
}

function where(org: OrgRef, f: CellFilter, dateColumn: string | null) {
  const o = orgClause(org);
  const clauses = [o.sql];
  const params: (string | number)[] = [...o.params];
  if (dateColumn && (f.from || f.to)) {
    clauses.push(`${dateColumn} BETWEEN ? AND ?`);
    params.push(f.from ?? "0000-01-01", f.to ?? "9999-12-31");
  }
  if (f.fy !== undefined) {
    clauses.push("fy = ?");
    params.push(f.fy);
  }
  if (f.band) {
    clauses.push("band = ?");
    params.push(f.band);
  }
  if (f.staffGroup) {
    clauses.push("staff_group = ?");
    params.push(f.staffGroup);
  }
  return { sql: clauses.join(" AND "), params };
}

const usesRange = (f: CellFilter) => Boolean(f.from || f.to);

/** Cells of one organisation (summed from raw outcomes for a date range). Read with `cellsFrom`. */
export function cellsStatement(db: D1Database, org: OrgRef, f: CellFilter): D1PreparedStatement {
  if (usesRange(f)) {
    const w = where(org, f, "closing_date");
    return db
      .prepare(
        `SELECT fy, band, staff_group, COUNT(*) AS vacancies, ${COUNT_SUMS},
           SUM(panel_applies IS NOT NULL) AS panel_recorded, SUM(coalesce(panel_applies, 0)) AS panel_applies,
           SUM(coalesce(panel_applies AND panel_met, 0)) AS panel_met
         FROM outcomes WHERE ${w.sql} GROUP BY fy, band, staff_group`,
      )
      .bind(...w.params);
  }
  const w = where(org, f, null);
  return db.prepare(`SELECT * FROM outcome_cells WHERE ${w.sql}`).bind(...w.params);
}

export const cellsFrom = (result: D1Result): Cell[] => (result.results as CellRow[]).map(toCell);

export interface RuleFailureRow {
  band: Band;
  rule: PanelRuleId;
  failures: number;
}

/** Failures per (band, rule), counting only vacancies where the panel rule applied. Read with `ruleFailuresFrom`. */
export function ruleFailuresStatement(db: D1Database, org: OrgRef, f: CellFilter): D1PreparedStatement {
  if (usesRange(f)) {
    const w = where(org, f, "closing_date");
    return db
      .prepare(
        `SELECT band, j.value AS rule, COUNT(*) AS failures
         FROM outcomes, json_each(outcomes.panel_failed) AS j
         WHERE ${w.sql} AND panel_applies = 1 GROUP BY band, j.value`,
      )
      .bind(...w.params);
  }
  const w = where(org, f, null);
  return db
    .prepare(`SELECT band, rule, SUM(failures) AS failures FROM panel_rule_failures WHERE ${w.sql} GROUP BY band, rule`)
    .bind(...w.params);
}

export const ruleFailuresFrom = (result: D1Result): RuleFailureRow[] => result.results as RuleFailureRow[];

export interface OrgTotals {
  orgSeq: number;
  counts: OutcomeCounts;
}

const TOTALS_COLUMNS = `fy, org_seq, white_shortlisted, white_appointed, bme_shortlisted, bme_appointed,
  not_stated_shortlisted, not_stated_appointed`;

/** The year the benchmark reads: the one asked, else the caller's latest, else the latest anyone has. */
function benchmarkYear(org: OrgRef): { sql: string; params: (string | number)[] } {
  const o = orgClause(org);
  return { sql: `coalesce(?, (SELECT MAX(fy) FROM org_year_totals WHERE ${o.sql}), (SELECT MAX(fy) FROM org_year_totals))`, params: o.params };
}

/**
 * The benchmark year and its totals version (migration 0008): one small row, read with the token
 * lookup, so a repeat read can be answered from a response computed at the same version. Read
 * with `totalsVersionFrom`; on a miss, `yearTotalsStatements` reads the version and the totals
 * again together, in one transaction.
 */
export function totalsVersionStatement(db: D1Database, org: OrgRef, fy: number | null): D1PreparedStatement {
  const year = benchmarkYear(org);
  // The year is worked out once (its subqueries read the token and org_year_totals), then joined to its version.
  return db
    .prepare(`WITH y AS (SELECT ${year.sql} AS fy) SELECT y.fy AS fy, v.version AS version FROM y LEFT JOIN totals_versions v ON v.fy = y.fy`)
    .bind(fy, ...year.params);
}

export interface TotalsVersion {
  /** The year the benchmark reads (start year), or null when nobody has any data. */
  fy: number | null;
  /** Changes with every write to that year's totals; null when the year has none. */
  version: number | null;
}

export const totalsVersionFrom = (result: D1Result): TotalsVersion => {
  const row = result.results[0] as { fy: number | null; version: number | null } | undefined;
  return { fy: row?.fy ?? null, version: row?.version ?? null };
};

/** One year's version and every organisation's totals, read together (one transaction). */
export function yearTotalsStatements(db: D1Database, fy: number): D1PreparedStatement[] {
  return [
    db.prepare("SELECT fy, version FROM totals_versions WHERE fy = ?").bind(fy),
    db.prepare(`SELECT ${TOTALS_COLUMNS} FROM org_year_totals WHERE fy = ?`).bind(fy),
  ];
}

/** Counts per combination of panel outcome and structured scoring (from the facts each vacancy row mirrors). */
export interface InterventionRow {
  panelApplies: number | null;
  panelMet: number | null;
  structured: number;
  vacancies: number;
  counts: OutcomeCounts;
}

export function interventionsStatement(db: D1Database, org: OrgRef, f: CellFilter): D1PreparedStatement {
  const w = where(org, f, "closing_date");
  return db
    .prepare(
      `SELECT panel_applies, panel_met, (coalesce(structured_shortlisting, 0) OR coalesce(structured_interview, 0)) AS structured,
         COUNT(*) AS vacancies, ${COUNT_SUMS}
       FROM outcomes WHERE ${w.sql} GROUP BY 1, 2, 3`,
    )
    .bind(...w.params);
}

export const interventionsFrom = (result: D1Result): InterventionRow[] =>
  (result.results as Array<Omit<CellRow, "fy" | "band" | "staff_group" | "panel_recorded"> & { structured: number }>).map((r) => ({
    panelApplies: r.panel_applies,
    panelMet: r.panel_met,
    structured: r.structured,
    vacancies: r.vacancies,
    counts: toCell({ ...r, fy: 0, band: "6", staff_group: "clinical", panel_recorded: 0 } as CellRow).counts,
  }));
/** Every organisation's totals for the year, from `yearTotalsStatements`' second result. */
export function totalsOf(result: D1Result): OrgTotals[] {
  return (result.results as (CellRow & { org_seq: number })[]).map((r) => ({ orgSeq: r.org_seq, counts: toCell(r).counts }));
}


/** Disability counts of one (financial year, band, staff group), for WDES metric 2. */
export interface DisabilityCell {
  fy: number;
  band: Band;
  staffGroup: StaffGroup;
  /** Every vacancy in the cell, with or without disability counts. */
  vacancies: number;
  /** Vacancies that recorded disability counts: the ones the sums below cover. */
  recorded: number;
  counts: DisabilityCounts;
}

interface DisabilityCellRow {
  fy: number;
  band: Band;
  staff_group: StaffGroup;
  vacancies: number;
  recorded: number;
  disabled_shortlisted: number;
  disabled_appointed: number;
  not_disabled_shortlisted: number;
  not_disabled_appointed: number;
  not_declared_shortlisted: number;
  not_declared_appointed: number;
}

/**
 * Disability counts per cell, summed from the raw outcomes over the (org_seq, closing_date) index
 * (WDES has no summary cells yet). Rows without disability counts add to `vacancies` only: SUM skips
 * NULL, and coalesce gives 0 for a cell where nothing was recorded, with `recorded` 0 saying so.
 */
export function disabilityCellsStatement(db: D1Database, org: OrgRef, f: CellFilter): D1PreparedStatement {
  const w = where(org, f, "closing_date");
  return db
    .prepare(
      `SELECT fy, band, staff_group, COUNT(*) AS vacancies, COUNT(disabled_shortlisted) AS recorded,
         coalesce(SUM(disabled_shortlisted), 0) AS disabled_shortlisted, coalesce(SUM(disabled_appointed), 0) AS disabled_appointed,
         coalesce(SUM(not_disabled_shortlisted), 0) AS not_disabled_shortlisted, coalesce(SUM(not_disabled_appointed), 0) AS not_disabled_appointed,
         coalesce(SUM(not_declared_shortlisted), 0) AS not_declared_shortlisted, coalesce(SUM(not_declared_appointed), 0) AS not_declared_appointed
       FROM outcomes WHERE ${w.sql} GROUP BY fy, band, staff_group`,
    )
    .bind(...w.params);
}

export const disabilityCellsFrom = (result: D1Result): DisabilityCell[] =>
  (result.results as DisabilityCellRow[]).map((r) => ({
    fy: r.fy,
    band: r.band,
    staffGroup: r.staff_group,
    vacancies: r.vacancies,
    recorded: r.recorded,
    counts: {
      disabled: { shortlisted: r.disabled_shortlisted, appointed: r.disabled_appointed },
      notDisabled: { shortlisted: r.not_disabled_shortlisted, appointed: r.not_disabled_appointed },
      notDeclared: { shortlisted: r.not_declared_shortlisted, appointed: r.not_declared_appointed },
    },
  }));

/**
 * The guaranteed-interview counts summed over vacancies whose outcome falls in the period and
 * filters (the outcome row carries the closing date, band and staff group; a vacancy whose counts
 * HR has not sent yet joins the figure when they arrive), or per financial year for the
 * publication tables. Read with `guaranteedInterviewFrom` / `guaranteedInterviewByYearFrom`. A vacancy
 * whose counts say more were invited than its outcome says were shortlisted (a fact sent before the
 * outcome, or an outcome replaced since) is left out: the two cannot both be true.
 */
export function guaranteedInterviewStatement(db: D1Database, org: OrgRef, f: CellFilter, opts: { byYear?: boolean } = {}): D1PreparedStatement {
  const w = where(org, f, "closing_date");
  return db
    .prepare(
      `SELECT ${opts.byYear ? "o.fy AS fy, " : ""}COUNT(f.gi_recorded_at) AS vacancies, coalesce(SUM(f.gi_eligible), 0) AS eligible, coalesce(SUM(f.gi_interviewed), 0) AS interviewed
       FROM (SELECT org_seq, vacancy_key, fy, white_shortlisted + bme_shortlisted + not_stated_shortlisted AS shortlisted FROM outcomes WHERE ${w.sql}) o
       JOIN vacancy_facts f ON f.org_seq = o.org_seq AND f.vacancy_key = o.vacancy_key
         AND f.gi_interviewed <= o.shortlisted${opts.byYear ? " GROUP BY o.fy" : ""}`,
    )
    .bind(...w.params);
}

type GuaranteedInterviewRow = { vacancies: number; eligible: number; interviewed: number };

export function guaranteedInterviewFrom(result: D1Result): GuaranteedInterviewRow {
  const row = result.results[0] as GuaranteedInterviewRow | undefined;
  return { vacancies: row?.vacancies ?? 0, eligible: row?.eligible ?? 0, interviewed: row?.interviewed ?? 0 };
}

export function guaranteedInterviewByYearFrom(result: D1Result): (GuaranteedInterviewRow & { fy: number })[] {
  return result.results as (GuaranteedInterviewRow & { fy: number })[];
}
