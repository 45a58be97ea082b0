/**
 * Disability as equality-monitoring reports print it, for WDES metric 2 (docs/domain.md):
 * the likelihood of non-disabled applicants being appointed from shortlisting against that of
 * Disabled applicants, with applicants who did not declare left out of the ratio but counted,
 * because the not-declared share is shown beside the figure.
 *
 * Zod-free, like the other vocabulary modules.
 */
import { isCounted, type WresOutcome } from "./outcomeCounts";
import { normaliseWording, wordingIndex } from "./vocabularyText";

export const DISABILITY_GROUPS = ["disabled", "notDisabled", "notDeclared"] as const;
export type DisabilityGroup = (typeof DISABILITY_GROUPS)[number];

export const DISABILITY_GROUP_LABELS: Readonly<Record<DisabilityGroup, string>> = {
  disabled: "Disabled",
  notDisabled: "Non-disabled",
  notDeclared: "Not declared",
};

/** Answers to "Do you consider yourself to have a disability?" as NHS Jobs, TRAC, ESR and others print them. */
export const DISABILITY_WORDING: Readonly<Record<DisabilityGroup, readonly string[]>> = {
  disabled: ["Yes", "Y", "Disabled", "Disability", "Has a disability", "Yes - disabled", "Disabled person"],
  notDisabled: ["No", "N", "Non-disabled", "Not disabled", "No disability", "None", "No - not disabled"],
  notDeclared: ["Not declared", "Prefer not to say", "I do not wish to disclose this", "Do not wish to disclose", "Not disclosed", "Undisclosed", "Unspecified", "Not known", "Unknown", "Not stated", "Declined to answer"],
};

export type DisabilityWords = Partial<Record<DisabilityGroup, readonly string[]>>;

const INDEX = wordingIndex((Object.entries(DISABILITY_WORDING) as [DisabilityGroup, readonly string[]][]).flatMap(([g, words]) => words.map((w) => [w, g] as const)));

/**
 * Blank is not declared (no warning). Null for text the vocabulary does not know; the importer
 * counts such rows as not declared until the analyst says otherwise, and says so.
 */
export function classifyDisability(text: string | null | undefined, trustWords?: DisabilityWords): DisabilityGroup | null {
  const key = normaliseWording(text ?? "");
  if (!key) return "notDeclared";
  if (trustWords) {
    for (const g of DISABILITY_GROUPS) if (trustWords[g]?.some((w) => normaliseWording(w) === key)) return g;
  }
  return INDEX.get(key) ?? null;
}

/** Sentence-form answers, checked in order (declining first: "No answer" is not a no). Tested on normalised text. */
const DISABILITY_PATTERNS: ReadonlyArray<readonly [RegExp, DisabilityGroup]> = [
  [/\b(prefer not|rather not|not wish|do not wish|don t wish|dont wish|declined?|undeclared|not declared|not disclosed|refused|no answer|not answered|no response|not stated|don t know|do not know|not known|unknown)\b/, "notDeclared"],
  [/^yes\b/, "disabled"],
  [/^no\b/, "notDisabled"],
];

/**
 * An answer the wording list does not hold, read from its shape ("Yes, I have a disability",
 * "No - I do not have a disability", "I do not wish to disclose"): the importer shows such a
 * reading as a guess to confirm. Null when the text says none of these.
 */
export function readDisabilityWording(text: string | null | undefined): DisabilityGroup | null {
  const key = normaliseWording(text ?? "");
  if (!key) return "notDeclared";
  for (const [pattern, group] of DISABILITY_PATTERNS) if (pattern.test(key)) return group;
  return null;
}

export type DisabilityCounts = Record<DisabilityGroup, { shortlisted: number; appointed: number }>;

export function emptyDisabilityCounts(): DisabilityCounts {
  return { disabled: { shortlisted: 0, appointed: 0 }, notDisabled: { shortlisted: 0, appointed: 0 }, notDeclared: { shortlisted: 0, appointed: 0 } };
}

/** The same counting rule as WRES indicator 2 (shared/src/outcomeCounts.ts), by disability. */
export function addDisabilityApplicant(counts: DisabilityCounts, group: DisabilityGroup, outcome: WresOutcome): boolean {
  if (!isCounted(outcome)) return false;
  counts[group].shortlisted += 1;
  if (outcome === "appointed") counts[group].appointed += 1;
  return true;
}
