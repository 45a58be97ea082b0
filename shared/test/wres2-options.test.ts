import { describe, expect, it } from "vitest";
import { relativeLikelihood } from "../src/wres2";

// 10/75 vs 12/225 (SciPy's relative_risk example, docs/domain.md): RR 2.5.
const counts = { white: { shortlisted: 75, appointed: 10 }, bme: { shortlisted: 225, appointed: 12 } };

describe("relativeLikelihood options", () => {
  it("computes Fisher's p by default and skips it (null) when asked, changing nothing else", () => {
    const full = relativeLikelihood(counts);
    const lean = relativeLikelihood(counts, { fisher: false });
    expect(full.fisherP).not.toBeNull();
    expect(lean.fisherP).toBeNull();
    expect({ ...lean, fisherP: full.fisherP }).toEqual(full);
    expect(relativeLikelihood(counts, { fisher: true }).fisherP).toBe(full.fisherP);
  });
});
