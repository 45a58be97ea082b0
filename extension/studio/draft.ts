/**
 * The profile being built in the studio: plain JSON in the same shape as a profile file (so
 * export, import and the options page all take it as it is), plus helpers that turn the
 * studio's plain-words matchers into the file's regular expressions and back. Pure.
 */
import { PROFILE_ID_RE, type SiteProfile } from "@fair-shortlist/shared/siteProfile";

/** A profile in the making: any part may be missing until the analyst fills it. */
export type Draft = Record<string, unknown>;

type Key = string | number;

/** "criteria[0].kindFrom.selector" -> ["criteria", 0, "kindFrom", "selector"] */
export function parsePath(path: string): Key[] {
  const out: Key[] = [];
  for (const part of path.split(".")) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return out;
}

export function getAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of parsePath(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<Key, unknown>)[k];
  }
  return cur;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return false;
  return typeof v === "object" && Object.keys(v as object).length === 0;
}

/**
 * A copy of `obj` with `value` at `path` (undefined or "" removes it); objects left empty on the
 * way are removed too, so a cleared field leaves no `{}` behind for the schema to refuse.
 */
export function setAt<T extends Draft>(obj: T, path: string, value: unknown): T {
  const keys = parsePath(path);
  const copy = structuredClone(obj) as Draft;
  const stack: Array<[Record<Key, unknown>, Key]> = [];
  let cur = copy as Record<Key, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    if (cur[k] === null || typeof cur[k] !== "object") cur[k] = typeof keys[i + 1] === "number" ? [] : {};
    stack.push([cur, k]);
    cur = cur[k] as Record<Key, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (isEmpty(value)) {
    if (Array.isArray(cur) && typeof last === "number") cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
  for (let i = stack.length - 1; i >= 0; i--) {
    const [parent, k] = stack[i]!;
    if (!isEmpty(parent[k])) break;
    if (Array.isArray(parent) && typeof k === "number") parent.splice(k, 1);
    else delete parent[k];
  }
  return copy as T;
}

/** A new profile for the system at `url`: its host is the address pattern, its id from the host. */
export function emptyDraft(url: string): Draft {
  const u = new URL(url);
  const id = u.hostname.toLowerCase().replace(/^www\./, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return {
    id: PROFILE_ID_RE.test(id) ? id : "my-system",
    name: u.hostname,
    version: "1.0.0",
    matches: [`${u.protocol}//${u.hostname}/*`],
    screens: {},
    vacancy: {},
    criteria: [],
    identifyingFields: [],
  };
}

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIALS, "\\$&");
}

/** "address contains /applications" -> the screen's `path` regex. */
export function containsToPath(text: string): string {
  return escapeRegex(text.trim());
}

/** The plain text a `path` regex stands for when it is a plain "contains" (else null: shown as advanced). */
export function pathToContains(path: string): string | null {
  let out = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === "\\") {
      const next = path[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return null; // \d, \w: a real pattern
      out += next;
      i++;
    } else if (/[.*+?^${}()|[\]]/.test(c)) return null;
    else out += c;
  }
  return out;
}

/** "text equals Yes" / "text contains GIS" as the case-insensitive `pattern` of a flag. */
export function textToPattern(text: string, how: "contains" | "equals"): string {
  const e = escapeRegex(text.trim());
  return how === "equals" ? `^${e}$` : e;
}

export function patternToText(pattern: string | undefined): { text: string; how: "contains" | "equals" } | null {
  if (pattern === undefined) return null;
  const equals = pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$");
  const inner = equals ? pattern.slice(1, -1) : pattern;
  const text = pathToContains(inner);
  return text === null ? null : { text, how: equals ? "equals" : "contains" };
}

/**
 * Puts `value` in category `category` of a label mapping ({shortlisted: [...], rejected: [...]}),
 * taking it out of the others (compared trimmed, ignoring case); null takes it out of all.
 */
export function assignLabel<C extends string>(lists: Partial<Record<C, string[]>>, categories: readonly C[], value: string, category: C | null): Record<C, string[]> {
  const norm = (s: string) => s.trim().toLowerCase();
  const out = {} as Record<C, string[]>;
  for (const c of categories) {
    const kept = (lists[c] ?? []).filter((v) => norm(v) !== norm(value));
    out[c] = c === category ? [...kept, value] : kept;
  }
  return out;
}

export function categoryOf<C extends string>(lists: Partial<Record<C, string[]>> | undefined, categories: readonly C[], value: string): C | null {
  const norm = (s: string) => s.trim().toLowerCase();
  for (const c of categories) if ((lists?.[c] ?? []).some((v) => norm(v) === norm(value))) return c;
  return null;
}

/** The draft as a profile file (what Save sends and Export writes): pretty JSON. */
export function draftToJson(draft: Draft): string {
  return JSON.stringify(draft, null, 2);
}

/** A saved profile back into the studio (the draft is the profile itself). */
export function draftFromProfile(profile: SiteProfile | Draft): Draft {
  return structuredClone(profile) as Draft;
}
