/**
 * Reading the host page through a site profile. The only place that turns profile fields into
 * DOM lookups; features call these and never hold a host selector of their own. Lookups enter
 * shadow roots and follow piercing selectors (`host >>> inner`, lib/deepDom.ts).
 */
import type { CriterionGroup, DecisionControl, Flag, HostDecision, SiteProfile, ValueSource } from "@fair-shortlist/shared/siteProfile";
import { countInText, decisionOf, labelIn } from "@fair-shortlist/shared/siteProfile";
import { deepQuery, deepQueryAll } from "./deepDom";

export type Root = ParentNode;

/** The text (or attribute) a value source points at, trimmed; null when it is not on the page. */
export function readValue(source: ValueSource | undefined, root: Root = document, url: string = location.href): string | null {
  if (!source) return null;
  let raw: string | null = null;
  if (source.urlPattern) {
    const u = new URL(url);
    const m = new RegExp(source.urlPattern).exec(u.pathname + u.search + u.hash);
    raw = m ? (m[1] ?? m[0]) : null;
  } else if (source.selector) {
    const el = safeQuery(root, source.selector);
    if (!el) return null;
    raw = source.attribute ? el.getAttribute(source.attribute) : el.textContent;
  }
  if (raw === null) return null;
  raw = raw.replace(/\s+/g, " ").trim();
  if (source.pattern) {
    const m = new RegExp(source.pattern).exec(raw);
    if (!m) return null;
    raw = (m[1] ?? m[0]).trim();
  }
  return raw === "" ? null : raw;
}

/**
 * Inside a row, a selector starting with ":scope" may name the row itself (":scope" alone, or
 * ":scope[data-gis=yes]"): querySelector only looks below the element it is called on.
 */
function isSelf(root: Root, selector: string): root is Element {
  return selector.trimStart().startsWith(":scope") && (root as Element).matches?.(selector) === true;
}

export function safeQuery(root: Root, selector: string): Element | null {
  try {
    return isSelf(root, selector) ? root : deepQuery(root as Document | Element | ShadowRoot, selector);
  } catch {
    return null;
  }
}

export function safeQueryAll(root: Root, selector: string): Element[] {
  try {
    const found = deepQueryAll(root as Document | Element | ShadowRoot, selector);
    return isSelf(root, selector) ? [root, ...found] : found;
  } catch {
    return [];
  }
}

export function readFlag(flag: Flag | undefined, root: Root = document): boolean {
  if (!flag) return false;
  const els = safeQueryAll(root, flag.selector);
  if (!flag.pattern) return els.length > 0;
  const re = new RegExp(flag.pattern, "i");
  return els.some((el) => re.test((flag.attribute ? el.getAttribute(flag.attribute) : el.textContent) ?? ""));
}

/** The raw value of a host decision control. */
export function readDecisionRaw(control: DecisionControl, root: Root = document): string | null {
  const el = safeQuery(root, control.control);
  if (!el) return null;
  switch (control.read) {
    case "value":
      return (el as HTMLInputElement | HTMLSelectElement).value ?? "";
    case "checked": {
      const checked = el.matches("input:checked") ? el : el.querySelector("input:checked");
      return checked ? (checked as HTMLInputElement).value : "";
    }
    case "text":
      return (el.textContent ?? "").trim();
    case "attribute":
      return el.getAttribute(control.attribute ?? "") ?? "";
  }
}

export function readDecision(control: DecisionControl, root: Root = document): HostDecision | null {
  const raw = readDecisionRaw(control, root);
  return raw === null ? null : decisionOf(raw, control);
}

export interface PageCriterion {
  /** Stable id from the criterion's kind and text, so re-ordering on the page keeps scores attached. */
  id: string;
  text: string;
  kind: "essential" | "desirable";
}

/** FNV-1a, 32-bit, base 36: short stable ids for criterion texts. */
export function stableId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function kindOf(group: CriterionGroup, item: Element): "essential" | "desirable" | null {
  if (group.kind) return group.kind;
  const k = group.kindFrom!;
  const el = k.selector ? safeQuery(item, k.selector) : item;
  if (!el) return null;
  const v = (k.attribute ? el.getAttribute(k.attribute) : el.textContent) ?? "";
  if (labelIn(v, k.essential)) return "essential";
  if (labelIn(v, k.desirable)) return "desirable";
  return null;
}

export function readCriteria(profile: SiteProfile, root: Root = document): PageCriterion[] {
  const out: PageCriterion[] = [];
  const seen = new Set<string>();
  for (const group of profile.criteria) {
    for (const item of safeQueryAll(root, group.item)) {
      const textEl = group.text ? safeQuery(item, group.text) : item;
      const text = (textEl?.textContent ?? "").replace(/\s+/g, " ").trim();
      const kind = kindOf(group, item);
      if (!text || !kind) continue;
      const id = `${kind[0]}-${stableId(text)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, text, kind });
    }
  }
  return out;
}

export interface VacancyFacts {
  reference: string | null;
  jobTitle: string | null;
  band: string | null;
  staffGroup: string | null;
  closingDate: string | null;
}

export function readVacancy(profile: SiteProfile, root: Root = document, url: string = location.href): VacancyFacts {
  const v = profile.vacancy;
  return {
    reference: readValue(v.reference, root, url),
    jobTitle: readValue(v.jobTitle, root, url),
    band: readValue(v.band, root, url),
    staffGroup: readValue(v.staffGroup, root, url),
    closingDate: readValue(v.closingDate, root, url),
  };
}

/** The first whole number in a value (e.g. "300 applicants", "1,204 in total" or aria-rowcount), or null. */
export function readCount(source: ValueSource | undefined, root: Root = document, url: string = location.href): number | null {
  return countInText(readValue(source, root, url));
}

/** The host's own score control per criterion id (criteria groups with `hostScore`), as on the page now. */
export function hostScoreControls(profile: SiteProfile, root: Root = document): Map<string, { control: Element; values: Record<string, string> }> {
  const out = new Map<string, { control: Element; values: Record<string, string> }>();
  for (const group of profile.criteria) {
    if (!group.hostScore) continue;
    for (const item of safeQueryAll(root, group.item)) {
      const textEl = group.text ? safeQuery(item, group.text) : item;
      const text = (textEl?.textContent ?? "").replace(/\s+/g, " ").trim();
      const kind = kindOf(group, item);
      const control = safeQuery(item, group.hostScore.control);
      if (!text || !kind || !control) continue;
      out.set(`${kind[0]}-${stableId(text)}`, { control, values: group.hostScore.values ?? {} });
    }
  }
  return out;
}

/**
 * Set a host form control as a person would (value, then input and change events that bubble),
 * so the host's own scripts see the change. Returns false when the host has no such option.
 */
export function setHostValue(control: Element, value: string): boolean {
  if (control instanceof HTMLSelectElement) {
    if (![...control.options].some((o) => o.value === value)) return false;
  } else if (!(control instanceof HTMLInputElement)) {
    return false;
  }
  (control as HTMLSelectElement | HTMLInputElement).value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
  control.dispatchEvent(new Event("change", { bubbles: true }));
  return true;
}
