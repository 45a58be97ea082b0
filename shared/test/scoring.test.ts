import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applicantOrderFor, completeness, defaultMetLevel, DIRECTION_NOISE_LEVELS, seededShuffle, descriptorFor, divergence, meetsEssentials, missingRequiredNotes, noteRequired, outliersBetweenAssessors, rankApplicants, SCALE_PRESETS, scoreDistribution, shortlistingConsistency, totals, type Criterion, type Score } from "../src/scoring";
import { CriterionSchema, ScaleSchema, ScoreSchema } from "../src/schemas/scoring";

const scale03 = SCALE_PRESETS["nhsjobs-0-3"];

const criteria: Criterion[] = [
  { id: "reg", text: "NMC registration", kind: "essential" },
  { id: "lead", text: "Leads a team", kind: "essential" },
  { id: "audit", text: "Clinical audit", kind: "desirable" },
];

function score(assessorId: string, applicantId: string, criterionId: string, level: number, note = "evidence"): Score {
  return { assessorId, applicantId, criterionId, level, note };
}

/** One applicant scored by one assessor: levels in criteria order. */
function sheet(applicantId: string, levels: number[], assessorId = "as1"): Score[] {
  return levels.map((level, i) => score(assessorId, applicantId, criteria[i]!.id, level));
}

describe("scale presets", () => {
  it.each([
    ["nhsjobs-0-2", 0, 2],
    ["nhsjobs-0-3", 0, 3],
    ["lever-1-4", 1, 4],
    ["applied-1-5", 1, 5],
  ] as const)("%s runs %i-%i with an anchor per level", (id, min, max) => {
    const s = SCALE_PRESETS[id];
    expect(ScaleSchema.parse(s)).toEqual(s);
    expect([s.min, s.max]).toEqual([min, max]);
    expect(s.levels.map((l) => l.level)).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
  });

  it("Lever's 1-4 has no neutral middle level", () => {
    const s = SCALE_PRESETS["lever-1-4"];
    expect(s.levels.length % 2).toBe(0);
  });

  it("lowest level reads as no evidence", () => {
    expect(SCALE_PRESETS["nhsjobs-0-2"].levels[0]?.descriptor).toMatch(/^No evidence/);
    expect(scale03.levels[0]?.descriptor).toBe("No evidence");
  });

  it("rejects a scale with gaps and unknown keys in a criterion", () => {
    expect(ScaleSchema.safeParse({ ...scale03, levels: scale03.levels.slice(1) }).success).toBe(false);
    expect(CriterionSchema.safeParse({ ...criteria[0], weight: 2 }).success).toBe(false);
    expect(ScoreSchema.safeParse({ ...score("a", "b", "c", 1), applicantName: "Jo" }).success).toBe(false);
  });

  it("a criterion's own descriptor wins over the scale's", () => {
    const c: Criterion = { ...criteria[0]!, descriptors: [{ level: 3, descriptor: "Registered, with prescribing" }] };
    expect(descriptorFor(scale03, c, 3)).toBe("Registered, with prescribing");
    expect(descriptorFor(scale03, c, 2)).toBe("Good evidence: meets the criterion");
  });
});

describe("notes", () => {
  it("are required at the lowest and highest levels only", () => {
    expect([0, 1, 2, 3].map((l) => noteRequired(scale03, l))).toEqual([true, false, false, true]);
    expect([1, 2, 3, 4, 5].map((l) => noteRequired(SCALE_PRESETS["applied-1-5"], l))).toEqual([true, false, false, false, true]);
  });

  it("finds required notes left blank", () => {
    const scores = [score("a", "1", "reg", 0, "  "), score("a", "1", "lead", 1, ""), score("a", "1", "audit", 3, "ran an audit")];
    expect(missingRequiredNotes(scale03, scores)).toEqual([scores[0]]);
  });
});

describe("completeness", () => {
  it("counts cells per applicant and overall", () => {
    const scores = [...sheet("101", [2, 2, 1]), ...sheet("102", [3]).slice(0, 1)];
    const result = completeness(criteria, scores, { applicantIds: ["101", "102", "103"] });
    expect(result.label).toBe("4 of 9 scored");
    expect(result.complete).toBe(false);
    expect(result.byApplicant.map((a) => a.label)).toEqual(["3 of 3 scored", "1 of 3 scored", "0 of 3 scored"]);
    expect(result.byApplicant[1]?.missingCriterionIds).toEqual(["lead", "audit"]);
  });

  it("can be scoped to one assessor, and ignores unknown criteria", () => {
    const scores = [...sheet("101", [2, 2, 1], "as1"), score("as2", "101", "reg", 2), score("as2", "101", "ghost", 2)];
    expect(completeness(criteria, scores, { assessorId: "as2" }).label).toBe("1 of 3 scored");
    expect(completeness(criteria, scores).label).toBe("3 of 3 scored");
  });
});

describe("totals and ranking", () => {
  it("sums the mean across assessors per criterion", () => {
    const scores = [...sheet("101", [3, 2, 1], "as1"), ...sheet("101", [2, 2, 0], "as2")];
    const [t] = totals(criteria, scores);
    expect(t).toMatchObject({ applicantId: "101", total: 2.5 + 2 + 0.5, essentialTotal: 4.5, desirableTotal: 0.5, complete: true });
    expect(t?.byAssessor).toEqual({ as1: 6, as2: 4 });
  });

  it("ties share a rank and the next rank skips; incomplete applicants are unranked", () => {
    const scores = [
      ...sheet("7", [3, 3, 3]), // 9
      ...sheet("10", [2, 2, 2]), // 6
      ...sheet("9", [3, 2, 1]), // 6
      ...sheet("3", [1, 1, 1]), // 3
      ...sheet("1", [3, 3]), // incomplete
    ];
    const ranked = rankApplicants(criteria, scores);
    expect(ranked.map((r) => [r.applicantId, r.rank])).toEqual([
      ["7", 1],
      ["9", 2],
      ["10", 2],
      ["3", 4],
      ["1", null],
    ]);
  });

  it("equal totals from different means still tie", () => {
    // 1/3 + 2/3 must equal 1 for ranking purposes.
    const scores = [
      score("a", "x", "reg", 1), score("b", "x", "reg", 0), score("c", "x", "reg", 0),
      score("a", "x", "lead", 1), score("b", "x", "lead", 1), score("c", "x", "lead", 0),
      score("a", "x", "audit", 0),
      score("a", "y", "reg", 1), score("a", "y", "lead", 0), score("a", "y", "audit", 0),
    ];
    expect(rankApplicants(criteria, scores).map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe("divergence between assessors", () => {
  const scores = [
    score("as1", "101", "reg", 3), score("as2", "101", "reg", 1), score("as3", "101", "reg", 2),
    score("as1", "101", "lead", 2), score("as2", "101", "lead", 1),
    score("as1", "102", "lead", 0), score("as2", "102", "lead", 3),
    score("as1", "103", "audit", 3),
  ];

  it("finds items where assessors differ by 2+ levels, largest first", () => {
    const items = divergence(scores, { threshold: 2 });
    expect(items.map((d) => [d.applicantId, d.criterionId, d.spread])).toEqual([
      ["102", "lead", 3],
      ["101", "reg", 2],
    ]);
    expect(items[1]?.levels).toEqual([
      { assessorId: "as1", level: 3 },
      { assessorId: "as2", level: 1 },
      { assessorId: "as3", level: 2 },
    ]);
  });

  it("accepts scores grouped by assessor and a custom threshold", () => {
    const grouped = { as1: scores.filter((s) => s.assessorId === "as1"), as2: scores.filter((s) => s.assessorId === "as2") };
    expect(divergence(grouped).length).toBe(2);
    expect(divergence(grouped, { threshold: 1 }).length).toBe(3);
    expect(divergence(scores, { threshold: 4 })).toEqual([]);
  });

  it("flags an assessor who is consistently harsher", () => {
    const panel: Score[] = [];
    for (const applicantId of ["1", "2", "3", "4"]) {
      panel.push(score("kind", applicantId, "reg", 3), score("fair", applicantId, "reg", 3), score("harsh", applicantId, "reg", 1));
    }
    const result = outliersBetweenAssessors(panel);
    expect(result[0]).toMatchObject({ assessorId: "harsh", comparedItems: 4, meanDifference: -2, direction: "harsher", outlier: true });
    expect(result.filter((r) => r.outlier).map((r) => r.assessorId)).toEqual(["harsh"]);
    // With two assessors neither is singled out: each shows half the gap.
    const pair = panel.filter((s) => s.assessorId !== "fair");
    expect(outliersBetweenAssessors(pair).map((r) => [r.assessorId, r.meanDifference])).toEqual([
      ["harsh", -1],
      ["kind", 1],
    ]);
    // One item is not enough to brand anyone.
    expect(outliersBetweenAssessors(panel.slice(0, 3)).some((r) => r.outlier)).toBe(false);
  });

  it("calls a difference below half a level, or over fewer than 3 items, \"in line\" (noise, not a habit)", () => {
    // 17 shared items, one differs by a level: a mean of 1/17 (0.06) is no direction.
    const panel: Score[] = [];
    for (let i = 0; i < 17; i++) panel.push(score("a", String(i), "reg", 2), score("b", String(i), "reg", i === 0 ? 1 : 2));
    const r = outliersBetweenAssessors(panel);
    expect(r.map((x) => [x.assessorId, x.direction])).toEqual([["a", "in line"], ["b", "in line"]]);
    expect(Math.abs(r[0]!.meanDifference)).toBeLessThan(DIRECTION_NOISE_LEVELS);
    // Two items two levels apart (each assessor 1 level from the midpoint) are still too few items.
    const two = [score("a", "1", "reg", 3), score("b", "1", "reg", 1), score("a", "2", "reg", 3), score("b", "2", "reg", 1)];
    expect(outliersBetweenAssessors(two).map((x) => x.direction)).toEqual(["in line", "in line"]);
    // Three such items: a direction, both ways.
    const three = [...two, score("a", "3", "reg", 3), score("b", "3", "reg", 1)];
    expect(Object.fromEntries(outliersBetweenAssessors(three).map((x) => [x.assessorId, x.direction]))).toEqual({ a: "more generous", b: "harsher" });
  });
});

describe("criterion-by-criterion order", () => {
  const ids = Array.from({ length: 12 }, (_, i) => `C${500 + i}`);
  it("is a permutation, the same on every call for the same assessor, vacancy and criterion", () => {
    const a = applicantOrderFor(ids, { assessorId: "jo", vacancyRef: "V1", criterionId: "e-1" });
    expect([...a].sort()).toEqual([...ids].sort());
    expect(applicantOrderFor([...ids].reverse(), { assessorId: "jo", vacancyRef: "V1", criterionId: "e-1" })).toEqual(a);
  });
  it("differs between assessors and between criteria", () => {
    const jo = applicantOrderFor(ids, { assessorId: "jo", vacancyRef: "V1", criterionId: "e-1" });
    expect(applicantOrderFor(ids, { assessorId: "sam", vacancyRef: "V1", criterionId: "e-1" })).not.toEqual(jo);
    expect(applicantOrderFor(ids, { assessorId: "jo", vacancyRef: "V1", criterionId: "e-2" })).not.toEqual(jo);
  });
  it("puts each applicant first about equally often across seeds (no position bias)", () => {
    const firsts = new Map<string, number>();
    for (let s = 0; s < 1200; s++) {
      const first = seededShuffle(ids.slice(0, 4), `seed-${s}`)[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const n of firsts.values()) expect(n).toBeGreaterThan(240);
  });
});

describe("essential criteria", () => {
  it("default met level is the middle, rounded up", () => {
    expect(defaultMetLevel(SCALE_PRESETS["nhsjobs-0-2"])).toBe(1);
    expect(defaultMetLevel(SCALE_PRESETS["nhsjobs-0-3"])).toBe(2);
    expect(defaultMetLevel(SCALE_PRESETS["lever-1-4"])).toBe(3);
    expect(defaultMetLevel(SCALE_PRESETS["applied-1-5"])).toBe(3);
  });

  it("uses the mean across assessors", () => {
    const scores = [...sheet("1", [2, 3, 0], "as1"), ...sheet("1", [1, 2, 0], "as2")];
    const result = meetsEssentials(criteria, scores, scale03);
    expect(result.status).toBe("notMet"); // reg: (2+1)/2 = 1.5 < 2
    expect(result.missedCriterionIds).toEqual(["reg"]);
    expect(meetsEssentials(criteria, scores, scale03, { metLevel: 1.5 }).status).toBe("met");
  });

  it("is incomplete while an essential is unscored, and ignores desirables", () => {
    expect(meetsEssentials(criteria, sheet("1", [2]), scale03)).toMatchObject({ status: "incomplete", met: false, unscoredCriterionIds: ["lead"] });
    expect(meetsEssentials(criteria, sheet("1", [2, 2, 0]), scale03)).toMatchObject({ status: "met", met: true });
  });

  it("refuses scores from more than one applicant", () => {
    expect(() => meetsEssentials(criteria, [...sheet("1", [2]), ...sheet("2", [2])], scale03)).toThrow(/one applicant/);
  });
});

describe("shortlisting consistency", () => {
  const meets = sheet("1", [2, 3, 0]);
  const misses = sheet("1", [2, 1, 3]);

  it("rejectedButMeetsEssentials", () => {
    const findings = shortlistingConsistency(criteria, scale03, { scores: meets, decision: "rejected", guaranteedInterview: false });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "rejectedButMeetsEssentials", severity: "warning" });
    expect(findings[0]?.message).toBe(
      'Rejected although every essential criterion is met (at or above level 2 ("Good evidence: meets the criterion")). Record the reason, for example the desirable criteria used to narrow the shortlist.',
    );
  });

  it("shortlistedButMissesEssential names the criterion", () => {
    const findings = shortlistingConsistency(criteria, scale03, { scores: misses, decision: "shortlisted", guaranteedInterview: false });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "shortlistedButMissesEssential", criterionIds: ["lead"] });
    expect(findings[0]?.message).toContain('"Leads a team"');
  });

  it("guaranteedInterviewNotShortlisted (Disability Confident) replaces the plain rejection warning", () => {
    const findings = shortlistingConsistency(criteria, scale03, { scores: meets, decision: "rejected", guaranteedInterview: true });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["guaranteedInterviewNotShortlisted", "error"]]);
    expect(findings[0]?.message).toMatch(/must be offered an interview/);
  });

  it("no finding for consistent decisions, undecided applicants, or a guaranteed-interview applicant who misses an essential", () => {
    const none = (scores: Score[], decision: "shortlisted" | "rejected" | "undecided", guaranteedInterview = false) =>
      shortlistingConsistency(criteria, scale03, { scores, decision, guaranteedInterview });
    expect(none(meets, "shortlisted")).toEqual([]);
    expect(none(misses, "rejected")).toEqual([]);
    expect(none(misses, "rejected", true)).toEqual([]);
    expect(none(meets, "undecided", true)).toEqual([]);
    expect(none(meets, "shortlisted", true)).toEqual([]);
  });

  it("essentialsNotScored when a decision comes before the scores", () => {
    const findings = shortlistingConsistency(criteria, scale03, { scores: sheet("1", [3]), decision: "rejected", guaranteedInterview: true });
    expect(findings.map((f) => f.code)).toEqual(["essentialsNotScored"]);
  });

  it("respects a configured met level", () => {
    const findings = shortlistingConsistency(criteria, scale03, { scores: meets, decision: "rejected", guaranteedInterview: false }, { metLevel: 3 });
    expect(findings).toEqual([]);
  });
});

describe("score distribution", () => {
  it("counts every level, zeros included, ignoring off-scale scores", () => {
    const scores = [...sheet("1", [0, 3, 3]), ...sheet("2", [3, 1, 7])];
    expect(scoreDistribution(scale03, scores).map((l) => [l.level, l.count])).toEqual([
      [0, 1],
      [1, 1],
      [2, 0],
      [3, 3],
    ]);
  });

  it("property: counts add up to the on-scale scores", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 40 }), (levels) => {
        const scores = levels.map((level, i) => score("a", String(i), "reg", level));
        const total = scoreDistribution(scale03, scores).reduce((n, l) => n + l.count, 0);
        expect(total).toBe(levels.filter((l) => l >= 0 && l <= 3).length);
      }),
    );
  });
});

describe("ranking properties", () => {
  it("ranks are non-decreasing down the list and a higher total never ranks lower", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 12 }), (rows) => {
        const scores = rows.flatMap((levels, i) => sheet(String(i), levels));
        const ranked = rankApplicants(criteria, scores);
        for (let i = 1; i < ranked.length; i++) {
          expect(ranked[i]!.rank!).toBeGreaterThanOrEqual(ranked[i - 1]!.rank!);
          expect(ranked[i]!.total).toBeLessThanOrEqual(ranked[i - 1]!.total);
        }
        expect(ranked[0]?.rank).toBe(1);
      }),
    );
  });
});
