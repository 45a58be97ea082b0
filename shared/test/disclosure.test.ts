import { describe, expect, it } from "vitest";
import { BAND_IDS, type Band, type StaffGroup } from "../src/bands";
import {
  hasSmallNumbers,
  protectNested,
  protectTables,
  PUBLICATION_BAND_GROUPS,
  publicationBandGroup,
  publicationBandGroupLabel,
  type TableSet,
} from "../src/disclosure";
import { publicationTables, type CountsCell } from "../src/publication";

/** Rank of a set of vectors by plain Gaussian elimination (kept apart from the module's own basis). */
function rank(vectors: number[][]): number {
  const m = vectors.map((v) => [...v]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let p = r;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!)) p = i;
    if (Math.abs(m[p]![c]!) < 1e-9) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/**
 * Independent check: in each count dimension, no withheld entry with a non-zero count is a linear
 * combination of the shown entries and the atoms known to be zero.
 */
function recoverable(set: TableSet, withheld: Set<string>): string[] {
  const n = set.atoms.length;
  const dims = set.atoms[0]!.values.length;
  const vec = (atoms: readonly number[]) => Array.from({ length: n }, (_, i) => (atoms.includes(i) ? 1 : 0));
  const sum = (atoms: readonly number[], d: number) => atoms.reduce((s, a) => s + set.atoms[a]!.values[d]!, 0);
  const found: string[] = [];
  for (let d = 0; d < dims; d++) {
    const shown = set.entries.filter((e) => !withheld.has(e.id));
    const known = shown.map((e) => vec(e.atoms));
    set.atoms.forEach((a, i) => a.empty && known.push(vec([i])));
    for (const e of shown) if (sum(e.atoms, d) === 0) for (const a of e.atoms) known.push(vec([a]));
    const base = rank(known);
    for (const e of set.entries.filter((x) => withheld.has(x.id))) {
      if (sum(e.atoms, d) !== 0 && rank([...known, vec(e.atoms)]) === base) found.push(`${e.id} (dimension ${d})`);
    }
  }
  return found;
}

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

function randomCells(years: number[], smallness: number): CountsCell[] {
  const cells: CountsCell[] = [];
  for (const fy of years) {
    for (const band of BAND_IDS) {
      for (const staffGroup of ["clinical", "nonClinical"] as StaffGroup[]) {
        if (rnd() < 0.35) continue;
        const scale = rnd() < smallness ? 6 : 60;
        const ws = int(0, scale);
        const bs = int(0, scale);
        const ns = int(0, 3);
        const applies = int(0, 12);
        cells.push({
          fy,
          band: band as Band,
          staffGroup,
          vacancies: int(1, 9),
          counts: {
            white: { shortlisted: ws, appointed: int(0, ws) },
            bme: { shortlisted: bs, appointed: int(0, bs) },
            notStated: { shortlisted: ns, appointed: int(0, ns) },
          },
          panelApplies: applies,
          panelMet: int(0, applies),
        });
      }
    }
  }
  return cells;
}

describe("publication band groups", () => {
  it("put every band in exactly one group, with 8b, 8c, 8d, 9 and VSM together as 8b and above", () => {
    for (const band of BAND_IDS) expect(PUBLICATION_BAND_GROUPS.filter((g) => (g.bands as readonly string[]).includes(band))).toHaveLength(1);
    expect(["8b", "8c", "8d", "9", "VSM"].map((b) => publicationBandGroup(b as Band))).toEqual(Array(5).fill("8bAndAbove"));
    expect(PUBLICATION_BAND_GROUPS.find((g) => g.id === "8bAndAbove")!.label).toBe("Band 8b and above");
  });
});

describe("own audience flag", () => {
  it("flags small white or BME counts (shortlisted, appointed, not appointed), not zeros", () => {
    const c = (ws: number, wa: number, bs: number, ba: number) => ({ white: { shortlisted: ws, appointed: wa }, bme: { shortlisted: bs, appointed: ba } });
    expect(hasSmallNumbers(c(100, 30, 10, 2), 5)).toBe(true);
    expect(hasSmallNumbers(c(100, 30, 10, 0), 5)).toBe(false);
    expect(hasSmallNumbers(c(100, 30, 20, 7), 5)).toBe(false);
    expect(hasSmallNumbers(c(100, 30, 20, 7), 8)).toBe(true);
    expect(hasSmallNumbers(c(100, 97, 10, 5), 5)).toBe(true); // 3 white not appointed
  });
});

describe("protectTables: suppression over a whole set", () => {
  it("a single small row of a table with a total is never left alone", () => {
    // Two atoms and their total: withholding one row alone would leave it as total minus the other.
    const set: TableSet = {
      atoms: [{ values: [40, 12], empty: false }, { values: [9, 3], empty: false }, { values: [30, 9], empty: false }],
      entries: [
        { id: "total", atoms: [0, 1, 2] },
        { id: "a", atoms: [0] },
        { id: "b", atoms: [1] },
        { id: "c", atoms: [2] },
      ],
    };
    const { withheld } = protectTables(set, 5);
    expect(withheld.get("b")).toBe("smallCell");
    expect(withheld.get("c")).toBe("complementary"); // the smallest that hides b
    expect(withheld.has("total")).toBe(false);
    expect(recoverable(set, new Set(withheld.keys()))).toEqual([]);
  });

  it("leaves no withheld count recoverable, at 5 and at 8, on random organisations of one to five years", () => {
    for (let trial = 0; trial < 25; trial++) {
      const years = Array.from({ length: int(1, 5) }, (_, i) => 2019 + i);
      const cells = randomCells(years, rnd());
      for (const threshold of [5, 8]) {
        const t = publicationTables(cells, { threshold, level: 0.95, today: "2026-12-01" });
        const rows = [...t.tables.year, ...t.tables.band, ...t.tables.staffGroup];
        // Every shown row has no small count; every withheld row shows no number at all.
        for (const r of rows) {
          if (r.suppressed) {
            expect([r.vacancies, r.relativeLikelihood, r.counts.white.shortlisted, r.counts.bme.appointed, r.counts.notStated?.shortlisted]).toEqual([null, null, null, null, null]);
          } else {
            for (const g of [r.counts.white, r.counts.bme, r.counts.notStated!]) {
              for (const v of [g.shortlisted!, g.appointed!, g.shortlisted! - g.appointed!]) expect(v === 0 || v >= threshold).toBe(true);
            }
          }
        }
      }
    }
  });

  it("the pattern at 8 contains the pattern at 5, so tables published at both give away nothing more", () => {
    for (let trial = 0; trial < 20; trial++) {
      const cells = randomCells([2021, 2022, 2023], 0.5);
      const at5 = publicationTables(cells, { threshold: 5, level: 0.95, today: "2026-12-01" });
      const at8 = publicationTables(cells, { threshold: 8, level: 0.95, today: "2026-12-01" });
      const withheld = (t: typeof at5) =>
        new Set([...t.tables.year, ...t.tables.band, ...t.tables.staffGroup].filter((r) => r.suppressed).map((r) => `${r.year}|${r.key}`));
      const w5 = withheld(at5);
      const w8 = withheld(at8);
      for (const id of w5) expect(w8.has(id), id).toBe(true);
    }
  });

  it("agrees with an independent span check on random table sets", () => {
    for (let trial = 0; trial < 60; trial++) {
      // One year: 7 band groups x 2 staff groups, a total, band rows and staff-group rows.
      const atoms = Array.from({ length: 14 }, () => {
        const empty = rnd() < 0.2;
        const v = empty ? [0, 0, 0] : [int(0, rnd() < 0.5 ? 6 : 40), int(0, 9), int(0, 30)];
        return { values: v, empty };
      });
      const entries = [
        { id: "total", atoms: atoms.map((_, i) => i) },
        ...Array.from({ length: 7 }, (_, g) => ({ id: `band${g}`, atoms: [2 * g, 2 * g + 1] })),
        { id: "clinical", atoms: Array.from({ length: 7 }, (_, g) => 2 * g) },
        { id: "nonClinical", atoms: Array.from({ length: 7 }, (_, g) => 2 * g + 1) },
      ];
      const set: TableSet = { atoms, entries };
      for (const threshold of [5, 8]) {
        const { withheld } = protectNested(set, threshold);
        expect(recoverable(set, new Set(withheld.keys()))).toEqual([]);
      }
    }
  });

  it("publishes complete years only, names the year to date, and never shows a withheld row's vacancies", () => {
    const cells = randomCells([2024, 2025, 2026], 0.4);
    const t = publicationTables(cells, { threshold: 5, level: 0.95, today: "2026-12-01" });
    expect(t.years).toEqual(["2024/25", "2025/26"]);
    expect(t.notPublished.map((x) => x.year)).toEqual(["2026/27"]);
    expect([...t.tables.year, ...t.tables.band].every((r) => r.year !== "2026/27")).toBe(true);
    const only = publicationTables(cells, { threshold: 5, level: 0.95, today: "2026-12-01", onlyYear: 2024 });
    // One year picked out of the whole set: the same rows, not a recomputation.
    expect(only.tables.band).toEqual(t.tables.band.filter((r) => r.year === "2024/25"));
    expect(t.method).toContain("8b and above");
  });

  it("is fast enough for a request: five full years of every band in well under 100 ms", () => {
    const cells = randomCells([2019, 2020, 2021, 2022, 2023], 0.6);
    const start = performance.now();
    publicationTables(cells, { threshold: 8, level: 0.95, today: "2026-12-01" });
    expect(performance.now() - start).toBeLessThan(250); // generous for a loaded CI machine
  });
});

describe("protectTables: sums of withheld rows (worked by hand)", () => {
  const atom = (v: number) => ({ values: [v], empty: false });

  it("two small rows whose sum the total and the third row give away: the third row is withheld too", () => {
    // Rows 2, 2 and 10 with total 14: both 2s are small; total − 10 = 4 = their sum, itself small.
    const set: TableSet = {
      atoms: [atom(2), atom(2), atom(10)],
      entries: [
        { id: "r0", atoms: [0] },
        { id: "r1", atoms: [1] },
        { id: "r2", atoms: [2] },
        { id: "total", atoms: [0, 1, 2] },
      ],
    };
    const { withheld } = protectTables(set, 5);
    expect([...withheld.entries()].sort()).toEqual([
      ["r0", "smallCell"],
      ["r1", "smallCell"],
      ["r2", "complementary"],
    ]);
  });

  it("three small rows whose sum the total and the fourth row give away: the fourth row is withheld too", () => {
    // Rows 1, 1, 1 and 10 with total 13: total − 10 = 3, the sum of three withheld rows, small.
    const set: TableSet = {
      atoms: [atom(1), atom(1), atom(1), atom(10)],
      entries: [
        { id: "r0", atoms: [0] },
        { id: "r1", atoms: [1] },
        { id: "r2", atoms: [2] },
        { id: "r3", atoms: [3] },
        { id: "total", atoms: [0, 1, 2, 3] },
      ],
    };
    const { withheld } = protectTables(set, 5);
    expect([...withheld.entries()].sort()).toEqual([
      ["r0", "smallCell"],
      ["r1", "smallCell"],
      ["r2", "smallCell"],
      ["r3", "complementary"],
    ]);
  });

  it("a sum of withheld rows that is not small needs no more withholding", () => {
    // Rows 2, 4 and 10, total 16: total − 10 = 6, not small, and neither row alone can be worked out.
    const set: TableSet = {
      atoms: [atom(2), atom(4), atom(10)],
      entries: [
        { id: "r0", atoms: [0] },
        { id: "r1", atoms: [1] },
        { id: "r2", atoms: [2] },
        { id: "total", atoms: [0, 1, 2] },
      ],
    };
    expect([...protectTables(set, 5).withheld.keys()].sort()).toEqual(["r0", "r1"]);
  });
});

describe("publication band groups", () => {
  it("labels and an unknown band", () => {
    expect(publicationBandGroupLabel("8bAndAbove")).toBe("Band 8b and above");
    expect(publicationBandGroupLabel("upTo4")).toBe("Band 4 and below");
    expect(publicationBandGroupLabel("medical")).toBe("Medical and dental");
    expect(() => publicationBandGroup("8e" as Band)).toThrow(/No publication group for band 8e/);
  });
});
