/**
 * The shortlisting overlay's guaranteed-interview fact: counted from the decisions and scores it
 * has seen, handed over only when the counts change, after the page settles.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countsChanged, createGuaranteedInterviewReporter, guaranteedInterviewCounts, type SeenForCount } from "../../extension/lib/guaranteedInterviewFact";
import type { GuaranteedInterviewCounts } from "../../shared/src/guaranteedInterview";

describe("guaranteedInterviewCounts", () => {
  it("counts decided scheme applicants known to meet the essentials, and how many were shortlisted (worked by hand)", () => {
    const seen: Record<string, SeenForCount> = {
      A: { decision: "shortlisted", guaranteedInterview: true }, // eligible, interviewed
      B: { decision: "rejected", guaranteedInterview: true }, // eligible, not interviewed: the broken promise
      C: { decision: "rejected", guaranteedInterview: true }, // misses an essential: not eligible
      D: { decision: "undecided", guaranteedInterview: true }, // not decided yet: not counted
      E: { decision: "rejected", guaranteedInterview: true }, // essentials not all scored: not counted yet
      F: { decision: "rejected", guaranteedInterview: false }, // not under the scheme
      G: { decision: "shortlisted", guaranteedInterview: true }, // eligible, interviewed
    };
    const meets: Record<string, boolean | null> = { A: true, B: true, C: false, D: true, E: null, F: true, G: true };
    const asked: string[] = [];
    const counts = guaranteedInterviewCounts(seen, (id) => (asked.push(id), meets[id]!));
    expect(counts).toEqual({ eligible: 3, interviewed: 2 });
    // Scores of applicants outside the scheme are never looked at.
    expect(asked).not.toContain("F");
  });

  it("nobody seen, or nobody under the scheme: 0 of 0", () => {
    expect(guaranteedInterviewCounts({}, () => true)).toEqual({ eligible: 0, interviewed: 0 });
    expect(guaranteedInterviewCounts({ X: { decision: "rejected", guaranteedInterview: false } }, () => true)).toEqual({ eligible: 0, interviewed: 0 });
  });
});

describe("countsChanged", () => {
  it("a first 0 of 0 is no news; any other first count is; after a send, any difference is (including a fall to 0)", () => {
    expect(countsChanged({ eligible: 0, interviewed: 0 }, undefined)).toBe(false);
    expect(countsChanged({ eligible: 1, interviewed: 0 }, undefined)).toBe(true);
    expect(countsChanged({ eligible: 1, interviewed: 0 }, { eligible: 1, interviewed: 0 })).toBe(false);
    expect(countsChanged({ eligible: 1, interviewed: 1 }, { eligible: 1, interviewed: 0 })).toBe(true);
    expect(countsChanged({ eligible: 2, interviewed: 0 }, { eligible: 1, interviewed: 0 })).toBe(true);
    expect(countsChanged({ eligible: 0, interviewed: 0 }, { eligible: 1, interviewed: 0 })).toBe(true);
  });
});

describe("createGuaranteedInterviewReporter", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(opts: { accept?: boolean } = {}) {
    let counts: GuaranteedInterviewCounts = { eligible: 0, interviewed: 0 };
    let stored: GuaranteedInterviewCounts | undefined;
    const sent: Array<{ counts: GuaranteedInterviewCounts; recordedAt: string }> = [];
    const abort = new AbortController();
    let clock = Date.parse("2026-03-01T10:00:00.000Z");
    const reporter = createGuaranteedInterviewReporter({
      compute: () => ({ ...counts }),
      loadSent: async () => stored,
      saveSent: async (c) => { stored = c; },
      send: async (c, recordedAt) => { sent.push({ counts: c, recordedAt }); return opts.accept ?? true; },
      now: () => new Date(clock),
      delayMs: 1000,
      signal: abort.signal,
    });
    const settle = async () => { await vi.advanceTimersByTimeAsync(1000); await reporter.flushed(); };
    return { reporter, sent, abort, settle, set: (c: GuaranteedInterviewCounts) => { counts = c; }, tick: (ms: number) => { clock += ms; }, stored: () => stored };
  }

  it("sends once per settled change, the latest counts with when they were recorded; nothing while nothing changed", async () => {
    const t = setup();
    t.reporter.schedule();
    await t.settle();
    expect(t.sent).toEqual([]); // 0 of 0 before anything was sent
    // A list rendering row by row: many schedules, one send of the settled counts.
    t.set({ eligible: 1, interviewed: 0 });
    t.reporter.schedule();
    await vi.advanceTimersByTimeAsync(500);
    t.set({ eligible: 2, interviewed: 1 });
    t.reporter.schedule();
    await t.settle();
    expect(t.sent).toEqual([{ counts: { eligible: 2, interviewed: 1 }, recordedAt: "2026-03-01T10:00:00.000Z" }]);
    // Re-evaluated with the same counts (a re-render, a reload): nothing sent.
    t.reporter.schedule();
    await t.settle();
    expect(t.sent).toHaveLength(1);
    // A decision changed: sent again, newer recordedAt.
    t.tick(60_000);
    t.set({ eligible: 2, interviewed: 2 });
    t.reporter.schedule();
    await t.settle();
    expect(t.sent.map((s) => s.counts)).toEqual([{ eligible: 2, interviewed: 1 }, { eligible: 2, interviewed: 2 }]);
    expect(t.sent[1]!.recordedAt).toBe("2026-03-01T10:01:00.000Z");
  });

  it("a send the background refused is not remembered, so the next change or visit tries again", async () => {
    const t = setup({ accept: false });
    t.set({ eligible: 1, interviewed: 1 });
    t.reporter.schedule();
    await t.settle();
    t.reporter.schedule();
    await t.settle();
    expect(t.sent).toHaveLength(2);
    expect(t.stored()).toBeUndefined();
  });

  it("nothing is sent after the page is left", async () => {
    const t = setup();
    t.set({ eligible: 1, interviewed: 0 });
    t.reporter.schedule();
    t.abort.abort();
    await t.settle();
    t.reporter.schedule();
    await t.settle();
    expect(t.sent).toEqual([]);
  });
});
