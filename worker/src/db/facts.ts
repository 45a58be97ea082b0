/**
 * Facts about one vacancy from different browsers, joined on (organisation, vacancyKey):
 * vacancy_facts holds the panel check, the structured-scoring facts and the guaranteed-interview
 * counts; the outcome row mirrors the first two (triggers in migration 0003), so whichever arrives
 * first, the summary cells end up the same. The guaranteed-interview counts are read by joining.
 */
import type { GuaranteedInterviewFact, OutcomeSubmission, PanelFact, ScoringFact, ScoringStage, VacancyView } from "@fair-shortlist/shared/schemas/api";
import type { PanelRuleId } from "@fair-shortlist/shared/panelPolicy";
import { financialYearLabel } from "@fair-shortlist/shared/periods";
import type { Band, StaffGroup } from "@fair-shortlist/shared/bands";

export type FactStatus = "created" | "replaced" | "unchanged" | "superseded";

/** Normalised so that text order is time order ("2026-03-12T10:15:00+01:00" -> "2026-03-12T09:15:00.000Z"). */
export const instant = (iso: string) => new Date(iso).toISOString();

const PANEL_UPSERT = `INSERT INTO vacancy_facts (org_seq, vacancy_key, panel_applies, panel_met, panel_failed, panel_recorded_at)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6)
  ON CONFLICT (org_seq, vacancy_key) DO UPDATE SET
    panel_applies = excluded.panel_applies, panel_met = excluded.panel_met, panel_failed = excluded.panel_failed,
    panel_recorded_at = excluded.panel_recorded_at, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE vacancy_facts.panel_recorded_at IS NULL OR excluded.panel_recorded_at > vacancy_facts.panel_recorded_at`;

export function panelFactStatement(db: D1Database, orgSeq: number, vacancyKey: string, panel: PanelFact["panel"], recordedAt: string) {
  return db
    .prepare(PANEL_UPSERT)
    .bind(orgSeq, vacancyKey, panel.ruleApplies ? 1 : 0, panel.ruleMet ? 1 : 0, JSON.stringify(panel.failedRules), instant(recordedAt));
}

// Column names come from this fixed table, never from the request.
const STAGE_COLUMNS: Record<ScoringStage, { used: string; completed: string }> = {
  shortlisting: { used: "shortlisting_structured", completed: "shortlisting_completed" },
  interview: { used: "interview_structured", completed: "interview_completed" },
};

/** Monotone: "used" and "completed" only ever go from unknown to yes, so reports combine in any order. */
export function scoringFactStatement(db: D1Database, orgSeq: number, vacancyKey: string, stage: ScoringStage, completed: boolean) {
  const { used, completed: done } = STAGE_COLUMNS[stage];
  return db
    .prepare(
      `INSERT INTO vacancy_facts (org_seq, vacancy_key, ${used}, ${done}) VALUES (?1, ?2, 1, ?3)
       ON CONFLICT (org_seq, vacancy_key) DO UPDATE SET
         ${used} = 1, ${done} = max(coalesce(vacancy_facts.${done}, 0), excluded.${done}),
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE vacancy_facts.${used} IS NULL OR coalesce(vacancy_facts.${done}, 0) < excluded.${done}`,
    )
    .bind(orgSeq, vacancyKey, completed ? 1 : 0);
}

// Written only when it fits the vacancy's shortlist as its outcome records it (when HR has sent
// one): of its applicants, no more can have been invited to interview than were shortlisted.
const GI_UPSERT = `INSERT INTO vacancy_facts (org_seq, vacancy_key, gi_eligible, gi_interviewed, gi_recorded_at)
  SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM outcomes WHERE org_seq = ?1 AND vacancy_key = ?2
    AND white_shortlisted + bme_shortlisted + not_stated_shortlisted < ?4)
  ON CONFLICT (org_seq, vacancy_key) DO UPDATE SET
    gi_eligible = excluded.gi_eligible, gi_interviewed = excluded.gi_interviewed,
    gi_recorded_at = excluded.gi_recorded_at, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE vacancy_facts.gi_recorded_at IS NULL OR excluded.gi_recorded_at > vacancy_facts.gi_recorded_at`;

/** Latest recording wins, as for the panel check: the shortlist changes until it is final. */
export function guaranteedInterviewFactStatement(db: D1Database, orgSeq: number, f: GuaranteedInterviewFact) {
  return db.prepare(GI_UPSERT).bind(orgSeq, f.vacancyKey, f.counts.eligible, f.counts.interviewed, instant(f.recordedAt));
}

interface FactsRow {
  panel_applies: number | null;
  panel_met: number | null;
  panel_failed: string | null;
  panel_recorded_at: string | null;
  shortlisting_structured: number | null;
  shortlisting_completed: number | null;
  interview_structured: number | null;
  interview_completed: number | null;
  gi_eligible: number | null;
  gi_interviewed: number | null;
  gi_recorded_at: string | null;
}

const selectFacts = (db: D1Database, orgSeq: number, vacancyKey: string) =>
  db.prepare("SELECT * FROM vacancy_facts WHERE org_seq = ? AND vacancy_key = ?").bind(orgSeq, vacancyKey);

/** Record a panel check. The read and the write run in one D1 batch (one transaction). */
export async function recordPanelFact(db: D1Database, orgSeq: number, f: PanelFact): Promise<FactStatus> {
  const [before] = await db.batch<FactsRow>([selectFacts(db, orgSeq, f.vacancyKey), panelFactStatement(db, orgSeq, f.vacancyKey, f.panel, f.recordedAt)]);
  return latestWins(before!.results[0]?.panel_recorded_at ?? null, f.recordedAt);
}

/** The guaranteed-interview counts contradict the vacancy's own counts: more invited than shortlisted. */
export class MoreInvitedThanShortlisted extends Error {
  constructor(readonly shortlisted: number) {
    super(`more invited than the ${shortlisted} shortlisted`);
  }
}

export async function recordGuaranteedInterviewFact(db: D1Database, orgSeq: number, f: GuaranteedInterviewFact): Promise<FactStatus> {
  const [before, outcome] = await db.batch<FactsRow & { shortlisted: number }>([
    selectFacts(db, orgSeq, f.vacancyKey),
    db
      .prepare("SELECT white_shortlisted + bme_shortlisted + not_stated_shortlisted AS shortlisted FROM outcomes WHERE org_seq = ? AND vacancy_key = ?")
      .bind(orgSeq, f.vacancyKey),
    guaranteedInterviewFactStatement(db, orgSeq, f),
  ]);
  const shortlisted = outcome!.results[0]?.shortlisted;
  if (shortlisted !== undefined && shortlisted < f.counts.interviewed) throw new MoreInvitedThanShortlisted(shortlisted);
  return latestWins(before!.results[0]?.gi_recorded_at ?? null, f.recordedAt);
}

/** What a latest-recording-wins write did, from the recording time held before it. */
function latestWins(held: string | null, recordedAt: string): FactStatus {
  if (held === null) return "created";
  const incoming = instant(recordedAt);
  return incoming > held ? "replaced" : incoming === held ? "unchanged" : "superseded";
}

export async function recordScoringFact(db: D1Database, orgSeq: number, f: ScoringFact): Promise<FactStatus> {
  const [before] = await db.batch<FactsRow>([selectFacts(db, orgSeq, f.vacancyKey), scoringFactStatement(db, orgSeq, f.vacancyKey, f.stage, f.completed)]);
  const row = before!.results[0];
  const { used, completed } = STAGE_COLUMNS[f.stage];
  const wasUsed = row ? (row as unknown as Record<string, number | null>)[used] === 1 : false;
  const wasCompleted = row ? (row as unknown as Record<string, number | null>)[completed] === 1 : false;
  if (!wasUsed) return "created";
  return f.completed && !wasCompleted ? "replaced" : "unchanged";
}

/** Facts that come inside an outcome submission (older clients, CSV import) are recorded as facts first. */
export function factStatementsOfOutcome(db: D1Database, orgSeq: number, o: OutcomeSubmission, now: string): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  if (o.panel) out.push(panelFactStatement(db, orgSeq, o.vacancyKey, o.panel, now));
  if (o.scoring?.structuredShortlisting) out.push(scoringFactStatement(db, orgSeq, o.vacancyKey, "shortlisting", false));
  if (o.scoring?.structuredInterview) out.push(scoringFactStatement(db, orgSeq, o.vacancyKey, "interview", false));
  return out;
}

interface VacancyRow extends FactsRow {
  has_outcome: number;
  closing_date: string | null;
  fy: number | null;
  band: Band | null;
  staff_group: StaffGroup | null;
  white_shortlisted: number;
  white_appointed: number;
  bme_shortlisted: number;
  bme_appointed: number;
  not_stated_shortlisted: number;
  not_stated_appointed: number;
  updated_at: string | null;
  has_facts: number;
}

/** One vacancy joined: its counts (if HR has sent them) and its facts (if any browser has). */
export async function findVacancy(db: D1Database, orgSeq: number, vacancyKey: string): Promise<VacancyView | null> {
  const [o, f] = await db.batch([
    db.prepare("SELECT * FROM outcomes WHERE org_seq = ? AND vacancy_key = ?").bind(orgSeq, vacancyKey),
    selectFacts(db, orgSeq, vacancyKey),
  ]);
  const out = o!.results[0] as VacancyRow | undefined;
  const facts = f!.results[0] as FactsRow | undefined;
  if (!out && !facts) return null;
  const stage = (used: number | null | undefined, completed: number | null | undefined) => (used === 1 ? { used: true as const, completed: completed === 1 } : null);
  return {
    vacancyKey,
    outcome: out
      ? {
          closingDate: out.closing_date!,
          financialYear: financialYearLabel(out.fy!),
          band: out.band!,
          staffGroup: out.staff_group!,
          counts: {
            white: { shortlisted: out.white_shortlisted, appointed: out.white_appointed },
            bme: { shortlisted: out.bme_shortlisted, appointed: out.bme_appointed },
            notStated: { shortlisted: out.not_stated_shortlisted, appointed: out.not_stated_appointed },
          },
          updatedAt: out.updated_at!,
        }
      : null,
    panel:
      facts && facts.panel_applies !== null
        ? {
            ruleApplies: facts.panel_applies === 1,
            ruleMet: facts.panel_met === 1,
            failedRules: JSON.parse(facts.panel_failed ?? "[]") as PanelRuleId[],
            recordedAt: facts.panel_recorded_at!,
          }
        : null,
    scoring: {
      shortlisting: stage(facts?.shortlisting_structured, facts?.shortlisting_completed),
      interview: stage(facts?.interview_structured, facts?.interview_completed),
    },
    guaranteedInterview:
      facts && facts.gi_recorded_at !== null
        ? { eligible: facts.gi_eligible!, interviewed: facts.gi_interviewed!, recordedAt: facts.gi_recorded_at }
        : null,
  };
}
