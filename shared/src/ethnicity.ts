// Ethnic categories and the classification of printed labels. Pure (no zod): the overlay's content
// script imports it. The zod schemas for these ids are in ./schemas/ethnicity.

/**
 * NHS ethnic category codes and the labels recruitment systems print, mapped to the three
 * groups WRES indicator 2 uses.
 *
 * docs/domain.md ("WRES indicator 2"): white = A, B, C; BME = D-G (Mixed), H, J, K, L (Asian),
 * M, N, P (Black), R (Chinese), S (any other ethnic group); Z (not stated), 99 (not known)
 * and blank = not stated. Not-stated applicants are excluded from the indicator, so a label we
 * cannot read must never be guessed into white or BME: it becomes notStated plus a warning.
 */

export const ETHNIC_GROUPS = ["white", "bme", "notStated"] as const;

export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
export type EthnicCategoryCode = (typeof ETHNIC_CATEGORY_CODES)[number];

export const ETHNIC_CATEGORY_CODES = [
  "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99",
] as const;

export interface EthnicCategory {
  readonly code: EthnicCategoryCode;
  /** The NHS Data Dictionary wording (2001 census categories). */
  readonly label: string;
  readonly group: EthnicGroup;
}

/** The NHS ethnic category table, as data. Order follows the code list. */
export const ETHNIC_CATEGORIES: readonly EthnicCategory[] = [
  { code: "A", label: "White - British", group: "white" },
  { code: "B", label: "White - Irish", group: "white" },
  { code: "C", label: "White - Any other White background", group: "white" },
  { code: "D", label: "Mixed - White and Black Caribbean", group: "bme" },
  { code: "E", label: "Mixed - White and Black African", group: "bme" },
  { code: "F", label: "Mixed - White and Asian", group: "bme" },
  { code: "G", label: "Mixed - Any other mixed background", group: "bme" },
  { code: "H", label: "Asian or Asian British - Indian", group: "bme" },
  { code: "J", label: "Asian or Asian British - Pakistani", group: "bme" },
  { code: "K", label: "Asian or Asian British - Bangladeshi", group: "bme" },
  { code: "L", label: "Asian or Asian British - Any other Asian background", group: "bme" },
  { code: "M", label: "Black or Black British - Caribbean", group: "bme" },
  { code: "N", label: "Black or Black British - African", group: "bme" },
  { code: "P", label: "Black or Black British - Any other Black background", group: "bme" },
  { code: "R", label: "Other Ethnic Groups - Chinese", group: "bme" },
  { code: "S", label: "Other Ethnic Groups - Any other ethnic group", group: "bme" },
  { code: "Z", label: "Not stated", group: "notStated" },
  { code: "99", label: "Not known", group: "notStated" },
];

const CATEGORY_BY_CODE: ReadonlyMap<string, EthnicCategory> = new Map(
  ETHNIC_CATEGORIES.map((c) => [c.code, c]),
);

export function ethnicGroupOfCode(code: EthnicCategoryCode): EthnicGroup {
  return CATEGORY_BY_CODE.get(code)!.group;
}

export interface EthnicityClassification {
  readonly group: EthnicGroup;
  /** The NHS code when the label pins one down; null for e.g. plain "White" or "Asian". */
  readonly code: EthnicCategoryCode | null;
  /** Set when the input could not be read with confidence; show it to the user. */
  readonly warning?: string;
}

type Family = "white" | "mixed" | "asian" | "black" | "other";

/**
 * Group headings as systems print them (2001 and 2021 census wordings), normalised.
 * Longest first, so "asian or asian british" wins over "asian".
 */
const HEADINGS: ReadonlyArray<readonly [string, Family]> = (
  [
    ["white", "white"],
    ["mixed or multiple ethnic groups", "mixed"],
    ["mixed or multiple ethnic group", "mixed"],
    ["mixed multiple ethnic groups", "mixed"],
    ["mixed multiple ethnic group", "mixed"],
    ["mixed or multiple", "mixed"],
    ["mixed multiple", "mixed"],
    ["mixed", "mixed"],
    // The 2021 census for England and Wales names Welsh identities in the headings.
    ["asian asian british or asian welsh", "asian"],
    ["asian asian british asian welsh", "asian"],
    ["asian or asian british", "asian"],
    ["asian asian british", "asian"],
    ["asian british", "asian"],
    ["asian", "asian"],
    ["black black british black welsh caribbean or african", "black"],
    ["black black british black welsh caribbean african", "black"],
    ["black or black british", "black"],
    ["black black british caribbean or african", "black"],
    ["black african caribbean or black british", "black"],
    ["black african caribbean black british", "black"],
    ["black black british", "black"],
    ["black british", "black"],
    ["black", "black"],
    ["other ethnic groups", "other"],
    ["other ethnic group", "other"],
    ["other ethnic background", "other"],
    // "Other - Any other ethnic group", "Other: Arab": only with a detail (a bare "Other" says no group).
    ["other", "other"],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** Detail wordings after the heading, per family. */
const DETAILS: Readonly<Record<Family, Readonly<Record<string, EthnicCategoryCode>>>> = {
  white: {
    british: "A",
    english: "A",
    welsh: "A",
    scottish: "A",
    "northern irish": "A",
    "english welsh scottish northern irish or british": "A",
    "english welsh scottish northern irish british": "A",
    "english welsh scottish or northern irish": "A",
    irish: "B",
    "any other white background": "C",
    "any other white": "C",
    "other white background": "C",
    "other white": "C",
    "any other background": "C",
    other: "C",
    "gypsy or irish traveller": "C",
    "gypsy irish traveller": "C",
    "irish traveller": "C",
    gypsy: "C",
    roma: "C",
  },
  mixed: {
    "white and black caribbean": "D",
    "white black caribbean": "D",
    "white and black african": "E",
    "white black african": "E",
    "white and asian": "F",
    "white asian": "F",
    "any other mixed background": "G",
    "any other mixed multiple ethnic background": "G",
    "any other mixed or multiple ethnic background": "G",
    "any other mixed": "G",
    "other mixed background": "G",
    "other mixed": "G",
    "any other background": "G",
    other: "G",
  },
  asian: {
    indian: "H",
    pakistani: "J",
    bangladeshi: "K",
    // The 2021 census moved Chinese under Asian; the NHS code stays R.
    chinese: "R",
    "any other asian background": "L",
    "any other asian": "L",
    "other asian background": "L",
    "other asian": "L",
    "any other background": "L",
    other: "L",
  },
  black: {
    caribbean: "M",
    african: "N",
    "any other black background": "P",
    "any other black african or caribbean background": "P",
    "any other black british or caribbean background": "P",
    // The 2021 census wording: "Any other Black, Black British, or Caribbean background".
    "any other black black british or caribbean background": "P",
    "any other black black british caribbean background": "P",
    "any other black": "P",
    "other black background": "P",
    "other black": "P",
    "any other background": "P",
    other: "P",
  },
  other: {
    chinese: "R",
    arab: "S",
    "any other ethnic group": "S",
    "any other ethnic background": "S",
    "any other": "S",
    other: "S",
  },
};

/** Labels that name a category on their own, without a heading. */
const STANDALONE: Readonly<Record<string, EthnicCategoryCode>> = {
  chinese: "R",
  arab: "S",
  "any other ethnic group": "S",
  "any other ethnic background": "S",
  "other ethnic group": "S",
  "other ethnic groups": "S",
  indian: "H",
  pakistani: "J",
  bangladeshi: "K",
  caribbean: "M",
  african: "N",
  irish: "B",
  "gypsy or irish traveller": "C",
  "white and black caribbean": "D",
  "white and black african": "E",
  "white and asian": "F",
  "any other white background": "C",
  "any other mixed background": "G",
  "any other mixed multiple ethnic background": "G",
  "any other mixed or multiple ethnic background": "G",
  "any other asian background": "L",
  "any other black background": "P",
  "any other black african or caribbean background": "P",
  "any other black african caribbean background": "P",
  "any other black black british or caribbean background": "P",
};

/** Ways people decline or systems record "not stated" (code Z). Matched as phrases. */
const NOT_STATED_PATTERN =
  /\b(prefer not|rather not|not (?:wish|want) to|do not wish|don t wish|dont wish|decline[ds]?|declined to|not stated|not disclosed|not specified|not given|withheld|undisclosed|not provided|no answer|not answered|refused|information refused)\b/;
/** "Not known" is code 99: the system, not the applicant, lacks the answer. */
const NOT_KNOWN_PATTERN = /^(?:not known|unknown|missing|n a|na)$/;

const CODE_ONLY = /^\s*([A-HJ-NPRSZ]|99)\s*$/i;
/** "A - White British", "(A) White British", "A: White - British". */
const LEADING_CODE = /^\s*\(?\s*([A-HJ-NPRSZ]|99)\s*(?:\)|[-–—:.])\s*(.+)$/i;
/** "A White - British", "Z Not Stated": ESR's code, a space, then the label; taken only when the two agree. */
const SPACED_CODE = /^\s*([A-HJ-NPRSZ]|99)\s+(\S.*)$/i;
/** "White - British (A)", "White British [A]". */
const TRAILING_CODE = /^(.+?)\s*[([]\s*([A-HJ-NPRSZ]|99)\s*[)\]]\s*$/i;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function fromCode(code: EthnicCategoryCode): EthnicityClassification {
  return { group: ethnicGroupOfCode(code), code };
}

function unrecognised(input: string): EthnicityClassification {
  return {
    group: "notStated",
    code: null,
    warning: `Ethnicity "${input.trim()}" was not recognised, so it is counted as not stated. Map it to an NHS ethnic category (A-S, Z, 99).`,
  };
}

const FAMILY_GROUP: Readonly<Record<Family, EthnicGroup>> = {
  white: "white",
  mixed: "bme",
  asian: "bme",
  black: "bme",
  other: "bme",
};

/** Classify a label with no code attached. */
function classifyLabel(input: string): EthnicityClassification {
  const text = normalise(input);
  if (text === "") return { group: "notStated", code: null };
  if (NOT_STATED_PATTERN.test(text)) return fromCode("Z");
  if (NOT_KNOWN_PATTERN.test(text)) return fromCode("99");

  const standalone = STANDALONE[text];
  if (standalone) return fromCode(standalone);

  for (const [heading, headingFamily] of HEADINGS) {
    if (text !== heading && !text.startsWith(`${heading} `)) continue;
    let family: Family = headingFamily;
    let detail = text.slice(heading.length).trim();
    // "White and Black Caribbean" starts like a White label but is Mixed.
    if (family === "white" && detail.startsWith("and ")) {
      family = "mixed";
      detail = `white ${detail}`;
    }
    if (detail === "" && heading === "other") break;
    if (detail === "") {
      // A heading alone fixes the group but not the code.
      return { group: FAMILY_GROUP[family], code: null };
    }
    const code = DETAILS[family][detail];
    if (code) return fromCode(code);
    // The heading is unambiguous about the group, so we keep it, but say so: the detail
    // may hide a data-entry problem worth fixing at source.
    return {
      group: FAMILY_GROUP[family],
      code: null,
      warning: `Ethnicity "${input.trim()}" was read as ${FAMILY_GROUP[family] === "white" ? "white" : "BME"} from its heading, but "${detail}" is not an NHS ethnic category.`,
    };
  }
  return unrecognised(input);
}

/**
 * Classify an NHS ethnic category code ("A", "99") or a label as a recruitment system prints
 * it ("White - British", "White: British", "Asian or Asian British - Indian", "Prefer not to
 * say", blank). Case, punctuation and dashes are ignored.
 *
 * Blank means not stated, without a warning (docs/domain.md lists blank with Z and 99). A label that
 * carries a code ("A - White British") is checked against it; if they disagree the result is
 * notStated with a warning, because either reading could be the error.
 */
export function classifyEthnicity(labelOrCode: string): EthnicityClassification {
  const codeOnly = CODE_ONLY.exec(labelOrCode);
  if (codeOnly) return fromCode(codeOnly[1]!.toUpperCase() as EthnicCategoryCode);

  const leading = LEADING_CODE.exec(labelOrCode);
  const trailing = leading ? null : TRAILING_CODE.exec(labelOrCode);
  const withCode = leading
    ? { code: leading[1]!, label: leading[2]! }
    : trailing
      ? { code: trailing[2]!, label: trailing[1]! }
      : null;
  if (withCode) {
    const code = withCode.code.toUpperCase() as EthnicCategoryCode;
    const fromLabel = classifyLabel(withCode.label);
    const consistent =
      fromLabel.code === code ||
      (fromLabel.code === null && !fromLabel.warning && fromLabel.group === ethnicGroupOfCode(code));
    if (consistent) return fromCode(code);
    return {
      group: "notStated",
      code: null,
      warning: `Ethnicity "${labelOrCode.trim()}" gives code ${code} but a label that does not match it, so it is counted as not stated. Check the record.`,
    };
  }
  // Without a separator a leading letter could be part of the text, so it is a code only when
  // the label after it names that same category; otherwise the whole text is read as a label.
  const spaced = SPACED_CODE.exec(labelOrCode);
  if (spaced) {
    const code = spaced[1]!.toUpperCase() as EthnicCategoryCode;
    const fromLabel = classifyLabel(spaced[2]!);
    if (fromLabel.code === code || (fromLabel.code === null && !fromLabel.warning && fromLabel.group !== "notStated" && fromLabel.group === ethnicGroupOfCode(code))) return fromCode(code);
  }
  return classifyLabel(labelOrCode);
}
