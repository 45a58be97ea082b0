import * as z from "zod";
import * as api from "@fair-shortlist/shared/schemas/api";

/**
 * The API described once, as data: /openapi.json and the /docs page are both generated from
 * this table and the zod schemas the routes validate with, so they cannot drift apart.
 */
type Auth = "none" | "admin" | "submit" | "read" | "submit or read" | "submit, read or report" | "report or read";

export interface Operation {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  description: string;
  auth: Auth;
  query?: z.ZodObject;
  params?: Record<string, z.ZodType>;
  body?: z.ZodType;
  /** A valid request body, shown in /docs and as the OpenAPI example. */
  example?: unknown;
  /** status -> [description, schema or media type] */
  responses: Record<number, [string, z.ZodType | "text/csv" | "text/html" | null]>;
}

export const EXAMPLE_OUTCOME: api.OutcomeSubmission = {
  vacancyKey: "3f8a1c0e9b7d45e2a6c4b1f0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0",
  closingDate: "2025-01-31",
  band: "8a",
  staffGroup: "clinical",
  counts: {
    white: { shortlisted: 4, appointed: 1 },
    bme: { shortlisted: 3, appointed: 0 },
    notStated: { shortlisted: 1, appointed: 0 },
  },
  panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] },
  scoring: { structuredShortlisting: true, structuredInterview: true },
};

const Health = z.strictObject({ status: z.literal("ok"), database: z.enum(["ok", "unavailable"]) });
const OrgId = z.string().regex(/^org_[0-9a-f]{20}$/);
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, [ERROR_TEXT[s] ?? "Error", api.ApiErrorSchema] as [string, z.ZodType]]));
const ERROR_TEXT: Record<number, string> = {
  400: "Invalid body or query (issues[] lists each problem)",
  401: "Missing, unknown or revoked token",
  403: "Token of the wrong scope, or another organisation",
  404: "Not found",
  409: "Conflict",
  413: "Body too large",
  415: "Body is not application/json",
  429: "Rate limited (Retry-After)",
};

export const OPERATIONS: Operation[] = [
  {
    method: "get", path: "/healthz", summary: "Health", auth: "none",
    description: "Whether the Worker and its D1 database answer.",
    responses: { 200: ["Up", Health] },
  },
  {
    method: "get", path: "/v1/noop", summary: "No-op", auth: "none",
    description: "Touches nothing: the baseline the benchmark measures other routes against.",
    responses: { 200: ["Always", z.strictObject({ ok: z.literal(true) })] },
  },
  {
    method: "post", path: "/v1/admin/orgs", summary: "Create an organisation", auth: "admin",
    description: "Creates an organisation and its first submit and read tokens. The plain tokens are shown only in this response; the database keeps their SHA-256.",
    body: api.CreateOrgSchema,
    example: { name: "Calderdale and Huddersfield NHS Foundation Trust", odsCode: "RWY" },
    responses: { 201: ["Created", api.CreateOrgResponseSchema], ...errors(400, 401, 403, 409, 413, 415, 429) },
  },
  {
    method: "get", path: "/v1/admin/orgs", summary: "List organisations", auth: "admin",
    description: "Every organisation, optionally only the one with an ODS code.",
    query: z.strictObject({ odsCode: api.OdsCodeSchema.optional() }),
    responses: { 200: ["Organisations", api.OrgListResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/admin/orgs/{id}/tokens", summary: "List an organisation's tokens", auth: "admin",
    description: "Token metadata (id, scope, first characters, dates). Never the token.",
    params: { id: OrgId },
    responses: { 200: ["Tokens", api.TokenListResponseSchema], ...errors(400, 401, 403, 404, 429) },
  },
  {
    method: "post", path: "/v1/admin/orgs/{id}/tokens/{scope}/rotate", summary: "Rotate a token", auth: "admin",
    description: "Issues a new token of the scope and revokes every older one of that scope at once. No body.",
    params: { id: OrgId, scope: api.TokenScopeSchema },
    responses: { 201: ["New token (shown once)", api.RotateTokenResponseSchema], ...errors(400, 401, 403, 404, 415, 429) },
  },
  {
    method: "delete", path: "/v1/admin/orgs/{id}/tokens/{scope}", summary: "Revoke tokens", auth: "admin",
    description: "Revokes every live token of the scope.",
    params: { id: OrgId, scope: api.TokenScopeSchema },
    responses: { 200: ["Revoked", api.RevokeTokensResponseSchema], ...errors(400, 401, 403, 404, 429) },
  },
  {
    method: "get", path: "/v1/org", summary: "This token's organisation", auth: "submit, read or report",
    description: "Who the token belongs to, its scope, how many vacancies are held and in which financial years (newest first), and the threshold it publishes at. For a report token: the published (complete) years only and no vacancy count.",
    responses: { 200: ["Organisation", api.OrgInfoResponseSchema], ...errors(401, 403, 429) },
  },
  {
    method: "get", path: "/v1/orgs/{id}", summary: "An organisation (own only)", auth: "submit, read or report",
    description: "As /v1/org when {id} is the token's organisation; 403 for any other organisation.",
    params: { id: z.string() },
    responses: { 200: ["Organisation", api.OrgInfoResponseSchema], ...errors(401, 403, 429) },
  },
  {
    method: "put", path: "/v1/org/publication", summary: "Set the publication threshold", auth: "read",
    description: "The threshold the organisation publishes at: 5 (counts 1-4 withheld) or 8 (1-7, NHS practice). The publication tables use it, and the own audience's smallNumbers flag.",
    body: api.PublicationSettingsSchema,
    example: { threshold: 8 },
    responses: { 200: ["Set", api.PublicationSettingsSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "post", path: "/v1/outcomes", summary: "Submit one vacancy's outcome", auth: "submit",
    description: "Anonymised counts for one vacancy. Re-posting a vacancyKey replaces the earlier record (200); a new key gives 201. Never double counts, also for concurrent duplicates.",
    body: api.OutcomeSubmissionSchema,
    example: EXAMPLE_OUTCOME,
    responses: {
      201: ["Created", api.OutcomeWriteResultSchema],
      200: ["Replaced an earlier record", api.OutcomeWriteResultSchema],
      ...errors(400, 401, 403, 413, 415, 429),
    },
  },
  {
    method: "post", path: "/v1/outcomes/batch", summary: "Submit up to 500 outcomes atomically", auth: "submit",
    description: `All or nothing: if any record is invalid nothing is stored (issues[].path names it, e.g. outcomes.17.band). Keys must be unique within a batch. Body up to 512 KiB, at most ${api.MAX_BATCH} outcomes.`,
    body: api.OutcomeBatchSchema,
    example: { outcomes: [EXAMPLE_OUTCOME] },
    responses: { 200: ["Stored", api.OutcomeBatchResultSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "get", path: "/v1/outcomes/{vacancyKey}", summary: "One vacancy's record, as stored", auth: "submit or read",
    description: "With a read token, what the organisation stored for one vacancy, exactly: counts, band, staff group, closing date, panel and scoring outcomes. With a submit token (held by every browser of the organisation), only that it is held: closing date, band, staff group, whether a panel check is joined, never the counts. Only the organisation that stored it can read it.",
    params: { vacancyKey: api.VacancyKeySchema },
    responses: { 200: ["Held (read token: OutcomeMeta; submit token: OutcomeHeld)", z.union([api.OutcomeMetaSchema, api.OutcomeHeldSchema])], ...errors(400, 401, 403, 404, 429) },
  },
  {
    method: "delete", path: "/v1/outcomes/{vacancyKey}", summary: "Delete one vacancy's outcome", auth: "submit",
    description: "Removes the record and its counts from every figure.",
    params: { vacancyKey: api.VacancyKeySchema },
    responses: { 200: ["Deleted", api.OutcomeDeletedSchema], ...errors(400, 401, 403, 404, 429) },
  },
  {
    method: "post", path: "/v1/vacancies/panel", summary: "Record a vacancy's panel check", auth: "submit",
    description: "Sent by the chair's browser when the panel check is recorded: whether the panel rule applied, whether it was met, which rules failed (rule ids). Joined with the counts (from any browser, before or after) on the vacancyKey. The latest recordedAt wins: an older recording arriving late is ignored (200, superseded); the same one again changes nothing (200, unchanged).",
    body: api.PanelFactSchema,
    example: { vacancyKey: EXAMPLE_OUTCOME.vacancyKey, recordedAt: "2025-01-20T10:15:00Z", panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] } },
    responses: { 201: ["Created", api.FactWriteResultSchema], 200: ["Replaced, unchanged or superseded", api.FactWriteResultSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "post", path: "/v1/vacancies/scoring", summary: "Record that structured scoring was used", auth: "submit",
    description: "Sent by a shortlister's or panellist's browser: structured scoring was used at this stage, and whether every applicant (or candidate) was scored. Only ever goes from unknown to yes, so reports from several browsers combine in any order.",
    body: api.ScoringFactSchema,
    example: { vacancyKey: EXAMPLE_OUTCOME.vacancyKey, stage: "interview", completed: true },
    responses: { 201: ["Created", api.FactWriteResultSchema], 200: ["Completed now, or unchanged", api.FactWriteResultSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "post", path: "/v1/vacancies/guaranteed-interview", summary: "Record a vacancy's guaranteed-interview counts", auth: "submit",
    description: "Sent by the shortlisting overlay as its decisions change: of applicants under the Disability Confident guaranteed-interview scheme who meet every essential criterion (`eligible`), how many were shortlisted for interview (`interviewed`). Two counts, never who. The latest recordedAt wins, as for the panel check. Served beside WDES metric 2 (`guaranteedInterview` on /v1/indicators/wdes2) for vacancies whose outcome is in the period.",
    body: api.GuaranteedInterviewFactSchema,
    example: { vacancyKey: EXAMPLE_OUTCOME.vacancyKey, recordedAt: "2025-01-14T16:40:00Z", counts: { eligible: 3, interviewed: 3 } },
    responses: { 201: ["Created", api.FactWriteResultSchema], 200: ["Replaced, unchanged or superseded", api.FactWriteResultSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "get", path: "/v1/vacancies/{vacancyKey}", summary: "One vacancy, joined", auth: "read",
    description: "Everything held about one vacancy: its counts (once HR has sent them), its panel check and its structured-scoring facts, whichever browsers sent them. For the organisation's own analysts (read token), who own the counts.",
    params: { vacancyKey: api.VacancyKeySchema },
    responses: { 200: ["Vacancy", api.VacancyViewSchema], ...errors(400, 401, 403, 404, 429) },
  },
  {
    method: "post", path: "/v1/sync/{vacancyKey}/{itemKey}/entries", summary: "Submit an encrypted panel or shortlisting entry", auth: "submit",
    description: "Opt-in panel sync. One assessor's scores and notes for one item (candidate), AES-GCM encrypted in the browser under a key derived from the organisation secret and the vacancy reference, which the server never holds. Revision 1 is the submission; it can never be replaced (409): a change is revision 2, 3..., which colleagues see. The first write binds assessorId to the SHA-256 of proof. Entries expire 90 days after closingDate (or after the submission when later). Body up to 64 KiB.",
    params: { vacancyKey: api.VacancyKeySchema, itemKey: api.SyncItemKeySchema },
    body: api.SyncEntryWriteSchema,
    responses: { 201: ["Stored", api.SyncWriteResultSchema], 200: ["The same submission again", api.SyncWriteResultSchema], ...errors(400, 401, 403, 409, 413, 415, 429) },
  },
  {
    method: "post", path: "/v1/sync/{vacancyKey}/{itemKey}/read", summary: "Colleagues' encrypted entries", auth: "submit",
    description: "Every entry (every revision) for the item, released only to an assessor who has submitted their own for it; 403 before that, and for an assessorId whose proof does not match.",
    params: { vacancyKey: api.VacancyKeySchema, itemKey: api.SyncItemKeySchema },
    body: api.SyncAssessorSchema,
    responses: { 200: ["Entries", api.SyncEntriesResponseSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "post", path: "/v1/sync/{vacancyKey}/guide", summary: "Publish the vacancy's encrypted review guide", auth: "submit",
    description: "Opt-in panel sync. The recruiting manager's review guide (what poor, partial, good and strong evidence looks like per criterion), AES-GCM encrypted in the browser under the same per-vacancy key as the entries, with its own additional data, so a score entry cannot pass for a guide. A kind of its own: its own table and a smaller limit (ciphertext up to 48,000 characters). The first publication binds the vacancy's guide to that assessorId (and its proof); only it can publish revision n+1, which replaces revision n (another browser: 409). Publishing a guide submits no entry, so it releases no colleague's scores. Expires as entries do.",
    params: { vacancyKey: api.VacancyKeySchema },
    body: api.SyncGuideWriteSchema,
    responses: { 201: ["Published", api.SyncGuideWriteResultSchema], 200: ["A later revision replaced the earlier one, or the same one again", api.SyncGuideWriteResultSchema], ...errors(400, 401, 403, 409, 413, 415, 429) },
  },
  {
    method: "get", path: "/v1/sync/{vacancyKey}/guide", summary: "The vacancy's encrypted review guide", auth: "submit",
    description: "The latest revision of the vacancy's review guide (ciphertext), or null. Any assessor of the organisation may read it before submitting anything: it is what they score against. It never holds a colleague's score entry; those stay behind POST /v1/sync/{vacancyKey}/{itemKey}/read.",
    params: { vacancyKey: api.VacancyKeySchema },
    responses: { 200: ["The guide, or null", api.SyncGuideResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "delete", path: "/v1/sync/{vacancyKey}", summary: "Delete a vacancy's sync entries and guide", auth: "submit",
    description: "The panel deletes every entry of the vacancy and its review guide (any assessor who has submitted for it or published its guide, with their proof).",
    params: { vacancyKey: api.VacancyKeySchema },
    body: api.SyncAssessorSchema,
    responses: { 200: ["Deleted", api.SyncDeletedSchema], ...errors(400, 401, 403, 413, 415, 429) },
  },
  {
    method: "get", path: "/v1/indicators/wres2", summary: "WRES indicator 2", auth: "read",
    description: "For the organisation's own analysts: relative likelihood of white vs BME shortlisted applicants being appointed, with exact counts, confidence interval, verdict (adverse impact only outside the four-fifths band with an interval excluding 1.00), shortfall and a smallNumbers flag where a group is small; nothing is withheld. Optional breakdown by band, staff group or year. Published tables: /v1/report/wres2.",
    query: api.Wres2QuerySchema as unknown as z.ZodObject,
    responses: { 200: ["Indicator", api.Wres2ResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/indicators/wdes2", summary: "WDES metric 2", auth: "read",
    description: "For the organisation's own analysts: relative likelihood of non-disabled vs Disabled shortlisted applicants being appointed (likelihood non-disabled / likelihood Disabled, as NHS England defines it: above 1.00 favours non-disabled applicants), with the same statistics as WRES indicator 2 (exact counts, interval, verdict, shortfall in Disabled appointments, smallNumbers flag). Not-declared applicants are counted beside the figure and left out of it. Only vacancies sent with disabilityCounts are counted (vacancies of vacanciesInPeriod): a vacancy without them is not recorded, never zero. Optional breakdown by band, staff group or year. Beside it, `guaranteedInterview`: of applicants under the Disability Confident scheme who met every essential criterion, the share invited to interview, with a Wilson interval (vacancies that sent guaranteed-interview counts only).",
    query: api.Wres2QuerySchema as unknown as z.ZodObject,
    responses: { 200: ["Indicator", api.Wdes2ResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/indicators/wres2/by-intervention", summary: "WRES indicator 2 by intervention", auth: "read",
    description: "WRES indicator 2 for vacancies where the panel rule was met, not met, not recorded or did not apply, and where structured scoring was used or not recorded, each with its interval; and the ratio between the two compared groups (met / not met; used / not recorded) with its interval (log scale, Katz standard errors in quadrature). Below 1: a smaller white/BME gap with the intervention. Small-cell and complementary suppression as for every figure; a ratio is withheld when either group is.",
    query: api.ExportQuerySchema as unknown as z.ZodObject,
    responses: { 200: ["By intervention", api.ByInterventionResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/indicators/wres2/benchmark", summary: "National benchmark (funnel plot)", auth: "read",
    description: "National crude and Mantel-Haenszel pooled figures, and anonymised points (relative likelihood, precision) for organisations with enough data, yours flagged, with 95% and 99.8% control limits.",
    query: api.BenchmarkQuerySchema,
    responses: { 200: ["Benchmark", api.BenchmarkResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/panels/compliance", summary: "Panel-rule compliance", auth: "read",
    description: "For vacancies where the panel rule applied: how often it was met, by band, and which rules fail most. Exact, for the organisation's own analysts.",
    query: api.ComplianceQuerySchema as unknown as z.ZodObject,
    responses: { 200: ["Compliance", api.ComplianceResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/export/wres2.csv", summary: "CSV for the WRES return", auth: "read",
    description: "The WRES indicator 2 return: one header row, then overall, each band and each staff group, with exact white, BME and not-stated shortlisted and appointed counts and the figure. small_numbers (last) is yes where a white or BME count is below the publication threshold.",
    query: api.ExportQuerySchema as unknown as z.ZodObject,
    responses: { 200: ["CSV file", "text/csv"], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/report/wres2", summary: "Publication tables", auth: "report or read",
    description: "For readers of published outputs: the fixed set of tables (each complete financial year; year by band group, 8b and above together; year by staff group; panel compliance with denominators), with small-cell and complementary suppression decided across the whole set at the organisation's threshold. No date ranges, no year to date; year only picks one year's rows out of the same protected set. Withheld rows carry no counts, figures or vacancies.",
    query: api.PublicationQuerySchema,
    responses: { 200: ["Tables", api.PublicationResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/report/wres2.csv", summary: "Publication tables as CSV", auth: "report or read",
    description: "The same tables as /v1/report/wres2, one row per entry (table = year, band, staffGroup or compliance); withheld rows blank with suppressed=yes.",
    query: api.PublicationQuerySchema,
    responses: { 200: ["CSV file", "text/csv"], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/export/wdes2.csv", summary: "CSV for the WDES return (metric 2)", auth: "read",
    description: "WDES metric 2 for the organisation's own analysts: overall, each band and each staff group, with exact Disabled, non-disabled and not-declared shortlisted and appointed counts, the figure (non-disabled / Disabled), vacancies that recorded disability beside vacancies_in_period, small_numbers; then one guaranteedInterview row (gi_eligible, gi_interviewed, gi_share, Wilson interval).",
    query: api.ExportQuerySchema as unknown as z.ZodObject,
    responses: { 200: ["CSV file", "text/csv"], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/report/wdes2", summary: "WDES metric 2 publication tables", auth: "report or read",
    description: "WDES metric 2's fixed set of tables (each complete financial year; by band group; by staff group), over the vacancies that recorded disability, protected as one set with the same small-cell and complementary suppression as /v1/report/wres2 (Disabled, non-disabled and not-declared counts), and the guaranteed-interview figure per complete year, withheld when its eligible, invited or not-invited count is between 1 and the threshold less one.",
    query: api.PublicationQuerySchema,
    responses: { 200: ["Tables", api.WdesPublicationResponseSchema], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/v1/report/wdes2.csv", summary: "WDES publication tables as CSV", auth: "report or read",
    description: "The same tables as /v1/report/wdes2, one row per entry (table = year, band, staffGroup or guaranteedInterview); withheld rows blank with suppressed=yes.",
    query: api.PublicationQuerySchema,
    responses: { 200: ["CSV file", "text/csv"], ...errors(400, 401, 403, 429) },
  },
  {
    method: "get", path: "/openapi.json", summary: "This document", auth: "none",
    description: "OpenAPI 3.1, generated from the zod schemas.", responses: { 200: ["OpenAPI", null] },
  },
  {
    method: "get", path: "/docs", summary: "Human-readable API docs", auth: "none",
    description: "Static HTML generated from the same table.", responses: { 200: ["HTML", "text/html"] },
  },
];

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return rest;
}

const SECURITY: Record<Auth, object[]> = {
  none: [],
  admin: [{ admin: [] }],
  submit: [{ submitToken: [] }],
  read: [{ readToken: [] }],
  "submit or read": [{ submitToken: [] }, { readToken: [] }],
  "submit, read or report": [{ submitToken: [] }, { readToken: [] }, { reportToken: [] }],
  "report or read": [{ reportToken: [] }, { readToken: [] }],
};

let cached: object | null = null;

export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...Object.entries(op.params ?? {}).map(([name, s]) => ({ name, in: "path", required: true, schema: jsonSchema(s, "input") })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: "query",
        required: !(s as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(s as z.ZodType, "input"),
      })),
    ];
    const responses = Object.fromEntries(
      Object.entries(op.responses).map(([status, [description, schema]]) => [
        status,
        schema === null
          ? { description }
          : typeof schema === "string"
            ? { description, content: { [schema]: { schema: { type: "string" } } } }
            : { description, content: { "application/json": { schema: jsonSchema(schema, "output") } } },
      ]),
    );
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: op.description,
      security: SECURITY[op.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: jsonSchema(op.body, "input"), ...(op.example ? { example: op.example } : {}) },
              },
            },
          }
        : {}),
      responses,
    };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "fair-shortlist API",
      version: "1.0.0",
      description:
        "Anonymised recruitment outcomes in, WRES indicator 2 out. Every error is {\"error\": {\"code\", \"message\", \"issues\"?}}. See docs/api.md.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        admin: { type: "http", scheme: "bearer", description: "The ADMIN_TOKEN Worker secret" },
        submitToken: { type: "http", scheme: "bearer", description: "An organisation's fs_submit_… token" },
        readToken: { type: "http", scheme: "bearer", description: "An organisation's fs_read_… token (its own analysts: exact counts)" },
        reportToken: { type: "http", scheme: "bearer", description: "An organisation's fs_report_… token (published tables only)" },
      },
      schemas: { ApiError: jsonSchema(api.ApiErrorSchema, "output") },
    },
    paths,
  };
  return cached;
}
