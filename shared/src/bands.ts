// Pay bands and staff groups: ids, labels, ordering and parsing. Pure (no zod): the overlay's content
// script imports it. The zod schemas for these ids are in ./schemas/bands.

/**
 * Pay bands and staff groups, as WRES indicator 1 structures them (docs/domain.md, "Pay bands and
 * staff groups"): Agenda for Change (AfC) under 1, 1-7, 8a-8d, 9, VSM; medical and dental
 * consultants, non-consultant career grades, trainee grades, other; each clinical or
 * non-clinical.
 */

/** AfC bands, most junior first. */
export const AFC_BAND_IDS = [
  "under1", "1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM",
] as const;
/** Medical and dental grades (WRES indicator 1 categories). */
export const MEDICAL_GRADE_IDS = ["consultant", "careerGrade", "trainee", "medicalOther"] as const;

/** Every band id: AfC by seniority, then the medical and dental grades. */
export const BAND_IDS = [...AFC_BAND_IDS, ...MEDICAL_GRADE_IDS] as const;

export const STAFF_GROUPS = ["clinical", "nonClinical"] as const;

export type AfcBand = (typeof AFC_BAND_IDS)[number];
export type MedicalGrade = (typeof MEDICAL_GRADE_IDS)[number];
export type Band = (typeof BAND_IDS)[number];
export type StaffGroup = (typeof STAFF_GROUPS)[number];

export function isAfcBand(band: Band): band is AfcBand {
  return (AFC_BAND_IDS as readonly string[]).includes(band);
}

export function isMedicalGrade(band: Band): band is MedicalGrade {
  return (MEDICAL_GRADE_IDS as readonly string[]).includes(band);
}

/**
 * Where a medical or dental grade sits against AfC thresholds in panel rules. Trusts write
 * their panel thresholds in AfC bands (docs/domain.md: 7+, 8a+, 8c+), so a medical post needs an
 * AfC reading to be checked at all:
 * - consultant -> 9: consultants are among a trust's most senior appointments, so every AfC
 *   threshold up to 9 applies; only a VSM-only policy leaves them out.
 * - careerGrade -> 8a: specialty doctor and specialist pay overlaps bands 8a-8d; we use the
 *   bottom of that overlap, the only level every career-grade post reaches.
 * - trainee -> 6: doctors in training are recruited nationally, not by trust panels, and their
 *   pay starts near the AfC middle, so "above band 6" rules do not fire for them.
 * - medicalOther -> 6: mostly locally employed doctors on trainee-equivalent pay.
 * A trust that disagrees should state the AfC band on the page; parseBand prefers it.
 */
export const MEDICAL_GRADE_AFC_EQUIVALENT: Readonly<Record<MedicalGrade, AfcBand>> = {
  consultant: "9",
  careerGrade: "8a",
  trainee: "6",
  medicalOther: "6",
};

function seniorityRank(band: Band): number {
  const afc = isAfcBand(band) ? band : MEDICAL_GRADE_AFC_EQUIVALENT[band];
  return AFC_BAND_IDS.indexOf(afc);
}

/**
 * Negative when a is more junior than b, 0 when level, positive when more senior. Medical
 * grades compare through MEDICAL_GRADE_AFC_EQUIVALENT, so "consultant" and "9" compare 0.
 * Usable as an Array.prototype.sort comparator (sort is stable, so equal ranks keep their
 * input order).
 */
export function compareBands(a: Band, b: Band): number {
  return seniorityRank(a) - seniorityRank(b);
}

/** "Above band 6" in the sense of docs/domain.md: 7, 8a-8d, 9, VSM (and consultants, career grades). */
export function isAboveBand(band: Band, threshold: Band): boolean {
  return compareBands(band, threshold) > 0;
}

/** At or above the threshold: the test a panel policy's appliesFromBand uses. */
export function isAtLeastBand(band: Band, threshold: Band): boolean {
  return compareBands(band, threshold) >= 0;
}

const LABELS: Readonly<Record<Band, string>> = {
  under1: "Under band 1",
  "1": "Band 1",
  "2": "Band 2",
  "3": "Band 3",
  "4": "Band 4",
  "5": "Band 5",
  "6": "Band 6",
  "7": "Band 7",
  "8a": "Band 8a",
  "8b": "Band 8b",
  "8c": "Band 8c",
  "8d": "Band 8d",
  "9": "Band 9",
  VSM: "VSM",
  consultant: "Consultant",
  careerGrade: "Non-consultant career grade",
  trainee: "Trainee grade",
  medicalOther: "Other medical and dental",
};

/** Display label: "Band 8a", "Under band 1", "VSM", "Consultant". */
export function bandLabel(band: Band): string {
  return LABELS[band];
}

export function staffGroupLabel(staffGroup: StaffGroup): string {
  return staffGroup === "clinical" ? "Clinical" : "Non-clinical";
}

export interface ParsedBand {
  readonly band: Band;
  /** Set when the text was read with an assumption the user should see. */
  readonly warning?: string;
}

/**
 * One AfC band token: "7", "8a", "8 a", "8 - range a", "8 (range a)". Only band 8 has
 * ranges, so a letter after any other digit is not read as part of the band.
 */
const AFC_TOKEN = String.raw`(?:under\s*(?:band\s*)?1|8(?:\s*\(?\s*[a-d]\b\)?|\s*(?:[-:,]\s*)?\(?\s*range\s*[a-d]\b\)?)?|[1-9])`;
const AFC_RANGE = new RegExp(
  String.raw`^(${AFC_TOKEN})(?:\s*(?:\/|-|–|—|to|or)\s*(?:band\s*)?(${AFC_TOKEN}))?$`,
);
/**
 * AfC prefixes pages put before the band number: "Band", "AfC Band", "NHS AfC: Band", and the
 * scheme's name alone ("AfC 8A", "A4C 6"), as Oleeo grade fields and TRAC / ESR-style reports print it.
 */
const AFC_PREFIX = /^(?:nhs\s*)?(?:(?:agenda\s*for\s*change|afc|a4c)\s*[:\-–]?\s*(?:pay\s*)?(?:band\s*)?|(?:pay\s*)?band\s*)[:\-–]?\s*/;
/** A band mentioned inside longer text: "Lead Nurse, Band 8a (£...)", "Grade: AfC 8A (£...)". */
const BAND_IN_TEXT = new RegExp(
  String.raw`(?:^|[^a-z0-9])(?:(?:agenda\s*for\s*change|afc|a4c)\s*(?:[:\-–]\s*)?(?:pay\s*)?(?:band)?|band)\s*[:\-–]?\s*(${AFC_TOKEN}(?:\s*(?:\/|-|–|—|to|or)\s*(?:band\s*)?${AFC_TOKEN})?)(?![a-z0-9])`,
);

function afcFromToken(token: string): { band: AfcBand; warning?: string } | null {
  const t = token.replace(/[\s():,-]/g, "").replace("range", "").replace("band", "");
  if (/^under1$/.test(t)) return { band: "under1" };
  const m = /^([1-9])([a-d])?$/.exec(t);
  if (!m) return null;
  const [, digit, letter] = m;
  if (digit === "8") {
    if (letter) return { band: `8${letter}` as AfcBand };
    return {
      band: "8a",
      warning: 'Band 8 without a range (a-d) was read as 8a, the lowest band-8 range.',
    };
  }
  if (letter) return null; // Only band 8 has ranges.
  return { band: digit as AfcBand };
}

function parseAfc(text: string): ParsedBand | null {
  const m = AFC_RANGE.exec(text);
  if (!m) return null;
  const low = afcFromToken(m[1]!);
  if (!low) return null;
  if (m[2] === undefined) return low;
  const high = afcFromToken(m[2]);
  if (!high) return null;
  // "Band 5/6" is usually a development (training) post that progresses to the higher band.
  // We take the higher band so a panel rule set for that band is not silently skipped.
  const [lower, higher] = compareBands(low.band, high.band) <= 0 ? [low, high] : [high, low];
  return {
    band: higher.band,
    warning: `A range of bands (${bandLabel(lower.band)} to ${bandLabel(higher.band)}) was read as the higher, ${bandLabel(higher.band)}.`,
  };
}

/** Non-medical professions whose senior posts are called "consultant" but paid on AfC. */
const AFC_CONSULTANT =
  /\b(nurse|nursing|midwif|midwives|physiotherap|therapist|psycholog|pharmac|scientist|paramedic|practitioner|radiograph|dietitian|allied health|healthcare science|clinical scientist)/;

const MEDICAL_PATTERNS: ReadonlyArray<readonly [RegExp, MedicalGrade]> = [
  // Trainees first: "Specialty Registrar" must not be read as the career grade "specialty doctor".
  [
    /\b(speciality|specialty|specialist)\s+(registrar|trainee)\b|\bregistrar\b|\bspr\b|\bstr\b|\b(?:st|ct|dct|gpst)\s*[1-8]\b|\bcore\s+(?:surgical\s+|medical\s+|dental\s+)?trainee\b|\bfoundation\s+(?:year\s*[12]|doctor|trainee)\b|\bfy\s*[12]\b|\bf[12]\b|\bsenior\s+house\s+officer\b|\bsho\b|\bhouse\s+officer\b|\bgp\s+trainee\b|\bdoctors?\s+in\s+training\b|\btrainee\s+grade\b/,
    "trainee",
  ],
  [
    /\b(speciality|specialty)\s+doctor\b|\bassociate\s+specialist\b|\bspecialist\s+(?:grade|doctor)\b|\bstaff\s+grade\b|\bsas\b|\bspecialty\s+and\s+associate\s+specialist\b|\bnon\s*consultant\s+career\s+grade\b|\bcareer\s+grade\b|\bclinical\s+assistant\b|\bhospital\s+practitioner\b/,
    "careerGrade",
  ],
  [
    /\bclinical\s+fellow\b|\btrust\s+grade\b|\blocally\s+employed\s+doctor\b|\bmedical\s+(?:and\s+dental\s+)?other\b|\bother\s+medical\b/,
    "medicalOther",
  ],
];

/**
 * Read a band or grade as pages write it: "Band 8a", "8A", "AfC Band 7", "Agenda for Change
 * band 6", "Band 8 - Range A", "Under band 1", "VSM", "Very senior manager", "Consultant",
 * "Specialty Doctor", "Specialty Registrar", "FY1". Canonical ids ("8a", "careerGrade") are
 * accepted too. Returns null when nothing band-like is found.
 *
 * Decisions a caller sees as a warning: a range ("Band 5/6") is read as the higher band;
 * "Band 8" alone is read as 8a. An AfC band stated in the text wins over a grade word, so
 * "Consultant Nurse, Band 8c" is 8c; "Nurse Consultant" without a band is null because
 * such posts are paid on AfC at a band the text does not give.
 */
export function parseBand(text: string): ParsedBand | null {
  const exact = BAND_IDS.find((id) => id.toLowerCase() === text.trim().toLowerCase());
  if (exact) return { band: exact };

  const t = text
    .toLowerCase()
    .replace(/[‐‑–—]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
  if (t === "") return null;

  if (/\bvsm\b|\bvery senior manager/.test(t)) return { band: "VSM" };

  const whole = parseAfc(t.replace(AFC_PREFIX, "").trim());
  if (whole) return whole;
  const inText = BAND_IN_TEXT.exec(t);
  if (inText) {
    const found = parseAfc(inText[1]!.trim());
    if (found) return found;
  }
  if (/\bunder\s*(?:band\s*)?1\b/.test(t)) return { band: "under1" };

  for (const [pattern, grade] of MEDICAL_PATTERNS) {
    if (pattern.test(t)) return { band: grade };
  }
  if (/\bconsultant\b/.test(t)) {
    return AFC_CONSULTANT.test(t) ? null : { band: "consultant" };
  }
  return null;
}
