import type { OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { financialYearLabel, financialYearOf } from "@fair-shortlist/shared/periods";
import type { Band, StaffGroup } from "@fair-shortlist/shared/bands";
import { factStatementsOfOutcome } from "./facts";
import type { PanelRuleId } from "@fair-shortlist/shared/panelPolicy";

/** Start year of the financial year a closing date falls in: "2025-03-31" -> 2024. */
export function fyStartOf(closingDate: string): number {
  return Number(financialYearOf(closingDate).slice(0, 4));
}

/**
 * One vacancy per (organisation, key): INSERT, or on a resubmission replace every field and bump
 * `revision`. RETURNING revision is decided inside the one statement, so of two concurrent
 * duplicates exactly one sees revision 1 (201) and the other 2 (200). The triggers in the
 * migration move the counts between summary cells in the same statement.
 * The panel and scoring columns are copied from vacancy_facts (db/facts.ts): a panel check sent
 * by the chair's browser before or after the counts ends up on the same row either way.
 * ("WHERE true" lets SQLite parse ON CONFLICT after a SELECT.)
 */
const UPSERT_SQL = `INSERT INTO outcomes (
    org_seq, vacancy_key, closing_date, fy, band, staff_group,
    white_shortlisted, white_appointed, bme_shortlisted, bme_appointed, not_stated_shortlisted, not_stated_appointed,
    panel_applies, panel_met, panel_failed, structured_shortlisting, structured_interview,
    disabled_shortlisted, disabled_appointed, not_disabled_shortlisted, not_disabled_appointed,
    not_declared_shortlisted, not_declared_appointed)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
    f.panel_applies, f.panel_met, f.panel_failed, f.shortlisting_structured, f.interview_structured,
    ?13, ?14, ?15, ?16, ?17, ?18
  FROM (SELECT 1) LEFT JOIN vacancy_facts f ON f.org_seq = ?1 AND f.vacancy_key = ?2
  WHERE true
  ON CONFLICT (org_seq, vacancy_key) DO UPDATE SET
    closing_date = excluded.closing_date, fy = excluded.fy, band = excluded.band, staff_group = excluded.staff_group,
    white_shortlisted = excluded.white_shortlisted, white_appointed = excluded.white_appointed,
    bme_shortlisted = excluded.bme_shortlisted, bme_appointed = excluded.bme_appointed,
    not_stated_shortlisted = excluded.not_stated_shortlisted, not_stated_appointed = excluded.not_stated_appointed,
    panel_applies = excluded.panel_applies, panel_met = excluded.panel_met, panel_failed = excluded.panel_failed,
    structured_shortlisting = excluded.structured_shortlisting, structured_interview = excluded.structured_interview,
    disabled_shortlisted = excluded.disabled_shortlisted, disabled_appointed = excluded.disabled_appointed,
    not_disabled_shortlisted = excluded.not_disabled_shortlisted, not_disabled_appointed = excluded.not_disabled_appointed,
    not_declared_shortlisted = excluded.not_declared_shortlisted, not_declared_appointed = excluded.not_declared_appointed,
    revision = revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  RETURNING revision`;

export function upsertStatement(db: D1Database, orgSeq: number, o: OutcomeSubmission): D1PreparedStatement {
  const { white, bme, notStated } = o.counts;
  // Absent disability counts are stored as NULL ("not recorded"); a resubmission without them
  // replaces earlier ones, like every other field.
  const d = o.disabilityCounts;
  return db
    .prepare(UPSERT_SQL)
    .bind(
      orgSeq,
      o.vacancyKey,
      o.closingDate,
      fyStartOf(o.closingDate),
      o.band,
      o.staffGroup,
      white.shortlisted,
      white.appointed,
      bme.shortlisted,
      bme.appointed,
      notStated.shortlisted,
      notStated.appointed,
      d?.disabled.shortlisted ?? null,
      d?.disabled.appointed ?? null,
      d?.notDisabled.shortlisted ?? null,
      d?.notDisabled.appointed ?? null,
      d?.notDeclared.shortlisted ?? null,
      d?.notDeclared.appointed ?? null,
    );
}

export type WriteStatus = "created" | "replaced";
const statusOf = (revision: number | undefined): WriteStatus => (revision === 1 ? "created" : "replaced");

/** The outcome's own facts (if it carries any) first, then the outcome, which copies them. */
function statementsFor(db: D1Database, orgSeq: number, o: OutcomeSubmission, now: string): D1PreparedStatement[] {
  return [...factStatementsOfOutcome(db, orgSeq, o, now), upsertStatement(db, orgSeq, o)];
}

export async function upsertOutcome(db: D1Database, orgSeq: number, o: OutcomeSubmission): Promise<WriteStatus> {
  const results = await db.batch<{ revision: number }>(statementsFor(db, orgSeq, o, new Date().toISOString()));
  return statusOf(results.at(-1)!.results[0]?.revision);
}

/** All or nothing: D1 runs a batch as one transaction, so one failing statement rolls back all. */
export async function upsertOutcomes(db: D1Database, orgSeq: number, list: OutcomeSubmission[]): Promise<WriteStatus[]> {
  const now = new Date().toISOString();
  const groups = list.map((o) => statementsFor(db, orgSeq, o, now));
  const results = await db.batch<{ revision: number }>(groups.flat());
  const statuses: WriteStatus[] = [];
  let i = 0;
  for (const g of groups) {
    i += g.length;
    statuses.push(statusOf(results[i - 1]!.results[0]?.revision));
  }
  return statuses;
}

export async function deleteOutcome(db: D1Database, orgSeq: number, vacancyKey: string): Promise<boolean> {
  const result = await db.prepare("DELETE FROM outcomes WHERE org_seq = ? AND vacancy_key = ?").bind(orgSeq, vacancyKey).run();
  return (result.meta.changes ?? 0) > 0;
}

interface OutcomeMetaRow {
  vacancy_key: string;
  closing_date: string;
  fy: number;
  band: Band;
  staff_group: StaffGroup;
  white_shortlisted: number;
  white_appointed: number;
  bme_shortlisted: number;
  bme_appointed: number;
  not_stated_shortlisted: number;
  not_stated_appointed: number;
  panel_applies: number | null;
  panel_met: number | null;
  panel_failed: string | null;
  structured_shortlisting: number | null;
  structured_interview: number | null;
  disabled_shortlisted: number | null;
  disabled_appointed: number | null;
  not_disabled_shortlisted: number | null;
  not_disabled_appointed: number | null;
  not_declared_shortlisted: number | null;
  not_declared_appointed: number | null;
  updated_at: string;
}

/**
 * One vacancy's record, read back by the organisation that stored it: exactly what was stored
 * (the owner holds these counts in its own recruitment system; docs/privacy.md, "Who sees what").
 */
export async function findOutcomeMeta(db: D1Database, orgSeq: number, vacancyKey: string) {
  const row = await db
    .prepare(
      `SELECT vacancy_key, closing_date, fy, band, staff_group, white_shortlisted, white_appointed, bme_shortlisted, bme_appointed,
         not_stated_shortlisted, not_stated_appointed, panel_applies, panel_met, panel_failed, structured_shortlisting,
         structured_interview, disabled_shortlisted, disabled_appointed, not_disabled_shortlisted, not_disabled_appointed,
         not_declared_shortlisted, not_declared_appointed, updated_at
       FROM outcomes WHERE org_seq = ? AND vacancy_key = ?`,
    )
    .bind(orgSeq, vacancyKey)
    .first<OutcomeMetaRow>();
  if (!row) return null;
  return {
    vacancyKey: row.vacancy_key,
    counts: {
      white: { shortlisted: row.white_shortlisted, appointed: row.white_appointed },
      bme: { shortlisted: row.bme_shortlisted, appointed: row.bme_appointed },
      notStated: { shortlisted: row.not_stated_shortlisted, appointed: row.not_stated_appointed },
    },
    disabilityCounts:
      row.disabled_shortlisted === null
        ? null
        : {
            disabled: { shortlisted: row.disabled_shortlisted, appointed: row.disabled_appointed! },
            notDisabled: { shortlisted: row.not_disabled_shortlisted!, appointed: row.not_disabled_appointed! },
            notDeclared: { shortlisted: row.not_declared_shortlisted!, appointed: row.not_declared_appointed! },
          },
    panel:
      row.panel_applies === null
        ? null
        : { ruleApplies: row.panel_applies === 1, ruleMet: row.panel_met === 1, failedRules: JSON.parse(row.panel_failed ?? "[]") as PanelRuleId[] },
    // Scoring facts only ever record "used" (a stage not reported is NULL, not "not used"), so one
    // stage reported is a scoring record: null only when neither stage has been.
    scoring:
      row.structured_shortlisting === null && row.structured_interview === null
        ? null
        : { structuredShortlisting: row.structured_shortlisting === 1, structuredInterview: row.structured_interview === 1 },
    closingDate: row.closing_date,
    financialYear: financialYearLabel(row.fy),
    band: row.band,
    staffGroup: row.staff_group,
    hasPanel: row.panel_applies !== null,
    updatedAt: row.updated_at,
  };
}

/** Vacancies held per financial year (newest first), read from the summary cells. */
export async function dataSummary(db: D1Database, orgSeq: number) {
  const { results } = await db
    .prepare("SELECT fy, SUM(vacancies) AS vacancies FROM outcome_cells WHERE org_seq = ? GROUP BY fy ORDER BY fy DESC")
    .bind(orgSeq)
    .all<{ fy: number; vacancies: number }>();
  return {
    vacancies: results.reduce((sum, r) => sum + r.vacancies, 0),
    financialYears: results.map((r) => financialYearLabel(r.fy)),
  };
}
