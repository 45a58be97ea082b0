import { describe, expect, it } from "vitest";
import {
  decisionCsv,
  divergences,
  hashPin,
  newSession,
  othersSubmitted,
  pinMatches,
  questionsFromLines,
  recordFor,
  setScore,
  submit,
  submitProblems,
  visibleEntries,
  importScoresFile,
  mergeSyncedEntries,
  newPanellistId,
  revise,
  scoresFileOf,
  interviewCompleted,
  type InterviewSession,
} from "../../extension/interview/scoringSession";

function session(): InterviewSession {
  const s = newSession("nhsjobs-0-3");
  s.questions = questionsFromLines("1. Tell us about a time you improved patient safety.\n2. How do you handle conflict in a team?\n- Describe your experience of audit (desirable)");
  s.panellists = [{ id: "a", name: "Panellist A" }, { id: "b", name: "Panellist B" }];
  return s;
}

function score(s: InterviewSession, who: string, levels: number[], notes: string[] = []): InterviewSession {
  s.questions.forEach((q, i) => (s = setScore(s, "C1", who, q.id, { level: levels[i]!, note: notes[i] ?? "" })));
  return s;
}

describe("interview scoring session", () => {
  it("reads a question set, one per line, numbering and bullets dropped, desirable marked", () => {
    const qs = session().questions;
    expect(qs.map((q) => [q.text, q.kind])).toEqual([
      ["Tell us about a time you improved patient safety.", "essential"],
      ["How do you handle conflict in a team?", "essential"],
      ["Describe your experience of audit", "desirable"],
    ]);
  });

  it("will not submit an unscored question or a lowest/highest score without evidence", () => {
    let s = session();
    s = setScore(s, "C1", "a", s.questions[0]!.id, { level: 3, note: "" });
    const problems = submitProblems(s, "C1", "a").map((p) => p.message);
    expect(problems).toEqual([
      "Question 1: a score of 3 needs an evidence note (lowest and highest scores always do).",
      "Question 2 has no score.",
      "Question 3 has no score.",
    ]);
    expect(() => submit(s, "C1", "a", 1)).toThrow(/Question 2 has no score/);
  });

  it("hides other panellists' scores until the viewer has submitted their own, and locks submitted scores", () => {
    let s = score(session(), "a", [3, 2, 0], ["Described leading a falls audit across 3 wards.", "", "Did not mention any audit work."]);
    s = submit(s, "C1", "a", 1);
    s = score(s, "b", [1, 2, 2], ["Example lacked any outcome or measure.", "", ""]);
    // B has not submitted: sees only B's own entry; knows one other has submitted.
    expect(Object.keys(visibleEntries(s, "C1", "b"))).toEqual(["b"]);
    expect(othersSubmitted(s, "C1", "b")).toBe(1);
    expect(divergences(s, "C1", "b")).toEqual([]);
    // A has submitted, but B's unsubmitted draft stays hidden from A.
    expect(Object.keys(visibleEntries(s, "C1", "a"))).toEqual(["a"]);
    // Nobody signed in: nothing until everyone has submitted.
    expect(visibleEntries(s, "C1", undefined)).toEqual({});
    expect(() => setScore(s, "C1", "a", s.questions[0]!.id, { level: 1 })).toThrow(/locked/);

    s = submit(s, "C1", "b", 2);
    expect(Object.keys(visibleEntries(s, "C1", "b")).sort()).toEqual(["a", "b"]);
    const d = divergences(s, "C1", "b");
    expect(d.map((x) => [s.questions.findIndex((q) => q.id === x.criterionId) + 1, x.spread])).toEqual([[1, 2], [3, 2]]);
    expect(Object.keys(visibleEntries(s, "C1", undefined)).sort()).toEqual(["a", "b"]);
  });

  it("ranks and exports only what the viewer may see, with divergence flags, safe against formula injection", () => {
    let s = score(session(), "a", [3, 2, 0], ["Described leading a falls audit.", "", "=HYPERLINK(\"x\")"]);
    s = submit(s, "C1", "a", 1);
    s = score(s, "b", [1, 2, 2], ["Vague example.", "", ""]);
    expect(recordFor(s, "a").candidates).toEqual(["C1"]);
    expect(recordFor(s, "b").candidates).toEqual([]);
    s = submit(s, "C1", "b", 2);
    const rec = recordFor(s, undefined);
    expect(rec.ranking[0]).toMatchObject({ applicantId: "C1", rank: 1, total: 5 });
    const csv = decisionCsv(s, undefined).trim().split("\r\n");
    expect(csv[0]).toBe("candidate,rank,total,panellist,question_no,question,kind,level,anchor,evidence_note,divergence_2plus");
    expect(csv).toHaveLength(1 + 3 * 2);
    expect(csv).toContain("C1,1,5,Panellist A,1,Tell us about a time you improved patient safety.,essential,3,Strong evidence: exceeds the criterion,Described leading a falls audit.,yes");
    expect(csv).toContain("C1,1,5,Panellist B,2,How do you handle conflict in a team?,essential,2,Good evidence: meets the criterion,,no");
    expect(csv.some((line) => line.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
  });

  it("checks a PIN against its salted hash and refuses malformed PINs", async () => {
    const pin = await hashPin("4821");
    const p = { id: "a", name: "A", pin };
    // Stored as a salted SHA-256 (not the PIN itself); a fresh salt gives another hash for the same PIN.
    expect(pin.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pin.salt).not.toBe((await hashPin("4821")).salt);
    expect((await hashPin("4821", "salt-a")).hash).not.toBe((await hashPin("4821", "salt-b")).hash);
    expect(await pinMatches(p, "4821")).toBe(true);
    expect(await pinMatches(p, "4822")).toBe(false);
    expect(await pinMatches(p, "abc")).toBe(false);
    await expect(hashPin("12")).rejects.toThrow(/4 to 8 digits/);
  });
});

describe("own devices: unique ids, files that say what they did, synced entries, revisions", () => {
  const notes = ["Gave a dated example.", "Named the escalation route.", "Described an audit cycle."];
  const own = (id: string, name: string, levels: number[]) => {
    let s: InterviewSession = { ...session(), mode: "ownDevice", me: id, panellists: [{ id, name }] };
    s = score(s, id, levels, notes);
    return submit(s, "C1", id, 1_700_000_000_000);
  };

  it("gives each browser its own panellist id, never one made from the name", () => {
    const a = newPanellistId();
    expect(a).toMatch(/^p-[0-9a-f]{12}$/);
    expect(newPanellistId()).not.toBe(a);
  });

  it("imports a colleague's file and says how many scores from whom; refuses your own file and another vacancy's", () => {
    const ab1 = own("p-aaaaaaaaaaaa", "AB", [3, 1, 2]);
    const ab2 = own("p-bbbbbbbbbbbb", "AB", [1, 1, 0]); // two people with the same initials
    const file = JSON.stringify(scoresFileOf(ab2, "nhs-jobs", "C9290-24-0512"));
    const r = importScoresFile(ab1, file, { profileId: "nhs-jobs", vacancyRef: "C9290-24-0512" });
    expect(r).toMatchObject({ message: "Imported 3 scores from AB (1 candidate)." });
    if (!("session" in r)) throw new Error("expected an import");
    expect(Object.keys(visibleEntries(r.session, "C1", "p-aaaaaaaaaaaa")).sort()).toEqual(["p-aaaaaaaaaaaa", "p-bbbbbbbbbbbb"]);
    expect(divergences(r.session, "C1", "p-aaaaaaaaaaaa").map((d) => d.spread)).toEqual([2, 2]);

    expect(importScoresFile(ab1, JSON.stringify(scoresFileOf(ab1, "nhs-jobs", "C9290-24-0512")), { profileId: "nhs-jobs", vacancyRef: "C9290-24-0512" })).toEqual({
      error: "This file is your own scores export: nothing was imported.",
    });
    expect(importScoresFile(ab1, file, { profileId: "nhs-jobs", vacancyRef: "C9290-24-0999" })).toEqual({
      error: "This file is for another vacancy (C9290-24-0512), not C9290-24-0999: nothing was imported.",
    });
    expect(importScoresFile(ab1, "{oops", { profileId: "nhs-jobs", vacancyRef: "C9290-24-0512" })).toMatchObject({ error: expect.stringMatching(/not JSON/) });
  });

  it("merges synced colleagues (latest revision, own entry skipped, unreadable ones counted)", () => {
    const me = own("p-aaaaaaaaaaaa", "AB", [3, 1, 2]);
    const entry = (levels: number[]) => ({ name: "CD", scores: Object.fromEntries(me.questions.map((q, i) => [q.id, { level: levels[i]!, note: "n" }])), submittedAt: 1 });
    const r = mergeSyncedEntries(me, "C1", [
      { assessorId: "as_me", revision: 1, entry: entry([0, 0, 0]) },
      { assessorId: "as_cd", revision: 1, entry: entry([1, 1, 2]) },
      { assessorId: "as_cd", revision: 2, entry: entry([3, 1, 2]) },
      { assessorId: "as_xx", revision: 1, entry: null },
    ], "as_me");
    expect(r).toMatchObject({ colleagues: 1, unreadable: 1 });
    expect(r.session.entries.C1!.as_cd).toMatchObject({ revision: 2, scores: { [me.questions[0]!.id]: { level: 3 } } });
    expect(r.session.entries.C1!.as_me).toBeUndefined();
    expect(r.session.panellists.map((p) => p.name)).toEqual(["AB", "CD"]);
    expect(interviewCompleted(r.session)).toBe(true);
  });

  it("a change after submitting is a new revision that keeps the earlier submission", () => {
    const me = own("p-aaaaaaaaaaaa", "AB", [3, 1, 2]);
    const r = revise(me, "C1", "p-aaaaaaaaaaaa");
    const e = r.entries.C1!["p-aaaaaaaaaaaa"]!;
    expect(e.revision).toBe(2);
    expect(e.submittedAt).toBeUndefined();
    expect(e.previous).toEqual([{ scores: me.entries.C1!["p-aaaaaaaaaaaa"]!.scores, submittedAt: 1_700_000_000_000, revision: 1 }]);
    const edited = setScore(r, "C1", "p-aaaaaaaaaaaa", me.questions[0]!.id, { level: 2 });
    expect(submit(edited, "C1", "p-aaaaaaaaaaaa", 2).entries.C1!["p-aaaaaaaaaaaa"]).toMatchObject({ revision: 2, submittedAt: 2 });
  });
});
