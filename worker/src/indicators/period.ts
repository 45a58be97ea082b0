import { parseFinancialYear, financialYearRange } from "@fair-shortlist/shared/periods";
import type { Band, StaffGroup } from "@fair-shortlist/shared/bands";
import type { CellFilter } from "../db/aggregates";
import { ApiError } from "../http/errors";

export interface PeriodQuery {
  year?: string;
  from?: string;
  to?: string;
  band?: Band;
  staffGroup?: StaffGroup;
}

/** Turns a validated query into a database filter and the period echoed back to the client. */
export function resolvePeriod(q: PeriodQuery) {
  let fy: number | undefined;
  let period = { year: null as string | null, from: q.from ?? null, to: q.to ?? null };
  if (q.year) {
    try {
      const parsed = parseFinancialYear(q.year);
      if (parsed.label !== q.year) throw new RangeError("not canonical");
      fy = parsed.startYear;
      const range = financialYearRange(parsed.label);
      period = { year: parsed.label, from: range.start, to: range.end };
    } catch {
      throw new ApiError(400, "invalid_request", 'The query string is invalid: year must be a financial year like "2024/25"', [
        { path: "year", message: 'must be a financial year like "2024/25", the second year following the first' },
      ]);
    }
  }
  const filter: CellFilter = { fy, from: q.from, to: q.to, band: q.band, staffGroup: q.staffGroup };
  return { filter, period, filters: { band: q.band ?? null, staffGroup: q.staffGroup ?? null } };
}
