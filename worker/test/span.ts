/** Linear algebra for differencing attacks on published tables: can a withheld entry be worked out? */

/** Whether vector `target` (0/1 over `universe`) is in the span of `rows`. */
export function inSpan(universe: string[], rows: string[][], target: string[]): boolean {
  const vec = (atoms: string[]) => universe.map((u) => (atoms.includes(u) ? 1 : 0));
  const basis: { pivot: number; v: number[] }[] = [];
  const reduce = (v0: number[]) => {
    const v = [...v0];
    for (const { pivot, v: b } of basis) {
      const f = v[pivot]!;
      if (Math.abs(f) > 1e-9) for (let i = 0; i < v.length; i++) v[i]! -= f * b[i]!;
    }
    return v;
  };
  for (const r of rows) {
    const v = reduce(vec(r));
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const p = v[pivot]!;
    const n = v.map((x) => x / p);
    for (const b of basis) {
      const f = b.v[pivot]!;
      if (Math.abs(f) > 1e-9) for (let i = 0; i < n.length; i++) b.v[i]! -= f * n[i]!;
    }
    basis.push({ pivot, v: n });
  }
  return reduce(vec(target)).every((x) => Math.abs(x) < 1e-9);
}
