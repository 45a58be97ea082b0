/**
 * From an outcome report's rows (stage + ethnicity, and disability where the report shows it, per
 * application) to WRES indicator 2 counts for one vacancy, and WDES metric 2 counts by the same
 * rule. Pure, so the arithmetic is unit-tested without a browser.
 *
 * WRES (docs/domain.md): likelihood = appointed / shortlisted per group; an appointed applicant was
 * shortlisted too; shortlisted applicants who were offered the job and turned it down are left
 * out of both counts; not-stated ethnicity is counted separately (and left out of the ratio).
 */
import { addDisabilityApplicant, classifyDisability, emptyDisabilityCounts, type DisabilityCounts, type DisabilityGroup } from "@fair-shortlist/shared/disability";
import { classifyEthnicity, type EthnicGroup } from "@fair-shortlist/shared/ethnicity";
import type { OutcomeCounts } from "@fair-shortlist/shared/schemas/api";
import type { StaffGroup } from "@fair-shortlist/shared/bands";
import { addApplicant, emptyCounts, type WresOutcome } from "@fair-shortlist/shared/outcomeCounts";
import { classifyStage, WRES_OUTCOME_OF_STAGE } from "@fair-shortlist/shared/stages";
import { classifyStaffGroup } from "@fair-shortlist/shared/staffGroups";

export interface ReportRow {
  applicantId?: string | null;
  stage: string | null;
  ethnicity: string | null;
  /** The disability answer as read; only looked at when the profile says where disability is. */
  disability?: string | null;
}

export interface StageLabels {
  shortlisted: readonly string[];
  appointed: readonly string[];
  offerDeclined: readonly string[];
}

/** A row's outcome in the indicator's terms; how each one counts is shared (shared/src/outcomeCounts.ts). */
export type RowOutcome = WresOutcome;

export interface CountResult {
  counts: OutcomeCounts;
  rows: number;
  /** Duplicate rows for the same applicant (a host that lists someone twice), counted once. */
  duplicates: number;
  /**
   * Applicants whose rows disagree (another stage outcome, ethnic group or, when counted, disability): each is counted once,
   * by the row furthest along (appointed, then offer declined, then shortlisted), as the
   * dashboard's importer does, and the overlay says so rather than picking one silently.
   */
  conflicts: number;
  offersDeclined: number;
  /** Stages that are none of the profile's shortlisted/appointed/declined labels, with how many rows. */
  notCounted: Array<{ stage: string; rows: number }>;
  /** Ethnicity labels that could not be read with confidence (counted as not stated or by heading). */
  ethnicityWarnings: Array<{ label: string; warning: string; rows: number }>;
  /**
   * WDES metric 2 counts of the same applicants, by the same rule; null when the report does not
   * show disability (the vacancy's WDES is then "not recorded", never zero).
   */
  disabilityCounts: DisabilityCounts | null;
  /** Disability answers the vocabulary does not know: counted as not declared, and said so. */
  disabilityWarnings: Array<{ label: string; rows: number }>;
}

export interface CountOptions {
  /** The profile says where the report shows disability: count it (WDES metric 2). */
  disability?: boolean;
}


/**
 * The profile's labels are the trust's own words and win; any other stage is read through the
 * shared stage vocabulary (shared/src/stages.ts), exact wordings only, no guessing from patterns.
 */
export function outcomeOfStage(stage: string | null, labels: StageLabels): RowOutcome {
  const reading = classifyStage(stage, labels);
  return reading ? WRES_OUTCOME_OF_STAGE[reading.outcome] : "notCounted";
}

/** How far along a row's outcome is: the row furthest along stands for a duplicated applicant. */
const OUTCOME_RANK: Readonly<Record<RowOutcome, number>> = { notCounted: 0, shortlisted: 1, offerDeclined: 2, appointed: 3 };

export function countOutcomes(rows: readonly ReportRow[], labels: StageLabels, options: CountOptions = {}): CountResult {
  const withDisability = options.disability === true;
  const counts = emptyCounts();
  const disabilityCounts = withDisability ? emptyDisabilityCounts() : null;
  const disabilityWarnings = new Map<string, number>();
  let duplicates = 0;
  let conflicts = 0;
  let offersDeclined = 0;
  const notCounted = new Map<string, number>();
  const warnings = new Map<string, { warning: string; rows: number }>();
  // One row per applicant: rows without an id each stand alone.
  const chosen: ReportRow[] = [];
  const byId = new Map<string, { index: number; outcomes: Set<RowOutcome>; groups: Set<EthnicGroup>; disability: Set<DisabilityGroup | null> }>();
  for (const row of rows) {
    const id = row.applicantId?.trim();
    if (!id) {
      chosen.push(row);
      continue;
    }
    const outcome = outcomeOfStage(row.stage, labels);
    const group = classifyEthnicity(row.ethnicity ?? "").group;
    const disability = withDisability ? classifyDisability(row.disability) : null;
    const prev = byId.get(id);
    if (!prev) {
      byId.set(id, { index: chosen.length, outcomes: new Set([outcome]), groups: new Set([group]), disability: new Set([disability]) });
      chosen.push(row);
      continue;
    }
    duplicates += 1;
    const disagree = () => prev.outcomes.size > 1 || prev.groups.size > 1 || prev.disability.size > 1;
    const wasConflict = disagree();
    prev.outcomes.add(outcome);
    prev.groups.add(group);
    prev.disability.add(disability);
    if (!wasConflict && disagree()) conflicts += 1;
    if (OUTCOME_RANK[outcome] > OUTCOME_RANK[outcomeOfStage(chosen[prev.index]!.stage, labels)]) chosen[prev.index] = row;
  }
  for (const row of chosen) {
    const outcome = outcomeOfStage(row.stage, labels);
    if (outcome === "offerDeclined") {
      offersDeclined += 1;
      continue;
    }
    if (outcome === "notCounted") {
      const stage = row.stage?.trim() || "(no stage)";
      notCounted.set(stage, (notCounted.get(stage) ?? 0) + 1);
      continue;
    }
    const classified = classifyEthnicity(row.ethnicity ?? "");
    if (classified.warning) {
      const label = (row.ethnicity ?? "").trim();
      const w = warnings.get(label) ?? { warning: classified.warning, rows: 0 };
      w.rows += 1;
      warnings.set(label, w);
    }
    const group: EthnicGroup = classified.group;
    addApplicant(counts, group, outcome);
    if (disabilityCounts) {
      const d = classifyDisability(row.disability);
      if (d === null) {
        const label = (row.disability ?? "").trim();
        disabilityWarnings.set(label, (disabilityWarnings.get(label) ?? 0) + 1);
      }
      // Unknown wording counts as not declared (never as Disabled or non-disabled), and is reported.
      addDisabilityApplicant(disabilityCounts, d ?? "notDeclared", outcome);
    }
  }
  return {
    counts,
    rows: rows.length,
    duplicates,
    conflicts,
    offersDeclined,
    notCounted: [...notCounted].map(([stage, n]) => ({ stage, rows: n })).sort((a, b) => b.rows - a.rows),
    ethnicityWarnings: [...warnings].map(([label, w]) => ({ label, ...w })),
    disabilityCounts,
    disabilityWarnings: [...disabilityWarnings].map(([label, n]) => ({ label, rows: n })),
  };
}

/**
 * A staff group read as WRES's clinical / non-clinical split through the shared vocabulary
 * (shared/src/staffGroups.ts); a profile's own staffGroupLabels win. Students (outside the split)
 * and unknown text are null: the user chooses.
 */
export function readStaffGroup(text: string | null, labels?: { clinical: readonly string[]; nonClinical: readonly string[] }): StaffGroup | null {
  return classifyStaffGroup(text, labels)?.side ?? null;
}
