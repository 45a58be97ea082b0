import { describe, expect, it } from "vitest";
import { reconcileGuide, stateOf, type PublishedGuide } from "../../extension/lib/guideSync";
import type { ReviewGuide } from "@fair-shortlist/shared/reviewGuide";

const criteria = [
  { id: "e-1", text: "Experience of keeping accurate records", kind: "essential" as const },
  { id: "e-2", text: "Good written communication", kind: "essential" as const },
];
const entry = (good: string) => ({ poor: "No example.", partial: "A claim only.", good, strong: "Several examples." });
const guide = (good: string, over: Partial<ReviewGuide> = {}): ReviewGuide => ({ format: "fair-shortlist/review-guide@1", author: "AB", updatedAt: "2026-12-01T15:40:00.000Z", criteria: { "e-1": entry(good) }, ...over });
const published = (g: ReviewGuide | null, revision: number, mine = false): PublishedGuide => ({ mine, revision, publishedAt: "2026-12-01T15:41:00.000Z", guide: g });

describe("the review guide through sync", () => {
  it("a colleague with no guide takes the published one, and is told whose, which revision and when", () => {
    const step = reconcileGuide(null, published(guide("One dated example."), 1), undefined, criteria);
    expect(step.kind).toBe("adopt");
    expect("note" in step && step.note).toBe("Review guide for 1 criterion from AB, shared through your organisation (revision 1, updated 2026-12-01 15:40 UTC).");
  });
  it("a later revision from the author replaces the one taken before, visibly, naming what changed", () => {
    const r1 = guide("One dated example.");
    const r2 = guide("One dated example, with the outcome.", { updatedAt: "2026-12-02T09:00:00.000Z", criteria: { "e-1": entry("One dated example, with the outcome."), "e-2": entry("Clear letters.") } });
    const step = reconcileGuide(r1, published(r2, 2), stateOf(published(r1, 1), r1), criteria);
    expect(step.kind).toBe("adopt");
    expect("note" in step && step.note).toBe("AB updated the review guide: revision 2 replaces revision 1 (updated 2026-12-02 09:00 UTC). Changed: 1. Experience of keeping accurate records; 2. Good written communication.");
    expect(step.kind === "adopt" && step.state.revision).toBe(2);
  });
  it("never silently replaces a guide this browser wrote or chose: the user compares and chooses, and a choice to keep it holds for that revision", () => {
    const mine = guide("My own bar.", { author: "CD" });
    const theirs = guide("One dated example.");
    const step = reconcileGuide(mine, published(theirs, 3), undefined, criteria);
    expect(step.kind).toBe("conflict");
    if (step.kind !== "conflict") return;
    expect(step.title).toBe("The review guide AB shared for this vacancy differs from yours");
    expect(step.differences).toEqual([{ criterionId: "e-1", number: 1, text: criteria[0]!.text, bands: [{ band: "good", ours: "My own bar.", theirs: "One dated example." }] }]);
    const kept = reconcileGuide(mine, published(theirs, 3), { ...step.state, keptOwn: true }, criteria);
    expect(kept.kind).toBe("keptOwn");
    // A new revision asks again.
    expect(reconcileGuide(mine, published(guide("Newer."), 4), { ...step.state, keptOwn: true }, criteria).kind).toBe("conflict");
  });
  it("the author's browser publishes its own changes; the same content is in sync; an older revision from the server is ignored", () => {
    const r1 = guide("One dated example.");
    expect(reconcileGuide(guide("Edited since."), published(r1, 1, true), stateOf(published(r1, 1, true), r1), criteria)).toEqual({ kind: "publish" });
    const same = reconcileGuide(guide("One dated example.", { author: "AB", updatedAt: "2027-01-01T00:00:00Z" }), published(r1, 1, true), undefined, criteria);
    expect(same.kind === "inSync" && same.note).toBe("Your review guide is shared with colleagues (revision 1, updated 2026-12-01 15:40 UTC).");
    const r3 = guide("Third.");
    const stale = reconcileGuide(r3, published(r1, 1), stateOf(published(r3, 3), r3), criteria);
    expect(stale.kind).toBe("inSync");
    expect("note" in stale && stale.note).toMatch(/older revision \(1\); it was ignored/);
  });
  it("nothing published: a local guide can be shared; a guide that does not open is not shown", () => {
    expect(reconcileGuide(guide("x"), null, undefined, criteria)).toEqual({ kind: "none", canShare: true, note: "Your review guide is in this browser only: colleagues do not see it yet." });
    expect(reconcileGuide(null, null, undefined, criteria)).toEqual({ kind: "none", canShare: false, note: "" });
    const taken = guide("One dated example.");
    expect(reconcileGuide(taken, null, stateOf(published(taken, 2), taken), criteria)).toEqual({ kind: "none", canShare: false, note: "The review guide AB shared (revision 2) is no longer on your organisation's server; this browser keeps its copy." });
    expect(reconcileGuide(null, published(null, 1), undefined, criteria).kind).toBe("unreadable");
    // Published for criteria this vacancy does not have: nothing to show.
    expect(reconcileGuide(null, published(guide("x", { criteria: { "e-9": entry("x") } }), 1), undefined, criteria).kind).toBe("unreadable");
  });
});
