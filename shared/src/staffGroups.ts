/**
 * NHS staff groups as NHS Jobs, ESR and the WRES/WDES returns name them, and the clinical /
 * non-clinical split WRES indicator 1 makes of them (docs/domain.md, "Pay bands and staff
 * groups"). The one definition: the dashboard importer and the extension's outcome capture
 * both read staff-group text through `classifyStaffGroup`, and a unit test fails if a built-in
 * site profile's `staffGroupLabels` disagree with it.
 *
 * Zod-free: the overlay's content script imports it.
 */
import type { StaffGroup } from "./bands";
import { normaliseWording, wordingIndex } from "./vocabularyText";

export const NHS_STAFF_GROUP_IDS = [
  "addProfScientificTechnical",
  "additionalClinicalServices",
  "administrativeClerical",
  "alliedHealthProfessionals",
  "estatesAncillary",
  "healthcareScientists",
  "medicalDental",
  "nursingMidwiferyRegistered",
  "students",
] as const;
export type NhsStaffGroupId = (typeof NHS_STAFF_GROUP_IDS)[number];

export interface NhsStaffGroup {
  readonly id: NhsStaffGroupId;
  /** The name as ESR and the WRES/WDES returns print it in full. */
  readonly name: string;
  /** WRES indicator 1's split; null for students, who sit outside it (the analyst decides). */
  readonly side: StaffGroup | null;
  /** Other spellings recruitment reports print (ESR truncates long names to 30 characters). */
  readonly spellings: readonly string[];
}

export const NHS_STAFF_GROUPS: readonly NhsStaffGroup[] = [
  {
    id: "addProfScientificTechnical",
    name: "Additional Professional Scientific and Technical",
    side: "clinical",
    spellings: ["Add Prof Scientific and Technic", "Add Prof Scientific & Technic", "Add Prof Scientific and Technical", "Professional Scientific and Technic", "Additional Prof Scientific and Technical", "Additional Professional Scientific & Technical", "Professional Scientific and Technical", "APST"],
  },
  {
    id: "additionalClinicalServices",
    name: "Additional Clinical Services",
    side: "clinical",
    spellings: ["Additional Clinical Service", "Add Clinical Services", "Support to clinical staff", "Support to doctors, nurses and midwives", "Support to doctors and nurses", "Nursing and Midwifery Unregistered", "Unregistered Nursing and Midwifery"],
  },
  {
    id: "administrativeClerical",
    name: "Administrative and Clerical",
    side: "nonClinical",
    spellings: ["Admin and Clerical", "Administrative & Clerical", "Admin & Clerical", "Administration and Clerical", "A&C", "Admin", "Administration", "Administrative"],
  },
  {
    id: "alliedHealthProfessionals",
    name: "Allied Health Professionals",
    side: "clinical",
    spellings: ["Allied Health Professional", "Allied Health Profession", "AHP", "AHPs"],
  },
  {
    id: "estatesAncillary",
    name: "Estates and Ancillary",
    side: "nonClinical",
    spellings: ["Estates & Ancillary", "Estates", "Ancillary", "Hotel, property and estates", "Estates and Facilities", "Facilities"],
  },
  {
    id: "healthcareScientists",
    name: "Healthcare Scientists",
    side: "clinical",
    spellings: ["Healthcare Scientist", "Healthcare Science", "Health Care Scientists", "Clinical Scientists"],
  },
  {
    id: "medicalDental",
    name: "Medical and Dental",
    side: "clinical",
    spellings: ["Medical & Dental", "Medical and Dental Staff", "M&D", "Medical", "Dental"],
  },
  {
    id: "nursingMidwiferyRegistered",
    name: "Nursing and Midwifery Registered",
    side: "clinical",
    spellings: ["Nursing & Midwifery Registered", "Registered Nursing and Midwifery", "Nursing and Midwifery", "Nursing & Midwifery", "Registered Nursing", "Registered Nurses and Midwives"],
  },
  {
    id: "students",
    name: "Students",
    side: null,
    spellings: ["Student", "Student Nurses"],
  },
];

/**
 * Words that are not one NHS staff group but say the split directly, as trusts' own reports and
 * older occupation groupings write it.
 */
export const STAFF_GROUP_SIDE_WORDS: Readonly<Record<StaffGroup, readonly string[]>> = {
  clinical: ["Clinical", "Clinical staff", "Scientific, therapeutic and technical", "Ambulance", "Ambulance services", "Ambulance staff", "Paramedic", "Paramedics", "Nursing", "Midwifery", "Nurses", "Midwives", "Doctors"],
  nonClinical: ["Non-clinical", "Non clinical", "Nonclinical", "Non-clinical staff", "Corporate", "Central functions", "Infrastructure support", "NHS infrastructure support", "Support services", "Managers", "Senior managers"],
};

/** Words a trust adds for its own system: a site profile's staffGroupLabels, an analyst's choices in the importer. */
export type StaffGroupWords = Partial<Record<StaffGroup, readonly string[]>>;

export interface StaffGroupReading {
  /** The NHS staff group, when the text names one. */
  readonly group: NhsStaffGroupId | null;
  /** Clinical or non-clinical; null when the text names a group outside the split (students). */
  readonly side: StaffGroup | null;
  /** Where the reading came from: the trust's own words win over the shared vocabulary. */
  readonly source: "trust" | "vocabulary";
}

const GROUP_INDEX = wordingIndex(NHS_STAFF_GROUPS.flatMap((g) => [g.name, ...g.spellings].map((w) => [w, g] as const)));
const SIDE_INDEX = wordingIndex((Object.entries(STAFF_GROUP_SIDE_WORDS) as [StaffGroup, readonly string[]][]).flatMap(([side, words]) => words.map((w) => [w, side] as const)));

/**
 * Reads a staff-group cell or page text: "Nursing and Midwifery Registered", "Add Prof Scientific
 * and Technic", "Admin & Clerical", "Non-clinical". Case, "&" and punctuation are ignored.
 * Returns null for text the vocabulary does not know (the caller asks the user; it never guesses).
 */
export function classifyStaffGroup(text: string | null | undefined, trustWords?: StaffGroupWords): StaffGroupReading | null {
  const key = normaliseWording(text ?? "");
  if (!key) return null;
  if (trustWords) {
    for (const side of ["clinical", "nonClinical"] as const) {
      if (trustWords[side]?.some((w) => normaliseWording(w) === key)) return { group: GROUP_INDEX.get(key)?.id ?? null, side, source: "trust" };
    }
  }
  const group = GROUP_INDEX.get(key);
  if (group) return { group: group.id, side: group.side, source: "vocabulary" };
  const side = SIDE_INDEX.get(key);
  if (side) return { group: null, side, source: "vocabulary" };
  return null;
}

export function nhsStaffGroup(id: NhsStaffGroupId): NhsStaffGroup {
  return NHS_STAFF_GROUPS.find((g) => g.id === id)!;
}
