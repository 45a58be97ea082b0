import { describe, expect, it } from "vitest";
import { bandLevels, bandOfLevel, guideAuthorLabel, guideBandLabel, guideDifferences, guideDigest, guideFieldProblems, guideTime, normaliseGuide, templateEntry, GUIDE_TEXT_MAX } from "../src/reviewGuide";
import { SCALE_PRESETS } from "../src/scoring";

describe("review guide bands on each scale", () => {
  it("maps poor / partial / good / strong onto the levels, the met level starting good", () => {
    const s03 = SCALE_PRESETS["nhsjobs-0-3"];
    expect([bandLevels(s03, "poor"), bandLevels(s03, "partial"), bandLevels(s03, "good"), bandLevels(s03, "strong")]).toEqual([[0], [1], [2], [3]]);
    const s15 = SCALE_PRESETS["applied-1-5"];
    expect(bandLevels(s15, "good")).toEqual([3, 4]);
    expect(guideBandLabel("good", s15)).toBe("Good evidence (scores 3-4)");
    const s02 = SCALE_PRESETS["nhsjobs-0-2"];
    expect(bandLevels(s02, "partial")).toEqual([]);
    expect(guideBandLabel("partial", s02)).toBe("Partial evidence");
    expect(bandOfLevel(s02, 1)).toBe("good");
  });
  it("every level of every preset is in exactly one band", () => {
    for (const scale of Object.values(SCALE_PRESETS)) {
      for (const l of scale.levels) {
        const bands = (["poor", "partial", "good", "strong"] as const).filter((b) => bandLevels(scale, b).includes(l.level));
        expect(bands.length, `${scale.id} level ${l.level}`).toBe(1);
      }
    }
  });
});

describe("templates and stored guides", () => {
  it("words the template around the criterion", () => {
    const t = templateEntry("Experience of keeping accurate records.");
    expect(t.good).toBe("A specific, recent example of experience of keeping accurate records: what they did themselves and what came of it.");
    expect(Object.values(t).every((v) => v.includes("experience of keeping accurate records"))).toBe(true);
  });
  it("keeps known criteria and text only, trimmed and capped", () => {
    const g = normaliseGuide({
      format: "fair-shortlist/review-guide@1", author: "  Jo  ", updatedAt: "2026-11-30T10:00:00.000Z",
      criteria: {
        "e-1": { poor: " none ", partial: 3, good: "x".repeat(2000), strong: "<b>two</b> examples", extra: "dropped" },
        "e-unknown": { poor: "a", partial: "b", good: "c", strong: "d" },
        "e-2": { poor: "", partial: "", good: "", strong: "" },
      },
    }, ["e-1", "e-2"]);
    expect(g).toEqual({
      format: "fair-shortlist/review-guide@1", author: "Jo", updatedAt: "2026-11-30T10:00:00.000Z",
      criteria: { "e-1": { poor: "none", partial: "", good: "x".repeat(GUIDE_TEXT_MAX), strong: "<b>two</b> examples" } },
    });
    expect(normaliseGuide({ criteria: {} }, [])).toBeNull();
    expect(normaliseGuide("guide", [])).toBeNull();
  });
});

describe("a guide from outside this browser", () => {
  const guide = {
    format: "fair-shortlist/review-guide@1", author: "AB", updatedAt: "2026-12-01T15:40:00.000Z",
    criteria: { "e-1": { poor: "No example.", partial: "Vague.", good: "One dated example.", strong: "Several, with learning." } },
  };
  it("has only the format's fields, or each problem is named", () => {
    expect(guideFieldProblems(guide)).toEqual([]);
    expect(guideFieldProblems({ ...guide, level: 3 })).toEqual(['unknown field "level"']);
    expect(guideFieldProblems({ ...guide, criteria: { "e-1": { ...guide.criteria["e-1"], scores: { "AR-1": 3 } } } })).toEqual(['unknown field "scores" in criterion "e-1"']);
    expect(guideFieldProblems({ ...guide, criteria: { "e-1": { ...guide.criteria["e-1"], good: 2 } } })).toEqual(['good evidence for criterion "e-1" is not text']);
    expect(guideFieldProblems({ ...guide, format: "fair-shortlist/scores@1" })).toEqual(["it is not a review guide (format)"]);
    expect(guideFieldProblems([guide])).toEqual(["it is not a review guide"]);
    expect(guideFieldProblems({ ...guide, criteria: ["e-1"] })).toEqual(["it has no criteria"]);
  });
  it("is compared on its content, criterion by criterion in the specification's order", () => {
    const ours = normaliseGuide(guide, ["e-1", "e-2"])!;
    const reordered = normaliseGuide({ ...guide, author: "CD", updatedAt: "2027-01-01T00:00:00Z" }, ["e-1"])!;
    expect(guideDigest(reordered)).toBe(guideDigest(ours));
    const theirs = normaliseGuide({ ...guide, criteria: { "e-2": { poor: "", partial: "", good: "Led a team.", strong: "" }, "e-1": { ...guide.criteria["e-1"], strong: "Two examples." } } }, ["e-1", "e-2"])!;
    expect(guideDigest(theirs)).not.toBe(guideDigest(ours));
    expect(guideDifferences(ours, theirs, [{ id: "e-1", text: "Records" }, { id: "e-2", text: "Leadership" }])).toEqual([
      { criterionId: "e-1", number: 1, text: "Records", bands: [{ band: "strong", ours: "Several, with learning.", theirs: "Two examples." }] },
      { criterionId: "e-2", number: 2, text: "Leadership", bands: [{ band: "good", ours: "", theirs: "Led a team." }] },
    ]);
    expect(guideDifferences(ours, ours, [{ id: "e-1", text: "Records" }])).toEqual([]);
  });
  it("names its author by initials, never by a browser id", () => {
    expect(guideAuthorLabel("AB")).toBe("AB");
    expect(guideAuthorLabel("sh-0123456789ab")).toBe("a colleague");
    expect(guideAuthorLabel("")).toBe("a colleague");
    expect(guideTime("2026-12-01T15:40:59.000Z")).toBe("2026-12-01 15:40 UTC");
  });
});

describe("a guide arriving through sync (the background's strict schema)", () => {
  it("is a guide and nothing else: a smuggled score, note or name makes it no guide at all", async () => {
    const { ReviewGuideSchema, GUIDE_MAX_CRITERIA } = await import("../src/schemas/reviewGuide");
    const guide = { format: "fair-shortlist/review-guide@1", author: "AB", updatedAt: "2026-12-01T15:40:00.000Z", criteria: { "e-1": { poor: "a", partial: "b", good: "c", strong: "d" } } };
    expect(ReviewGuideSchema.safeParse(guide).success).toBe(true);
    expect(ReviewGuideSchema.safeParse({ ...guide, scores: { "AR-240001": { "e-1": { level: 3, note: "x" } } } }).success).toBe(false);
    expect(ReviewGuideSchema.safeParse({ ...guide, criteria: { "e-1": { ...guide.criteria["e-1"], level: 3 } } }).success).toBe(false);
    expect(ReviewGuideSchema.safeParse({ ...guide, criteria: { "e-1": { ...guide.criteria["e-1"], good: "x".repeat(GUIDE_TEXT_MAX + 1) } } }).success).toBe(false);
    expect(ReviewGuideSchema.safeParse({ ...guide, format: "fair-shortlist/scores@1" }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: GUIDE_MAX_CRITERIA + 1 }, (_, i) => [`e-${i}`, guide.criteria["e-1"]]));
    expect(ReviewGuideSchema.safeParse({ ...guide, criteria: many }).success).toBe(false);
  });
});
