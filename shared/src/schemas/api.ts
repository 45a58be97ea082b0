/**
 * Every payload the extension (or dashboard) sends and the Worker accepts.
 *
 * Privacy (DOMAIN.md, "what may leave the browser"): only anonymised counts per group
 * and yes/no outcomes. Every object is strict, so an unknown key (and with it any
 * free text) is rejected rather than silently stored.
 */
import { z } from "zod";
import { BandSchema, StaffGroupSchema } from "../bands";
import { PanelRuleIdSchema } from "../panelPolicy";

/** A plausible upper bound for one vacancy: catches typos like 1700 for 17. */
export const MAX_SHORTLISTED_PER_VACANCY = 2000;

/** ISO calendar date, validated as a real date (no 2025-02-30). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real calendar date");

/**
 * Opaque keyed hash of the vacancy reference, made in the browser (HMAC-SHA-256 under
 * an organisation secret, hex). Never the raw reference.
 */
export const VacancyKeySchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "must be a 64-character lowercase hex HMAC-SHA-256 digest, never a raw vacancy reference");

const count = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} cannot be negative`)
    .max(MAX_SHORTLISTED_PER_VACANCY, `${what} is implausibly large for one vacancy (max ${MAX_SHORTLISTED_PER_VACANCY})`);

export const GroupCountsSchema = z
  .strictObject({
    shortlisted: count("shortlisted"),
    appointed: count("appointed"),
  })
  .refine((c) => c.appointed <= c.shortlisted, {
    message: "appointed cannot exceed shortlisted",
    path: ["appointed"],
  });
export type GroupCounts = z.infer<typeof GroupCountsSchema>;

export const OutcomeCountsSchema = z.strictObject({
  white: GroupCountsSchema,
  bme: GroupCountsSchema,
  notStated: GroupCountsSchema,
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

/** Whole-panel yes/no outcome: never which member is what. */
export const PanelOutcomeSchema = z
  .strictObject({
    ruleApplies: z.boolean(),
    ruleMet: z.boolean(),
    failedRules: z.array(PanelRuleIdSchema).max(10),
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

export const OutcomeSubmissionSchema = z.strictObject({
  vacancyKey: VacancyKeySchema,
  closingDate: IsoDateSchema,
  band: BandSchema,
  staffGroup: StaffGroupSchema,
  counts: OutcomeCountsSchema,
  panel: PanelOutcomeSchema.optional(),
  scoring: ScoringOutcomeSchema.optional(),
});
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

export const CreateOrgSchema = z.strictObject({
  name: z.string().trim().min(2, "name is too short").max(200, "name is too long"),
  odsCode: OdsCodeSchema,
});
export type CreateOrg = z.infer<typeof CreateOrgSchema>;

export const TokenScopeSchema = z.enum(["submit", "read"]);
export type TokenScope = z.infer<typeof TokenScopeSchema>;

export const CONFIDENCE_LEVELS = [80, 90, 95, 99] as const;
export const ConfidenceLevelSchema = z.coerce
  .number()
  .refine((n) => (CONFIDENCE_LEVELS as readonly number[]).includes(n), "level must be one of 80, 90, 95, 99");

export const BreakdownSchema = z.enum(["band", "staffGroup", "year"]);
export type Breakdown = z.infer<typeof BreakdownSchema>;

/** Query of GET /v1/indicators/wres2 (and the CSV export). */
export const Wres2QuerySchema = z
  .strictObject({
    year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, "year must be a financial year like 2024/25")
      .optional(),
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
