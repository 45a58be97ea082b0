import { describe, expect, it } from "vitest";
import { bandLevels, bandOfLevel, guideBandLabel, normaliseGuide, templateEntry, GUIDE_TEXT_MAX } from "../src/reviewGuide";
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
