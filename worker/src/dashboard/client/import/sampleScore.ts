/**
 * How well each column's values read as each field, from a sample of the rows: what lets column
 * detection (columns.ts) tell two columns with the same heading apart. Runs in the import Web
 * Worker, which has the shared vocabulary anyway; the page's bundle does not import it.
 */
import { parseBand } from "@fair-shortlist/shared/bands";
import { classifyDisability } from "@fair-shortlist/shared/disability";
import { classifyEthnicity } from "@fair-shortlist/shared/ethnicity";
import { readDateCell } from "@fair-shortlist/shared/periods";
import { classifyStage } from "@fair-shortlist/shared/stages";
import { classifyStaffGroup } from "@fair-shortlist/shared/staffGroups";
import type { ColumnScore, ImportField } from "./columns";
import type { SourceRow } from "./importer";
import { stageDateReached } from "./stageDates";

const READS: Partial<Record<ImportField, (text: string) => boolean>> = {
  stage: (t) => classifyStage(t, undefined, { patterns: true }) !== null,
  ethnicity: (t) => !classifyEthnicity(t).warning,
  disability: (t) => classifyDisability(t) !== null,
  band: (t) => parseBand(t) !== null,
  closingDate: (t) => readDateCell(t) !== null,
  staffGroup: (t) => classifyStaffGroup(t) !== null,
  shortlistedOn: (t) => stageDateReached(t) !== null,
  appointedOn: (t) => stageDateReached(t) !== null,
  declinedOn: (t) => stageDateReached(t) !== null,
};

/** Scores from the distinct non-blank values of the first `sample` rows. */
export function columnScorer(rows: readonly SourceRow[], sample = 500): ColumnScore {
  const distinct = new Map<number, Set<string>>();
  const valuesOf = (index: number) => {
    let set = distinct.get(index);
    if (!set) {
      set = new Set();
      for (const r of rows.slice(0, sample)) {
        const v = (r.fields[index] ?? "").trim();
        if (v) set.add(v);
      }
      distinct.set(index, set);
    }
    return set;
  };
  return (field, index) => {
    const reads = READS[field];
    if (!reads) return null;
    const values = valuesOf(index);
    if (values.size === 0) return 0;
    let n = 0;
    for (const v of values) if (reads(v)) n++;
    return n / values.size;
  };
}
