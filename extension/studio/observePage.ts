/**
 * Gathers what the draft profile finds on the page showing now, with the overlay's own profile
 * readers (lib/profileRead.ts, lib/detect.ts), for the read-out (studio/readout.ts).
 */
import { SCREEN_KINDS, type DecisionControl, type Flag, type ValueSource } from "@fair-shortlist/shared/siteProfile";
import { pathOf } from "~lib/detect";
import { readDecisionRaw, readFlag, readValue } from "~lib/profileRead";
import { membersFromText } from "~interview/panelText";
import { getAt, type Draft } from "./draft";
import { criteriaGroupCount, fieldsOf, ROW_ANCHORS, type StudioField } from "./fields";
import { isValidSelector, queryAll } from "./pageQuery";
import type { FieldObservation, PageObservation, ScreenObservation } from "./readout";
import { relaxations } from "./selectorProposal";

export function sourceOf(v: unknown): ValueSource | undefined {
  if (typeof v === "string") return { selector: v };
  if (v && typeof v === "object") return v as ValueSource;
  return undefined;
}

/** The selector a field's draft value names, or undefined when the field is not set. */
export function selectorOfField(f: StudioField, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (f.kind === "selector") return typeof v === "string" ? v : undefined;
  if (f.kind === "decision") return (v as DecisionControl).control;
  if (f.kind === "flag") return typeof v === "string" ? v : (v as Flag).selector;
  return sourceOf(v)?.selector;
}

function validRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function text(el: Element | undefined, attribute?: string): string | null {
  if (!el) return null;
  const raw = attribute ? el.getAttribute(attribute) : el.textContent;
  return raw === null ? null : raw.replace(/\s+/g, " ").trim();
}

/** Rows of a list field, or null when the row selector is not set / not valid. */
function rowsOf(draft: Draft, rowPath: string): Element[] | null {
  const sel = getAt(draft, rowPath);
  if (typeof sel !== "string" || !isValidSelector(sel)) return null;
  return queryAll(document, sel);
}

function tally(values: Array<string | null>): Array<{ value: string; rows: number }> {
  const m = new Map<string, number>();
  for (const v of values) if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, rows]) => ({ value, rows }));
}

function observeField(draft: Draft, f: StudioField, url: string): FieldObservation | null {
  const v = getAt(draft, f.path);
  const selector = selectorOfField(f, v);
  const source = f.kind === "value" ? sourceOf(v) : undefined;
  if (source?.urlPattern) {
    if (!validRegex(source.urlPattern) || (source.pattern && !validRegex(source.pattern))) return { path: f.path, selector: "address", invalid: true, matches: 0, value: null };
    const value = readValue(source, document, url);
    return { path: f.path, selector: `address ${source.urlPattern}`, matches: value === null ? 0 : 1, value };
  }
  if (!selector) return null;
  if (!isValidSelector(selector) || (source?.pattern && !validRegex(source.pattern))) return { path: f.path, selector, invalid: true, matches: 0, value: null };
  const readIn = (root: ParentNode): string | null => {
    if (f.kind === "value") return readValue(source, root, url);
    if (f.kind === "decision") return readDecisionRaw(v as DecisionControl, root);
    return text(queryAll(root, selector)[0]);
  };
  const instead = (roots: ParentNode[]) =>
    relaxations(selector)
      .map((s) => ({ selector: s, matches: roots.reduce((n, r) => n + queryAll(r, s).length, 0) }))
      .filter((i) => i.matches > 0);
  if (f.rowOf) {
    const rows = rowsOf(draft, f.rowOf);
    if (!rows) return null;
    const hits = rows.filter((r) => queryAll(r, selector).length > 0);
    const first = hits[0];
    const value = first ? readIn(first) : null;
    return {
      path: f.path, selector, matches: hits.length, rows: rows.length, value,
      unpatterned: value === null && first ? text(queryAll(first, selector)[0], source?.attribute) : undefined,
      instead: hits.length === 0 && rows.length ? instead(rows) : undefined,
    };
  }
  const all = queryAll(document, selector);
  const value = all.length ? readIn(document) : null;
  return {
    path: f.path, selector, matches: all.length, value,
    unpatterned: value === null && all[0] ? text(all[0], source?.attribute) : undefined,
    instead: all.length === 0 ? instead([document]) : undefined,
  };
}

export function observePage(draft: Draft, url: string = location.href): PageObservation {
  const screens: ScreenObservation[] = [];
  const screenDraft = (getAt(draft, "screens") ?? {}) as Record<string, { path?: string; marker?: string } | undefined>;
  for (const kind of SCREEN_KINDS) {
    const s = screenDraft[kind];
    if (!s || typeof s.path !== "string") continue;
    const addressMatches = validRegex(s.path) ? new RegExp(s.path).test(pathOf(url)) : null;
    const marker = s.marker || undefined;
    screens.push({ kind, path: s.path, addressMatches, marker, markerFound: !marker ? null : addressMatches ? isValidSelector(marker) && queryAll(document, marker).length > 0 : undefined });
  }

  const all = fieldsOf(draft);
  const fields: FieldObservation[] = [];
  for (const f of all) {
    const o = observeField(draft, f, url);
    if (o) fields.push(o);
  }

  const identifying = ((getAt(draft, "identifyingFields") ?? []) as Array<{ field: string; selector: string; attribute?: string }>).map((i) => {
    const invalid = !isValidSelector(i.selector);
    // Text kept in an attribute (a tooltip's title): only the elements that carry it give a name away.
    const els = invalid ? [] : queryAll(document, i.selector).filter((el) => !i.attribute || el.hasAttribute(i.attribute));
    return { field: i.field, selector: i.selector, matches: els.length, invalid, ...(i.attribute ? { attribute: i.attribute } : {}) };
  });

  const values: PageObservation["values"] = {};
  const perRow = (rowPath: string, fieldPath: string) => {
    const rows = rowsOf(draft, rowPath);
    const source = sourceOf(getAt(draft, fieldPath));
    if (!rows || !source?.selector || !isValidSelector(source.selector)) return;
    values[fieldPath] = tally(rows.map((r) => readValue(source, r, url)));
  };
  perRow("outcomeReport.row", "outcomeReport.ethnicity");
  perRow("outcomeReport.row", "outcomeReport.disability");
  perRow("outcomeReport.row", "outcomeReport.stage");
  const staff = fields.find((o) => o.path === "vacancy.staffGroup");
  if (staff?.value) values["vacancy.staffGroup"] = [{ value: staff.value, rows: 1 }];
  for (let i = 0; i < criteriaGroupCount(draft); i++) {
    const kindSel = getAt(draft, `criteria[${i}].kindFrom.selector`);
    const items = rowsOf(draft, `criteria[${i}].item`);
    if (typeof kindSel === "string" && items && isValidSelector(kindSel)) values[`criteria[${i}].kindFrom.selector`] = tally(items.map((it) => text(queryAll(it, kindSel)[0])));
  }
  for (const path of ["applicants.decision", "decision"] as const) {
    const control = getAt(draft, path) as DecisionControl | undefined;
    if (!control?.control || !isValidSelector(control.control)) continue;
    const roots: ParentNode[] = path === "applicants.decision" ? (rowsOf(draft, "applicants.row") ?? []) : [document];
    const now = tally(roots.map((r) => readDecisionRaw(control, r)));
    // Every choice the control offers, not only those chosen now, so each can be given a meaning.
    const offered = new Set<string>();
    // What a person sees for each value: systems often use opaque values ("117" for "Progress to interview").
    const shown = new Map<string, string>();
    const see = (value: string, text: string | null | undefined) => {
      const t = (text ?? "").replace(/\s+/g, " ").trim();
      if (t && t !== value && !shown.has(value)) shown.set(value, t);
    };
    for (const r of roots.slice(0, 50)) {
      const el = queryAll(r, control.control)[0];
      if (el instanceof HTMLSelectElement) for (const o of el.options) { offered.add(o.value); see(o.value, o.textContent); }
      el?.querySelectorAll?.("input[type=radio]").forEach((i) => { const input = i as HTMLInputElement; offered.add(input.value); see(input.value, input.labels?.[0]?.textContent); });
    }
    for (const value of offered) if (!now.some((n) => n.value === value)) now.push({ value, rows: 0 });
    values[path] = now.map((n) => (shown.has(n.value) ? { ...n, label: shown.get(n.value)! } : n));
  }

  const flags: PageObservation["flags"] = [];
  for (const f of all.filter((x) => x.kind === "flag")) {
    const flag = getAt(draft, f.path);
    const sel = selectorOfField(f, flag);
    if (!sel || !isValidSelector(sel)) continue;
    const normal = (typeof flag === "string" ? { selector: flag } : flag) as Flag;
    if (normal.pattern && !validRegex(normal.pattern)) continue;
    const roots: ParentNode[] = f.rowOf ? (rowsOf(draft, f.rowOf) ?? []) : [document];
    flags.push({ path: f.path, set: roots.filter((r) => readFlag(normal, r)).length, of: roots.length });
  }
  const anchorsOutsideRows: NonNullable<PageObservation["anchorsOutsideRows"]> = [];
  for (const a of ROW_ANCHORS) {
    const set = getAt(draft, a.anchor);
    const path = typeof set === "string" ? a.anchor : a.fallback;
    const sel = path ? getAt(draft, path) : undefined;
    const rows = rowsOf(draft, a.rows);
    if (typeof sel !== "string" || !isValidSelector(sel) || !rows?.length) continue;
    const anchor = queryAll(document, sel)[0];
    if (anchor && !anchor.contains(rows[0]!) && !(path === a.rows)) anchorsOutsideRows.push({ anchor: a.anchor, selector: sel, rows: a.rows });
  }
  // The panel as the check will count it: rows (those with a name when panel.name is set), or the members of a panel written as text.
  let panelMembers: PageObservation["panelMembers"];
  const panel = getAt(draft, "panel") as { row?: string; split?: string; name?: ValueSource | string; external?: Flag | string } | undefined;
  const panelRows = rowsOf(draft, "panel.row");
  if (panel?.row && panelRows) {
    const ext = (typeof panel.external === "string" ? { selector: panel.external } : panel.external) as Flag | undefined;
    if (panel.split && validRegex(panel.split)) {
      const members = panelRows.flatMap((r) => membersFromText(r.textContent ?? "", panel.split!, ext?.pattern && validRegex(ext.pattern) ? ext.pattern : undefined));
      panelMembers = { members: members.length, flaggedExternal: members.filter((m) => m.flaggedExternal).length, split: panel.split };
    } else {
      const name = sourceOf(panel.name);
      const named = panelRows.filter((r) => !name?.selector || !isValidSelector(name.selector) || readValue(name, r, url) !== null);
      const flagged = ext?.selector && isValidSelector(ext.selector) && (!ext.pattern || validRegex(ext.pattern)) ? named.filter((r) => readFlag(ext, r)).length : 0;
      panelMembers = { members: named.length, flaggedExternal: flagged };
    }
  }
  return { screens, fields, identifying, values, flags, anchorsOutsideRows, panelMembers };
}
