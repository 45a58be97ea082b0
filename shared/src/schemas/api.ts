/**
 * Every payload the extension (or dashboard) sends and the Worker accepts.
 *
 * Privacy (docs/domain.md, "What may leave the browser"): only anonymised counts per group
 * and yes/no outcomes. Every object is strict, so an unknown key (and with it any
 * free text) is rejected rather than silently stored.
 */
import * as z from "zod";
import { BandSchema, StaffGroupSchema } from "./bands";
import { PanelRuleIdSchema } from "./panelPolicy";
import type { OutcomeCounts, VacancyGroupCounts } from "../outcomeCounts";
import type { DisabilityCounts } from "../disability";
import { PooledWdes2ResultSchema } from "./pooled";
import { GuaranteedInterviewCountsSchema, GuaranteedInterviewFigureSchema, Wdes2ResultSchema } from "./wdes2";
import type { PublicationCompliance, PublicationTables, WdesPublicationTables } from "../publication";
import { vacancyKeyLooksLikeText } from "../vacancyKey";

import { MAX_SHORTLISTED_PER_VACANCY } from "../outcomeCounts";
export { MAX_SHORTLISTED_PER_VACANCY } from "../outcomeCounts";

/** ISO calendar date, validated as a real date (no 2025-02-30). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real calendar date");

/** Earliest closing date accepted: well before any record this tool could have captured. */
export const FIRST_CLOSING_YEAR = 2000;
/** Closing dates accepted: 1 January FIRST_CLOSING_YEAR to 31 December of next year (UTC), at the time of the check. */
export function closingDateRange(now: Date = new Date()): { first: string; last: string } {
  return { first: `${FIRST_CLOSING_YEAR}-01-01`, last: `${now.getUTCFullYear() + 1}-12-31` };
}

/**
 * A vacancy's closing date: a real date within closingDateRange(). The pattern alone lets
 * "0050-06-01" through, which no vacancy has and which once reached the financial-year arithmetic.
 */
export const ClosingDateSchema = IsoDateSchema.superRefine((s, ctx) => {
  const { first, last } = closingDateRange();
  if (s < first || s > last) ctx.addIssue({ code: "custom", message: `must be between ${first} and ${last}` });
});

/**
 * Opaque keyed hash of the vacancy reference, made in the browser (HMAC-SHA-256 under
 * an organisation secret, hex). Never the raw reference.
 */
export const VacancyKeySchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "must be a 64-character lowercase hex HMAC-SHA-256 digest, never a raw vacancy reference")
  .refine((k) => !vacancyKeyLooksLikeText(k), "reads as text hex-encoded, not an HMAC-SHA-256 digest: send the keyed hash of the reference, never the reference");

const count = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} cannot be negative`)
    .max(MAX_SHORTLISTED_PER_VACANCY, `${what} is implausibly large for one vacancy (max ${MAX_SHORTLISTED_PER_VACANCY})`);

export const VacancyGroupCountsSchema = z
  .strictObject({
    shortlisted: count("shortlisted"),
    appointed: count("appointed"),
  })
  .refine((c) => c.appointed <= c.shortlisted, {
    message: "appointed cannot exceed shortlisted",
    path: ["appointed"],
  }) satisfies z.ZodType<VacancyGroupCounts>;

export const OutcomeCountsSchema = z.strictObject({
  white: VacancyGroupCountsSchema,
  bme: VacancyGroupCountsSchema,
  notStated: VacancyGroupCountsSchema,
}) satisfies z.ZodType<OutcomeCounts>;
export type { OutcomeCounts, VacancyGroupCounts } from "../outcomeCounts";

/**
 * Shortlisted and appointed by disability (WDES metric 2), counted by the same rule as the
 * ethnicity counts (offers declined left out). Optional on a submission: a record without it
 * is "not recorded" for WDES, never zero, and its ethnicity counts are used as before.
 */
export const DisabilityOutcomeCountsSchema = z.strictObject({
  disabled: VacancyGroupCountsSchema,
  notDisabled: VacancyGroupCountsSchema,
  notDeclared: VacancyGroupCountsSchema,
}) satisfies z.ZodType<DisabilityCounts>;

/** Whole-panel yes/no outcome: never which member is what. */
export const PanelOutcomeSchema = z
  .strictObject({
    ruleApplies: z.boolean(),
    ruleMet: z.boolean(),
    failedRules: z
      .array(PanelRuleIdSchema)
      .max(10)
      // A set: each failed rule is counted once per vacancy.
      .refine((rules) => new Set(rules).size === rules.length, "each rule may appear only once"),
  })
  .refine((p) => !(p.ruleMet && p.failedRules.length > 0), {
    message: "a panel cannot both meet the rule and have failed rules",
    path: ["failedRules"],
  })
  .refine((p) => p.ruleApplies || (p.ruleMet === false && p.failedRules.length === 0) || p.ruleMet, {
    message: "failedRules must be empty when the rule does not apply",
    path: ["failedRules"],
  });
export type PanelOutcome = z.infer<typeof PanelOutcomeSchema>;

/** Yes/no facts about how selection was done: structured scoring used or not. */
export const ScoringOutcomeSchema = z.strictObject({
  structuredShortlisting: z.boolean(),
  structuredInterview: z.boolean(),
});
export type ScoringOutcome = z.infer<typeof ScoringOutcomeSchema>;

/**
 * The facts of one vacancy's outcome, without its key: shared by the submission and by the
 * extension's draft (which carries the raw reference instead). A plain shape, because zod
 * cannot omit or extend an object schema once it carries a refinement.
 */
export const OUTCOME_FACT_FIELDS = {
  closingDate: ClosingDateSchema,
  band: BandSchema,
  staffGroup: StaffGroupSchema,
  counts: OutcomeCountsSchema,
  disabilityCounts: DisabilityOutcomeCountsSchema.optional(),
  panel: PanelOutcomeSchema.optional(),
  scoring: ScoringOutcomeSchema.optional(),
};

/** The same applicants counted two ways: by ethnicity and by disability the totals must agree. */
export function disabilityTotalsAgree(o: { counts: OutcomeCounts; disabilityCounts?: DisabilityCounts }): boolean {
  const d = o.disabilityCounts;
  if (!d) return true;
  const total = (c: OutcomeCounts | DisabilityCounts, k: "shortlisted" | "appointed") =>
    (Object.values(c) as VacancyGroupCounts[]).reduce((n, g) => n + g[k], 0);
  return total(d, "shortlisted") === total(o.counts, "shortlisted") && total(d, "appointed") === total(o.counts, "appointed");
}
export const DISABILITY_TOTALS_RULE = {
  message: "disabilityCounts must add up to the same shortlisted and appointed totals as counts",
  path: ["disabilityCounts"],
};

export const OutcomeSubmissionSchema = z
  .strictObject({ vacancyKey: VacancyKeySchema, ...OUTCOME_FACT_FIELDS })
  .refine(disabilityTotalsAgree, DISABILITY_TOTALS_RULE);
export type OutcomeSubmission = z.infer<typeof OutcomeSubmissionSchema>;

export const MAX_BATCH = 500;
export const OutcomeBatchSchema = z.strictObject({
  outcomes: z
    .array(OutcomeSubmissionSchema)
    .min(1, "a batch needs at least one outcome")
    .max(MAX_BATCH, `a batch holds at most ${MAX_BATCH} outcomes`)
    .refine((list) => new Set(list.map((o) => o.vacancyKey)).size === list.length, {
      message: "each vacancyKey may appear only once in a batch",
    }),
});
export type OutcomeBatch = z.infer<typeof OutcomeBatchSchema>;

/** NHS Organisation Data Service code, e.g. "RWY" (trust) or "RWY01" (site). */
export const OdsCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{3,6}$/, "must be an NHS ODS code: 3 to 6 capital letters or digits, e.g. RWY");

/**
 * An organisation's name, as the NHS writes it ("Guy's and St Thomas' NHS Foundation Trust"): letters
 * of any script, digits, single spaces and the punctuation trust names use. No "@", ":", "/", "<",
 * line breaks or runs of spaces, so no e-mail address, URL, markup or note can ride along.
 */
export const OrgNameSchema = z
  .string()
  .trim()
  .min(2, "name is too short")
  .max(120, "name is too long (at most 120 characters)")
  .regex(
    /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}'’&,.()\-‐–]| (?! ))*$/u,
    "must be a plain organisation name: letters, digits, single spaces and ' ’ & , . ( ) - only",
  );

export const CreateOrgSchema = z.strictObject({
  name: OrgNameSchema,
  odsCode: OdsCodeSchema,
});
export type CreateOrg = z.infer<typeof CreateOrgSchema>;

/**
 * submit: the extension writes outcomes; read: the organisation's own analysts (exact counts);
 * report: readers of published outputs (the fixed, suppressed publication tables only).
 */
export const TokenScopeSchema = z.enum(["submit", "read", "report"]);
export type TokenScope = z.infer<typeof TokenScopeSchema>;

export const CONFIDENCE_LEVELS = [80, 90, 95, 99] as const;
export const ConfidenceLevelSchema = z.coerce
  .number()
  .refine((n) => (CONFIDENCE_LEVELS as readonly number[]).includes(n), "level must be one of 80, 90, 95, 99");

export const BreakdownSchema = z.enum(["band", "staffGroup", "year"]);
export type Breakdown = z.infer<typeof BreakdownSchema>;

/**
 * A financial year a query may ask for: one that can hold a closing date the API accepts
 * (closingDateRange(): 1999/00, for January 2000, to the year starting next calendar year). The
 * label pattern alone lets "9999/00" through, whose end year the year arithmetic cannot write.
 */
export const QueryFinancialYearSchema = FinancialYearSchema.superRefine((label, ctx) => {
  const start = Number(label.slice(0, 4));
  const last = new Date().getUTCFullYear() + 1;
  const words = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
  if (start < FIRST_CLOSING_YEAR - 1 || start > last) {
    ctx.addIssue({ code: "custom", message: `must be a financial year from ${words(FIRST_CLOSING_YEAR - 1)} to ${words(last)}` });
  }
});

/** Query of GET /v1/indicators/wres2 (and the CSV export). */
export const Wres2QuerySchema = z
  .strictObject({
    year: QueryFinancialYearSchema.optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    band: BandSchema.optional(),
    staffGroup: StaffGroupSchema.optional(),
    level: ConfidenceLevelSchema.default(95),
    by: BreakdownSchema.optional(),
  })
  .refine((q) => !(q.year && (q.from || q.to)), {
    message: "give either year or from/to, not both",
    path: ["year"],
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: "from must not be after to", path: ["from"] });
export type Wres2Query = z.infer<typeof Wres2QuerySchema>;

/** The one JSON error shape every route returns. */
export const ApiErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

// ---------------------------------------------------------------------------
// Worker API: further queries and the response shapes (docs/api.md). The Worker builds its
// responses to these schemas and /openapi.json is generated from them, so the dashboard and
// the extension can parse what they receive with the same schemas.

import { Wres2ResultSchema } from "./wres2";
import { FinancialYearSchema } from "./periods";
import { PANEL_RULE_IDS } from "../panelPolicy";
import { SuppressionCodeSchema } from "./suppression";

/** Query of GET /v1/indicators/wres2/benchmark. */
export const BenchmarkQuerySchema = z.strictObject({
  year: QueryFinancialYearSchema.optional(),
  level: ConfidenceLevelSchema.default(95),
});
export type BenchmarkQuery = z.infer<typeof BenchmarkQuerySchema>;

/** Query of GET /v1/panels/compliance and GET /v1/export/wres2.csv: a period and filters, no breakdown. */
const periodAndFilters = {
  year: QueryFinancialYearSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  band: BandSchema.optional(),
  staffGroup: StaffGroupSchema.optional(),
};
export const ComplianceQuerySchema = z
  .strictObject(periodAndFilters)
  .refine((q) => !(q.year && (q.from || q.to)), { message: "give either year or from/to, not both", path: ["year"] })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: "from must not be after to", path: ["from"] });
export type ComplianceQuery = z.infer<typeof ComplianceQuerySchema>;
export const ExportQuerySchema = z
  .strictObject({ ...periodAndFilters, level: ConfidenceLevelSchema.default(95) })
  .refine((q) => !(q.year && (q.from || q.to)), { message: "give either year or from/to, not both", path: ["year"] })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: "from must not be after to", path: ["from"] });
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

export const OrgSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  odsCode: z.string(),
  createdAt: z.string(),
});
export type Org = z.infer<typeof OrgSchema>;

export const CreateOrgResponseSchema = z.strictObject({
  org: OrgSchema,
  tokens: z.strictObject({ submit: z.string(), read: z.string() }),
});
export const OrgListResponseSchema = z.strictObject({ orgs: z.array(OrgSchema) });
export const TokenInfoSchema = z.strictObject({
  id: z.string(),
  scope: TokenScopeSchema,
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const TokenListResponseSchema = z.strictObject({ tokens: z.array(TokenInfoSchema) });
export const RotateTokenResponseSchema = z.strictObject({
  orgId: z.string(),
  scope: TokenScopeSchema,
  token: z.string(),
  revoked: z.number().int().nonnegative(),
});
export const RevokeTokensResponseSchema = z.strictObject({
  orgId: z.string(),
  scope: TokenScopeSchema,
  revoked: z.number().int().nonnegative(),
});

/** GET /v1/org: who the token belongs to and which years hold data (newest first). */
export const OrgInfoResponseSchema = z.strictObject({
  org: OrgSchema.pick({ id: true, name: true, odsCode: true }),
  scope: TokenScopeSchema,
  /** vacancies is null for a report token, whose financialYears are the published (complete) years only. */
  data: z.strictObject({ vacancies: z.number().int().nonnegative().nullable(), financialYears: z.array(z.string()) }),
  /** The threshold the trust publishes at; the own audience's small-numbers flag uses it too. */
  publication: z.strictObject({ threshold: z.number().int() }),
});
export type OrgInfoResponse = z.infer<typeof OrgInfoResponseSchema>;

export const OutcomeWriteResultSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  status: z.enum(["created", "replaced"]),
  financialYear: z.string(),
});
export type OutcomeWriteResult = z.infer<typeof OutcomeWriteResultSchema>;
export const OutcomeBatchResultSchema = z.strictObject({
  created: z.number().int().nonnegative(),
  replaced: z.number().int().nonnegative(),
  results: z.array(OutcomeWriteResultSchema),
});
export type OutcomeBatchResult = z.infer<typeof OutcomeBatchResultSchema>;
export const OutcomeMetaSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  /** What was stored, exactly: the organisation's own record read back. */
  counts: OutcomeCountsSchema,
  /** Null: disability was not recorded for this vacancy (never read as zero). */
  disabilityCounts: DisabilityOutcomeCountsSchema.nullable(),
  panel: PanelOutcomeSchema.nullable(),
  scoring: ScoringOutcomeSchema.nullable(),
  closingDate: z.string(),
  financialYear: z.string(),
  band: BandSchema,
  staffGroup: StaffGroupSchema,
  hasPanel: z.boolean(),
  updatedAt: z.string(),
});
/**
 * GET /v1/outcomes/{vacancyKey} with a submit token: that the vacancy is held, and what about it is
 * no one's counts (when it closed, band, staff group, whether a panel check is joined). The submit
 * token is in every browser of the organisation, panellists' and shortlisters' included, and a
 * vacancy's reference is printed on its advert, so its counts (who applied, by ethnicity and
 * disability) are for the read token only.
 */
export const OutcomeHeldSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  closingDate: z.string(),
  financialYear: z.string(),
  band: BandSchema,
  staffGroup: StaffGroupSchema,
  hasPanel: z.boolean(),
  updatedAt: z.string(),
});
export type OutcomeHeld = z.infer<typeof OutcomeHeldSchema>;
export const OutcomeDeletedSchema = z.strictObject({ vacancyKey: VacancyKeySchema, deleted: z.literal(true) });

/** One WRES indicator 2 figure as the API reports it: the shared core's result (suppressed as needed) plus the vacancy count. */
export const Wres2FiguresSchema = Wres2ResultSchema.extend({
  /** Vacancies the figure covers; null only on a row withheld from publication. */
  vacancies: z.number().int().nonnegative().nullable(),
  /**
   * Own audience: a white or BME count is between 1 and the trust's publication threshold - 1, so the
   * figure is shown exactly but should be read with caution (and would be withheld from publication).
   */
  smallNumbers: z.boolean(),
  /**
   * Why something was withheld (null when nothing was): "smallCell" (a count of this figure is small),
   * "complementary" (withheld so that a small count elsewhere cannot be worked out by subtraction),
   * "notStatedSmallCell" / "notStatedComplementary" (only the not-stated counts withheld). The
   * sentence for people stays in suppressionReason.
   */
  suppressionCode: SuppressionCodeSchema.nullable().describe(
    "Why something was withheld; null when nothing was. smallCell: a white or BME count of this figure is between 1 and threshold - 1. " +
      "complementary: none of its own counts is small; withheld so that a small count elsewhere (another row) cannot be worked out by subtraction from the total. " +
      "notStatedSmallCell / notStatedComplementary: only the not-stated counts are withheld (small / to protect another row); the indicator stands.",
  ),
});
export type Wres2Figures = z.infer<typeof Wres2FiguresSchema>;
export const Wres2BreakdownItemSchema = Wres2FiguresSchema.extend({
  /** Band id, staff group id or financial year label. */
  key: z.string(),
  label: z.string(),
});
export type Wres2BreakdownItem = z.infer<typeof Wres2BreakdownItemSchema>;

/** WDES metric 2 for the organisation's own analysts: exact, small numbers flagged, nothing withheld. */
export const Wdes2FiguresSchema = Wdes2ResultSchema.extend({
  /** Vacancies in the period and filters that recorded disability counts (the figure covers these only). */
  vacancies: z.number().int().nonnegative(),
  /** Vacancies in the same period and filters, with or without disability counts. */
  vacanciesInPeriod: z.number().int().nonnegative(),
  /** A Disabled or non-disabled count (shortlisted, appointed or not appointed) is between 1 and the publication threshold - 1. */
  smallNumbers: z.boolean(),
});
export type Wdes2Figures = z.infer<typeof Wdes2FiguresSchema>;
export const Wdes2BreakdownItemSchema = Wdes2FiguresSchema.extend({ key: z.string(), label: z.string() });
export type Wdes2BreakdownItem = z.infer<typeof Wdes2BreakdownItemSchema>;

export const ReportPeriodSchema = z.strictObject({
  /** Financial year asked for, or null for a date range / all data. */
  year: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
/**
 * Who the response is for and what was withheld for them. audience "own": exact counts, nothing
 * withheld, `threshold` is the trust's publication threshold used for the small-numbers flag.
 */
export const SuppressionInfoSchema = z.strictObject({
  audience: z.enum(["own", "publication"]),
  threshold: z.number().int(),
  rule: z.string(),
});

export const Wdes2ResponseSchema = z.strictObject({
  org: z.strictObject({ id: z.string(), name: z.string() }),
  period: ReportPeriodSchema,
  filters: z.strictObject({ band: BandSchema.nullable(), staffGroup: StaffGroupSchema.nullable() }),
  level: z.number(),
  suppression: SuppressionInfoSchema,
  overall: Wdes2FiguresSchema,
  /** Metric 2 allowing for the mix of bands (Mantel-Haenszel over the bands with recorded vacancies). */
  adjustedForBand: PooledWdes2ResultSchema,
  /** Disability Confident: of eligible applicants under the scheme, the share invited to interview. */
  guaranteedInterview: GuaranteedInterviewFigureSchema,
  by: BreakdownSchema.optional(),
  breakdown: z.array(Wdes2BreakdownItemSchema).optional(),
});
export type Wdes2Response = z.infer<typeof Wdes2ResponseSchema>;

export const Wres2ResponseSchema = z.strictObject({
  org: z.strictObject({ id: z.string(), name: z.string() }),
  period: ReportPeriodSchema,
  filters: z.strictObject({ band: BandSchema.nullable(), staffGroup: StaffGroupSchema.nullable() }),
  /** Confidence level in percent as asked (the ci objects give it as a proportion). */
  level: z.number(),
  suppression: SuppressionInfoSchema,
  overall: Wres2FiguresSchema,
  by: BreakdownSchema.optional(),
  breakdown: z.array(Wres2BreakdownItemSchema).optional(),
});
export type Wres2Response = z.infer<typeof Wres2ResponseSchema>;

const NullableInterval = z.strictObject({
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  level: z.number(),
  method: z.string(),
});
export const FunnelPositionSchema = z.enum([
  "withinLimits",
  "aboveUpper95",
  "aboveUpper998",
  "belowLower95",
  "belowLower998",
  "notIncluded",
]);
export const BenchmarkResponseSchema = z.strictObject({
  year: z.string().nullable(),
  level: z.number(),
  national: z.strictObject({
    /** Other organisations the national figures are made from (the caller left out); 0 when none are shown. */
    organisations: z.number().int().nonnegative(),
    /** Those organisations' counts (each rounded to a multiple of 5) added together: the crude figure NHS England publishes. */
    relativeLikelihood: z.number().nullable(),
    ci: NullableInterval,
    /** Mantel-Haenszel across organisations (each a stratum): the typical within-organisation gap. */
    pooled: z.strictObject({
      relativeLikelihood: z.number().nullable(),
      ci: NullableInterval,
      method: z.string(),
      strataUsed: z.number().int().nonnegative(),
    }),
  }),
  inclusion: z.strictObject({
    /** Below this many other organisations with enough data, nothing made from others' data is shown (they would identify peers). */
    minimumOrganisations: z.number().int(),
    minimumShortlistedPerGroup: z.number().int(),
    minimumAppointedPerGroup: z.number().int(),
    organisationsIncluded: z.number().int().nonnegative(),
  }),
  you: z.strictObject({
    included: z.boolean(),
    relativeLikelihood: z.number().nullable(),
    ci: NullableInterval.nullable(),
    precision: z.number().nullable(),
    position: FunnelPositionSchema,
  }),
  /** One point per other organisation with enough data, and yours (flagged) when it has enough; sorted by precision: no names, no ids. */
  points: z.array(z.strictObject({ relativeLikelihood: z.number(), precision: z.number(), you: z.boolean() })),
  funnel: z.strictObject({
    centre: z.number().nullable(),
    limits: z.array(
      z.strictObject({
        level: z.number(),
        z: z.number(),
        points: z.array(z.strictObject({ precision: z.number(), lower: z.number(), upper: z.number() })),
      }),
    ),
  }),
});
export type BenchmarkResponse = z.infer<typeof BenchmarkResponseSchema>;

/** Compliance rows hold vacancy counts only (no groups), so only the two whole-row codes apply. */
export const ComplianceSuppressionCodeSchema = SuppressionCodeSchema.extract(["smallCell", "complementary"]);

const ComplianceFigures = {
  /** Vacancies where the panel rule applied. Null when suppressed. */
  applies: z.number().int().nonnegative().nullable(),
  met: z.number().int().nonnegative().nullable(),
  notMet: z.number().int().nonnegative().nullable(),
  /** met / applies; null when nothing applied or suppressed. */
  rate: z.number().min(0).max(1).nullable(),
  suppressed: z.boolean(),
  /** "smallCell": a count of this row is small; "complementary": withheld so another row's small count cannot be worked out. */
  suppressionCode: ComplianceSuppressionCodeSchema.nullable().describe(
    "Why the row was withheld; null when it was not. smallCell: a count of this row is between 1 and threshold - 1. complementary: withheld so that another row's small count cannot be worked out by subtraction.",
  ),
};
export const ComplianceResponseSchema = z.strictObject({
  period: ReportPeriodSchema,
  filters: z.strictObject({ band: BandSchema.nullable(), staffGroup: StaffGroupSchema.nullable() }),
  suppression: SuppressionInfoSchema,
  overall: z.strictObject(ComplianceFigures),
  byBand: z.array(z.strictObject({ band: BandSchema, label: z.string(), ...ComplianceFigures })),
  failingRules: z.array(
    z.strictObject({
      rule: z.enum(PANEL_RULE_IDS),
      /** Vacancies where this rule failed; null when suppressed. */
      failures: z.number().int().nonnegative().nullable(),
      /** failures / vacancies where the rule applied but was not met. */
      share: z.number().min(0).max(1).nullable(),
      suppressed: z.boolean(),
      /** "smallCell": the failure count is small; "complementary": withheld because the overall compliance is. */
      suppressionCode: ComplianceSuppressionCodeSchema.nullable().describe(
        "smallCell: the failure count is between 1 and threshold - 1. complementary: withheld because the overall compliance figures are.",
      ),
    }),
  ),
  /** Vacancies in the period submitted without any panel outcome. */
  notRecorded: z.number().int().nonnegative(),
});
export type ComplianceResponse = z.infer<typeof ComplianceResponseSchema>;

// ---------------------------------------------------------------------------
// Facts about one vacancy, each sent from the browser where it happens and joined by the API on
// (organisation, vacancyKey) in any order (docs/outcome-capture.md). Yes/no and rule ids only.

/**
 * An ISO 8601 instant ("2026-03-12T10:15:00.000Z"); not more than a day ahead of the server's clock,
 * and not before FIRST_CLOSING_YEAR (an offset could otherwise carry "0000-01-01T00:00:00+23:59"
 * into year -1, stored as "-000001-12-31T…").
 */
export const RecordedAtSchema = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 date and time, e.g. 2026-03-12T10:15:00Z" })
  .refine((s) => Date.parse(s) <= Date.now() + 24 * 3600 * 1000, "is in the future")
  .refine((s) => Date.parse(s) >= Date.UTC(FIRST_CLOSING_YEAR, 0, 1), `must be on or after ${FIRST_CLOSING_YEAR}-01-01`);

/** POST /v1/vacancies/panel: the chair recorded the panel check (latest recording wins). */
export const PanelFactSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  recordedAt: RecordedAtSchema,
  panel: PanelOutcomeSchema,
});
export type PanelFact = z.infer<typeof PanelFactSchema>;

export const SCORING_STAGES = ["shortlisting", "interview"] as const;
export const ScoringStageSchema = z.enum(SCORING_STAGES);
export type ScoringStage = z.infer<typeof ScoringStageSchema>;

/** POST /v1/vacancies/scoring: structured scoring was used at a stage (and whether every applicant was scored). */
export const ScoringFactSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  stage: ScoringStageSchema,
  completed: z.boolean(),
});
export type ScoringFact = z.infer<typeof ScoringFactSchema>;

/**
 * POST /v1/vacancies/guaranteed-interview: from the shortlisting overlay's decisions, counts only
 * (of applicants under the Disability Confident scheme who meet every essential criterion, how
 * many were shortlisted). The latest recording wins, as for the panel check.
 */
export const GuaranteedInterviewFactSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  recordedAt: RecordedAtSchema,
  counts: GuaranteedInterviewCountsSchema,
});
export type GuaranteedInterviewFact = z.infer<typeof GuaranteedInterviewFactSchema>;

export const FactWriteResultSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  fact: z.enum(["panel", "scoring", "guaranteedInterview"]),
  /**
   * created: first time this fact is held; replaced: a newer panel recording (or scoring now
   * completed); unchanged: the same fact again (a resend); superseded: an older panel recording
   * than the one held, ignored.
   */
  status: z.enum(["created", "replaced", "unchanged", "superseded"]),
});
export type FactWriteResult = z.infer<typeof FactWriteResultSchema>;

const StageFacts = z.strictObject({ used: z.literal(true), completed: z.boolean() }).nullable();
/** GET /v1/vacancies/{vacancyKey}: everything held about one vacancy, joined (read token: the organisation's own analysts). */
export const VacancyViewSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  outcome: z
    .strictObject({
      closingDate: z.string(),
      financialYear: z.string(),
      band: BandSchema,
      staffGroup: StaffGroupSchema,
      counts: OutcomeCountsSchema,
      updatedAt: z.string(),
    })
    .nullable(),
  panel: z
    .strictObject({ ruleApplies: z.boolean(), ruleMet: z.boolean(), failedRules: z.array(z.enum(PANEL_RULE_IDS)), recordedAt: z.string() })
    .nullable(),
  scoring: z.strictObject({ shortlisting: StageFacts, interview: StageFacts }),
  /** The latest guaranteed-interview counts the shortlisting overlay sent, or null: not recorded. */
  guaranteedInterview: z
    .strictObject({ eligible: z.number().int().nonnegative(), interviewed: z.number().int().nonnegative(), recordedAt: z.string() })
    .nullable(),
});
export type VacancyView = z.infer<typeof VacancyViewSchema>;

// ---------------------------------------------------------------------------
// Panel and shortlister sync (opt-in): the Worker stores ciphertext only (docs/privacy.md).

/** HMAC of the item (candidate, or the vacancy's shortlist) under a key derived from the organisation secret. */
export const SyncItemKeySchema = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters");
/** Random per browser and vacancy (an HMAC the browser makes), never a name. */
export const AssessorIdSchema = z.string().regex(/^as_[0-9a-f]{32}$/, 'must be "as_" and 32 lowercase hex characters');
/** The secret that binds an assessor id to the browser that first wrote under it; the Worker keeps its SHA-256. */
export const AssessorProofSchema = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters");
const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64");
export const MAX_SYNC_CIPHERTEXT = 60_000;

export const SyncAssessorSchema = z.strictObject({ assessorId: AssessorIdSchema, proof: AssessorProofSchema });
export type SyncAssessor = z.infer<typeof SyncAssessorSchema>;

/** POST /v1/sync/{vacancyKey}/{itemKey}/entries: an assessor's submission (revision 1) or a later visible revision. */
export const SyncEntryWriteSchema = SyncAssessorSchema.extend({
  revision: z.number().int().min(1).max(100),
  /** AES-GCM nonce, 12 bytes. */
  iv: Base64.length(16, "must be 12 bytes in base64 (16 characters)"),
  ciphertext: Base64.min(24).max(MAX_SYNC_CIPHERTEXT, `must be at most ${MAX_SYNC_CIPHERTEXT} characters`),
  /**
   * The vacancy's closing date: entries expire 90 days after it (or after the submission, when
   * later). A closing date the outcome routes accept (closingDateRange()), so a client cannot keep
   * ciphertext for centuries ("2999-01-01"), nor have it vanish at once ("9999-12-31" expired in a
   * year the ISO text no longer sorts by).
   */
  closingDate: ClosingDateSchema.optional(),
});
export type SyncEntryWrite = z.infer<typeof SyncEntryWriteSchema>;

export const SyncEntrySchema = z.strictObject({
  assessorId: AssessorIdSchema,
  revision: z.number().int().min(1),
  iv: z.string(),
  ciphertext: z.string(),
  submittedAt: z.string(),
  expiresAt: z.string(),
});
export type SyncEntry = z.infer<typeof SyncEntrySchema>;

export const SyncWriteResultSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  itemKey: SyncItemKeySchema,
  assessorId: AssessorIdSchema,
  revision: z.number().int().min(1),
  status: z.enum(["created", "unchanged"]),
  expiresAt: z.string(),
});
export type SyncWriteResult = z.infer<typeof SyncWriteResultSchema>;

/** POST /v1/sync/{vacancyKey}/{itemKey}/read: every entry for the item, every revision; only for an assessor who has submitted. */
export const SyncEntriesResponseSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  itemKey: SyncItemKeySchema,
  entries: z.array(SyncEntrySchema),
});
export type SyncEntriesResponse = z.infer<typeof SyncEntriesResponseSchema>;

export const SyncDeletedSchema = z.strictObject({ vacancyKey: VacancyKeySchema, deleted: z.number().int().nonnegative() });

/**
 * The vacancy's review guide, encrypted like an entry but a kind of its own: its own route and
 * table, read by any assessor before they score (that is what it is for), so it can never carry a
 * colleague's score entry. Smaller than a score entry: four descriptions of at most 600
 * characters per criterion for a person specification's criteria fit in about 36 KB of text.
 */
export const MAX_GUIDE_CIPHERTEXT = 48_000;

/** POST /v1/sync/{vacancyKey}/guide: the author's guide (revision 1) or a later revision that replaces it. */
export const SyncGuideWriteSchema = SyncAssessorSchema.extend({
  revision: z.number().int().min(1).max(1000),
  iv: Base64.length(16, "must be 12 bytes in base64 (16 characters)"),
  ciphertext: Base64.min(24).max(MAX_GUIDE_CIPHERTEXT, `must be at most ${MAX_GUIDE_CIPHERTEXT} characters`),
  closingDate: ClosingDateSchema.optional(),
});
export type SyncGuideWrite = z.infer<typeof SyncGuideWriteSchema>;

export const SyncGuideSchema = z.strictObject({
  /** The assessor id of the browser that published it (not a name). */
  authorId: AssessorIdSchema,
  revision: z.number().int().min(1),
  iv: z.string(),
  ciphertext: z.string(),
  submittedAt: z.string(),
  expiresAt: z.string(),
});
export type SyncGuide = z.infer<typeof SyncGuideSchema>;

export const SyncGuideWriteResultSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  authorId: AssessorIdSchema,
  revision: z.number().int().min(1),
  status: z.enum(["created", "replaced", "unchanged"]),
  expiresAt: z.string(),
});
export type SyncGuideWriteResult = z.infer<typeof SyncGuideWriteResultSchema>;

/** GET /v1/sync/{vacancyKey}/guide: the latest revision, or null when none is published. */
export const SyncGuideResponseSchema = z.strictObject({ vacancyKey: VacancyKeySchema, guide: SyncGuideSchema.nullable() });
export type SyncGuideResponse = z.infer<typeof SyncGuideResponseSchema>;

// ---------------------------------------------------------------------------
// GET /v1/indicators/wres2/by-intervention: does it work?

import { PANEL_GROUPS, SCORING_GROUPS } from "../interventions";

export const InterventionComparisonSchema = z.strictObject({
  /** The group with the intervention and the one without it. */
  with: z.string(),
  without: z.string(),
  /** WRES indicator 2 with / without; below 1: a smaller white/BME gap with the intervention. Null when undefined. */
  ratio: z.number().nullable(),
  ci: NullableInterval,
  significant: z.boolean().nullable(),
  /** Either group has a white or BME count below the publication threshold: treat with caution, not for publication. */
  smallNumbers: z.boolean(),
  text: z.string(),
});
export type InterventionComparison = z.infer<typeof InterventionComparisonSchema>;

const InterventionGroupSchema = Wres2FiguresSchema.extend({ key: z.string(), label: z.string() });
export const ByInterventionResponseSchema = z.strictObject({
  org: z.strictObject({ id: z.string(), name: z.string() }),
  period: ReportPeriodSchema,
  filters: z.strictObject({ band: BandSchema.nullable(), staffGroup: StaffGroupSchema.nullable() }),
  level: z.number(),
  suppression: SuppressionInfoSchema,
  panel: z.strictObject({
    groups: z.array(InterventionGroupSchema.extend({ key: z.enum(PANEL_GROUPS) })),
    comparison: InterventionComparisonSchema,
  }),
  structuredScoring: z.strictObject({
    groups: z.array(InterventionGroupSchema.extend({ key: z.enum(SCORING_GROUPS) })),
    comparison: InterventionComparisonSchema,
  }),
});
export type ByInterventionResponse = z.infer<typeof ByInterventionResponseSchema>;
// Publication audience (shared/src/publication.ts, docs/privacy.md)

/** Query of GET /v1/report/wres2 and its CSV: a confidence level and, optionally, one complete year. */
export const PublicationQuerySchema = z.strictObject({
  year: QueryFinancialYearSchema.optional(),
  level: ConfidenceLevelSchema.default(95),
});
export type PublicationQuery = z.infer<typeof PublicationQuerySchema>;

export const PublicationThresholdSchema = z.union([z.literal(5), z.literal(8)]);
/** PUT /v1/org/publication: the threshold the trust publishes at (5, or the NHS preset 8). */
export const PublicationSettingsSchema = z.strictObject({ threshold: PublicationThresholdSchema });
export type PublicationSettings = z.infer<typeof PublicationSettingsSchema>;

export const PublicationRowSchema = Wres2FiguresSchema.extend({
  year: z.string(),
  /** "all", a publication band group id or a staff group id. */
  key: z.string(),
  label: z.string(),
});
export const PublicationComplianceSchema = z.strictObject({
  year: z.string(),
  key: z.string(),
  label: z.string(),
  /** Denominator: vacancies where the panel rule applied. */
  applies: z.number().int().nonnegative().nullable(),
  met: z.number().int().nonnegative().nullable(),
  notMet: z.number().int().nonnegative().nullable(),
  rate: z.number().min(0).max(1).nullable(),
  suppressed: z.boolean(),
  suppressionCode: ComplianceSuppressionCodeSchema.nullable(),
}) satisfies z.ZodType<PublicationCompliance>;
/** The envelope every publication response shares; `tables` is the standard's own set. */
const publicationResponse = <T extends z.ZodRawShape>(tables: T) =>
  z.strictObject({
    org: z.strictObject({ id: z.string(), name: z.string(), odsCode: z.string() }),
    audience: z.literal("publication"),
    threshold: z.number().int(),
    level: z.number(),
    /** Complete financial years shown, oldest first. */
    years: z.array(z.string()),
    /** Years with data that are not published (the year to date). */
    notPublished: z.array(z.strictObject({ year: z.string(), reason: z.string() })),
    tables: z.strictObject(tables),
    /** Definitions and method, to print with the tables. */
    method: z.string(),
  });

export const PublicationResponseSchema = publicationResponse({
  year: z.array(PublicationRowSchema),
  band: z.array(PublicationRowSchema),
  staffGroup: z.array(PublicationRowSchema),
  compliance: z.array(PublicationComplianceSchema),
}) satisfies z.ZodType<PublicationTables & { org: { id: string; name: string; odsCode: string } }>;
export type PublicationResponse = z.infer<typeof PublicationResponseSchema>;

export const WdesPublicationRowSchema = Wdes2ResultSchema.extend({
  year: z.string(),
  key: z.string(),
  label: z.string(),
  /** Vacancies that recorded disability; null on a withheld row. */
  vacancies: z.number().int().nonnegative().nullable(),
  smallNumbers: z.boolean(),
  suppressionCode: SuppressionCodeSchema.nullable(),
});
/** GET /v1/report/wdes2: WDES metric 2's publication tables, protected as one set like /v1/report/wres2. */
export const WdesPublicationResponseSchema = publicationResponse({
  year: z.array(WdesPublicationRowSchema),
  band: z.array(WdesPublicationRowSchema),
  staffGroup: z.array(WdesPublicationRowSchema),
  guaranteedInterview: z.array(
    z.strictObject({
      year: z.string(),
      figure: GuaranteedInterviewFigureSchema.nullable(),
      suppressed: z.boolean(),
      suppressionCode: z.literal("smallCell").nullable(),
    }),
  ),
}) satisfies z.ZodType<WdesPublicationTables & { org: { id: string; name: string; odsCode: string } }>;
export type WdesPublicationResponse = z.infer<typeof WdesPublicationResponseSchema>;
