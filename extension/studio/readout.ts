/**
 * The studio's read-out: what the profile being built reads on the page showing now, line by
 * line in words ("band: "Band 7" → 7", "12 applicant rows", "24 identifying cells hidden"), each
 * ethnicity label with the group it counts in, and every problem with the field it belongs to
 * and what was found instead. Pure: the page is seen through a `PageObservation` that
 * studio/observePage.ts gathers with the same profile readers the overlay uses
 * (tests/unit/studio-readout.test.ts).
 */
import { parseBand } from "@fair-shortlist/shared/bands";
import { DISABILITY_GROUP_LABELS, classifyDisability } from "@fair-shortlist/shared/disability";
import { classifyEthnicity } from "@fair-shortlist/shared/ethnicity";
import { countInText, decisionOf, type DecisionControl, type ScreenKind } from "@fair-shortlist/shared/siteProfile";
import { outcomeOfStage, readStaffGroup, type StageLabels } from "../outcomes/countOutcomes";
import { readUkDate } from "@fair-shortlist/shared/periods";
import { criteriaGroupCount, criteriaGroupName, fieldsOf, SCREEN_NAMES, type StudioField } from "./fields";
import { categoryOf, getAt, type Draft } from "./draft";

export interface ScreenObservation {
  kind: ScreenKind;
  path: string;
  /** null when the path is not a valid regular expression. */
  addressMatches: boolean | null;
  marker?: string;
  /** null: no marker; undefined with a marker: not checked (address did not match). */
  markerFound?: boolean | null;
}

export interface FieldObservation {
  path: string;
  /** What was looked for, in the profile's words (selector, or "address" for urlPattern). */
  selector: string;
  /** The selector (or pattern) cannot be parsed. */
  invalid?: boolean;
  /** Page fields: elements matching. Row fields: rows where it was found. */
  matches: number;
  /** Row fields: rows in total. */
  rows?: number;
  /** The first value read (after `pattern`), null when nothing was read. */
  value: string | null;
  /** The element's text before `pattern` narrowed it (when the pattern did not match). */
  unpatterned?: string | null;
  /** When nothing matched: looser selectors that do match, with their counts. */
  instead?: ReadonlyArray<{ selector: string; matches: number }>;
}

export interface PageObservation {
  screens: ScreenObservation[];
  fields: FieldObservation[];
  /** Elements the identifying fields hide, per entry of identifyingFields. */
  identifying: Array<{ field: string; selector: string; matches: number; invalid?: boolean; attribute?: string }>;
  /** Distinct values seen per label-giving field (ethnicity, stage, decision, staff group, criterion kind), with rows. */
  values: Record<string, Array<{ value: string; rows: number; /** what the page shows for the value (a drop-down option's or radio button's label), when it differs */ label?: string }>>;
  /** Flags: on how many rows (or the page) they are set. */
  flags: Array<{ path: string; set: number; of: number }>;
  /** The panel as the panel check counts it (with `split`: the members of a panel written as text). */
  panelMembers?: { members: number; flaggedExternal: number; split?: string } | undefined;
  /** Anchors (see fields.ts ROW_ANCHORS) found on the page that do not hold the rows they count. */
  anchorsOutsideRows?: Array<{ anchor: string; selector: string; rows: string }>;
}

export type LineLevel = "ok" | "info" | "problem";

export interface ReadoutLine {
  /** The profile field it is about ("" for the page as a whole). */
  path: string;
  level: LineLevel;
  text: string;
}

export interface Readout {
  /** Screens showing now (address and marker both match). */
  screens: ScreenKind[];
  lines: ReadoutLine[];
  problems: ReadoutLine[];
}

const q = (s: string) => `"${s}"`;

function screenLines(obs: PageObservation): { shown: ScreenKind[]; lines: ReadoutLine[] } {
  const lines: ReadoutLine[] = [];
  const shown: ScreenKind[] = [];
  for (const s of obs.screens) {
    const path = `screens.${s.kind}`;
    const name = SCREEN_NAMES[s.kind];
    if (s.addressMatches === null) {
      lines.push({ path: `${path}.path`, level: "problem", text: `${name}: the address rule ${q(s.path)} is not a valid regular expression` });
      continue;
    }
    if (!s.addressMatches) {
      lines.push({ path, level: "info", text: `not the ${name} screen: the address does not match ${q(s.path)}` });
      continue;
    }
    if (s.marker && s.markerFound === false) {
      lines.push({ path: `${path}.marker`, level: "problem", text: `${name}: the address matches, but nothing on the page matches the marker ${q(s.marker)}` });
      continue;
    }
    shown.push(s.kind);
    lines.push({ path, level: "ok", text: `screen: ${name}, because the address matches ${q(s.path)}${s.marker ? ` and the page shows ${q(s.marker)}` : ""}` });
  }
  if (!obs.screens.length) lines.push({ path: "screens", level: "problem", text: "no screens yet: say how to recognise at least one screen" });
  else if (!shown.length) lines.push({ path: "screens", level: "problem", text: "no screen of this profile is showing on this page" });
  return { shown, lines };
}

/** What a value means once read: band, date, staff group, or the value itself. */
function meaning(path: string, value: string, draft: Draft): { text: string; problem?: string } {
  if (path === "vacancy.band") {
    const b = parseBand(value);
    return b ? { text: `${q(value)} → ${b.band}${b.warning ? ` (${b.warning})` : ""}` } : { text: q(value), problem: `${q(value)} is not a band the overlay can read (e.g. "Band 7", "8a", "Consultant")` };
  }
  if (path === "vacancy.closingDate") {
    const d = readUkDate(value);
    return d ? { text: `${value} → ${d}` } : { text: q(value), problem: `${q(value)} is not a date the overlay can read (e.g. 14/06/2024 or 14 June 2024)` };
  }
  if (path === "vacancy.staffGroup") {
    const labels = getAt(draft, "vacancy.staffGroupLabels") as { clinical: string[]; nonClinical: string[] } | undefined;
    const g = readStaffGroup(value, labels ? { clinical: labels.clinical ?? [], nonClinical: labels.nonClinical ?? [] } : undefined);
    return g ? { text: `${q(value)} → ${g === "clinical" ? "clinical" : "non-clinical"}` } : { text: q(value), problem: `${q(value)} is not a staff group wording the overlay knows: say below whether it is clinical or non-clinical` };
  }
  if (path === "applicants.total") {
    const n = countInText(value);
    return n !== null ? { text: `${q(value)} → ${n} applicants in all` } : { text: q(value), problem: `${q(value)} has no number in it: pick the text that says how many applicants there are (or read aria-rowcount under Advanced)` };
  }
  return { text: q(value) };
}

function fieldLine(f: StudioField, o: FieldObservation, shown: readonly ScreenKind[], draft: Draft): ReadoutLine {
  const expected = f.screens.some((s) => shown.includes(s));
  const name = f.label.replace(/ \(in the (?:row|item)\)$/, "").toLowerCase();
  if (o.invalid) return { path: f.path, level: "problem", text: `${name}: ${q(o.selector)} is not a valid ${o.selector === "address" ? "address pattern" : "CSS selector"}` };
  if (f.rowOf && o.rows !== undefined) {
    if (o.rows === 0) return { path: f.path, level: expected ? "info" : "info", text: `${name}: no rows on this page to look in` };
    if (o.matches === 0) return { path: f.path, level: expected ? "problem" : "info", text: `${name}: nothing in the rows matches ${q(o.selector)}${insteadText(o)}` };
    const base = `${name}: found in ${o.matches} of ${o.rows} rows`;
    if (f.kind === "flag" || f.kind === "selector") return { path: f.path, level: "ok", text: base };
    if (o.value === null) return { path: f.path, level: "problem", text: `${base}, but nothing was read${o.unpatterned ? `: found ${q(o.unpatterned)}, which the pattern does not match` : ""}` };
    const m = meaning(f.path, o.value, draft);
    if (o.matches < o.rows && expected) return { path: f.path, level: "problem", text: `${base} (first: ${m.text}): the other rows do not have it` };
    return { path: f.path, level: "ok", text: `${base} (first: ${m.text})` };
  }
  if (o.matches === 0 && o.value === null) {
    return { path: f.path, level: expected ? "problem" : "info", text: `${name}: ${expected ? "" : "not on this page: "}nothing on this page matches ${q(o.selector)}${insteadText(o)}` };
  }
  if (f.kind === "selector") {
    const what = f.mode === "all" ? `${o.matches} ${name.replace(/ \(each (?:row|item)\)$/, "")}` : `${name}: ${o.matches === 1 ? "found" : `${o.matches} elements match (the first is used)`}`;
    return { path: f.path, level: "ok", text: what };
  }
  if (o.value === null) {
    return { path: f.path, level: "problem", text: `${name}: ${q(o.selector)} is on the page but nothing was read${o.unpatterned ? `: found ${q(o.unpatterned)}, which the pattern does not match` : " (it is empty)"}` };
  }
  const m = meaning(f.path, o.value, draft);
  if (m.problem) return { path: f.path, level: "problem", text: `${name}: ${m.problem}` };
  return { path: f.path, level: "ok", text: `${name}: ${m.text}${o.matches > 1 ? ` (${o.matches} elements match; the first is used)` : ""}` };
}

function insteadText(o: FieldObservation): string {
  if (!o.instead?.length) return "";
  return `; found instead: ${o.instead.slice(0, 3).map((i) => `${q(i.selector)} (${i.matches})`).join(", ")}`;
}

function valueLines(draft: Draft, obs: PageObservation): ReadoutLine[] {
  const out: ReadoutLine[] = [];
  for (const { value, rows } of obs.values["outcomeReport.ethnicity"] ?? []) {
    const c = classifyEthnicity(value);
    const group = c.group === "bme" ? "BME" : c.group === "white" ? "White" : "Not stated";
    out.push({ path: "outcomeReport.ethnicity", level: c.warning ? "problem" : "ok", text: `ethnicity ${q(value)} (${rows} row${rows === 1 ? "" : "s"}) → ${group}${c.code ? ` (${c.code})` : ""}${c.warning ? `: ${c.warning}` : ""}` });
  }
  for (const { value, rows } of obs.values["outcomeReport.disability"] ?? []) {
    const g = classifyDisability(value);
    const seen = `disability ${q(value)} (${rows} row${rows === 1 ? "" : "s"})`;
    out.push(g
      ? { path: "outcomeReport.disability", level: "ok", text: `${seen} → ${DISABILITY_GROUP_LABELS[g]}` }
      : { path: "outcomeReport.disability", level: "problem", text: `${seen} → Not declared: not a disability answer the overlay knows, so it would be counted as not declared` });
  }
  const stageLabels = getAt(draft, "outcomeReport.stageLabels") as Partial<StageLabels> | undefined;
  for (const { value, rows } of obs.values["outcomeReport.stage"] ?? []) {
    const outcome = outcomeOfStage(value, { shortlisted: stageLabels?.shortlisted ?? [], appointed: stageLabels?.appointed ?? [], offerDeclined: stageLabels?.offerDeclined ?? [] });
    const words = { shortlisted: "shortlisted", appointed: "appointed", offerDeclined: "offer declined (left out)", notCounted: "not counted" }[outcome];
    out.push({ path: "outcomeReport.stageLabels", level: "info", text: `stage ${q(value)} (${rows} row${rows === 1 ? "" : "s"}) → ${words}` });
  }
  if ((obs.values["outcomeReport.stage"] ?? []).length && !(stageLabels?.shortlisted?.length && stageLabels?.appointed?.length)) {
    out.push({ path: "outcomeReport.stageLabels", level: "problem", text: "stage labels: say which stages mean shortlisted and which mean appointed" });
  }
  for (const path of ["applicants.decision", "decision"] as const) {
    const control = getAt(draft, path) as DecisionControl | undefined;
    if (!control?.control) continue;
    const values = { shortlisted: control.values?.shortlisted ?? [], rejected: control.values?.rejected ?? [], undecided: control.values?.undecided ?? [] };
    for (const { value, rows, label } of obs.values[path] ?? []) {
      const d = decisionOf(value, { ...control, values });
      const shown = label ? ` (${q(label)})` : "";
      out.push(d
        ? { path: `${path}.values`, level: "ok", text: `decision ${q(value || "(empty)")}${shown} → ${d}${rows ? ` (${rows} now)` : ""}` }
        : { path: `${path}.values`, level: "problem", text: `decision ${q(value)}${shown} is in none of the lists: say whether it means shortlisted, rejected or undecided` });
    }
  }
  out.push(...criteriaKindLines(draft, obs));
  return out;
}

/** Per criteria group: the kind all its items have, or each label seen with the kind it means. */
function criteriaKindLines(draft: Draft, obs: PageObservation): ReadoutLine[] {
  const out: ReadoutLine[] = [];
  const n = criteriaGroupCount(draft);
  for (let i = 0; i < n; i++) {
    const g = `criteria[${i}]`;
    const name = criteriaGroupName(i, n);
    const of = n > 1 ? ` (group ${i + 1})` : "";
    const fixed = getAt(draft, `${g}.kind`);
    const found = obs.fields.find((o) => o.path === `${g}.item`);
    if (fixed === "essential" || fixed === "desirable") {
      if (found && !found.invalid && found.matches > 0) out.push({ path: `${g}.kind`, level: "ok", text: `${name}: all ${found.matches} ${fixed}` });
      continue;
    }
    const kinds = getAt(draft, `${g}.kindFrom`) as { essential?: string[]; desirable?: string[]; selector?: string; attribute?: string } | undefined;
    if (found && !found.invalid && found.matches > 0 && !kinds?.selector && !kinds?.attribute) {
      out.push({ path: `${g}.kind`, level: "problem", text: `${name}: say whether they are all essential, all desirable, or which label in each item says so` });
      continue;
    }
    for (const { value, rows } of obs.values[`${g}.kindFrom.selector`] ?? []) {
      const k = categoryOf(kinds, ["essential", "desirable"] as const, value);
      out.push(k
        ? { path: `${g}.kindFrom`, level: "ok", text: `criterion label${of} ${q(value)} (${rows}) → ${k}` }
        : { path: `${g}.kindFrom`, level: "problem", text: `criterion label${of} ${q(value)} (${rows}) is neither essential nor desirable yet: those criteria are left out` });
    }
  }
  return out;
}

export function buildReadout(draft: Draft, obs: PageObservation): Readout {
  const { shown, lines } = screenLines(obs);
  const fields = fieldsOf(draft);
  for (const o of obs.fields) {
    const f = fields.find((x) => x.path === o.path);
    if (f) lines.push(fieldLine(f, o, shown, draft));
  }
  for (const fl of obs.flags) {
    const f = fields.find((x) => x.path === fl.path);
    if (!f) continue;
    lines.push({ path: fl.path, level: "info", text: `${f.label.replace(/ \(in the row\)$/, "").toLowerCase()}: set on ${fl.set} of ${fl.of}${f.rowOf ? " rows" : ""}` });
  }
  if (obs.identifying.length) {
    const hidden = obs.identifying.reduce((n, i) => n + (i.attribute ? 0 : Math.max(0, i.matches)), 0);
    const inAttributes = obs.identifying.reduce((n, i) => n + (i.attribute ? Math.max(0, i.matches) : 0), 0);
    lines.push({ path: "identifyingFields", level: "ok", text: `${hidden} identifying cell${hidden === 1 ? "" : "s"} hidden${inAttributes ? `; ${inAttributes} attribute text${inAttributes === 1 ? "" : "s"} replaced (the elements stay in view)` : ""}` });
    obs.identifying.forEach((i, n) => {
      if (i.invalid) lines.push({ path: `identifyingFields[${n}].selector`, level: "problem", text: `${i.field}: ${q(i.selector)} is not a valid CSS selector` });
      else if (i.attribute) lines.push({ path: `identifyingFields[${n}].attribute`, level: "info", text: `${i.field} in the ${q(i.attribute)} attribute of ${i.selector}: ${i.matches} on this page carry it` });
      else lines.push({ path: `identifyingFields[${n}].selector`, level: "info", text: `${i.field} (${i.selector}): ${i.matches} on this page` });
    });
  } else lines.push({ path: "identifyingFields", level: "info", text: "no identifying fields yet: names and contact details are not hidden" });
  for (const a of obs.anchorsOutsideRows ?? []) {
    const f = fields.find((x) => x.path === a.anchor);
    lines.push({ path: a.anchor, level: "problem", text: `${(f?.label ?? a.anchor).toLowerCase()}: the rows are not inside ${q(a.selector)}, so the overlay there will not see rows that arrive or change later; pick the list itself or what holds it` });
  }
  const pm = obs.panelMembers;
  if (pm) lines.push({ path: "panel.row", level: pm.members ? "ok" : "info", text: `panel: ${pm.members} member${pm.members === 1 ? "" : "s"} listed${pm.flaggedExternal ? `, ${pm.flaggedExternal} flagged external` : ""}${pm.split ? ` (written as text, split at ${q(pm.split)})` : ""}` });
  lines.push(...valueLines(draft, obs));
  return { screens: shown, lines, problems: lines.filter((l) => l.level === "problem") };
}
