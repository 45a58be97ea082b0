/**
 * From a per-applicant export to per-vacancy anonymised counts, entirely in the browser (in the
 * import Web Worker). Only the counts (never a row, a name or the raw vacancy reference) are sent.
 *
 * Words are read through the shared vocabulary (shared/src/stages.ts, staffGroups.ts,
 * disability.ts, bands, ethnicity). Nothing is dropped silently: every value the vocabulary does
 * not know, or read only by a guess, comes back as a ValueGroup ("21 rows: stage 'Panel booked'")
 * that the analyst maps once for the whole file (ImportChoices). A vacancy is never discarded
 * because one cell is odd: its band, closing date and staff group are the value most of its rows
 * give, and a vacancy that cannot be counted yet is held with the reason, not lost.
 *
 * WRES indicator 2 (docs/domain.md): shortlisted and, of them, appointed, per ethnic group;
 * declined offers left out; not stated kept apart. WDES metric 2 counts the same by disability.
 */
import { classifyEthnicity, type EthnicGroup } from "@fair-shortlist/shared/ethnicity";
import { parseBand, type Band, type StaffGroup } from "@fair-shortlist/shared/bands";
import { normaliseVacancyReference } from "@fair-shortlist/shared/vacancyKey";
import { addApplicant, emptyCounts, MAX_SHORTLISTED_PER_VACANCY } from "@fair-shortlist/shared/outcomeCounts";
import { classifyStage, WRES_OUTCOME_OF_STAGE, type StageOutcome } from "@fair-shortlist/shared/stages";
import { classifyStaffGroup } from "@fair-shortlist/shared/staffGroups";
import { addDisabilityApplicant, classifyDisability, emptyDisabilityCounts, readDisabilityWording, type DisabilityCounts, type DisabilityGroup } from "@fair-shortlist/shared/disability";
import { normaliseWording } from "@fair-shortlist/shared/vocabularyText";
import { dateColumnOrder, financialYearOf, readDateCell, readUkDate, ukLongDate } from "@fair-shortlist/shared/periods";
import type { ColumnMapping } from "./columns";
import { stageDateReached, stageFromDates } from "./stageDates";
import { VALUE_FIELDS, type StageChoice, type ValueField } from "./choices";
export { VALUE_FIELDS, type StageChoice, type ValueField };

export interface SourceRow {
  /** Line (CSV) or row number (Excel) as a spreadsheet shows it. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** The analyst's choices, per field, by normalised cell text (choiceKey). Also what is remembered. */
export interface ImportChoices {
  stage?: Record<string, StageChoice>;
  staffGroup?: Record<string, StaffGroup>;
  band?: Record<string, Band>;
  closingDate?: Record<string, string>;
  ethnicity?: Record<string, EthnicGroup>;
  disability?: Record<string, DisabilityGroup>;
  /**
   * Per vacancy (by its reference as read), what the analyst chose for a field none of its rows
   * gives (a blank band column for one post). For this file only: never remembered.
   */
  vacancy?: Record<string, VacancyFix>;
  /** Count applicant rows without a reference under the vacancy above them (ImportResult.groupedRows). For this file only. */
  fillDown?: boolean;
}

/** The vacancy-level fields an analyst can give for one vacancy when its rows give none. */
export type VacancyFixField = "band" | "closingDate" | "staffGroup";
export interface VacancyFix {
  band?: Band;
  /** YYYY-MM-DD */
  closingDate?: string;
  staffGroup?: StaffGroup;
}

export function choiceKey(text: string): string {
  return normaliseWording(text);
}

/**
 * One distinct cell value that needs the analyst: unknown (nothing counted from it until chosen),
 * guessed (counted as `meaning`, to confirm) or chosen (the analyst's or a remembered choice).
 */
export interface ValueGroup {
  readonly field: ValueField;
  readonly key: string;
  /** The text as the file first gives it. */
  readonly text: string;
  readonly rows: number;
  readonly status: "unknown" | "guessed" | "chosen";
  readonly meaning: string | null;
  readonly note?: string;
}

/** Rows that share one problem the analyst cannot map (e.g. no vacancy reference). */
export interface RowGroup {
  readonly reason: string;
  readonly lines: readonly number[];
}

export type EthnicCounts = Record<EthnicGroup, { shortlisted: number; appointed: number }>;

export interface VacancyCounts {
  /** The reference as the file gives it: stays in the browser, only its keyed hash leaves. */
  readonly reference: string;
  readonly closingDate: string;
  readonly financialYear: string;
  readonly band: Band;
  readonly staffGroup: StaffGroup;
  readonly counts: EthnicCounts;
  /**
   * WDES metric 2 counts, by the same rule as `counts`; null when the file has no disability
   * column, so the vacancy is sent without them ("not recorded"), never as all not declared.
   */
  readonly disability: DisabilityCounts | null;
  /** Applicant rows read into this vacancy (including not-shortlisted ones and duplicates). */
  readonly rows: number;
}

export interface HeldVacancy {
  readonly reference: string;
  readonly rows: number;
  readonly reasons: readonly string[];
  /** Fields none of its rows gives: the analyst can choose them for this vacancy (ImportChoices.vacancy). */
  readonly missing: readonly VacancyFixField[];
}

export interface ImportResult {
  /** Ready to send. */
  readonly vacancies: VacancyCounts[];
  /** Read, but waiting for a choice (or with a count the API would refuse): not sent, said why. */
  readonly held: HeldVacancy[];
  /** Read, nobody shortlisted: nothing to send for them. */
  readonly nothingToSend: string[];
  readonly values: ValueGroup[];
  /** Rows that could not be placed in a vacancy at all. */
  readonly rowProblems: RowGroup[];
  /** Things read with an assumption: a vacancy whose rows disagree, duplicates. */
  readonly notes: string[];
  /**
   * Applicant rows with no reference, band, closing date or staff group, under a vacancy's rows (a
   * report grouped by vacancy): counted under that vacancy when ImportChoices.fillDown is set,
   * else left out and their vacancies held. The preview offers the choice when this is above 0.
   */
  readonly groupedRows: number;
  readonly totals: {
    rows: number;
    notShortlisted: number;
    withdrawn: number;
    declinedOffer: number;
    leftOutByChoice: number;
    duplicates: number;
    shortlisted: Record<EthnicGroup, number>;
    appointed: Record<EthnicGroup, number>;
    disability: DisabilityCounts;
    /** Ready vacancies per financial year of their closing date. */
    byYear: Array<{ year: string; vacancies: number }>;
  };
}

interface Reading<T> {
  value: T | null;
  status: "known" | "guessed" | "chosen" | "unknown";
  note?: string;
  text: string;
  rows: number;
}

/** Reads each distinct cell text once per pass (a 100,000-row file has a few dozen distinct stages). */
class FieldReader<T> {
  private readonly seen = new Map<string, Reading<T>>();
  constructor(
    private readonly field: ValueField,
    private readonly choices: Record<string, T> | undefined,
    private readonly read: (text: string) => Omit<Reading<T>, "text" | "rows">,
  ) {}

  get(raw: string): Reading<T> {
    let r = this.seen.get(raw);
    if (!r) {
      const chosen = this.choices?.[choiceKey(raw)];
      r = chosen !== undefined ? { value: chosen, status: "chosen", text: raw.trim(), rows: 0 } : { ...this.read(raw), text: raw.trim(), rows: 0 };
      this.seen.set(raw, r);
    }
    r.rows++;
    return r;
  }

  /** Distinct values the analyst should see, merged by choice key. */
  groups(): ValueGroup[] {
    const byKey = new Map<string, ValueGroup>();
    for (const r of this.seen.values()) {
      if (r.status === "known") continue;
      const key = choiceKey(r.text);
      const prev = byKey.get(key);
      byKey.set(key, {
        field: this.field,
        key,
        text: prev?.text ?? r.text,
        rows: (prev?.rows ?? 0) + r.rows,
        status: r.status,
        meaning: r.value === null ? null : String(r.value),
        ...(r.note ? { note: r.note } : {}),
      });
    }
    return [...byKey.values()].sort((a, b) => b.rows - a.rows || a.text.localeCompare(b.text));
  }
}

/**
 * "3.49123E+11": Excel shows a long number like that and saves it so in a CSV, with the digits
 * past the sixth lost, so two references (or applicant IDs) can come out the same.
 */
const EXCEL_ROUNDED = /^\d(?:\.\d+)?E\+\d+$/i;

const STAGE_RANK: Readonly<Record<StageOutcome, number>> = { notShortlisted: 0, withdrawn: 1, shortlisted: 2, offerDeclined: 3, appointed: 4 };

interface Person {
  stage: Reading<StageChoice>;
  ethnic: EthnicGroup;
  disability: DisabilityGroup;
  line: number;
}

interface Draft {
  reference: string;
  rows: number;
  people: Person[];
  byApplicant: Map<string, Person> | null;
  band: Map<Reading<Band>, number>;
  date: Map<Reading<string>, number>;
  group: Map<Reading<StaffGroup>, number>;
  /** Rows just below it without a reference, as a report grouped by vacancy prints them, not yet counted. */
  groupedBelow: number;
}

function rank(p: Person): number {
  const v = p.stage.value;
  return v === null ? -1 : v === "leaveOut" ? -2 : STAGE_RANK[v];
}

/** The value most rows give; ties go to the one seen first. Notes when rows disagree. */
function resolve<T>(tally: Map<Reading<T>, number>, what: string, reference: string, describe: (v: T) => string, notes: string[]): T | null {
  const byValue = new Map<T, number>();
  for (const [r, n] of tally) if (r.value !== null && r.status !== "unknown") byValue.set(r.value, (byValue.get(r.value) ?? 0) + n);
  let best: T | null = null;
  let bestN = 0;
  for (const [v, n] of byValue) if (n > bestN) (best = v), (bestN = n);
  if (best !== null && byValue.size > 1) {
    const parts = [...byValue].map(([v, n]) => `${describe(v)} in ${n} ${n === 1 ? "row" : "rows"}`);
    notes.push(`Vacancy ${reference}: its rows give ${what} ${parts.join(", ")}; read as ${describe(best)}.`);
  }
  return best;
}

/** Classifies each row, then adds them up per vacancy. Pure: same rows, mapping and choices, same result. */
export function aggregateApplicants(
  rows: readonly SourceRow[],
  mapping: ColumnMapping,
  choices: ImportChoices = {},
  opts: { headerLength?: number; onProgress?: (fraction: number) => void } = {},
): ImportResult {
  const cell = (fields: readonly string[], index: number | null) => (index === null ? "" : (fields[index] ?? ""));

  const stages = new FieldReader<StageChoice>("stage", choices.stage, (t) => {
    if (t.trim() === "") return { value: null, status: "unknown", note: "no stage given" };
    const r = classifyStage(t, undefined, { patterns: true });
    if (!r) return { value: null, status: "unknown" };
    return r.source === "pattern" ? { value: r.outcome, status: "guessed", note: "read from the wording" } : { value: r.outcome, status: "known" };
  });
  const groups = new FieldReader<StaffGroup>("staffGroup", choices.staffGroup, (t) => {
    if (t.trim() === "") return { value: null, status: "known" }; // blank: the vacancy's other rows decide
    const r = classifyStaffGroup(t);
    if (!r) return { value: null, status: "unknown" };
    if (r.side === null) return { value: null, status: "unknown", note: "outside WRES's clinical / non-clinical split: choose one" };
    return { value: r.side, status: "known" };
  });
  const bands = new FieldReader<Band>("band", choices.band, (t) => {
    if (t.trim() === "") return { value: null, status: "known" };
    const r = parseBand(t);
    if (!r) return { value: null, status: "unknown" };
    return r.warning ? { value: r.band, status: "guessed", note: r.warning } : { value: r.band, status: "known" };
  });
  // A US-locale export writes every date month first: told by the cells that can only be month
  // first (06/14/2024) when none can only be day first. Read so, and said once in the notes.
  const distinctDates = new Set<string>();
  if (mapping.closingDate !== null) for (const r of rows) distinctDates.add(cell(r.fields, mapping.closingDate));
  const dateOrder = dateColumnOrder(distinctDates);
  const monthFirst = dateOrder.order === "monthFirst";
  let monthFirstExample: string | null = null;
  const dates = new FieldReader<string>("closingDate", choices.closingDate, (t) => {
    if (t.trim() === "") return { value: null, status: "known" };
    const d = readDateCell(t, { monthFirst });
    if (monthFirst && d && !monthFirstExample && readUkDate(t) && readUkDate(t) !== d) monthFirstExample = t.trim();
    return d ? { value: d, status: "known" } : { value: null, status: "unknown", note: "not a date (use e.g. 31/03/2025 or 2025-03-31)" };
  });
  const ethnicities = new FieldReader<EthnicGroup>("ethnicity", choices.ethnicity, (t) => {
    const r = classifyEthnicity(t);
    return r.warning ? { value: r.group, status: "guessed", note: r.warning } : { value: r.group, status: "known" };
  });
  const disabilities = new FieldReader<DisabilityGroup>("disability", choices.disability, (t) => {
    const g = classifyDisability(t);
    if (g) return { value: g, status: "known" };
    const worded = readDisabilityWording(t);
    return worded ? { value: worded, status: "guessed", note: "read from the wording" } : { value: "notDeclared", status: "guessed", note: "not an answer we know: counted as not declared" };
  });

  const rowProblems = new Map<string, number[]>();
  const problem = (reason: string, line: number) => {
    const lines = rowProblems.get(reason);
    if (lines) lines.push(line);
    else rowProblems.set(reason, [line]);
  };
  const drafts = new Map<string, Draft>();
  const notes: string[] = [];
  let duplicates = 0;
  const conflicting: number[] = [];
  const useApplicant = mapping.applicant !== null;
  // A vacancy's rows repeat its reference: normalise each spelling once.
  const normalised = new Map<string, string>();

  // No stage column but a column per stage (date shortlisted, offer accepted...): the stage is
  // read from which of them are filled. One reading per outcome, so rank() and the tallies work as for text.
  const byDates = mapping.stage === null && mapping.shortlistedOn !== null;
  const fromDates = new Map<StageOutcome, Reading<StageChoice>>();
  const dateStage = (fields: readonly string[]): Reading<StageChoice> => {
    const outcome = stageFromDates({ shortlisted: cell(fields, mapping.shortlistedOn), appointed: cell(fields, mapping.appointedOn), declined: cell(fields, mapping.declinedOn) });
    let r = fromDates.get(outcome);
    if (!r) fromDates.set(outcome, (r = { value: outcome, status: "known", text: `${outcome} (from the stage date columns)`, rows: 0 }));
    r.rows++;
    return r;
  };
  const oddDateCells = new Map<string, number>();
  const stageDatesBlank = (fields: readonly string[]) => {
    let blank = true;
    for (const index of [mapping.shortlistedOn, mapping.appointedOn, mapping.declinedOn]) {
      const t = cell(fields, index).trim();
      if (!t) continue;
      blank = false;
      if (stageDateReached(t) === null) oddDateCells.set(t, (oddDateCells.get(t) ?? 0) + 1);
    }
    return blank;
  };

  let lastDraft: Draft | undefined;
  let roundedIds = 0;
  let groupedRows = 0;

  const total = rows.length;
  for (let i = 0; i < total; i++) {
    if (opts.onProgress && i % 10_000 === 0 && i > 0) opts.onProgress(i / total);
    const { line, fields } = rows[i]!;
    if (opts.headerLength !== undefined && fields.length !== opts.headerLength) {
      if (fields.filter((f) => f.trim() !== "").length <= 1) {
        problem("one cell only: not an applicant row (a title, a page footer or a note?): left out", line);
        continue;
      }
      problem(`the row has a different number of fields from the header (a comma or quote may be misplaced): left out`, line);
      continue;
    }
    const reference = cell(fields, mapping.vacancy).trim();
    let normal = normalised.get(reference);
    if (normal === undefined) normalised.set(reference, (normal = normaliseVacancyReference(reference)));
    // A report's footer ("Total", 200) or a note has a first cell but says nothing about an
    // applicant: no stage and no ethnicity. Listed by line, never made into a vacancy.
    const noStage = byDates ? stageDatesBlank(fields) && cell(fields, mapping.applicant).trim() === "" : cell(fields, mapping.stage).trim() === "";
    const notApplicant = noStage && cell(fields, mapping.ethnicity).trim() === "";
    let draft: Draft | undefined;
    if (!normal) {
      // A report grouped by vacancy prints the reference, band, closing date and staff group once,
      // on the vacancy's first row: an applicant row with all of them blank, under a vacancy's rows,
      // belongs to it. Counted so only when the analyst says the file is laid out that way.
      const vacancyCellsBlank = [mapping.band, mapping.closingDate, mapping.staffGroup].every((index) => cell(fields, index).trim() === "");
      if (notApplicant || !vacancyCellsBlank || !lastDraft) {
        problem("no vacancy reference: left out", line);
        continue;
      }
      groupedRows++;
      if (!choices.fillDown) {
        lastDraft.groupedBelow++;
        problem(`no vacancy reference, below the rows of vacancy ${lastDraft.reference} as in a report grouped by vacancy: left out unless you count such rows under the vacancy above them`, line);
        continue;
      }
      draft = lastDraft;
    } else if (notApplicant) {
      problem("no stage and no ethnicity: not an applicant row (a total or a note?): left out", line);
      continue;
    } else {
      draft = drafts.get(normal);
      if (!draft) {
        draft = { reference, rows: 0, people: [], byApplicant: useApplicant ? new Map() : null, band: new Map(), date: new Map(), group: new Map(), groupedBelow: 0 };
        drafts.set(normal, draft);
      }
      lastDraft = draft;
    }
    draft.rows++;
    const b = bands.get(cell(fields, mapping.band));
    draft.band.set(b, (draft.band.get(b) ?? 0) + 1);
    const d = dates.get(cell(fields, mapping.closingDate));
    draft.date.set(d, (draft.date.get(d) ?? 0) + 1);
    const g = groups.get(cell(fields, mapping.staffGroup));
    draft.group.set(g, (draft.group.get(g) ?? 0) + 1);

    const person: Person = {
      stage: byDates ? dateStage(fields) : stages.get(cell(fields, mapping.stage)),
      ethnic: ethnicities.get(cell(fields, mapping.ethnicity)).value ?? "notStated",
      disability: mapping.disability === null ? "notDeclared" : (disabilities.get(cell(fields, mapping.disability)).value ?? "notDeclared"),
      line,
    };
    let applicant = draft.byApplicant ? cell(fields, mapping.applicant).trim() : "";
    if (applicant && EXCEL_ROUNDED.test(applicant)) {
      roundedIds++;
      applicant = "";
    }
    if (draft.byApplicant && applicant) {
      const prev = draft.byApplicant.get(applicant);
      if (prev) {
        duplicates++;
        if (prev.stage.value !== person.stage.value || prev.ethnic !== person.ethnic) conflicting.push(line);
        // The row furthest along wins: a host that lists someone twice usually kept an old row.
        if (rank(person) > rank(prev)) draft.byApplicant.set(applicant, person);
        continue;
      }
      draft.byApplicant.set(applicant, person);
    } else {
      draft.people.push(person);
    }
  }
  if (monthFirst) {
    const said = monthFirstExample ? `, so "${monthFirstExample}" as ${ukLongDate(readDateCell(monthFirstExample, { monthFirst }))}` : "";
    notes.push(`The closing dates are written month first (US order), as "${dateOrder.example}" can only be: every closing date was read that way${said}. If that is wrong, fix the file's dates and import it again.`);
  }
  if (roundedIds) notes.push(`${roundedIds} ${roundedIds === 1 ? "row has an applicant ID that looks" : "rows have applicant IDs that look"} rounded by Excel (like "1.23457E+11"), so different applicants may share one: they were not used to find duplicate rows. Format the column as text in Excel and export again to use them.`);
  if (groupedRows && choices.fillDown) notes.push(`${groupedRows} ${groupedRows === 1 ? "row" : "rows"} without a vacancy reference, band, closing date or staff group ${groupedRows === 1 ? "was" : "were"} counted under the vacancy listed above ${groupedRows === 1 ? "it" : "them"}, as you chose (a report grouped by vacancy).`);
  if (oddDateCells.size) {
    const n = [...oddDateCells.values()].reduce((a, b) => a + b, 0);
    const examples = [...oddDateCells.keys()].slice(0, 5).map((t) => `"${t}"`).join(", ");
    notes.push(`${n} ${n === 1 ? "cell" : "cells"} of the stage date columns ${n === 1 ? "holds" : "hold"} neither a date nor yes / no (${examples}): read as the stage reached.`);
  }
  if (duplicates) {
    notes.push(
      `${duplicates} ${duplicates === 1 ? "row repeats an applicant" : "rows repeat applicants"} already listed for the same vacancy: each applicant is counted once` +
        (conflicting.length ? `; ${conflicting.length} of them give a different stage or ethnicity (lines ${conflicting.slice(0, 20).join(", ")}${conflicting.length > 20 ? ", …" : ""}), and the row furthest along is counted.` : "."),
    );
  }

  const totals: ImportResult["totals"] = {
    rows: rows.length,
    notShortlisted: 0,
    withdrawn: 0,
    declinedOffer: 0,
    leftOutByChoice: 0,
    duplicates,
    shortlisted: { white: 0, bme: 0, notStated: 0 },
    appointed: { white: 0, bme: 0, notStated: 0 },
    disability: emptyDisabilityCounts(),
    byYear: [],
  };
  const vacancies: VacancyCounts[] = [];
  const held: HeldVacancy[] = [];
  const nothingToSend: string[] = [];
  const years = new Map<string, number>();

  for (const draft of drafts.values()) {
    const reasons: string[] = [];
    const people = draft.byApplicant ? [...draft.people, ...draft.byApplicant.values()] : draft.people;
    const counts = emptyCounts();
    const disability = emptyDisabilityCounts();
    const waiting = new Map<string, number>();
    const tally = { notShortlisted: 0, withdrawn: 0, declinedOffer: 0, leftOut: 0 };
    for (const p of people) {
      const stage = p.stage.value;
      if (stage === null) {
        const label = p.stage.text || "(blank)";
        waiting.set(label, (waiting.get(label) ?? 0) + 1);
        continue;
      }
      if (stage === "leaveOut") {
        tally.leftOut++;
        continue;
      }
      const outcome = WRES_OUTCOME_OF_STAGE[stage];
      addApplicant(counts, p.ethnic, outcome);
      addDisabilityApplicant(disability, p.disability, outcome);
      if (stage === "notShortlisted") tally.notShortlisted++;
      else if (stage === "withdrawn") tally.withdrawn++;
      else if (stage === "offerDeclined") tally.declinedOffer++;
    }
    for (const [label, n] of waiting) reasons.push(`${n} ${n === 1 ? "row has" : "rows have"} stage "${label}": choose what it means above`);
    if (EXCEL_ROUNDED.test(draft.reference)) reasons.push(`its reference looks rounded by Excel (a long number shown as "${draft.reference}"), so its rows may be several vacancies': format the reference column as text in Excel, save the file again and import it`);
    if (draft.groupedBelow) reasons.push(`${draft.groupedBelow} ${draft.groupedBelow === 1 ? "row" : "rows"} below its first row ${draft.groupedBelow === 1 ? "has" : "have"} no reference, as in a report grouped by vacancy: count them under the vacancy above (choose below), or fix the file`);

    const fix = choices.vacancy?.[draft.reference];
    const band = fix?.band ?? resolve(draft.band, "band", draft.reference, (v) => v, notes);
    const closingDate = (fix?.closingDate ? readUkDate(fix.closingDate) : null) ?? resolve(draft.date, "closing date", draft.reference, (v) => v, notes);
    const staffGroup = fix?.staffGroup ?? resolve(draft.group, "staff group", draft.reference, (v) => (v === "clinical" ? "clinical" : "non-clinical"), notes);
    const missing: VacancyFixField[] = [];
    const unresolved = (field: VacancyFixField, what: string, tallyOf: Map<Reading<unknown>, number>) => {
      const unknown = [...tallyOf.keys()].filter((r) => r.status === "unknown" && r.text);
      const texts = unknown.map((r) => `"${r.text}"`).join(", ");
      const why = unknown.find((r) => r.note)?.note;
      if (unknown.length) reasons.push(`${what} ${texts} ${why ? `is ${why.replace(/: choose one$/, "")}` : "is not one we know"}: choose what it means above`);
      else {
        missing.push(field);
        reasons.push(`no ${what} in any of its rows: choose it for this vacancy, or fix the file`);
      }
    };
    if (band === null) unresolved("band", "band", draft.band as Map<Reading<unknown>, number>);
    if (closingDate === null) unresolved("closingDate", "closing date", draft.date as Map<Reading<unknown>, number>);
    if (staffGroup === null) unresolved("staffGroup", "staff group", draft.group as Map<Reading<unknown>, number>);
    const tooMany = (["white", "bme", "notStated"] as const).find((k) => counts[k].shortlisted > MAX_SHORTLISTED_PER_VACANCY);
    if (tooMany) reasons.push(`more than ${MAX_SHORTLISTED_PER_VACANCY} shortlisted in one group, more than the API accepts for one vacancy: check the file`);

    if (reasons.length > 0 || band === null || closingDate === null || staffGroup === null) {
      held.push({ reference: draft.reference, rows: draft.rows, reasons, missing });
      continue;
    }
    totals.notShortlisted += tally.notShortlisted;
    totals.withdrawn += tally.withdrawn;
    totals.declinedOffer += tally.declinedOffer;
    totals.leftOutByChoice += tally.leftOut;
    const shortlisted = counts.white.shortlisted + counts.bme.shortlisted + counts.notStated.shortlisted;
    if (shortlisted === 0) {
      nothingToSend.push(draft.reference);
      continue;
    }
    for (const k of ["white", "bme", "notStated"] as const) {
      totals.shortlisted[k] += counts[k].shortlisted;
      totals.appointed[k] += counts[k].appointed;
    }
    for (const k of ["disabled", "notDisabled", "notDeclared"] as const) {
      totals.disability[k].shortlisted += disability[k].shortlisted;
      totals.disability[k].appointed += disability[k].appointed;
    }
    const financialYear = financialYearOf(closingDate);
    years.set(financialYear, (years.get(financialYear) ?? 0) + 1);
    vacancies.push({ reference: draft.reference, closingDate, financialYear, band, staffGroup, counts, disability: mapping.disability === null ? null : disability, rows: draft.rows });
  }
  totals.byYear = [...years].sort(([a], [b]) => a.localeCompare(b)).map(([year, n]) => ({ year, vacancies: n }));

  const values = [stages, groups, bands, dates, ethnicities, ...(mapping.disability === null ? [] : [disabilities])].flatMap((r) => (r as FieldReader<unknown>).groups());
  opts.onProgress?.(1);
  return {
    vacancies,
    held,
    nothingToSend,
    values,
    rowProblems: [...rowProblems].map(([reason, lines]) => ({ reason, lines })),
    notes,
    groupedRows,
    totals,
  };
}
