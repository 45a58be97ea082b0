import { describe, expect, it } from "vitest";
import { countGuaranteedInterviews } from "../src/guaranteedInterview";
import { guaranteedInterviewFigure, wilsonInterval } from "../src/wdes2";
import { GuaranteedInterviewCountsSchema, GuaranteedInterviewFigureSchema } from "../src/schemas/wdes2";

const A = (guaranteedInterview: boolean, meetsEssential: boolean | null, decision: "shortlisted" | "rejected" | "undecided") => ({ guaranteedInterview, meetsEssential, decision });

describe("countGuaranteedInterviews: one vacancy's counts from the overlay's decisions", () => {
  it("counts only decided scheme applicants who meet every essential criterion", () => {
    expect(
      countGuaranteedInterviews([
        A(true, true, "shortlisted"),
        A(true, true, "rejected"), // a broken promise
        A(true, false, "rejected"), // does not meet the essentials: not eligible
        A(true, null, "shortlisted"), // not fully scored: not counted yet
        A(true, true, "undecided"), // not decided: not counted yet
        A(false, true, "rejected"), // not under the scheme
        A(true, true, "shortlisted"),
      ]),
    ).toEqual({ eligible: 3, interviewed: 2 });
  });
  it("is zero of zero for no applicant", () => expect(countGuaranteedInterviews([])).toEqual({ eligible: 0, interviewed: 0 }));
});

describe("guaranteedInterviewFigure", () => {
  it("3 of 4: 75%, Wilson 95% interval 0.3006-0.9544 (worked by hand), one not invited", () => {
    const f = guaranteedInterviewFigure({ eligible: 4, interviewed: 3 }, 2, 95);
    expect(f.share).toBe(0.75);
    expect(f.ci!.lower).toBeCloseTo(0.30064, 4);
    expect(f.ci!.upper).toBeCloseTo(0.95441, 4);
    expect(f.ci!.level).toBe(0.95);
    expect(f.notInterviewed).toBe(1);
    expect(f.vacancies).toBe(2);
    expect(f.text).toBe("3 of 4 applicants under the guaranteed-interview scheme who met the essential criteria were invited to interview (75%); 1 was not, although the scheme guarantees it.");
    expect(GuaranteedInterviewFigureSchema.parse(f)).toEqual(f);
  });
  it("all invited: the interval reaches 1 exactly and the text says all", () => {
    const f = guaranteedInterviewFigure({ eligible: 5, interviewed: 5 }, 1, 95);
    expect(f.share).toBe(1);
    expect(f.ci!.upper).toBe(1);
    // Wilson lower bound for 5/5 at 95%: n / (n + z^2) = 5 / 8.8415 = 0.5655.
    expect(f.ci!.lower).toBeCloseTo(0.56551, 4);
    expect(f.text).toMatch(/^All 5 applicants/);
  });
  it("none invited: the interval starts at 0 exactly; plural wording", () => {
    const f = guaranteedInterviewFigure({ eligible: 2, interviewed: 0 }, 1, 90);
    expect(f.ci!.lower).toBe(0);
    // Wilson upper bound for 0/2 at 90% (z = 1.644854): z^2 / (n + z^2) = 2.70554 / 4.70554 = 0.57497.
    expect(f.ci!.upper).toBeCloseTo(0.57497, 4);
    expect(f.text).toMatch(/2 were not/);
  });
  it("no eligible applicant: no share, no interval, and says whether anything was reported", () => {
    expect(guaranteedInterviewFigure({ eligible: 0, interviewed: 0 }, 0, 95)).toMatchObject({ share: null, ci: null, text: expect.stringMatching(/No vacancy has reported/) });
    expect(guaranteedInterviewFigure({ eligible: 0, interviewed: 0 }, 3, 95).text).toMatch(/No applicant under the guaranteed-interview scheme met/);
  });
  it("refuses impossible counts", () => {
    expect(() => guaranteedInterviewFigure({ eligible: 1, interviewed: 2 }, 1, 95)).toThrow(RangeError);
    expect(() => guaranteedInterviewFigure({ eligible: 1.5, interviewed: 0 }, 1, 95)).toThrow(RangeError);
    expect(() => guaranteedInterviewFigure({ eligible: 2, interviewed: -1 }, 1, 95)).toThrow(RangeError);
    expect(GuaranteedInterviewCountsSchema.safeParse({ eligible: 1, interviewed: 2 }).success).toBe(false);
    expect(GuaranteedInterviewCountsSchema.safeParse({ eligible: 1, interviewed: 1, names: [] }).success).toBe(false);
  });
  it("wilsonInterval is symmetric: k of n mirrors n-k of n", () => {
    const a = wilsonInterval(2, 7, 95);
    const b = wilsonInterval(5, 7, 95);
    expect(a.lower).toBeCloseTo(1 - b.upper, 12);
    expect(a.upper).toBeCloseTo(1 - b.lower, 12);
  });
});
