import { describe, expect, it } from "vitest";
import { digestOf, shareAndFetch, shareSummary, type SharedState, type ShortlistEntry, type SyncSend } from "../../extension/lib/shortlistSync";
import type { Score } from "@fair-shortlist/shared/scoring";

/** An in-memory stand-in for the Worker's rules: release only after your own entry; revisions only go up by one. */
function fakeServer() {
  const items = new Map<string, Map<string, { revision: number; entry: ShortlistEntry }[]>>();
  const calls: string[] = [];
  const as = (me: string): SyncSend => ({
    async submit(d) {
      calls.push(`${me} submit ${d.subject} r${d.revision}`);
      const item = items.get(d.subject) ?? new Map();
      const mine = item.get(me) ?? [];
      const held = mine.at(-1)?.revision ?? 0;
      if (d.revision !== held + 1) return { ok: false, status: 409, error: `The next revision is ${held + 1}` };
      item.set(me, [...mine, { revision: d.revision, entry: d.entry }]);
      items.set(d.subject, item);
      return { ok: true, revision: d.revision };
    },
    async read(d) {
      calls.push(`${me} read ${d.subject}`);
      const item = items.get(d.subject);
      if (!item?.get(me)) return { ok: false, error: "Submit your own entry first.", notSubmitted: true };
      return { ok: true, you: me, entries: [...item].flatMap(([assessorId, list]) => list.map((x) => ({ assessorId, revision: x.revision, entry: x.entry }))) };
    },
  });
  return { as, calls };
}

const s = (applicantId: string, criterionId: string, level: number, note = ""): Score => ({ assessorId: "sh-local", applicantId, criterionId, level, note });
const base = { reference: "C9290-24-0512", profileId: "nhs-jobs", scaleId: "nhs-0-3", now: () => 1_700_000_000_000 };

describe("shortlister sync: share fully scored applicants, fetch colleagues' for those only", () => {
  it("two shortlisters: each sees the other's scores only for applicants they both shared", async () => {
    const server = fakeServer();
    const a = await shareAndFetch(server.as("as_a"), { ...base, name: "AB", state: {}, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 3), s("AR-1", "e2", 2)]], ["AR-2", [s("AR-2", "e1", 1), s("AR-2", "e2", 1)]]]) });
    expect([a.shared, a.revised, a.colleagues.length]).toEqual([2, 0, 0]);
    const b = await shareAndFetch(server.as("as_b"), { ...base, name: "CD", state: {}, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 1, "no evidence of audit"), s("AR-1", "e2", 2)]]]) });
    // B shared AR-1 only, so B gets A's AR-1 scores and never A's AR-2.
    expect(b.colleagues).toEqual([
      { format: "fair-shortlist/scores@1", profileId: "nhs-jobs", vacancyRef: "C9290-24-0512", assessorId: "as_a", assessorName: "AB", scaleId: "nhs-0-3", exportedAt: "2023-11-14T22:13:20.000Z", scores: [
        { assessorId: "as_a", applicantId: "AR-1", criterionId: "e1", level: 3, note: "" },
        { assessorId: "as_a", applicantId: "AR-1", criterionId: "e2", level: 2, note: "" },
      ] },
    ]);
    expect(server.calls).not.toContain("as_b read AR-2");
    // A again: nothing changed to share; now receives B's AR-1.
    const a2 = await shareAndFetch(server.as("as_a"), { ...base, name: "AB", state: a.state, scoredApplicants: new Map([["AR-1", [s("AR-1", "e2", 2), s("AR-1", "e1", 3)]], ["AR-2", [s("AR-2", "e1", 1), s("AR-2", "e2", 1)]]]) });
    expect([a2.shared, a2.revised, a2.unchanged]).toEqual([0, 0, 2]);
    expect(a2.colleagues.map((c) => [c.assessorId, c.scores.map((x) => `${x.applicantId}:${x.criterionId}=${x.level}`)])).toEqual([["as_b", ["AR-1:e1=1", "AR-1:e2=2"]]]);
    expect(shareSummary(a2)).toBe("Synced through your organisation's server (encrypted): nothing new to share; received scores from 1 colleague.");
  });

  it("a change after sharing goes up as the next revision, and colleagues get the latest", async () => {
    const server = fakeServer();
    const first = await shareAndFetch(server.as("as_a"), { ...base, name: "AB", state: {}, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 3)]]]) });
    const changed = await shareAndFetch(server.as("as_a"), { ...base, name: "AB", state: first.state, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 2)]]]) });
    expect([changed.shared, changed.revised, changed.state["AR-1"]!.revision]).toEqual([0, 1, 2]);
    expect(shareSummary(changed)).toMatch(/sent 1 revision \(colleagues see that you changed scores after sharing\)/);
    const b = await shareAndFetch(server.as("as_b"), { ...base, name: "CD", state: {}, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 2)]]]) });
    expect(b.colleagues[0]!.scores).toEqual([{ assessorId: "as_a", applicantId: "AR-1", criterionId: "e1", level: 2, note: "" }]);
  });

  it("after this browser lost its record of what it shared, it moves on to the next free revision instead of failing", async () => {
    const server = fakeServer();
    await shareAndFetch(server.as("as_a"), { ...base, name: "AB", state: {}, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 3)]]]) });
    const lost: SharedState = {};
    const again = await shareAndFetch(server.as("as_a"), { ...base, name: "AB", state: lost, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 3)]]]) });
    expect(again.problems).toEqual([]);
    expect(again.state["AR-1"]!.revision).toBe(2);
  });

  it("names what could not be synced, and counts entries it could not decrypt", async () => {
    const send: SyncSend = {
      submit: async (d) => (d.subject === "AR-2" ? { ok: false, error: "The API answered 500." } : { ok: true, revision: d.revision }),
      read: async () => ({ ok: true, you: "as_a", entries: [{ assessorId: "as_x", revision: 1, entry: null }] }),
    };
    const r = await shareAndFetch(send, { ...base, name: "AB", state: {}, scoredApplicants: new Map([["AR-1", [s("AR-1", "e1", 3)]], ["AR-2", [s("AR-2", "e1", 3)]]]) });
    expect([r.shared, r.unreadable, r.problems]).toEqual([1, 1, ["AR-2: The API answered 500."]]);
    expect(shareSummary(r)).toMatch(/1 entry could not be decrypted .* Not synced: AR-2: The API answered 500\.$/);
  });

  it("the digest ignores criterion order but not levels or notes", () => {
    expect(digestOf([s("A", "e1", 1), s("A", "e2", 2)])).toBe(digestOf([s("A", "e2", 2), s("A", "e1", 1)]));
    expect(digestOf([s("A", "e1", 1)])).not.toBe(digestOf([s("A", "e1", 2)]));
    expect(digestOf([s("A", "e1", 1, "x")])).not.toBe(digestOf([s("A", "e1", 1, "y")]));
  });
});
