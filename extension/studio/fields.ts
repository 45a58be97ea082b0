/**
 * Every profile field the studio can fill by picking, in the analyst's words: where it is in the
 * profile file, what it is for, whether it names one element or every element like the one
 * clicked, which list row it sits in, and on which screens it should be found (so the read-out
 * can tell "not on this screen" from "broken"). Pure data; the panel and the read-out use it.
 */
import type { ScreenKind } from "@fair-shortlist/shared/siteProfile";
import { getAt, type Draft } from "./draft";
import type { ProposalMode } from "./selectorProposal";

export type FieldKind = "value" | "selector" | "flag" | "decision";

export interface StudioField {
  /** Where it goes in the profile, e.g. "vacancy.band", "criteria[0].text". */
  path: string;
  label: string;
  kind: FieldKind;
  mode: ProposalMode;
  /** The list-row selector this field is looked up inside (its selector is relative to the row). */
  rowOf?: string;
  /** Screens where it should be found; empty: anywhere it happens to be. */
  screens: readonly ScreenKind[];
  hint: string;
}

export interface StudioSection {
  id: string;
  title: string;
  fields: readonly StudioField[];
}

const ALL: readonly ScreenKind[] = ["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"];

export const SECTIONS: readonly StudioSection[] = [
  {
    id: "vacancy",
    title: "The vacancy",
    fields: [
      { path: "vacancy.reference", label: "Vacancy reference", kind: "value", mode: "one", screens: ALL, hint: "Scores are kept per vacancy: it must be readable on every screen." },
      { path: "vacancy.jobTitle", label: "Job title", kind: "value", mode: "one", screens: [], hint: "" },
      { path: "vacancy.band", label: "Band", kind: "value", mode: "one", screens: ["interview", "outcomeReport"], hint: "e.g. \"Band 7\": the panel check and outcome capture need it." },
      { path: "vacancy.staffGroup", label: "Staff group", kind: "value", mode: "one", screens: ["outcomeReport"], hint: "Outcome capture sends clinical / non-clinical." },
      { path: "vacancy.closingDate", label: "Closing date", kind: "value", mode: "one", screens: ["outcomeReport"], hint: "Outcome capture files the vacancy under its closing date." },
    ],
  },
  {
    id: "applicants",
    title: "Shortlisting list",
    fields: [
      { path: "applicants.row", label: "Applicant rows", kind: "selector", mode: "all", screens: ["shortlistingList"], hint: "Click one applicant's row: every row like it is selected." },
      { path: "applicants.id", label: "Applicant reference (in the row)", kind: "value", mode: "one", rowOf: "applicants.row", screens: ["shortlistingList"], hint: "Never the name: the reference the application page shows too." },
      { path: "applicants.badgeAnchor", label: "Where the progress badge goes (in the row)", kind: "selector", mode: "one", rowOf: "applicants.row", screens: ["shortlistingList"], hint: "Optional: the end of the row by default." },
      { path: "applicants.decision", label: "Decision control (in the row)", kind: "decision", mode: "one", rowOf: "applicants.row", screens: ["shortlistingList"], hint: "The system's own shortlist / reject control: only read, never changed." },
      { path: "applicants.guaranteedInterview", label: "Guaranteed-interview flag (in the row)", kind: "flag", mode: "one", rowOf: "applicants.row", screens: ["shortlistingList"], hint: "Click the row itself to read a flag from the row's own attribute." },
      { path: "applicants.total", label: "How many applicants in all", kind: "value", mode: "one", screens: [], hint: "Optional, for a list that shows only some at a time (scrolling or pages): text such as \"300 applicants\", or the list's aria-rowcount under Advanced. The first whole number read is the total." },
    ],
  },
  {
    id: "application",
    title: "Application and person specification",
    fields: [
      { path: "application.applicantId", label: "Applicant reference", kind: "value", mode: "one", screens: ["application"], hint: "Must read the same as the list's applicant reference." },
      { path: "application.anchor", label: "Where the scoring panel goes", kind: "selector", mode: "one", screens: ["application"], hint: "The panel goes just after this element; the person specification is a good place." },
      { path: "decision", label: "Decision control", kind: "decision", mode: "one", screens: ["shortlistingDecision"], hint: "If the application page has its own shortlist / reject control." },
      { path: "guaranteedInterview", label: "Guaranteed-interview flag", kind: "flag", mode: "one", screens: ["application"], hint: "" },
    ],
  },
  {
    id: "interview",
    title: "Interview and panel",
    fields: [
      { path: "interview.anchor", label: "Where the interview overlay goes", kind: "selector", mode: "one", screens: ["interview"], hint: "" },
      { path: "interview.candidateId", label: "Candidate reference", kind: "value", mode: "one", screens: [], hint: "Optional: on a single candidate's interview page." },
      { path: "panel.row", label: "Panel members (each row)", kind: "selector", mode: "all", screens: ["interview"], hint: "Click one member: every member like it is selected." },
      { path: "panel.name", label: "Member's name (in the row)", kind: "value", mode: "one", rowOf: "panel.row", screens: ["interview"], hint: "Only counted, never stored or sent." },
      { path: "panel.email", label: "Member's e-mail (in the row)", kind: "value", mode: "one", rowOf: "panel.row", screens: ["interview"], hint: "With your trust's e-mail domains, tells internal from external." },
      { path: "panel.external", label: "External-member flag (in the row)", kind: "flag", mode: "one", rowOf: "panel.row", screens: ["interview"], hint: "Click the row itself to read a flag from the row's own attribute." },
      { path: "panel.anchor", label: "Where the panel check goes", kind: "selector", mode: "one", screens: ["interview"], hint: "Pick the panel list itself (or what holds it): the check follows changes inside it." },
    ],
  },
  {
    id: "outcomeReport",
    title: "Outcome report",
    fields: [
      { path: "outcomeReport.row", label: "Report rows", kind: "selector", mode: "all", screens: ["outcomeReport"], hint: "Click one applicant's row in the report." },
      { path: "outcomeReport.applicantId", label: "Applicant reference (in the row)", kind: "value", mode: "one", rowOf: "outcomeReport.row", screens: ["outcomeReport"], hint: "Optional: lets duplicates be counted once." },
      { path: "outcomeReport.stage", label: "Stage reached (in the row)", kind: "value", mode: "one", rowOf: "outcomeReport.row", screens: ["outcomeReport"], hint: "Then say what each stage means below." },
      { path: "outcomeReport.ethnicity", label: "Ethnicity (in the row)", kind: "value", mode: "one", rowOf: "outcomeReport.row", screens: ["outcomeReport"], hint: "Each label seen is shown with the group it counts in." },
      { path: "outcomeReport.disability", label: "Disability (in the row)", kind: "value", mode: "one", rowOf: "outcomeReport.row", screens: ["outcomeReport"], hint: "Optional, where the report shows it: WDES metric 2. Each answer seen is shown with the group it counts in." },
      { path: "outcomeReport.anchor", label: "Where the outcome panel goes", kind: "selector", mode: "one", screens: ["outcomeReport"], hint: "Pick the report table itself (or what holds it): the counts follow changes inside it." },
    ],
  },
];

/**
 * Overlays that recount when their anchor's content changes: the anchor must hold the rows, or
 * rows that arrive late are never seen. `fallback` is the anchor used when the field is unset.
 */
export const ROW_ANCHORS: ReadonlyArray<{ anchor: string; fallback?: string; rows: string }> = [
  { anchor: "panel.anchor", fallback: "interview.anchor", rows: "panel.row" },
  { anchor: "outcomeReport.anchor", fallback: "outcomeReport.row", rows: "outcomeReport.row" },
];

/** Fields that do not depend on the draft (criteria groups do: see fieldsOf). */
export const FIELDS: readonly StudioField[] = SECTIONS.flatMap((s) => s.fields);

/**
 * The person specification's criteria come in groups (`criteria[i]`): one list with a label per
 * item ("Essential" / "Desirable"), or a list per kind (NHS Jobs prints the essential and the
 * desirable criteria as two lists), each its own group with one kind for all its items.
 */
export function criteriaGroupCount(draft: Draft): number {
  const list = getAt(draft, "criteria");
  return Math.max(1, Array.isArray(list) ? list.length : 0);
}

/** "criteria" for a profile with one group; "criteria of group 2" when there are several. */
export function criteriaGroupName(i: number, count: number): string {
  return count > 1 ? `criteria of group ${i + 1}` : "criteria";
}

export function criteriaFields(i: number, count = 1): StudioField[] {
  const g = `criteria[${i}]`;
  const of = count > 1 ? ` of group ${i + 1}` : "";
  return [
    { path: `${g}.item`, label: `Criteria${of} (each item)`, kind: "selector", mode: "all", screens: ["application"], hint: "Click one criterion: every criterion like it is selected." },
    { path: `${g}.text`, label: `Criterion text${of} (in the item)`, kind: "selector", mode: "one", rowOf: `${g}.item`, screens: ["application"], hint: "Optional: the whole item by default." },
    { path: `${g}.kindFrom.selector`, label: `Essential / desirable label${of} (in the item)`, kind: "selector", mode: "one", rowOf: `${g}.item`, screens: ["application"], hint: "Then say which labels mean essential and desirable below." },
  ];
}

/** Every field of this draft: the fixed ones and each criteria group's. */
export function fieldsOf(draft: Draft): StudioField[] {
  const n = criteriaGroupCount(draft);
  return [...FIELDS, ...Array.from({ length: n }, (_, i) => criteriaFields(i, n)).flat()];
}

/** Label lists the analyst fills by assigning each value seen on the page to a category. */
export interface LabelMapping {
  path: string;
  title: string;
  categories: ReadonlyArray<readonly [string, string]>;
  /** The field whose values are the labels. */
  from: string;
}

export const LABEL_MAPPINGS: readonly LabelMapping[] = [
  { path: "vacancy.staffGroupLabels", title: "Staff group wording", from: "vacancy.staffGroup", categories: [["clinical", "clinical"], ["nonClinical", "non-clinical"]] },
  { path: "applicants.decision.values", title: "Decision values in the list", from: "applicants.decision", categories: [["shortlisted", "shortlisted"], ["rejected", "rejected"], ["undecided", "undecided"]] },
  { path: "decision.values", title: "Decision values on the application", from: "decision", categories: [["shortlisted", "shortlisted"], ["rejected", "rejected"], ["undecided", "undecided"]] },
  { path: "outcomeReport.stageLabels", title: "What each stage means", from: "outcomeReport.stage", categories: [["shortlisted", "shortlisted"], ["appointed", "appointed"], ["offerDeclined", "offer declined"]] },
];

/** The fixed label mappings and each criteria group's essential / desirable labels. */
export function labelMappingsOf(draft: Draft): LabelMapping[] {
  const n = criteriaGroupCount(draft);
  const kinds = Array.from({ length: n }, (_, i): LabelMapping => ({
    path: `criteria[${i}].kindFrom`,
    title: n > 1 ? `Essential / desirable labels (group ${i + 1})` : "Essential / desirable labels",
    from: `criteria[${i}].kindFrom.selector`,
    categories: [["essential", "essential"], ["desirable", "desirable"]],
  }));
  return [LABEL_MAPPINGS[0]!, ...kinds, ...LABEL_MAPPINGS.slice(1)];
}

export const SCREEN_NAMES: Readonly<Record<ScreenKind, string>> = {
  shortlistingList: "shortlisting list",
  application: "application",
  shortlistingDecision: "shortlisting decision",
  interview: "interview",
  outcomeReport: "outcome report",
};
