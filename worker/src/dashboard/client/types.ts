/**
 * What the dashboard reads from the API (docs/api.md). Read defensively: the shapes come from
 * shared/src/wres2.ts (Wres2ResultSchema) through the Worker, and a field the page does not
 * find is shown as "not available" rather than breaking the page.
 */
export interface ReportedCounts {
  shortlisted: number | null;
  appointed: number | null;
}

export interface Interval {
  lower: number | null;
  upper: number | null;
  /** 95 or 0.95: both occur (API percent, shared core proportion); see levelPercent(). */
  level: number;
  method?: string;
}

export interface Wres2Figures {
  key?: string;
  label?: string;
  vacancies?: number | null;
  counts: { white: ReportedCounts; bme: ReportedCounts; notStated?: ReportedCounts } | null;
  likelihood: { white: number | null; bme: number | null; notStated?: number | null } | null;
  relativeLikelihood: number | null;
  ci: Interval | null;
  significant: boolean | null;
  interpretation?: { category?: string; code?: string; withinFourFifths?: boolean | null; text?: string } | null;
  shortfall: { toParity: number | null; toFourFifths: number | null } | null;
  suppressed: boolean;
  suppressedReason?: string;
  suppressionReason?: string;
}

export interface Wres2Response {
  org?: { id: string; name: string };
  period?: { year?: string | null; from?: string | null; to?: string | null };
  level?: number;
  suppression?: { threshold: number; rule?: string };
  overall: Wres2Figures;
  by?: string;
  breakdown?: Wres2Figures[];
}

export interface OrgResponse {
  org: { id: string; name: string; odsCode: string };
  scope: "read" | "submit";
  data: { vacancies: number; financialYears: string[] };
}

export interface FunnelLimitPoint {
  precision: number;
  lower: number;
  upper: number;
}

export interface BenchmarkResponse {
  year: string | null;
  level: number;
  national: {
    organisations: number;
    relativeLikelihood: number | null;
    ci?: Interval | null;
    pooled?: { relativeLikelihood: number | null; ci?: Interval | null; method?: string } | null;
  };
  inclusion?: { minimumShortlistedPerGroup?: number; minimumAppointedPerGroup?: number };
  you: { included: boolean; relativeLikelihood: number | null; ci?: Interval | null; precision: number | null; position: string };
  points: { relativeLikelihood: number; precision: number; you: boolean }[];
  funnel?: { centre: number | null; limits: { level: number; z: number; points: FunnelLimitPoint[] }[] } | null;
}

export interface ComplianceCell {
  applies: number | null;
  met: number | null;
  notMet: number | null;
  rate: number | null;
  suppressed: boolean;
}

export interface ComplianceResponse {
  period?: Wres2Response["period"];
  overall: ComplianceCell;
  byBand: (ComplianceCell & { band: string; label: string })[];
  failingRules: { rule: string; failures: number | null; share: number | null; suppressed: boolean }[];
  notRecorded?: number;
}
