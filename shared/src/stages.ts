/**
 * How far an applicant got, in the words recruitment systems' reports print, and what each
 * means for WRES indicator 2 and WDES metric 2 (docs/domain.md). The one definition: the
 * dashboard importer and the extension's outcome capture both read stage text through
 * `classifyStage`, and a unit test fails if a built-in site profile's `stageLabels` disagree.
 *
 * Zod-free: the overlay's content script imports it.
 */
import type { WresOutcome } from "./outcomeCounts";
import { normaliseWording, wordingIndex } from "./vocabularyText";

export const STAGE_OUTCOMES = ["notShortlisted", "shortlisted", "appointed", "offerDeclined", "withdrawn"] as const;
/**
 * - notShortlisted: never shortlisted (applied, rejected at sift or shortlisting);
 * - shortlisted: shortlisted or interviewed, not appointed (an offer still open counts here);
 * - appointed: offer accepted, in pre-employment checks, started;
 * - offerDeclined: offered the job and turned it down;
 * - withdrawn: the applicant withdrew and the report does not say at which stage.
 */
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

export const STAGE_OUTCOME_LABELS: Readonly<Record<StageOutcome, string>> = {
  notShortlisted: "not shortlisted",
  shortlisted: "shortlisted, not appointed",
  appointed: "appointed",
  offerDeclined: "offer declined",
  withdrawn: "withdrawn",
};

/**
 * How each outcome counts (shared/src/outcomeCounts.ts adds them up). A plain "Withdrawn" is left
 * out of both counts: the reports that print it do not say whether the applicant had been
 * shortlisted, and counting them as shortlisted would lower every group's likelihood by a guess.
 * Wordings that do say ("Withdrawn after interview") are in the shortlisted lists below.
 */
export const WRES_OUTCOME_OF_STAGE: Readonly<Record<StageOutcome, WresOutcome>> = {
  notShortlisted: "notCounted",
  shortlisted: "shortlisted",
  appointed: "appointed",
  offerDeclined: "offerDeclined",
  withdrawn: "notCounted",
};

export const RECRUITMENT_SYSTEMS = ["nhsJobs", "trac", "stonefish", "jobtrain", "oleeo"] as const;
export type RecruitmentSystem = (typeof RECRUITMENT_SYSTEMS)[number];

export const RECRUITMENT_SYSTEM_NAMES: Readonly<Record<RecruitmentSystem, string>> = {
  nhsJobs: "NHS Jobs",
  trac: "TRAC",
  stonefish: "Stonefish",
  jobtrain: "Jobtrain",
  oleeo: "Oleeo",
};

type Wording = Readonly<Record<StageOutcome, readonly string[]>>;

/**
 * Applicant-status wording in each system's applicant and equality-monitoring reports. A word
 * may appear under several systems, but always with the same meaning (a unit test checks).
 */
export const STAGE_WORDING: Readonly<Record<RecruitmentSystem, Wording>> = {
  nhsJobs: {
    notShortlisted: ["Application Submitted", "Application Received", "Not Shortlisted", "Rejected at Shortlisting", "Unsuccessful at Shortlisting", "Not Progressed", "Withdrawn before shortlisting"],
    shortlisted: ["Shortlisted", "Invited to Interview", "Interview", "Interviewed", "Interviewed - not appointed", "Not Appointed", "Unsuccessful at Interview", "Offer Made", "Conditional Offer", "Offer Withdrawn", "Withdrawn after interview", "Withdrawn after shortlisting"],
    appointed: ["Appointed", "Offer Accepted", "Conditional Offer Accepted", "Pre-employment Checks", "Pre-employment Checks Complete", "Unconditional Offer", "Start Date Confirmed"],
    offerDeclined: ["Offer Declined", "Offer Rejected by Applicant"],
    withdrawn: ["Withdrawn", "Application Withdrawn"],
  },
  trac: {
    notShortlisted: ["Longlisting", "Longlisted", "Shortlisting: Evaluate", "Rejected", "Rejected at sift", "Rejected at Shortlisting", "Rejected at Longlisting", "Not Shortlisted"],
    shortlisted: ["Shortlisting: Shortlist", "Interview", "Interview: Reserve", "Rejected at Interview", "Offer Pending", "Offer reserve list", "Conditional Offer", "Withdrawn at interview"],
    appointed: ["Appointed", "Offer accepted", "Pre-Employment Checks", "Unconditional Offer", "Contract Issued"],
    offerDeclined: ["Offer declined", "Offer Declined by Candidate"],
    withdrawn: ["Withdrawn", "Candidate Withdrawn"],
  },
  stonefish: {
    notShortlisted: ["Application Received", "Not Shortlisted", "Unsuccessful Shortlisting", "Rejected at Shortlisting"],
    shortlisted: ["Shortlisted", "Interviewed", "Unsuccessful Post Interview", "Interview Reserve", "Offered"],
    appointed: ["Appointed", "Offer Accepted", "New Starter"],
    offerDeclined: ["Offer Declined"],
    withdrawn: ["Withdrawn", "Applicant Withdrawn"],
  },
  jobtrain: {
    notShortlisted: ["New Application", "Application Rejected", "Sifted - Unsuccessful", "Sift Unsuccessful", "Rejected at sift", "Not Shortlisted"],
    shortlisted: ["Shortlisted", "Shortlisted for interview", "Invite to Interview", "Interview Booked", "Interviewed", "Interviewed - Unsuccessful", "Verbal Offer"],
    appointed: ["Offer Accepted", "Hired", "Appointed", "Pre-employment Checks"],
    offerDeclined: ["Offer Declined", "Candidate Declined Offer"],
    withdrawn: ["Withdrawn", "Candidate Withdrew"],
  },
  oleeo: {
    notShortlisted: ["Applied", "Rejected - Sift", "Rejected at sift", "Sift Rejected", "Not Progressed", "Not Shortlisted"],
    shortlisted: ["Passed Sift", "Invited to Interview", "Interview - Unsuccessful", "Interview Attended", "Conditional Offer Made"],
    appointed: ["Offer Accepted", "Hired", "Appointed"],
    offerDeclined: ["Offer Declined"],
    withdrawn: ["Withdrawn", "Withdrawn by Candidate"],
  },
};

/** Words a trust adds for its own system: a site profile's stageLabels, an analyst's choices in the importer. */
export type StageWords = Partial<Record<StageOutcome, readonly string[]>>;

export interface StageReading {
  readonly outcome: StageOutcome;
  /**
   * trust: the trust's own words; vocabulary: a wording listed above; pattern: read from the
   * shape of free text ("Rejected at sift - criteria not met"), shown to the user as a guess to confirm.
   */
  readonly source: "trust" | "vocabulary" | "pattern";
}

const VOCABULARY_INDEX = wordingIndex(
  RECRUITMENT_SYSTEMS.flatMap((system) => STAGE_OUTCOMES.flatMap((outcome) => STAGE_WORDING[system][outcome].map((w) => [w, outcome] as const))),
);

/** Free-text shapes, checked in order: the first match decides. Tested on normalised text. */
const STAGE_PATTERNS: ReadonlyArray<readonly [RegExp, StageOutcome]> = [
  [/\b(offer|job) (declined|refused|rejected by (the )?(applicant|candidate))\b|\bdeclined (the )?offer\b|\bturned down\b/, "offerDeclined"],
  [/\bwithdr[a-z]* (before|at|during) (application|longlist|shortlist|sift)/, "notShortlisted"],
  [/\bwithdr[a-z]* (after|at|during|post) (shortlist|interview|offer)/, "shortlisted"],
  [/\bwithdr(awn|ew)\b/, "withdrawn"],
  [/\b(not shortlisted|not (selected|invited|shortlisted) (for|to) (interview|shortlist|assessment)|rejected (at|after) (application|longlist|longlisting|shortlist|shortlisting|sift|screening)|unsuccessful (at )?(application|shortlisting|sift|screening)|(sift|sifting|screening|shortlisting) (unsuccessful|rejected|failed)|longlist(ed|ing)?|sifted out|not progressed|ineligible)\b/, "notShortlisted"],
  // Interviewed but not appointed: must win over the word "appointed" below.
  [/\bnot (appointed|selected|offered|successful|hired)\b|\b(unsuccessful|rejected) (at|after|post) interview\b/, "shortlisted"],
  [/\b(appointed|hired|started|offer accepted|accepted offer|unconditional offer|contract issued|pre employment checks|new starter|start date (confirmed|agreed|set))\b/, "appointed"],
  [/\b(shortlisted|interview(ed|ing)?|reserve|offer pending|offered|offer made)\b/, "shortlisted"],
  [/^(rejected|unsuccessful)\b|\bapplication (received|submitted)\b/, "notShortlisted"],
];

/**
 * Reads a stage cell or page text. The trust's words win, then the systems' wording above, then
 * (when `patterns` is on, as in the importer, which shows such readings for confirmation) the
 * free-text shapes. Null when nothing fits: the caller asks the user, never guesses silently.
 */
export function classifyStage(text: string | null | undefined, trustWords?: StageWords, opts: { patterns?: boolean } = {}): StageReading | null {
  const key = normaliseWording(text ?? "");
  if (!key) return null;
  if (trustWords) {
    // Declined first: a trust may list "Offer declined" among its post-interview stages too.
    for (const outcome of ["offerDeclined", "appointed", "shortlisted", "withdrawn", "notShortlisted"] as const) {
      if (trustWords[outcome]?.some((w) => normaliseWording(w) === key)) return { outcome, source: "trust" };
    }
  }
  // Some systems number their statuses by step: "7 - Offer Accepted", "Stage 2 - Shortlisted".
  const known = VOCABULARY_INDEX.get(key) ?? VOCABULARY_INDEX.get(key.replace(/^(?:stage |step )?\d{1,2} /, ""));
  if (known) return { outcome: known, source: "vocabulary" };
  if (opts.patterns) {
    for (const [pattern, outcome] of STAGE_PATTERNS) if (pattern.test(key)) return { outcome, source: "pattern" };
  }
  return null;
}

/** Every wording the vocabulary lists for an outcome, across systems, without repeats. */
export function stageWordingFor(outcome: StageOutcome): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const system of RECRUITMENT_SYSTEMS) {
    for (const w of STAGE_WORDING[system][outcome]) {
      const k = normaliseWording(w);
      if (!seen.has(k)) (seen.add(k), out.push(w));
    }
  }
  return out;
}
