// The zod schema for site profiles (../siteProfile holds the types and pure helpers) and
// validateSiteProfile, whose errors name the field and say what is wrong in words.
import * as z from "zod";
import { parseMatchPattern } from "../matchPattern";
import { deepSelectorProblem } from "../deepSelector";
import {
  DECISION_READ_MODES,
  IDENTIFYING_FIELD_KINDS,
  PROFILE_ID_RE,
  SCREEN_KINDS,
  formatPath,
  looksLikeCssSelector,
  selectorsOf,
  type CriterionGroup,
  type DecisionControl,
  type Flag,
  type IdentifyingField,
  type ProfileError,
  type Screen,
  type SiteProfile,
  type ValidateOptions,
  type ValidateResult,
  type ValueSource,
} from "../siteProfile";

function regexError(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, "");
  }
}

const text = (what: string, max = 200) =>
  z.string({ error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`).max(max, `${what} is too long (at most ${max} characters)`);

export const SelectorSchema = z
  .string({ error: "must be a CSS selector written as text, e.g. \".applicant-name\"" })
  .trim()
  .min(1, "cannot be empty: give a CSS selector such as \".applicant-name\"")
  .max(500, "is too long for a CSS selector (at most 500 characters)")
  .superRefine((s, ctx) => {
    // Each part of a piercing selector (`ats-applicant-table >>> [role=row]`) is checked on its own.
    const problem = deepSelectorProblem(s, looksLikeCssSelector);
    if (problem) ctx.addIssue({ code: "custom", message: problem.endsWith("is not a valid CSS selector") ? `${problem} (check brackets, quotes and commas)` : problem });
  });

export const RegexSourceSchema = z
  .string({ error: "must be a regular expression written as text" })
  .min(1, "cannot be empty")
  .max(500, "is too long (at most 500 characters)")
  .superRefine((s, ctx) => {
    const err = regexError(s);
    if (err) ctx.addIssue({ code: "custom", message: `is not a valid regular expression: ${err}` });
  });

export const MatchPatternSchema = z.string({ error: "must be a match pattern written as text, e.g. \"https://jobs.example.nhs.uk/*\"" }).superRefine((s, ctx) => {
  const r = parseMatchPattern(s);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
});

const labels = (what: string) =>
  z.array(text(`each ${what} label`, 100), { error: `${what} must be a list of labels, e.g. ["Shortlisted"]` });
/** Host control values: "" is allowed (an empty drop-down option usually means "not decided"). */
const controlValues = (what: string) =>
  z.array(z.string({ error: `each ${what} value must be text` }).trim().max(100, `each ${what} value must be at most 100 characters`), { error: `${what} must be a list of values, e.g. ["Interview"]` });

/**
 * Where one value is read. Either from the page (`selector`, optionally an `attribute`
 * instead of the text) or from the address (`urlPattern`, first capture group). `pattern`
 * narrows the text read to its first capture group (or whole match). A plain string is
 * shorthand for `{ "selector": "..." }`.
 */
const ValueSourceObject = z
  .strictObject({
    selector: SelectorSchema.optional(),
    attribute: text("attribute", 100).optional(),
    urlPattern: RegexSourceSchema.optional(),
    pattern: RegexSourceSchema.optional(),
  })
  .refine((v) => (v.selector === undefined) !== (v.urlPattern === undefined), {
    error: "give exactly one of \"selector\" (read from the page) or \"urlPattern\" (read from the address)",
  });
export const ValueSourceSchema = z.preprocess((v) => (typeof v === "string" ? { selector: v } : v), ValueSourceObject satisfies z.ZodType<ValueSource>);

/**
 * A yes/no fact: true when `selector` finds an element (within the row or page) and, if
 * `pattern` is given, its text (or `attribute`) matches the pattern (case-insensitive).
 */
export const FlagSchema = z.preprocess(
  (v) => (typeof v === "string" ? { selector: v } : v),
  z.strictObject({
    selector: SelectorSchema,
    attribute: text("attribute", 100).optional(),
    pattern: RegexSourceSchema.optional(),
  }) satisfies z.ZodType<Flag>,
);

/** The host's own shortlisting decision control and how to read it. */
export const DecisionControlSchema = z
  .strictObject({
    /** The control: a <select>, a group of radio buttons (their container), or an element whose text shows the decision. */
    control: SelectorSchema,
    /** value: the control's value (select/input); checked: value of the checked radio inside; text: its text; attribute: `attribute`. */
    read: z.enum(DECISION_READ_MODES, { error: "read must be one of \"value\", \"checked\", \"text\", \"attribute\"" }).default("value"),
    attribute: text("attribute", 100).optional(),
    /** Host values (compared trimmed, case-insensitive) meaning each decision. */
    values: z.strictObject({
      shortlisted: controlValues("shortlisted").min(1, "list at least one host value that means shortlisted"),
      rejected: controlValues("rejected").min(1, "list at least one host value that means rejected"),
      undecided: controlValues("undecided").default([]),
    }),
  })
  .refine((d) => d.read !== "attribute" || d.attribute !== undefined, { error: "read is \"attribute\", so name the attribute", path: ["attribute"] }) satisfies z.ZodType<DecisionControl>;

/**
 * How to recognise a screen: `path` is a regular expression tested against the address after
 * the host (path + query + #fragment), `marker` a selector that must be on the page (content
 * that loads late is waited for).
 */
export const ScreenSchema = z.strictObject({
  path: RegexSourceSchema,
  marker: SelectorSchema.optional(),
  description: text("description", 300).optional(),
}) satisfies z.ZodType<Screen>;


export const IdentifyingFieldSchema = z.strictObject({
  field: z.enum(IDENTIFYING_FIELD_KINDS, { error: `field must be one of ${IDENTIFYING_FIELD_KINDS.join(", ")}` }),
  selector: SelectorSchema,
  /** The text is in this attribute (a tooltip, an aria-label): the element stays, the attribute's text is replaced. */
  attribute: text("attribute", 100).optional(),
  label: text("label", 100).optional(),
}) satisfies z.ZodType<IdentifyingField>;

export const CriterionGroupSchema = z
  .strictObject({
    /** Each element matched is one criterion. */
    item: SelectorSchema,
    /** Criterion text inside the item (default: the item's own text). */
    text: SelectorSchema.optional(),
    /** Fixed kind for every item of this group ... */
    kind: z.enum(["essential", "desirable"], { error: "kind must be \"essential\" or \"desirable\"" }).optional(),
    /** ... or read per item and mapped through labels. */
    kindFrom: z
      .strictObject({
        selector: SelectorSchema.optional(),
        attribute: text("attribute", 100).optional(),
        essential: labels("essential").min(1, "list at least one label meaning essential"),
        desirable: labels("desirable").min(1, "list at least one label meaning desirable"),
      })
      .refine((k) => k.selector !== undefined || k.attribute !== undefined, { error: "give a selector (inside the item) or an attribute to read the kind from" })
      .optional(),
    /** The host's own score control inside the item, filled from the user's scores once they confirm. */
    hostScore: z
      .strictObject({
        control: SelectorSchema,
        values: z.record(z.string().regex(/^-?\d{1,2}$/, "keys are score levels, e.g. \"2\""), z.string().max(100)).optional(),
      })
      .optional(),
  })
  .refine((g) => (g.kind === undefined) !== (g.kindFrom === undefined), { error: "give exactly one of \"kind\" (every item the same) or \"kindFrom\" (read per item)" }) satisfies z.ZodType<CriterionGroup>;

// ---------------------------------------------------------------------------------------------
// The profile


export const SiteProfileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string({ error: "id is required: a short name in lowercase letters, digits and dashes, e.g. \"jobtrain-nhs-scotland\"" }).regex(PROFILE_ID_RE, "must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit, e.g. \"jobtrain-nhs-scotland\""),
  name: text("name", 100),
  version: z.string({ error: "version is required, e.g. \"1.0.0\"" }).regex(/^\d+(\.\d+){0,2}$/, "must look like 1, 1.2 or 1.2.3"),
  description: text("description", 1000).optional(),
  /** Addresses of the system (Chrome match patterns). */
  matches: z.array(MatchPatternSchema, { error: "matches must be a list of match patterns, e.g. [\"https://jobs.example.nhs.uk/*\"]" }).min(1, "list at least one address pattern, e.g. \"https://jobs.example.nhs.uk/*\"").max(20, "at most 20 patterns"),
  screens: z
    .strictObject({
      shortlistingList: ScreenSchema.optional(),
      application: ScreenSchema.optional(),
      shortlistingDecision: ScreenSchema.optional(),
      interview: ScreenSchema.optional(),
      outcomeReport: ScreenSchema.optional(),
    }, { error: "screens must be an object with any of: " + SCREEN_KINDS.join(", ") })
    .refine((s) => Object.values(s).some(Boolean), { error: `describe at least one screen (${SCREEN_KINDS.join(", ")})` }),
  /** Facts about the vacancy, read on whichever screen shows them. */
  vacancy: z.strictObject({
    reference: ValueSourceSchema,
    jobTitle: ValueSourceSchema.optional(),
    band: ValueSourceSchema.optional(),
    staffGroup: ValueSourceSchema.optional(),
    /** Host labels meaning each staff group (trimmed, case-insensitive), e.g. {"clinical": ["Nursing and midwifery registered"]}. */
    staffGroupLabels: z.strictObject({ clinical: labels("clinical").default([]), nonClinical: labels("nonClinical").default([]) }).optional(),
    closingDate: ValueSourceSchema.optional(),
  }, { error: "vacancy is required: where the vacancy reference is (at least \"reference\")" }),
  /** Person-specification criteria, in one or more groups (e.g. an essential list and a desirable list). */
  criteria: z.array(CriterionGroupSchema, { error: "criteria must be a list of groups" }).default([]),
  /** The shortlisting list: one row per applicant. */
  applicants: z
    .strictObject({
      row: SelectorSchema,
      /** The applicant's reference within the row (never their name). */
      id: ValueSourceSchema,
      /** Where in the row to put the overlay's per-applicant badge (default: end of the row). */
      badgeAnchor: SelectorSchema.optional(),
      /** The host's decision control inside each row, if the list has one. */
      decision: DecisionControlSchema.optional(),
      guaranteedInterview: FlagSchema.optional(),
      /** The list's total when it shows some rows at a time ("300 applicants", aria-rowcount). */
      total: ValueSourceSchema.optional(),
    })
    .optional(),
  /** One applicant's application (and shortlisting decision) page. */
  application: z
    .strictObject({
      applicantId: ValueSourceSchema,
      /** The overlay panel is inserted after this element. */
      anchor: SelectorSchema,
    })
    .optional(),
  /** The host's decision control on the decision/application screen. */
  decision: DecisionControlSchema.optional(),
  /** Disability Confident guaranteed-interview flag on the application/decision screen. */
  guaranteedInterview: FlagSchema.optional(),
  /** Interview screens: the candidate being interviewed and where the overlay goes. */
  interview: z
    .strictObject({
      anchor: SelectorSchema,
      candidateId: ValueSourceSchema.optional(),
      /** Interview questions shown by the host, if any. */
      question: SelectorSchema.optional(),
    })
    .optional(),
  /** The interview panel as the host lists it. */
  panel: z
    .strictObject({
      row: SelectorSchema,
      /** A panel listed as text: what separates the members inside each row element (a regular expression, e.g. ",|;"). */
      split: RegexSourceSchema.optional(),
      /** When given, a row without a name is not counted as a member. */
      name: ValueSourceSchema.optional(),
      email: ValueSourceSchema.optional(),
      external: FlagSchema.optional(),
      /** E-mail domains of the trust: a member outside them counts as external. */
      internalEmailDomains: z.array(text("domain", 100)).default([]),
      /** Where the panel check is shown (default: after the panel list's parent). */
      anchor: SelectorSchema.optional(),
    })
    .optional(),
  /** Fields hidden by name-blind shortlisting (names, contact details, dates of birth, photos...). */
  identifyingFields: z.array(IdentifyingFieldSchema, { error: "identifyingFields must be a list of {\"field\", \"selector\"}" }).max(100, "at most 100 identifying fields").default([]),
  /** A report listing applicants' stage and ethnicity (outcome capture). */
  outcomeReport: z
    .strictObject({
      row: SelectorSchema,
      applicantId: ValueSourceSchema.optional(),
      stage: ValueSourceSchema,
      ethnicity: ValueSourceSchema,
      /** Where the report shows disability (WDES metric 2); without it WDES is "not recorded" for the vacancy. */
      disability: ValueSourceSchema.optional(),
      /** Host stage labels (trimmed, case-insensitive) meaning each outcome. */
      stageLabels: z.strictObject({
        shortlisted: labels("shortlisted").min(1, "list the stage labels that mean shortlisted (e.g. \"Interview\")"),
        appointed: labels("appointed").min(1, "list the stage labels that mean appointed (e.g. \"Offer accepted\")"),
        offerDeclined: labels("offerDeclined").default([]),
      }),
      anchor: SelectorSchema.optional(),
    })
    .optional(),
}) satisfies z.ZodType<SiteProfile>;
export type SiteProfileInput = z.input<typeof SiteProfileSchema>;

// ---------------------------------------------------------------------------------------------
// Validation with errors a person can act on

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}: check the spelling (field names are case-sensitive)`;
  }
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  if (issue.code === "invalid_type") return issue.message.startsWith("Invalid input") ? `must be ${issue.expected}` : issue.message;
  if (issue.code === "invalid_value" && issue.message.startsWith("Invalid option")) return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}


/**
 * Validates a profile (parsed JSON or a JSON string). Errors name the field path and say what
 * is wrong in words, so an HR analyst can fix the file.
 */
export function validateSiteProfile(json: unknown, opts: ValidateOptions = {}): ValidateResult {
  let input = json;
  if (typeof json === "string") {
    try {
      input = JSON.parse(json);
    } catch (e) {
      return { ok: false, errors: [{ path: "", message: `the file is not valid JSON: ${(e as Error).message}` }] };
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: "", message: "a site profile must be a JSON object ({ ... })" }] };
  }
  const result = SiteProfileSchema.safeParse(input);
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ path: formatPath(i.path), message: issueMessage(i) }));
    // One message per path is enough to act on.
    const seen = new Set<string>();
    return { ok: false, errors: errors.filter((e) => (seen.has(e.path + e.message) ? false : (seen.add(e.path + e.message), true))) };
  }
  if (opts.isValidSelector) {
    const errors: ProfileError[] = [];
    for (const { path, selector } of selectorsOf(result.data)) {
      const problem = deepSelectorProblem(selector, opts.isValidSelector);
      if (problem) errors.push({ path, message: problem });
    }
    if (errors.length) return { ok: false, errors };
  }
  return { ok: true, profile: result.data };
}

