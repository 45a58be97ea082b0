/**
 * Site profiles: everything the overlay knows about a host recruitment system, as data.
 *
 * A profile says which addresses belong to the system (Chrome match patterns), how to tell
 * its screens apart (address + an optional page marker), and where each field sits on the
 * page (CSS selectors). Features read pages only through a profile, never with selectors of
 * their own. A trust using a system we do not ship can write one and import it in the options
 * page; docs/site-profiles.md explains every field for an HR analyst.
 *
 * Pure (no zod, no DOM): the types, screen kinds, decisions and helpers the content script needs.
 * The zod schema and validateSiteProfile (errors an analyst can act on) are in ./schemas/siteProfile.
 */

import { walkUnquoted } from "./deepSelector";

export const DECISIONS = ["shortlisted", "rejected", "undecided"] as const;
export type HostDecision = (typeof DECISIONS)[number];

export const SCREEN_KINDS = ["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"] as const;
export type ScreenKind = (typeof SCREEN_KINDS)[number];

/** Trimmed, case-insensitive label lookup used for decision values, stage labels and kinds. */
export function labelIn(value: string, list: readonly string[]): boolean {
  const v = value.trim().toLowerCase();
  return list.some((l) => l.trim().toLowerCase() === v);
}

export function decisionOf(value: string, control: DecisionControl): HostDecision | null {
  if (labelIn(value, control.values.shortlisted)) return "shortlisted";
  if (labelIn(value, control.values.rejected)) return "rejected";
  if (labelIn(value, control.values.undecided) || value.trim() === "") return "undecided";
  return null;
}

/**
 * Where one value is read. Either from the page (`selector`, optionally an `attribute`
 * instead of the text) or from the address (`urlPattern`, first capture group). `pattern`
 * narrows the text read to its first capture group (or whole match). In a profile file a plain
 * string is shorthand for `{ "selector": "..." }`.
 */
export interface ValueSource {
  selector?: string | undefined;
  attribute?: string | undefined;
  urlPattern?: string | undefined;
  pattern?: string | undefined;
}

/**
 * A yes/no fact: true when `selector` finds an element (within the row or page) and, if
 * `pattern` is given, its text (or `attribute`) matches the pattern (case-insensitive).
 */
export interface Flag {
  selector: string;
  attribute?: string | undefined;
  pattern?: string | undefined;
}

export const DECISION_READ_MODES = ["value", "checked", "text", "attribute"] as const;

/** The host's own shortlisting decision control and how to read it. */
export interface DecisionControl {
  /** The control: a <select>, a group of radio buttons (their container), or an element whose text shows the decision. */
  control: string;
  /** value: the control's value (select/input); checked: value of the checked radio inside; text: its text; attribute: `attribute`. */
  read: (typeof DECISION_READ_MODES)[number];
  attribute?: string | undefined;
  /** Host values (compared trimmed, case-insensitive) meaning each decision. */
  values: { shortlisted: string[]; rejected: string[]; undecided: string[] };
}

/**
 * How to recognise a screen: `path` is a regular expression tested against the address after
 * the host (path + query + #fragment), `marker` a selector that must be on the page (content
 * that loads late is waited for).
 */
export interface Screen {
  path: string;
  marker?: string | undefined;
  description?: string | undefined;
}

export const IDENTIFYING_FIELD_KINDS = ["name", "initials", "email", "phone", "address", "dateOfBirth", "photo", "age", "gender", "nationality", "other"] as const;
export type IdentifyingFieldKind = (typeof IDENTIFYING_FIELD_KINDS)[number];

export interface IdentifyingField {
  field: IdentifyingFieldKind;
  selector: string;
  /**
   * The identifying text is in this attribute of the element (a tooltip's `title`, an
   * `aria-label`), not in its content: the element stays visible and only the attribute's text is
   * replaced by the placeholder (everywhere on the page, like any identifying text).
   */
  attribute?: string | undefined;
  label?: string | undefined;
}

export interface CriterionGroup {
  /** Each element matched is one criterion. */
  item: string;
  /** Criterion text inside the item (default: the item's own text). */
  text?: string | undefined;
  /** Fixed kind for every item of this group ... */
  kind?: "essential" | "desirable" | undefined;
  /** ... or read per item and mapped through labels. */
  kindFrom?: { selector?: string | undefined; attribute?: string | undefined; essential: string[]; desirable: string[] } | undefined;
  /**
   * The host's own score control for this criterion, inside the item (Stonefish's 0-3 select):
   * the overlay fills it from the user's score once they confirm, so nobody scores twice.
   * `values` maps a level ("2") to the host's option value when they differ.
   */
  hostScore?: { control: string; values?: Record<string, string> | undefined } | undefined;
}

export const PROFILE_ID_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A validated site profile (defaults applied). */
export interface SiteProfile {
  $schema?: string | undefined;
  id: string;
  name: string;
  version: string;
  description?: string | undefined;
  /** Addresses of the system (Chrome match patterns). */
  matches: string[];
  screens: Partial<Record<ScreenKind, Screen>>;
  /** Facts about the vacancy, read on whichever screen shows them. */
  vacancy: {
    reference: ValueSource;
    jobTitle?: ValueSource | undefined;
    band?: ValueSource | undefined;
    staffGroup?: ValueSource | undefined;
    /** Host labels meaning each staff group (trimmed, case-insensitive). */
    staffGroupLabels?: { clinical: string[]; nonClinical: string[] } | undefined;
    closingDate?: ValueSource | undefined;
  };
  /** Person-specification criteria, in one or more groups. */
  criteria: CriterionGroup[];
  /** The shortlisting list: one row per applicant. */
  applicants?:
    | {
        row: string;
        /** The applicant's reference within the row (never their name). */
        id: ValueSource;
        /** Where in the row to put the overlay's per-applicant badge (default: end of the row). */
        badgeAnchor?: string | undefined;
        /** The host's decision control inside each row, if the list has one. */
        decision?: DecisionControl | undefined;
        guaranteedInterview?: Flag | undefined;
        /**
         * How many applicants the list has in all, when it shows only some at a time (a virtualised
         * or paged list): text such as "300 applicants" with `pattern`, or an attribute such as
         * `aria-rowcount`. The first whole number read is the total.
         */
        total?: ValueSource | undefined;
      }
    | undefined;
  /** One applicant's application (and shortlisting decision) page. */
  application?: { applicantId: ValueSource; anchor: string } | undefined;
  /** The host's decision control on the decision/application screen. */
  decision?: DecisionControl | undefined;
  /** Disability Confident guaranteed-interview flag on the application/decision screen. */
  guaranteedInterview?: Flag | undefined;
  /** Interview screens: the candidate being interviewed and where the overlay goes. */
  interview?: { anchor: string; candidateId?: ValueSource | undefined; question?: string | undefined } | undefined;
  /** The interview panel as the host lists it. */
  panel?:
    | {
        row: string;
        /**
         * When the host lists the panel as text ("Panel: Dr A Smith (Chair), B Jones, C Patel
         * (External)"): a regular expression separating the members inside each `row` element. Each
         * piece is then one member: `external.pattern` is tested against the piece, and its e-mail is
         * the first address in it.
         */
        split?: string | undefined;
        /** A member's name in the row: when given, rows without one (an empty "add member" row) are not counted. Read, never kept. */
        name?: ValueSource | undefined;
        email?: ValueSource | undefined;
        external?: Flag | undefined;
        /** E-mail domains of the trust: a member outside them counts as external. */
        internalEmailDomains: string[];
        anchor?: string | undefined;
      }
    | undefined;
  /** Fields hidden by name-blind shortlisting. */
  identifyingFields: IdentifyingField[];
  /** A report listing applicants' stage and ethnicity, and disability where shown (outcome capture). */
  outcomeReport?:
    | {
        row: string;
        applicantId?: ValueSource | undefined;
        stage: ValueSource;
        ethnicity: ValueSource;
        /**
         * The applicant's answer to the disability question, where the report shows it (WDES
         * metric 2). Optional: without it the vacancy's WDES counts are "not recorded".
         */
        disability?: ValueSource | undefined;
        stageLabels: { shortlisted: string[]; appointed: string[]; offerDeclined: string[] };
        anchor?: string | undefined;
      }
    | undefined;
}

/**
 * Heuristic CSS selector syntax check usable without a DOM: balanced brackets/quotes and no
 * characters that cannot start a selector. The browser check (querySelector) is authoritative.
 */
export function looksLikeCssSelector(selector: string): boolean {
  const s = selector.trim();
  if (!s || /^[>+~,]/.test(s) || /[>+~,]$/.test(s) || s.includes("{") || s.includes("}") || s.includes(";")) return false;
  const stack: string[] = [];
  const balanced = walkUnquoted(s, (c) => {
    if (c === "[" || c === "(") stack.push(c);
    else if (c === "]" && stack.pop() !== "[") return false;
    else if (c === ")" && stack.pop() !== "(") return false;
  });
  return balanced && stack.length === 0;
}

export interface ProfileError {
  /** Where, e.g. `screens.application.marker` or `identifyingFields[2].selector`; "" for the whole profile. */
  path: string;
  message: string;
}

export type ValidateResult = { ok: true; profile: SiteProfile } | { ok: false; errors: ProfileError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += (out ? "." : "") + String(p);
  }
  return out;
}

export interface ValidateOptions {
  /** Exact selector check (the extension passes one built on document.querySelector). */
  isValidSelector?: (selector: string) => boolean;
}

/** Every selector in a profile with its field path (for exact checks and diagnostics). */
export function selectorsOf(profile: SiteProfile): Array<{ path: string; selector: string }> {
  const out: Array<{ path: string; selector: string }> = [];
  const walk = (v: unknown, path: PropertyKey[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const isSelectorKey = ["selector", "marker", "row", "item", "text", "control", "anchor", "badgeAnchor", "question"].includes(k);
        if (isSelectorKey && typeof x === "string") out.push({ path: formatPath([...path, k]), selector: x });
        else walk(x, [...path, k]);
      }
    }
  };
  walk(profile, []);
  return out;
}

/** A selector list hiding every identifying field of the profile (for the name-blind stylesheet). */
export function identifyingSelectorList(profile: SiteProfile): string {
  return profile.identifyingFields.filter((f) => !f.attribute).map((f) => f.selector).join(",\n");
}

/** The first whole number in a value read for a count (e.g. "300 applicants", "1,204 in total", an aria-rowcount), or null. */
export function countInText(value: string | null | undefined): number | null {
  const m = value ? /\d[\d,]*/.exec(value) : null;
  if (!m) return null;
  const n = Number(m[0].replace(/,/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}
