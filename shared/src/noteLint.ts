/**
 * Note lint: vague or biased wording in assessors' notes (docs/domain.md, users: "vague or biased
 * wording in notes flagged"). A note should record evidence against a criterion; words that
 * describe fit, feelings, age, accent or temperament are not evidence and, under the Equality
 * Act 2010, can point to a protected characteristic (age, race, sex, disability, religion,
 * pregnancy and maternity).
 *
 * The word list is data: add a rule to NOTE_LINT_RULES. Phrases are literal text, matched as
 * whole words and case-insensitively; a space or hyphen in a phrase matches any run of spaces
 * or hyphens, or none ("over qualified" also finds "overqualified" and "over-qualified"), and
 * an apostrophe is optional and may be curly ("didn't" finds "didnt" and "didn’t"). Where a
 * word has innocent uses in NHS notes ("young people's services", "emotional support",
 * "aggressive patients"), the rule adds `patterns`: regular-expression sources, written with
 * non-capturing groups, that carry their own exceptions.
 */

export const NOTE_LINT_CATEGORIES = [
  "vague",
  "affinity",
  "age",
  "race",
  "gender",
  "stereotype",
  "disability",
  "family",
  "religion",
  "appearance",
] as const;
export type NoteLintCategory = (typeof NOTE_LINT_CATEGORIES)[number];

/** "warning": likely irrelevant or biased; "info": often harmless, worth a second look. */
export type NoteLintSeverity = "warning" | "info";

export interface NoteLintRule {
  readonly id: string;
  readonly category: NoteLintCategory;
  readonly severity: NoteLintSeverity;
  /** Literal phrases (see the module comment for how they match). */
  readonly phrases?: readonly string[];
  /** Regular-expression sources for words with exceptions; non-capturing groups only. */
  readonly patterns?: readonly string[];
  readonly reason: string;
  readonly suggestion: string;
}

const CITE = "Cite what the applicant said or did, against a named criterion.";

export const NOTE_LINT_RULES: readonly NoteLintRule[] = [
  {
    id: "cultureFit",
    category: "affinity",
    severity: "warning",
    phrases: [
      "culture fit", "cultural fit", "fit the culture", "fits the culture", "fit our culture",
      "good fit", "great fit", "right fit", "poor fit", "bad fit", "not a fit", "not the right fit",
      "fit in", "fits in", "fitted in", "wouldn't fit", "won't fit",
    ],
    reason: "\"Fit\" is not a criterion: it usually means \"like the people already here\", which favours applicants similar to the panel.",
    suggestion: `Name the value or behaviour you mean and the evidence for or against it. ${CITE}`,
  },
  {
    id: "gutFeeling",
    category: "vague",
    severity: "warning",
    phrases: ["gut feeling", "gut feel", "gut instinct", "gut reaction", "my gut", "instinct tells", "vibe", "vibes", "just a feeling", "had a feeling"],
    reason: "A feeling is not evidence and cannot be checked or defended later.",
    suggestion: `Write down what prompted the feeling. ${CITE}`,
  },
  {
    id: "overqualified",
    category: "age",
    severity: "warning",
    phrases: ["overqualified", "over qualified", "too experienced"],
    reason: "\"Overqualified\" often stands in for age and rejects applicants for meeting the criteria.",
    suggestion: "If you doubt the applicant's motivation for the role, record what they said about it. Score the criteria as written.",
  },
  {
    id: "notATeamPlayer",
    category: "vague",
    severity: "warning",
    phrases: ["not a team player", "not team player", "not really a team player", "no team player", "not a people person"],
    reason: "A label, not evidence: it says nothing about what the applicant did.",
    suggestion: `Describe the teamwork example they gave and how it measured against the teamwork criterion. ${CITE}`,
  },
  {
    id: "articulate",
    category: "race",
    severity: "warning",
    // The adjective ("very articulate", "articulate candidate") is coded praise often aimed at
    // minority ethnic applicants. The verb with an object ("able to articulate a plan") and other
    // forms ("articulated", "articulating") describe what was said, so they are left alone.
    patterns: [
      String.raw`(?:well[\s-]*)?articulate(?!\s+(?:a|an|the|how|why|what|when|where|which|who|their|his|her|its|our|this|that|these|those|clear(?:ly)?|complex|key|plans?|visions?|reasons?|ideas?|needs?|concerns?|values?|priorities|risks?|benefits?|views?)\b)`,
      "inarticulate",
    ],
    reason: "\"Articulate\" as praise is often coded: it implies surprise that the applicant speaks well.",
    suggestion: `Record what the applicant communicated and how it met the communication criterion. ${CITE}`,
  },
  {
    id: "accent",
    category: "race",
    severity: "warning",
    phrases: [
      "accent", "accents", "accented", "broken english", "foreign sounding", "sounds foreign",
      "hard to understand her", "hard to understand him", "hard to understand them",
      "difficult to understand her", "difficult to understand him", "difficult to understand them",
    ],
    reason: "Accent is linked to race and national origin (Equality Act 2010) and is not a measure of communication skill.",
    suggestion: "If communication is a criterion, record specific evidence (e.g. explained a care plan clearly, or did not answer the question asked).",
  },
  {
    id: "nativeSpeaker",
    category: "race",
    severity: "warning",
    phrases: [
      "native speaker", "native speakers", "non native", "native english", "english as a first language",
      "english as first language", "english as a second language", "first language english",
      "english is not their first language", "english is not her first language", "english is not his first language",
      "mother tongue",
    ],
    reason: "A first language is tied to national origin (race, Equality Act 2010). The requirement is competence, not where it was learnt.",
    suggestion: "Assess the language or communication criterion as written (e.g. the IELTS/OET level the professional register requires).",
  },
  {
    id: "aggressive",
    category: "stereotype",
    severity: "warning",
    // Managing aggression is a routine NHS interview topic ("de-escalated an aggressive patient").
    patterns: [
      String.raw`(?<!(?:violence|verbal|physical)\s+(?:and\s+)?)(?:aggressive|aggression|abrasive)(?!\s+(?:and\s+violen\w*|patients?|behaviou?rs?|relatives?|service\s+users?|situations?|incidents?|individuals?|clients?|people|customers?|visitors?|members?\s+of\s+the\s+public|dogs?|treatment|tumou?rs?|cancers?|disease))`,
    ],
    reason: "\"Aggressive\" and \"abrasive\" are applied unevenly: more often to women and Black applicants for the same behaviour.",
    suggestion: `Describe the behaviour itself (e.g. interrupted the panel three times). ${CITE}`,
  },
  {
    id: "energetic",
    category: "age",
    severity: "warning",
    phrases: ["energetic", "full of energy", "lots of energy", "high energy", "youthful", "fresh blood", "digital native"],
    reason: "Energy and youthfulness are proxies for age (Equality Act 2010).",
    suggestion: `Record the evidence of commitment or pace of work the criterion asks for. ${CITE}`,
  },
  {
    id: "young",
    category: "age",
    severity: "warning",
    // Not "young people's services", "children and young people", "young adults", nor a name
    // with a title ("Dr Young").
    patterns: [
      String.raw`(?<!(?:mr|mrs|ms|miss|dr|prof)\.?\s+)(?:young|younger|youngest)(?![\s'’-]+(?:people|peoples|person|persons|adults?|carers?|offenders?|onset|children|patients?|family|families|mums?|mothers?|parents?))`,
      "too young",
    ],
    reason: "Age is a protected characteristic (Equality Act 2010) and not a criterion.",
    suggestion: `Remove the reference to age. ${CITE}`,
  },
  {
    id: "tooOld",
    category: "age",
    severity: "warning",
    phrases: [
      "too old", "older candidate", "older applicant", "older lady", "older man", "older woman", "older gentleman",
      "set in their ways", "set in her ways", "set in his ways", "near retirement", "nearing retirement",
      "close to retirement", "old school", "old fashioned",
    ],
    reason: "Age is a protected characteristic (Equality Act 2010) and not a criterion.",
    suggestion: `Remove the reference to age. If you mean an approach is out of date, record the evidence. ${CITE}`,
  },
  {
    id: "mature",
    category: "age",
    severity: "info",
    phrases: ["mature", "immature", "maturity"],
    reason: "\"Mature\" often reads as a comment on age rather than on behaviour.",
    suggestion: `Describe the behaviour (e.g. took responsibility for an error). ${CITE}`,
  },
  {
    id: "feisty",
    category: "gender",
    severity: "warning",
    phrases: ["feisty", "bossy", "shrill", "hysterical", "bubbly", "sassy", "ditzy", "motherly"],
    reason: "Gendered words that describe a woman's manner, not her evidence.",
    suggestion: `Describe what the applicant said or did. ${CITE}`,
  },
  {
    id: "emotional",
    category: "gender",
    severity: "warning",
    patterns: [
      String.raw`(?:too\s+|very\s+|overly\s+)?emotional(?![\s-]+(?:intelligence|support|supportive|wellbeing|well[\s-]*being|health|needs|resilience|regulation|literacy|labour|labor|abuse|harm|distress|awareness|impact|toll|demands|care|neglect|and\s+(?:physical|mental|social|practical|psychological)))`,
    ],
    reason: "\"Emotional\" is applied more often to women and dismisses what was said.",
    suggestion: `Describe the behaviour and how it bears on a criterion (e.g. the resilience criterion). ${CITE}`,
  },
  {
    id: "confident",
    category: "vague",
    severity: "info",
    phrases: ["confident", "lacked confidence", "lacks confidence", "lack of confidence", "not confident", "overconfident", "over confident"],
    reason: "Confidence is not competence, and is read differently across gender and culture.",
    suggestion: `Record the evidence of competence behind the impression. ${CITE}`,
  },
  {
    id: "nicePerson",
    category: "vague",
    severity: "info",
    phrases: ["nice person", "nice guy", "nice lady", "nice man", "nice woman", "lovely person", "lovely lady", "lovely man", "really nice", "likeable", "likable", "pleasant person"],
    reason: "Being liked by the panel is not a criterion.",
    suggestion: `Record the evidence against the criteria instead. ${CITE}`,
  },
  {
    id: "likeMe",
    category: "affinity",
    severity: "warning",
    phrases: ["reminds me of", "reminded me of", "remind me of", "like myself", "similar to me", "similar to myself", "one of us", "someone like us", "same background as me", "went to the same"],
    // Not "would like me to" or "asked me to ... like me to".
    patterns: [String.raw`(?<!(?:would|should|could|'d|’d)\s+)like\s+me(?!\s+to\b)`],
    reason: "Similarity to the assessor (affinity bias) is not a criterion and favours applicants who resemble the panel.",
    suggestion: `Set the similarity aside and score the evidence. ${CITE}`,
  },
  {
    id: "personalityClash",
    category: "affinity",
    severity: "warning",
    phrases: [
      "personality clash", "clash of personalities", "didn't click", "did not click", "didn't gel", "did not gel",
      "no chemistry", "no rapport", "didn't warm to", "did not warm to", "didn't take to", "not my type",
    ],
    reason: "Rapport with the assessor is not a criterion.",
    suggestion: `Record the evidence against the criteria instead. ${CITE}`,
  },
  {
    id: "cultural",
    category: "race",
    severity: "info",
    // "Cultural competence", "cultural change" and the like are legitimate criteria.
    patterns: [
      String.raw`cultural(?:ly)?(?![\s-]+(?:fit|competen\w*|awareness|aware|sensitiv\w*|safety|safe|humility|diversity|change|transformation|shift|improvement|values|programmes?|ambassadors?|intelligence|appropriate|responsive|capability))`,
    ],
    reason: "References to an applicant's culture or cultural background can point to race or religion.",
    suggestion: `If you mean a criterion such as cultural competence, name it and record the evidence. ${CITE}`,
  },
  {
    id: "disability",
    category: "disability",
    severity: "warning",
    phrases: [
      "in a wheelchair", "uses a wheelchair", "his disability", "her disability", "their disability",
      "his condition", "her condition", "their condition", "his health", "her health", "their health",
      "sickness record", "his sickness", "her sickness", "their sickness",
    ],
    // Therapists, managers and clinicians talk about patients' disabilities and staff sickness
    // absence as evidence, so those uses are left alone.
    patterns: [
      String.raw`disabled(?!\s+(?:patients?|people|persons?|children|adults?|access|parking|service\s+users?|toilets?|facilities|students?|colleagues|staff))`,
      String.raw`(?<!(?:who|people|children|adults)\s+)(?:stammer|stammered|stammering|stammers|stutter|stuttered|stuttering|stutters)(?!\s+(?:therapy|clinic|clinics|services?|assessments?|programmes?|research|support|group))`,
    ],
    reason: "Disability and health are protected or sensitive (Equality Act 2010); they are not criteria, and reasonable adjustments are the employer's duty.",
    suggestion: "Remove it from the score note. If an adjustment is needed, raise it with HR separately.",
  },
  {
    id: "family",
    category: "family",
    severity: "warning",
    // Midwifery and maternity notes talk about pregnancy as clinical evidence, so the phrases
    // are about the applicant; "maternity leave cover" (a job held) is left alone.
    phrases: [
      "is pregnant", "was pregnant", "pregnant applicant", "pregnant candidate", "her pregnancy",
      "on maternity leave", "her maternity leave", "going on maternity", "young family", "family commitments",
      "childcare commitments", "childcare responsibilities", "childcare arrangements", "childcare issues",
      "plans to have children", "starting a family", "single mum", "single mother", "single parent",
      "married", "her husband", "his wife",
    ],
    reason: "Pregnancy and maternity, and marriage, are protected characteristics (Equality Act 2010); caring duties are not criteria.",
    suggestion: "Remove it from the score note. Flexible working is discussed with HR, not scored.",
  },
  {
    id: "religion",
    category: "religion",
    severity: "warning",
    // Patients' religious and cultural needs are legitimate evidence, so only the applicant's.
    phrases: [
      "hijab", "headscarf", "head scarf", "turban", "his religion", "her religion", "their religion",
      "his faith", "her faith", "their faith", "churchgoer", "church goer",
    ],
    reason: "Religion or belief is a protected characteristic (Equality Act 2010).",
    suggestion: "Remove it from the score note.",
  },
  {
    id: "appearance",
    category: "appearance",
    severity: "warning",
    // Not "pretty" ("a pretty good answer") nor "polished" ("a polished presentation").
    phrases: ["attractive", "handsome", "good looking", "overweight", "well groomed", "scruffy", "gravitas"],
    reason: "Appearance and presence are judged unevenly across gender, race and class, and are not criteria.",
    suggestion: `Describe what the applicant said or did. ${CITE}`,
  },
];

export interface NoteLintFinding {
  readonly ruleId: string;
  readonly category: NoteLintCategory;
  /** The text as written in the note. */
  readonly match: string;
  /** Offsets into the note, [start, end), in UTF-16 code units (as String.prototype.slice). */
  readonly start: number;
  readonly end: number;
  readonly reason: string;
  readonly suggestion: string;
  readonly severity: NoteLintSeverity;
}

/** Turn a literal phrase into a regex source (see the module comment). */
export function phraseToPattern(phrase: string): string {
  return phrase
    .trim()
    .split(/[\s-]+/)
    .map((word) =>
      word
        .replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
        .replace(/['’]/g, "['’]?"),
    )
    .join(String.raw`[\s\-‐–]*`);
}

interface CompiledLint {
  readonly regex: RegExp;
  readonly ruleByGroup: ReadonlyMap<string, NoteLintRule>;
}

/**
 * One regex for all rules, so linting on every keystroke is a single pass. Alternatives are
 * tried longest source first, so "cultural fit" is reported as one phrase, not as "cultural".
 * A long pattern can still shadow a shorter phrase at the same position; the test that finds
 * every phrase by its own rule catches that when the list is extended.
 */
export function compileNoteLint(rules: readonly NoteLintRule[] = NOTE_LINT_RULES): CompiledLint {
  const alternatives: Array<{ source: string; rule: NoteLintRule }> = [];
  for (const rule of rules) {
    for (const phrase of rule.phrases ?? []) alternatives.push({ source: phraseToPattern(phrase), rule });
    for (const pattern of rule.patterns ?? []) alternatives.push({ source: pattern, rule });
  }
  alternatives.sort((a, b) => b.source.length - a.source.length);
  const ruleByGroup = new Map<string, NoteLintRule>();
  const body = alternatives
    .map(({ source, rule }, i) => {
      ruleByGroup.set(`r${i}`, rule);
      return `(?<r${i}>${source})`;
    })
    .join("|");
  // Whole words: no letter or digit either side (Unicode-aware, so "café" is a word).
  const regex = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${body})(?![\p{L}\p{N}])`, "giu");
  return { regex, ruleByGroup };
}

// Compiled on first use, not at load: the overlay's content script imports this module on every
// host page, and compiling the rules there delayed the host's load (docs/extension.md).
let defaultLint: CompiledLint | undefined;

/**
 * Findings in an assessor's note, in order of position. Pass a compiled rule set from
 * compileNoteLint to use a trust's own list.
 */
export function lintNote(text: string, compiled: CompiledLint = (defaultLint ??= compileNoteLint())): NoteLintFinding[] {
  const findings: NoteLintFinding[] = [];
  const regex = new RegExp(compiled.regex); // a fresh lastIndex, so concurrent callers cannot interfere
  for (const m of text.matchAll(regex)) {
    const groups = m.groups ?? {};
    let rule: NoteLintRule | undefined;
    for (const name in groups) {
      if (groups[name] !== undefined) {
        rule = compiled.ruleByGroup.get(name);
        break;
      }
    }
    if (!rule) continue;
    const start = m.index;
    findings.push({
      ruleId: rule.id,
      category: rule.category,
      match: m[0],
      start,
      end: start + m[0].length,
      reason: rule.reason,
      suggestion: rule.suggestion,
      severity: rule.severity,
    });
  }
  return findings;
}

/** Below this many words a note cannot hold a piece of evidence and its context. */
export const MIN_EVIDENCE_WORDS = 8;

const EVIDENCE_MARKERS =
  /\b(?:e\.?g\.?|for example|for instance|example|described|explained|gave|told|said|stated|mentioned|outlined|demonstrated|showed|shown|evidence|evidenced|cited|referred|answered|answer|led|managed|delivered|implemented|audit|achieved|when|because|did not|didn't|no mention|not mention|missed|lacked|unable|could not|couldn't)\b|["“”]|\d/i;

/**
 * A rough heuristic, for a gentle prompt and never a block: a note looks evidence-based when it
 * has at least MIN_EVIDENCE_WORDS words, contains a marker of reported evidence (an example, a
 * quote, a number, "described", "did not mention") and has no "warning" lint finding.
 */
export function isEvidenceBased(note: string): boolean {
  const words = note.trim().split(/\s+/).filter(Boolean);
  if (words.length < MIN_EVIDENCE_WORDS) return false;
  if (!EVIDENCE_MARKERS.test(note)) return false;
  return !lintNote(note).some((f) => f.severity === "warning");
}
