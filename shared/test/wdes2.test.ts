import { describe, expect, it } from "vitest";
import { wdesRelativeLikelihood } from "../src/wdes2";
import { relativeLikelihood } from "../src/wres2";

// Expected values below are worked by hand from the definitions in docs/domain.md:
// likelihood = appointed / shortlisted; WDES metric 2 = likelihood(non-disabled) / likelihood(Disabled);
// Katz interval exp(ln RR ± z·sqrt(1/a − 1/n1 + 1/c − 1/n2)) with z = 1.959964 at 95 %.
const counts = (ndA: number, ndS: number, dA: number, dS: number, notDeclared?: [number, number]) => ({
  notDisabled: { shortlisted: ndS, appointed: ndA },
  disabled: { shortlisted: dS, appointed: dA },
  ...(notDeclared ? { notDeclared: { shortlisted: notDeclared[1], appointed: notDeclared[0] } } : {}),
});

describe("WDES metric 2: non-disabled over Disabled", () => {
  it("40 of 200 non-disabled (0.20) against 5 of 50 Disabled (0.10) is 2.00, Katz 0.832-4.805, cannot tell", () => {
    // ln-variance = 1/40 − 1/200 + 1/5 − 1/50 = 0.2; SE = 0.44721; z·SE = 0.87652;
    // 2·e^−0.87652 = 0.8325, 2·e^0.87652 = 4.8051. The interval includes 1.00.
    const r = wdesRelativeLikelihood(counts(40, 200, 5, 50));
    expect(r.likelihood.notDisabled).toBe(0.2);
    expect(r.likelihood.disabled).toBe(0.1);
    expect(r.relativeLikelihood).toBe(2);
    expect(r.ci.method).toBe("katz-log");
    expect(r.ci.lower!.toFixed(3)).toBe("0.832");
    expect(r.ci.upper!.toFixed(3)).toBe("4.805");
    expect(r.significant).toBe(false);
    expect(r.interpretation.category).toBe("favoursNonDisabled");
    expect(r.interpretation.withinFourFifths).toBe(false);
    expect(r.interpretation.verdict).toBe("cannotTell");
    expect(r.interpretation.text).toMatch(/^Non-disabled shortlisted applicants were 2\.00 times as likely to be appointed as Disabled shortlisted applicants/);
    expect(r.interpretation.text).toContain("the data cannot tell whether there is adverse impact on Disabled applicants");
    expect(r.interpretation.text).not.toMatch(/white|BME/);
    // Parity needs 10 of 50 Disabled appointed (0.20): 5 more. The four-fifths band needs
    // 0.20 / (c / 50) <= 1.25, so c >= 8: 3 more.
    expect(r.shortfall).toEqual({ toParity: 5, toFourFifths: 3 });
  });

  it("300 of 1000 against 100 of 1000 is 3.00, Katz 2.435-3.696: adverse impact on Disabled applicants", () => {
    // ln-variance = 1/300 − 1/1000 + 1/100 − 1/1000 = 0.011333; SE = 0.10646; z·SE = 0.20865.
    const r = wdesRelativeLikelihood(counts(300, 1000, 100, 1000));
    expect(r.relativeLikelihood).toBe(3);
    expect(r.ci.lower!.toFixed(3)).toBe("2.435");
    expect(r.ci.upper!.toFixed(3)).toBe("3.696");
    expect(r.significant).toBe(true);
    expect(r.interpretation.verdict).toBe("adverseImpact");
    expect(r.interpretation.text).toMatch(/above 1\.25, outside the four-fifths band \(0\.80 to 1\.25\), and the interval excludes 1\.00: adverse impact on Disabled applicants\.$/);
    // 0.30 / (c / 1000) <= 1.25 needs c >= 240: 140 more; parity needs 300: 200 more.
    expect(r.shortfall).toEqual({ toParity: 200, toFourFifths: 140 });
  });

  it("below 1.00 favours Disabled applicants and is worded the other way round too", () => {
    const r = wdesRelativeLikelihood(counts(100, 1000, 300, 1000)); // 0.10 / 0.30 = 1/3
    expect(r.interpretation.category).toBe("favoursDisabled");
    expect(r.interpretation.text).toContain("Non-disabled shortlisted applicants were 0.33 times as likely");
    expect(r.interpretation.text).toContain("put the other way, Disabled shortlisted applicants were 3.00 times as likely to be appointed as non-disabled shortlisted applicants");
    expect(r.interpretation.text).toMatch(/adverse impact on non-disabled applicants\.$/);
    expect(r.shortfall).toEqual({ toParity: 0, toFourFifths: 0 });
  });

  it("10 of 100 against 5 of 50 is exactly parity", () => {
    const r = wdesRelativeLikelihood(counts(10, 100, 5, 50));
    expect(r.relativeLikelihood).toBe(1);
    expect(r.interpretation.category).toBe("noAdverseImpact");
    expect(r.interpretation.text).toMatch(/^Non-disabled and Disabled shortlisted applicants were equally likely to be appointed: relative likelihood 1\.00/);
  });

  it("no Disabled applicant appointed: no number, the ratio is infinite, and the warning names Disabled applicants", () => {
    const r = wdesRelativeLikelihood(counts(10, 40, 0, 25));
    expect(r.relativeLikelihood).toBeNull();
    expect(r.ci.upper).toBeNull();
    expect(r.interpretation.category).toBe("favoursNonDisabled");
    expect(r.interpretation.text).toMatch(/^No Disabled shortlisted applicants were appointed \(0 of 25\), against 25\.0% of non-disabled shortlisted applicants/);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: "noDisabledAppointed", group: "disabled", message: expect.stringContaining("None of 25 Disabled shortlisted applicants was appointed while 10 non-disabled applicants were") }),
    ]);
  });

  it("no Disabled applicant shortlisted: insufficient data", () => {
    const r = wdesRelativeLikelihood(counts(4, 10, 0, 0));
    expect(r.relativeLikelihood).toBeNull();
    expect(r.interpretation.category).toBe("insufficientData");
    expect(r.interpretation.verdict).toBeNull();
    expect(r.interpretation.text).toBe("No Disabled shortlisted applicants: the relative likelihood cannot be calculated.");
    expect(r.warnings.map((w) => [w.code, w.group])).toEqual([["noShortlisted", "disabled"]]);
  });

  it("not declared is shown beside the figure, left out of it, and flagged above a fifth of the shortlist", () => {
    // 100 of 350 shortlisted did not declare: 28.6 %, printed as 29 %.
    const r = wdesRelativeLikelihood(counts(40, 200, 5, 50, [50, 100]));
    expect(r.relativeLikelihood).toBe(2);
    expect(r.counts.notDeclared).toEqual({ shortlisted: 100, appointed: 50 });
    expect(r.likelihood.notDeclared).toBe(0.5);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: "highNotDeclared", group: "notDeclared", message: expect.stringMatching(/^29% of shortlisted applicants did not state their disability/) }),
    ]);
  });

  it("is WRES indicator 2's arithmetic: the same numbers for the same counts in the mapped places", () => {
    const w = relativeLikelihood({ white: { shortlisted: 37, appointed: 9 }, bme: { shortlisted: 13, appointed: 2 } }, { level: 0.9 });
    const d = wdesRelativeLikelihood(counts(9, 37, 2, 13), { level: 0.9 });
    expect([d.relativeLikelihood, d.ci, d.significant, d.fisherP, d.shortfall]).toEqual([w.relativeLikelihood, w.ci, w.significant, w.fisherP, w.shortfall]);
    expect(w.interpretation.text).toMatch(/^White shortlisted applicants were/);
  });

  it("rejects impossible counts", () => {
    expect(() => wdesRelativeLikelihood(counts(6, 5, 1, 10))).toThrow(new RangeError("Invalid WDES metric 2 counts: notDisabled.appointed: appointed cannot exceed shortlisted"));
    expect(() => wdesRelativeLikelihood(counts(1, 5, -1, 10, [0.5, 2]))).toThrow(
      new RangeError("Invalid WDES metric 2 counts: disabled.appointed: cannot be negative; notDeclared.appointed: must be a whole number"),
    );
  });
});
