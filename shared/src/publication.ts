/**
 * The publication audience's fixed set of tables (docs/privacy.md, "Who sees what"): for each
 * complete financial year, WRES indicator 2 for the year, by publication band group and by staff
 * group, and panel-rule compliance for the year and by band group. Suppression is decided by
 * `protectNested` over the whole set at once; a query can only choose which of these years to
 * show, so every response is a slice of one protected set and no two of them can be differenced
 * into a withheld entry. There are no date ranges and no year to date: a figure that grows week by
 * week would give each new vacancy's counts away between two copies.
 */
import type { Band, StaffGroup } from "./bands";
import { STAFF_GROUPS, staffGroupLabel } from "./bands";
import {
  protectNested,
  PUBLICATION_BAND_GROUPS,
  publicationBandGroup,
  type PublicationBandGroup,
  type TableSet,
  type WithheldCode,
} from "./disclosure";
import { financialYearLabel, financialYearOf } from "./periods";
import type { OutcomeCounts } from "./outcomeCounts";
import type { SuppressionCode } from "./suppression";
import { CI_METHODS, relativeLikelihood, WRES_LABELS, type ComparisonLabels, type Wres2Result } from "./wres2";
import { asWresCounts, guaranteedInterviewFigure, toWdes2Result, WDES_LABELS, type GuaranteedInterviewFigure, type Wdes2Result } from "./wdes2";
import type { DisabilityCounts } from "./disability";

/** One figure as the API reports it (Wres2FiguresSchema in ./schemas/api validates it). */
export interface Wres2Figures extends Wres2Result {
  /** Vacancies the figure covers; null only on a row withheld from publication. */
  vacancies: number | null;
  /** Own audience: a white or BME count is small; shown exactly, to be read with caution. */
  smallNumbers: boolean;
  suppressionCode: SuppressionCode | null;
}

export interface PublicationRow extends Wres2Figures {
  year: string;
  key: string;
  label: string;
}

export interface PublicationCompliance {
  year: string;
  key: string;
  label: string;
  /** Denominator: vacancies where the panel rule applied. */
  applies: number | null;
  met: number | null;
  notMet: number | null;
  rate: number | null;
  suppressed: boolean;
  suppressionCode: WithheldCode | null;
}

/** GET /v1/report/wres2 without its `org` (PublicationResponseSchema validates the whole). */
export interface PublicationTables {
  audience: "publication";
  threshold: number;
  level: number;
  years: string[];
  notPublished: { year: string; reason: string }[];
  tables: { year: PublicationRow[]; band: PublicationRow[]; staffGroup: PublicationRow[]; compliance: PublicationCompliance[] };
  method: string;
}

/** One (financial year, band, staff group) cell of an organisation's counts. */
export interface CountsCell {
  fy: number;
  band: Band;
  staffGroup: StaffGroup;
  vacancies: number;
  counts: OutcomeCounts;
  panelApplies: number;
  panelMet: number;
}

/** Whether the financial year starting `fy` has ended on `today` (ISO date). */
export function isCompleteYear(fy: number, today: string): boolean {
  return today > `${fy + 1}-03-31`;
}

const GROUPS = ["white", "bme", "notStated"] as const;

function add(into: OutcomeCounts, c: OutcomeCounts): void {
  for (const g of GROUPS) {
    into[g].shortlisted += c[g].shortlisted;
    into[g].appointed += c[g].appointed;
  }
}

function zero(): OutcomeCounts {
  return { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } };
}

/** The protected dimensions of a count: shortlisted, appointed and not appointed per group. */
function dims(c: OutcomeCounts): number[] {
  return GROUPS.flatMap((g) => [c[g].shortlisted, c[g].appointed, c[g].shortlisted - c[g].appointed]);
}

interface Atom {
  fy: number;
  group: PublicationBandGroup;
  staffGroup: StaffGroup;
  counts: OutcomeCounts;
  vacancies: number;
  applies: number;
  met: number;
}

/**
 * The standard a set of publication tables is for. WDES metric 2 is WRES indicator 2's arithmetic
 * on mapped counts (./wdes2), so the tables, their protection and their layout are the same; only
 * the words differ.
 */
export type PublicationStandard = "wres2" | "wdes2";

interface StandardWords {
  labels: ComparisonLabels;
  /** The groups whose counts are protected, as a withheld row names them. */
  groups: string;
  /** The two compared groups, as the small-numbers flag names them. */
  compared: string;
  /** Said to the own audience after the small-numbers rule. */
  ownNote: string;
  /** The standard's own table, described after the definitions (own audience / publication). */
  tableNote: string;
  publishedTableNote: string;
  definitions: readonly string[];
}

export const WITHHELD_TEXT: Record<WithheldCode, (threshold: number, standard?: PublicationStandard) => string> = {
  smallCell: (t, standard = "wres2") =>
    `Withheld: at least one ${WORDS[standard].groups} count (shortlisted, appointed or not appointed) is between 1 and ${t - 1}.`,
  complementary: () =>
    "Withheld as well, so that a withheld row cannot be worked out from the rows and totals shown in this set of tables.",
};

function withheldFigures(code: WithheldCode, threshold: number, level: number, standard: PublicationStandard): Wres2Figures {
  const nul = { shortlisted: null, appointed: null };
  const text = WITHHELD_TEXT[code](threshold, standard);
  return {
    counts: { white: { ...nul }, bme: { ...nul }, notStated: { ...nul } },
    likelihood: { white: null, bme: null, notStated: null },
    relativeLikelihood: null,
    ci: { lower: null, upper: null, level, method: CI_METHODS.suppressed },
    significant: null,
    fisherP: null,
    interpretation: { category: "insufficientData", withinFourFifths: null, verdict: null, text },
    shortfall: { toParity: null, toFourFifths: null },
    warnings: [],
    suppressed: true,
    suppressionReason: text,
    suppressionCode: code,
    smallNumbers: false,
    vacancies: null,
  };
}

function shownFigures(counts: OutcomeCounts, vacancies: number, level: number, standard: PublicationStandard): Wres2Figures {
  const result = relativeLikelihood(counts, { level, labels: WORDS[standard].labels });
  // Warnings quote counts for whoever entered the data; a published table does not carry them.
  return { ...result, warnings: [], suppressionCode: null, smallNumbers: false, vacancies };
}

export interface PublicationOptions {
  threshold: number;
  /** Confidence level as a proportion (0.95). */
  level: number;
  /** Today's date (ISO): only financial years ended by then are published. */
  today: string;
  /** Show only this financial year (start year) of the protected set. */
  onlyYear?: number;
  /** WRES indicator 2 by default; wdesPublicationTables passes "wdes2". */
  standard?: PublicationStandard;
}

/**
 * The publication tables for an organisation's cells. The whole set (every complete year) is
 * protected first; `onlyYear` then picks one year's rows out of it, never recomputing.
 */
export function publicationTables(cells: readonly CountsCell[], options: PublicationOptions): PublicationTables {
  const { threshold, level, today } = options;
  const standard = options.standard ?? "wres2";
  const complete = cells.filter((c) => isCompleteYear(c.fy, today));
  const years = [...new Set(complete.map((c) => c.fy))].sort((a, b) => a - b);
  // The year to date is named whether or not it holds data yet: a list that gained the year when its
  // first vacancy arrived would tell a reader of the tables when that was.
  const incomplete = [Number(financialYearOf(today).slice(0, 4))];

  // Atoms: every (year, band group, staff group), empty or not.
  const atoms: Atom[] = [];
  const atomIndex = new Map<string, number>();
  for (const fy of years) {
    for (const g of PUBLICATION_BAND_GROUPS) {
      for (const sg of STAFF_GROUPS) {
        atomIndex.set(`${fy}|${g.id}|${sg}`, atoms.length);
        atoms.push({ fy, group: g.id, staffGroup: sg, counts: zero(), vacancies: 0, applies: 0, met: 0 });
      }
    }
  }
  for (const c of complete) {
    const atom = atoms[atomIndex.get(`${c.fy}|${publicationBandGroup(c.band)}|${c.staffGroup}`)!]!;
    add(atom.counts, c.counts);
    atom.vacancies += c.vacancies;
    atom.applies += c.panelApplies;
    atom.met += c.panelMet;
  }

  // Indicator entries: year, year x band group, year x staff group (rows with no vacancies are not published).
  type Entry = { id: string; fy: number; table: "year" | "band" | "staffGroup"; key: string; label: string; atoms: number[] };
  const entries: Entry[] = [];
  const atomsWhere = (pred: (a: Atom) => boolean) => atoms.flatMap((a, i) => (pred(a) ? [i] : []));
  for (const fy of years) {
    entries.push({ id: `${fy}|year`, fy, table: "year", key: "all", label: "All posts", atoms: atomsWhere((a) => a.fy === fy) });
    for (const g of PUBLICATION_BAND_GROUPS) {
      entries.push({ id: `${fy}|band|${g.id}`, fy, table: "band", key: g.id, label: g.label, atoms: atomsWhere((a) => a.fy === fy && a.group === g.id) });
    }
    for (const sg of STAFF_GROUPS) {
      entries.push({ id: `${fy}|staffGroup|${sg}`, fy, table: "staffGroup", key: sg, label: staffGroupLabel(sg), atoms: atomsWhere((a) => a.fy === fy && a.staffGroup === sg) });
    }
  }
  const vacanciesOf = (e: Entry) => e.atoms.reduce((n, i) => n + atoms[i]!.vacancies, 0);
  const published = entries.filter((e) => vacanciesOf(e) > 0);
  const indicatorSet: TableSet = {
    atoms: atoms.map((a) => ({ values: dims(a.counts), empty: a.vacancies === 0 })),
    entries: published.map((e) => ({ id: e.id, atoms: e.atoms })),
  };
  const indicatorWithheld = protectNested(indicatorSet, threshold).withheld;

  // Compliance: atoms are (year, band group), counted in vacancies where the panel rule applied.
  type CEntry = { id: string; fy: number; key: string; label: string; atoms: number[] };
  const cAtoms: { fy: number; group: PublicationBandGroup; applies: number; met: number }[] = [];
  for (const fy of years) {
    for (const g of PUBLICATION_BAND_GROUPS) {
      const own = atoms.filter((a) => a.fy === fy && a.group === g.id);
      cAtoms.push({ fy, group: g.id, applies: own.reduce((n, a) => n + a.applies, 0), met: own.reduce((n, a) => n + a.met, 0) });
    }
  }
  const cEntries: CEntry[] = [];
  for (const fy of years) {
    const inYear = cAtoms.flatMap((a, i) => (a.fy === fy ? [i] : []));
    cEntries.push({ id: `${fy}|compliance|all`, fy, key: "all", label: "All posts where the rule applied", atoms: inYear });
    for (const i of inYear) cEntries.push({ id: `${fy}|compliance|${cAtoms[i]!.group}`, fy, key: cAtoms[i]!.group, label: PUBLICATION_BAND_GROUPS.find((g) => g.id === cAtoms[i]!.group)!.label, atoms: [i] });
  }
  const appliesOf = (e: CEntry) => e.atoms.reduce((n, i) => n + cAtoms[i]!.applies, 0);
  const metOf = (e: CEntry) => e.atoms.reduce((n, i) => n + cAtoms[i]!.met, 0);
  const cPublished = cEntries.filter((e) => appliesOf(e) > 0);
  const complianceSet: TableSet = {
    atoms: cAtoms.map((a) => ({ values: [a.applies, a.met, a.applies - a.met], empty: a.applies === 0 })),
    entries: cPublished.map((e) => ({ id: e.id, atoms: e.atoms })),
  };
  const complianceWithheld = protectNested(complianceSet, threshold).withheld;

  const shownYears = options.onlyYear === undefined ? years : years.filter((y) => y === options.onlyYear);
  const inShown = (fy: number) => shownYears.includes(fy);
  const row = (e: Entry) => {
    const code = indicatorWithheld.get(e.id);
    const counts = zero();
    for (const i of e.atoms) add(counts, atoms[i]!.counts);
    const figures = code ? withheldFigures(code, threshold, level, standard) : shownFigures(counts, vacanciesOf(e), level, standard);
    return { year: financialYearLabel(e.fy), key: e.key, label: e.label, ...figures };
  };
  const complianceRow = (e: CEntry): PublicationCompliance => {
    const code = complianceWithheld.get(e.id) ?? null;
    const applies = appliesOf(e);
    const met = metOf(e);
    return code
      ? { year: financialYearLabel(e.fy), key: e.key, label: e.label, applies: null, met: null, notMet: null, rate: null, suppressed: true, suppressionCode: code }
      : { year: financialYearLabel(e.fy), key: e.key, label: e.label, applies, met, notMet: applies - met, rate: met / applies, suppressed: false, suppressionCode: null };
  };
  const pick = (table: Entry["table"]) => published.filter((e) => e.table === table && inShown(e.fy)).map(row);

  return {
    audience: "publication",
    threshold,
    level: Math.round(level * 100),
    years: shownYears.map(financialYearLabel),
    notPublished: incomplete.map((fy) => ({
      year: financialYearLabel(fy),
      reason: "Year to date: not published until the financial year has ended, since a figure that grows week by week would give each new vacancy's counts away between two copies.",
    })),
    tables: {
      year: pick("year"),
      band: pick("band"),
      staffGroup: pick("staffGroup"),
      compliance: cPublished.filter((e) => inShown(e.fy)).map(complianceRow),
    },
    method: PUBLICATION_METHOD(threshold, standard),
  };
}

const WRES_DEFINITIONS = [
  "WRES indicator 2 is the relative likelihood of white shortlisted applicants being appointed compared with BME shortlisted applicants: " +
    "(white appointed / white shortlisted) divided by (BME appointed / BME shortlisted). Above 1.00, white applicants were the more likely to be appointed. " +
    "Applicants who did not state their ethnicity are counted but left out of the figure, as NHS England does.",
];
const WDES_DEFINITIONS = [
  "WDES metric 2 is the relative likelihood of non-disabled shortlisted applicants being appointed compared with Disabled shortlisted applicants: " +
    "(non-disabled appointed / non-disabled shortlisted) divided by (Disabled appointed / Disabled shortlisted), as NHS England defines it. " +
    "Above 1.00, non-disabled applicants were the more likely to be appointed. Applicants who did not declare whether they are disabled are counted but left out of the figure. " +
    "Only vacancies whose disability counts were recorded are counted; a vacancy without them is not recorded, never zero.",
];
const INTERVAL_DEFINITION =
  "The interval is a confidence interval (Katz log method; Koopman score method when a count is zero). The four-fifths band is 0.80 to 1.25. " +
  "Adverse impact is reported only when the figure is outside the band and the interval excludes 1.00; outside the band with an interval that includes 1.00, the data cannot tell.";

const COMPLIANCE_NOTE =
  "Panel compliance is the share of vacancies where the trust's diverse-panel rule applied whose panel met it, with the number of such vacancies as the denominator.";
const GUARANTEED_INTERVIEW_NOTE =
  "The guaranteed-interview figure is, of applicants under the Disability Confident scheme who met every essential criterion, the share invited to interview " +
  "(Wilson score interval), from the shortlisting decisions of vacancies that reported them.";

const WORDS: Record<PublicationStandard, StandardWords> = {
  wres2: {
    labels: WRES_LABELS, groups: "white, BME or not-stated", compared: "white or BME", definitions: [...WRES_DEFINITIONS, INTERVAL_DEFINITION],
    ownNote: " The benchmark compares the organisation with other organisations using fair-shortlist, not with NHS England's national figure.",
    tableNote: COMPLIANCE_NOTE,
    publishedTableNote: COMPLIANCE_NOTE,
  },
  wdes2: {
    labels: WDES_LABELS, groups: "Disabled, non-disabled or not-declared", compared: "Disabled or non-disabled", definitions: [...WDES_DEFINITIONS, INTERVAL_DEFINITION],
    ownNote: "",
    tableNote: GUARANTEED_INTERVIEW_NOTE,
    publishedTableNote:
      GUARANTEED_INTERVIEW_NOTE + " A year's guaranteed-interview figure is withheld when its eligible, invited or not-invited count is between 1 and the threshold less one.",
  },
};

/** The definitions and method note printed with the figures, for the audience reading them. */
export function methodNote(audience: "own" | "publication", threshold: number, standard: PublicationStandard = "wres2"): string {
  if (audience === "publication") return PUBLICATION_METHOD(threshold, standard);
  const { compared, definitions, ownNote, tableNote } = WORDS[standard];
  return [
    ...definitions,
    `These are the organisation's exact counts, for its own analysts, for any period (a financial year that has not ended is marked year to date). ` +
      `A figure where a ${compared} count (shortlisted, appointed or not appointed) is between 1 and ${threshold - 1} is marked "small numbers: treat with caution" and is not for publication as it stands; ` +
      "the publication tables withhold it." + ownNote,
    tableNote,
  ].join(" ");
}

/** The definitions and method note printed with every publication table. */
export function PUBLICATION_METHOD(threshold: number, standard: PublicationStandard = "wres2"): string {
  const { groups, definitions, publishedTableNote } = WORDS[standard];
  return [
    ...definitions,
    `Counts are per financial year (1 April to 31 March), complete years only. To protect applicants, any row with a count between 1 and ${threshold - 1} ` +
      `(shortlisted, appointed or not appointed, in any group: ${groups}) is withheld, and further rows are withheld so that no withheld row can be worked out from the rows and totals shown; ` +
      "bands 8b to 9 and VSM are reported together as \"8b and above\". Withheld rows show no counts, vacancies or figures.",
    publishedTableNote,
  ].join(" ");
}

// ---------------------------------------------------------------------------
// WDES metric 2's publication tables: the same protected set over the vacancies that recorded
// disability, renamed into WDES terms, with the guaranteed-interview figure per complete year.

/** One (financial year, band, staff group) cell of disability counts; `recorded` vacancies carry them. */
export interface DisabilityCountsCell {
  fy: number;
  band: Band;
  staffGroup: StaffGroup;
  recorded: number;
  counts: DisabilityCounts;
}

export interface WdesPublicationRow extends Wdes2Result {
  year: string;
  key: string;
  label: string;
  vacancies: number | null;
  smallNumbers: boolean;
  suppressionCode: SuppressionCode | null;
}

export interface GuaranteedInterviewPublicationRow {
  year: string;
  /** Null when withheld (a count between 1 and the threshold less one). */
  figure: GuaranteedInterviewFigure | null;
  suppressed: boolean;
  suppressionCode: "smallCell" | null;
}

export interface WdesPublicationTables {
  audience: "publication";
  threshold: number;
  level: number;
  years: string[];
  notPublished: { year: string; reason: string }[];
  tables: { year: WdesPublicationRow[]; band: WdesPublicationRow[]; staffGroup: WdesPublicationRow[]; guaranteedInterview: GuaranteedInterviewPublicationRow[] };
  method: string;
}

const small = (n: number, threshold: number) => n >= 1 && n < threshold;

export function wdesPublicationTables(
  cells: readonly DisabilityCountsCell[],
  guaranteedInterviews: readonly { fy: number; vacancies: number; eligible: number; interviewed: number }[],
  options: Omit<PublicationOptions, "standard">,
): WdesPublicationTables {
  // Only vacancies that recorded disability are atoms; a cell with none of them is empty.
  const mapped: CountsCell[] = cells
    .filter((c) => c.recorded > 0)
    .map((c) => ({ fy: c.fy, band: c.band, staffGroup: c.staffGroup, vacancies: c.recorded, counts: asWresCounts(c.counts) as OutcomeCounts, panelApplies: 0, panelMet: 0 }));
  const t = publicationTables(mapped, { ...options, standard: "wdes2" });
  const rename = ({ year, key, label, vacancies, smallNumbers, suppressionCode, ...r }: PublicationRow): WdesPublicationRow => ({
    ...toWdes2Result(r),
    year, key, label, vacancies, smallNumbers, suppressionCode,
  });
  const level = options.level;
  const gi = guaranteedInterviews
    .filter((g) => isCompleteYear(g.fy, options.today) && g.vacancies > 0 && (options.onlyYear === undefined || g.fy === options.onlyYear))
    .sort((a, b) => a.fy - b.fy)
    .map((g): GuaranteedInterviewPublicationRow => {
      const withheld = [g.eligible, g.interviewed, g.eligible - g.interviewed].some((n) => small(n, options.threshold));
      return withheld
        ? { year: financialYearLabel(g.fy), figure: null, suppressed: true, suppressionCode: "smallCell" }
        : { year: financialYearLabel(g.fy), figure: guaranteedInterviewFigure(g, g.vacancies, level), suppressed: false, suppressionCode: null };
    });
  return {
    audience: "publication",
    threshold: t.threshold,
    level: t.level,
    years: t.years,
    notPublished: t.notPublished,
    tables: { year: t.tables.year.map(rename), band: t.tables.band.map(rename), staffGroup: t.tables.staffGroup.map(rename), guaranteedInterview: gi },
    method: t.method,
  };
}
