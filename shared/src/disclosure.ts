/**
 * Disclosure control by audience (docs/privacy.md, "Who sees what"). Suppression protects
 * applicants from readers who are not entitled to the counts, so what a figure shows depends on
 * who reads it:
 *
 * - `own`: the organisation's own HR and EDI analysts (a `read` token). They hold these counts in
 *   their recruitment system already and must submit them to NHS England, so they see exact counts
 *   at every level and period, with a "small numbers: treat with caution" flag where a group is
 *   small (`smallNumbers`), never a blank.
 * - `publication`: readers of published outputs (board papers, the public WRES report, wider staff;
 *   a `report` token, or the dashboard's "for publication" switch). They get one fixed set of
 *   tables, complete financial years only, with small-cell and complementary suppression decided
 *   across the whole set at once (`protectTables`), so no withheld entry can be worked out from the
 *   entries shown, in this set or by differencing any two queries of it.
 * - other organisations (the benchmark) never see another organisation's counts; that rule lives
 *   with the benchmark (worker/src/indicators/benchmark.ts).
 *
 * Everything here is pure: the Worker feeds it cells and sends what it returns. Figures for other
 * breakdowns (by intervention, say) use the same engine: describe the tables as entries over atoms
 * and call `protectTables`.
 */
import { BAND_IDS, MEDICAL_GRADE_IDS, type Band } from "./bands";

export const AUDIENCES = ["own", "publication"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Thresholds a trust may choose for publication: 5 (counts 1-4 withheld) or NHS practice's 8 (1-7). */
export const PUBLICATION_THRESHOLDS = [5, 8] as const;
export type PublicationThreshold = (typeof PUBLICATION_THRESHOLDS)[number];
export const DEFAULT_PUBLICATION_THRESHOLD: PublicationThreshold = 5;

export const SMALL_NUMBERS_TEXT = "Small numbers: treat with caution";

/** Whether a count is small: more than none, fewer than the threshold (zero says nobody). */
export function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

interface GroupCounts {
  shortlisted: number;
  appointed: number;
}

/**
 * For the own audience: whether a white or BME count (shortlisted, appointed or not appointed) is
 * small, so one or two appointments move the figure a long way. Such a figure is shown, flagged;
 * the same figure would be withheld from publication at this threshold.
 */
export function hasSmallNumbers(counts: { white: GroupCounts; bme: GroupCounts }, threshold: number): boolean {
  return [counts.white, counts.bme].some((g) => [g.shortlisted, g.appointed, g.shortlisted - g.appointed].some((n) => isSmall(n, threshold)));
}

// ---------------------------------------------------------------------------
// Publication band groups

/**
 * Bands as published. Senior posts are few, so bands 8b, 8c, 8d, 9 and VSM are reported together
 * ("8b and above"): one by one they would all be withheld, and they are the posts the panel rule is
 * for. Junior bands are grouped likewise; medical and dental grades are one group.
 */
export const PUBLICATION_BAND_GROUPS = [
  { id: "upTo4", label: "Band 4 and below", bands: ["under1", "1", "2", "3", "4"] },
  { id: "5", label: "Band 5", bands: ["5"] },
  { id: "6", label: "Band 6", bands: ["6"] },
  { id: "7", label: "Band 7", bands: ["7"] },
  { id: "8a", label: "Band 8a", bands: ["8a"] },
  { id: "8bAndAbove", label: "Band 8b and above", bands: ["8b", "8c", "8d", "9", "VSM"] },
  { id: "medical", label: "Medical and dental", bands: [...MEDICAL_GRADE_IDS] },
] as const satisfies readonly { id: string; label: string; bands: readonly Band[] }[];
export type PublicationBandGroup = (typeof PUBLICATION_BAND_GROUPS)[number]["id"];

const GROUP_OF = new Map<Band, PublicationBandGroup>(
  PUBLICATION_BAND_GROUPS.flatMap((g) => g.bands.map((b) => [b as Band, g.id] as const)),
);

/** The publication group a band is reported in. */
export function publicationBandGroup(band: Band): PublicationBandGroup {
  const group = GROUP_OF.get(band);
  if (!group) throw new RangeError(`No publication group for band ${band}`);
  return group;
}

export function publicationBandGroupLabel(id: PublicationBandGroup): string {
  return PUBLICATION_BAND_GROUPS.find((g) => g.id === id)!.label;
}

// Every band is in exactly one group (checked once, at load).
if (GROUP_OF.size !== BAND_IDS.length) throw new Error("PUBLICATION_BAND_GROUPS must cover every band once");

// ---------------------------------------------------------------------------
// The suppression engine

/**
 * A set of tables to publish, described as entries over atoms. An atom is the finest grain the
 * tables are sums of (one year, band group and staff group); `values[i]` is atom i's vector of
 * protected counts (for the indicator: white, BME and not-stated shortlisted, appointed and not
 * appointed). An entry is one published row: the sum of its atoms.
 */
export interface TableSet {
  atoms: { values: readonly number[]; empty: boolean }[];
  entries: { id: string; atoms: readonly number[] }[];
}

export type WithheldCode = "smallCell" | "complementary";

export interface Protection {
  /** Entry id -> why it is withheld; entries not in the map are shown. */
  withheld: Map<string, WithheldCode>;
}

const EPS = 1e-9;

/** Row-reduced basis of a set of vectors, for span membership (0/1 vectors, a few dozen long). */
class Basis {
  private rows: { pivot: number; v: number[] }[] = [];
  constructor(private readonly n: number) {}
  private reduce(vector: readonly number[]): number[] {
    const v = [...vector];
    for (const { pivot, v: row } of this.rows) {
      const f = v[pivot]!;
      if (Math.abs(f) > EPS) for (let i = 0; i < this.n; i++) v[i]! -= f * row[i]!;
    }
    return v;
  }
  add(vector: readonly number[]): void {
    const v = this.reduce(vector);
    let pivot = -1;
    for (let i = 0; i < this.n; i++) if (Math.abs(v[i]!) > EPS && (pivot < 0 || Math.abs(v[i]!) > Math.abs(v[pivot]!))) pivot = i;
    if (pivot < 0) return;
    const p = v[pivot]!;
    for (let i = 0; i < this.n; i++) v[i]! /= p;
    // Keep the basis fully reduced so later reductions need one pass.
    for (const row of this.rows) {
      const f = row.v[pivot]!;
      if (Math.abs(f) > EPS) for (let i = 0; i < this.n; i++) row.v[i]! -= f * v[i]!;
    }
    this.rows.push({ pivot, v });
  }
  contains(vector: readonly number[]): boolean {
    return this.reduce(vector).every((x) => Math.abs(x) <= EPS);
  }
}

function indicator(n: number, atoms: readonly number[]): number[] {
  const v = new Array<number>(n).fill(0);
  for (const a of atoms) v[a] = 1;
  return v;
}

function sumValues(set: TableSet, atoms: readonly number[]): number[] {
  const dims = set.atoms[0]?.values.length ?? 0;
  const out = new Array<number>(dims).fill(0);
  for (const a of atoms) for (let d = 0; d < dims; d++) out[d]! += set.atoms[a]!.values[d]!;
  return out;
}

/**
 * What a reader of the shown entries can work out, per count dimension: the span of the shown
 * entries' atom sets, plus every atom known to be zero in that dimension (an empty atom, or one
 * inside a shown entry whose count is 0: counts are never negative, so a zero sum is zero
 * everywhere in it).
 */
function knowledge(set: TableSet, shown: TableSet["entries"], dim: number): Basis {
  const n = set.atoms.length;
  const basis = new Basis(n);
  for (const e of shown) basis.add(indicator(n, e.atoms));
  const zero = new Set<number>();
  set.atoms.forEach((a, i) => a.empty && zero.add(i));
  for (const e of shown) if (sumValues(set, e.atoms)[dim] === 0) e.atoms.forEach((a) => zero.add(a));
  for (const a of zero) basis.add(indicator(n, [a]));
  return basis;
}

/**
 * A disclosure the current pattern allows, or null: a withheld entry whose non-zero count can be
 * worked out exactly, or a group of withheld entries (no atom in common, any number of them) whose
 * combined count can be worked out and is small. Groups of every size count, not only pairs and
 * triples: a published row says whether it was withheld for a small count of its own or as a
 * complement, and a complement's counts are each 0 or at least the threshold, so when a group's
 * combined count is small its complements hold none of it, and a group with one small row in it
 * gives that row's count away exactly (four band rows withheld, 1 BME appointment between them,
 * three of them complements: the fourth had it).
 */
function findRisk(set: TableSet, withheld: Set<string>, threshold: number): string[] | null {
  const n = set.atoms.length;
  const dims = set.atoms[0]?.values.length ?? 0;
  const shown = set.entries.filter((e) => !withheld.has(e.id));
  const hidden = set.entries.filter((e) => withheld.has(e.id));
  for (let dim = 0; dim < dims; dim++) {
    const basis = knowledge(set, shown, dim);
    for (const e of hidden) {
      if (sumValues(set, e.atoms)[dim] !== 0 && basis.contains(indicator(n, e.atoms))) return [e.id];
    }
    const counts = hidden.map((e) => sumValues(set, e.atoms)[dim]!);
    // Every group of two or more disjoint withheld entries, each taken once (entries in order).
    const group: number[] = [];
    const used = new Set<number>();
    const search = (from: number, total: number): string[] | null => {
      if (group.length >= 2 && isSmall(total, threshold) && basis.contains(indicator(n, [...used]))) return group.map((i) => hidden[i]!.id);
      for (let i = from; i < hidden.length; i++) {
        const atoms = hidden[i]!.atoms;
        if (atoms.some((a) => used.has(a))) continue;
        group.push(i);
        atoms.forEach((a) => used.add(a));
        const found = search(i + 1, total + counts[i]!);
        group.pop();
        atoms.forEach((a) => used.delete(a));
        if (found) return found;
      }
      return null;
    };
    const found = search(0, 0);
    if (found) return found;
  }
  return null;
}

/**
 * Small-cell and complementary suppression over a whole set of tables at once.
 * 1. Primary: every entry with a small count in any dimension is withheld (`smallCell`).
 * 2. Complementary: while `findRisk` finds a withheld count that the shown entries give away,
 *    withhold one more shown entry (`complementary`): the first, narrowest rows before totals and
 *    then the smallest, whose withholding removes that risk, or else the first of that order.
 *    Each step withholds one more entry, so it ends.
 * `alsoWithhold` starts from a pattern already published at a lower threshold, so that the pattern
 * at a higher one contains it and the two together give away nothing the higher one does not.
 */
export function protectTables(set: TableSet, threshold: number, alsoWithhold: ReadonlyMap<string, WithheldCode> = new Map()): Protection {
  const withheld = new Map<string, WithheldCode>();
  // Tables that share no atom (two years, say, when no table adds years together) cannot give each
  // other away, so each connected part is solved on its own: the same result, far less work.
  for (const part of components(set)) {
    for (const [id, code] of protectComponent(part, threshold, alsoWithhold)) withheld.set(id, code);
  }
  return { withheld };
}

/** The set split into parts that share no atom, each with its atoms renumbered from 0. */
function components(set: TableSet): TableSet[] {
  const parent = set.atoms.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const e of set.entries) for (const a of e.atoms.slice(1)) parent[find(a)] = find(e.atoms[0]!);
  const parts = new Map<number, { atoms: number[]; entries: TableSet["entries"] }>();
  set.atoms.forEach((_, i) => {
    const root = find(i);
    if (!parts.has(root)) parts.set(root, { atoms: [], entries: [] });
    parts.get(root)!.atoms.push(i);
  });
  const emptyEntries: TableSet["entries"] = [];
  for (const e of set.entries) {
    if (e.atoms.length === 0) emptyEntries.push(e);
    else parts.get(find(e.atoms[0]!))!.entries.push(e);
  }
  const out: TableSet[] = [];
  for (const { atoms, entries } of parts.values()) {
    if (entries.length === 0) continue;
    const index = new Map(atoms.map((a, i) => [a, i]));
    out.push({ atoms: atoms.map((a) => set.atoms[a]!), entries: entries.map((e) => ({ id: e.id, atoms: e.atoms.map((a) => index.get(a)!) })) });
  }
  return out;
}

function protectComponent(set: TableSet, threshold: number, alsoWithhold: ReadonlyMap<string, WithheldCode>): Map<string, WithheldCode> {
  const withheld = new Map<string, WithheldCode>();
  for (const e of set.entries) {
    const earlier = alsoWithhold.get(e.id);
    if (earlier) withheld.set(e.id, earlier);
    else if (sumValues(set, e.atoms).some((v) => isSmall(v, threshold))) withheld.set(e.id, "smallCell");
  }
  const size = (e: TableSet["entries"][number]) => sumValues(set, e.atoms).reduce((s, v) => s + v, 0);
  for (;;) {
    const ids = new Set(withheld.keys());
    const risk = findRisk(set, ids, threshold);
    if (!risk) break;
    // Narrow rows before totals (a withheld total hides the most from readers), then the smallest.
    const candidates = set.entries
      .filter((e) => !ids.has(e.id))
      .sort((a, b) => a.atoms.length - b.atoms.length || size(a) - size(b) || a.id.localeCompare(b.id));
    if (candidates.length === 0) break;
    const fixes = candidates.find((c) => {
      const next = findRisk(set, new Set(ids).add(c.id), threshold);
      return next === null || next.join() !== risk.join();
    });
    withheld.set((fixes ?? candidates[0]!).id, "complementary");
  }
  return withheld;
}

/**
 * The pattern for the chosen threshold, nested inside the patterns of every lower preset: a trust
 * that moves from 5 to 8 publishes tables that, read with the old ones, give away nothing more.
 */
export function protectNested(set: TableSet, threshold: number): Protection {
  let previous = new Map<string, WithheldCode>();
  for (const t of [...PUBLICATION_THRESHOLDS].filter((x) => x < threshold)) previous = protectTables(set, t, previous).withheld;
  return protectTables(set, threshold, previous);
}
