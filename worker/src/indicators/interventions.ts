/**
 * WRES indicator 2 by intervention: vacancies where the panel rule was met / not met / not
 * recorded / did not apply, and where structured scoring was used / not recorded. The arithmetic
 * (groups, the ratio between two indicators and its interval) is the shared core's
 * (shared/src/interventions.ts, wres2.ts); suppression is the same as for every other figure,
 * including complementary suppression across the groups of a split, which add up to the total.
 */
import {
  PANEL_GROUPS,
  SCORING_GROUPS,
  panelGroupOf,
  ratioOfRelativeLikelihoods,
  scoringGroupOf,
  type PanelGroup,
  type ScoringGroup,
} from "@fair-shortlist/shared/interventions";
import { emptyCounts } from "@fair-shortlist/shared/outcomeCounts";
import type { ByInterventionResponse, InterventionComparison, OutcomeCounts } from "@fair-shortlist/shared/schemas/api";
import type { InterventionRow } from "../db/aggregates";
import { addCounts, figuresFor } from "./figures";

const PANEL_LABELS: Record<PanelGroup, string> = {
  met: "Panel rule met",
  notMet: "Panel rule not met",
  notRecorded: "No panel check recorded",
  notApplicable: "Panel rule did not apply (below the band)",
};
const SCORING_LABELS: Record<ScoringGroup, string> = {
  used: "Structured scoring used",
  notRecorded: "Structured scoring not recorded",
};

function split<K extends string>(rows: InterventionRow[], keys: readonly K[], keyOf: (r: InterventionRow) => K, labels: Record<K, string>, level: number, threshold: number) {
  const sums = new Map<K, { counts: OutcomeCounts; vacancies: number }>(keys.map((k) => [k, { counts: emptyCounts(), vacancies: 0 }]));
  for (const r of rows) {
    const s = sums.get(keyOf(r))!;
    addCounts(s.counts, r.counts);
    s.vacancies += r.vacancies;
  }
  const out = keys.map((key) => {
    const s = sums.get(key)!;
    return { key, counts: s.counts, figures: { ...figuresFor(s.counts, s.vacancies, level, threshold), key, label: labels[key] } };
  });
  return out;
}

function compare<K extends string>(groups: ReturnType<typeof split<K>>, withKey: K, withoutKey: K, level: number): InterventionComparison {
  const a = groups.find((g) => g.key === withKey)!;
  const b = groups.find((g) => g.key === withoutKey)!;
  const r = ratioOfRelativeLikelihoods(a.counts, b.counts, level);
  const smallNumbers = a.figures.smallNumbers || b.figures.smallNumbers;
  return { with: withKey, without: withoutKey, ratio: r.ratio, ci: r.ci, significant: r.significant, smallNumbers, text: r.text };
}

export function byIntervention(rows: InterventionRow[], level: number, threshold: number): Pick<ByInterventionResponse, "panel" | "structuredScoring"> {
  const toFacts = (r: InterventionRow) => ({
    panel: r.panelApplies === null ? null : { ruleApplies: r.panelApplies === 1, ruleMet: r.panelMet === 1 },
    structuredScoring: r.structured === 1,
  });
  const panel = split(rows, PANEL_GROUPS, (r) => panelGroupOf(toFacts(r)), PANEL_LABELS, level, threshold);
  const scoring = split(rows, SCORING_GROUPS, (r) => scoringGroupOf(toFacts(r)), SCORING_LABELS, level, threshold);
  return {
    panel: { groups: panel.map((g) => g.figures), comparison: compare(panel, "met", "notMet", level) },
    structuredScoring: { groups: scoring.map((g) => g.figures), comparison: compare(scoring, "used", "notRecorded", level) },
  };
}
