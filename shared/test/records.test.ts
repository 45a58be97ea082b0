import { describe, expect, it } from "vitest";
import { interviewRecord, recordText, shortlistingRecord, type InterviewRecordInput, type ShortlistingRecordInput } from "../src/records";
import { SCALE_PRESETS, type Criterion, type Score } from "../src/scoring";

const scale = SCALE_PRESETS["nhsjobs-0-3"];
const criteria: Criterion[] = [
  { id: "e1", text: "Keeps accurate records", kind: "essential" },
  { id: "e2", text: "Communicates clearly", kind: "essential" },
  { id: "d1", text: "Knows the PAS", kind: "desirable" },
];
const s = (assessorId: string, applicantId: string, levels: number[]): Score[] =>
  levels.map((level, i) => ({ assessorId, applicantId, criterionId: criteria[i]!.id, level, note: "n" }));

function base(): ShortlistingRecordInput {
  return {
    system: "Example Health Hiring",
    vacancy: { reference: "EHH-2211", jobTitle: "Ward Clerk", band: "Band 2" },
    scale, criteria,
    applicantIds: ["A1", "A2", "A3"],
    decisions: { A1: { decision: "rejected", seenAt: "2026-12-01T10:12:00.000Z" }, A2: { decision: "shortlisted" } },
    guaranteedInterview: { A3: true },
    assessors: [
      { assessorId: "jo", scores: [...s("jo", "A1", [2, 3, 1]), ...s("jo", "A2", [0, 2, 2]), ...s("jo", "A3", [2, 2, 0])], scoredAt: { A1: "2026-11-30T09:00:00.000Z" } },
      { assessorId: "sam", scores: [...s("sam", "A1", [2, 1, 3]), ...s("sam", "A2", [1, 2, 2])] },
    ],
    reasons: { A1: [{ code: "rejectedButMeetsEssentials", decision: "rejected", reason: "Two others scored higher on the desirable criterion.", at: "2026-12-01T10:13:00.000Z" }] },
    generatedAt: "2026-12-01T11:00:00.000Z",
  };
}

describe("shortlisting record", () => {
  it("says which review guide the assessors scored against, band by band, or that there was none", () => {
    const none = shortlistingRecord(base()).sections.find((x) => x.id === "review-guide")!;
    expect(none.lines).toEqual(["No review guide was written for this vacancy: assessors scored against the scale's own descriptors."]);
    const entry = { poor: "No example", partial: "An example without outcome", good: "A clear example with its outcome", strong: "Several, with what they learnt" };
    const r = shortlistingRecord({ ...base(), reviewGuide: { format: "fair-shortlist/review-guide@1", criteria: { e2: entry, gone: entry }, author: "AB", updatedAt: "2026-11-30T09:30:00.000Z" } });
    const g = r.sections.find((x) => x.id === "review-guide")!;
    expect(g.lines).toEqual(["Review guide by AB, last updated 2026-11-30 09:30 UTC, for 1 of 3 criteria: what the evidence looks like at each band."]);
    expect(g.tables[0]!.rows).toEqual([["E2", entry.poor, entry.partial, entry.good, entry.strong]]);
    expect(g.tables[0]!.head).toHaveLength(5);
    expect(recordText(r)).toContain("A clear example with its outcome");
  });

  it("names each assessor by the name or initials they gave, with their id, wherever the record mentions them", () => {
    const named = base();
    const r = shortlistingRecord({ ...named, assessors: [{ ...named.assessors[0]!, name: "Jo Bloggs" }, { ...named.assessors[1]!, name: " " }] });
    expect(r.sections.find((x) => x.id === "assessors")!.lines[0]).toBe("Assessors: Jo Bloggs (jo), sam.");
    const a1 = r.sections.find((x) => x.id === "applicant-A1")!;
    expect(a1.tables[0]!.rows.map((row) => row[0])).toEqual(["Jo Bloggs (jo)", "sam"]);
    expect(a1.lines.join("\n")).toContain('Assessors differ by 2 levels on "Knows the PAS": Jo Bloggs (jo) 1, sam 3.');
  });

  it("per applicant: decision with date, each assessor's scores with essential and desirable totals apart, warnings and reasons", () => {
    const r = shortlistingRecord(base());
    const a1 = r.sections.find((x) => x.id === "applicant-A1")!;
    expect(a1.lines[0]).toBe("Decision: Not shortlisted (as shown by Example Health Hiring, 2026-12-01 10:12 UTC).");
    expect(a1.tables[0]!.head).toEqual(["Assessor", "E1", "E2", "D1", "Essential total", "Desirable total", "Scored"]);
    expect(a1.tables[0]!.rows).toEqual([
      ["jo", "2", "3", "1", "5", "1", "2026-11-30 09:00 UTC"],
      ["sam", "2", "1", "3", "3", "3", "date not known"],
    ]);
    const text = a1.lines.join("\n");
    // Mean E2 = 2: met, so rejecting needs the reason, and the one given is on file with its date.
    expect(text).toMatch(/Warning: Rejected although every essential criterion is met/);
    expect(text).toContain("Reason given (2026-12-01 10:13 UTC): Two others scored higher on the desirable criterion.");
    expect(text).toContain('Assessors differ by 2 levels on "Knows the PAS": jo 1, sam 3.');
    expect(text).toContain('Assessors differ by 2 levels on "Communicates clearly": jo 3, sam 1.');
    expect(text).not.toContain("Keeps accurate records\": jo"); // 2 and 2: nothing to discuss
  });

  it("lists the other checks, and says so when no reason was given", () => {
    const r = shortlistingRecord(base());
    const a2 = recordText({ ...r, sections: r.sections.filter((x) => x.id === "applicant-A2") });
    expect(a2).toMatch(/Warning: Shortlisted although an essential criterion is scored below level 2/);
    expect(a2).toContain("No reason was recorded for going ahead.");
    const a3 = r.sections.find((x) => x.id === "applicant-A3")!;
    expect(a3.lines).toContain("Decision: not seen by Fair Shortlist.");
    expect(a3.lines).toContain("Disability Confident guaranteed interview scheme: yes.");
    const gis = shortlistingRecord({ ...base(), decisions: { A3: { decision: "rejected" } } });
    expect(recordText(gis)).toMatch(/Rule broken: This applicant applied under the Disability Confident guaranteed-interview scheme/);
  });

  it("keeps reasons for warnings that no longer apply, ends with a sign-off line, and words assessor differences only above noise", () => {
    const r = shortlistingRecord({ ...base(), decisions: { A1: { decision: "shortlisted" } } });
    expect(recordText(r)).toContain("Earlier reason (2026-12-01 10:13 UTC, decision then: rejected): Two others scored higher");
    expect(r.signOff[0]).toMatch(/^Shortlisting agreed by \(recruiting manager\): name _+ {2}signature _+ {2}date _+$/);
    // jo and sam differ by a mean of at most 2/3 level, both ways: in line with each other.
    const assessors = r.sections.find((x) => x.id === "assessors")!.lines.join("\n");
    expect(assessors).toContain("at least 0.5 of a level");
    expect(assessors).toMatch(/jo: in line with the others\./);
  });
});

describe("interview record", () => {
  const q: Criterion[] = [
    { id: "q1", text: "Tell us about a time you kept records under pressure", kind: "essential" },
    { id: "q2", text: "How would you handle a difficult caller?", kind: "essential" },
  ];
  const iv = (over: Partial<InterviewRecordInput> = {}): InterviewRecordInput => ({
    system: "NHS Jobs", vacancy: { reference: "V1", jobTitle: "Ward Clerk", band: "Band 2" }, scale, questions: q,
    panellists: [{ id: "ana", name: "Ana" }, { id: "ben", name: "Ben" }],
    candidates: ["C1", "C2"],
    scores: [
      { assessorId: "ana", applicantId: "C1", criterionId: "q1", level: 1, note: "" }, { assessorId: "ben", applicantId: "C1", criterionId: "q1", level: 3, note: "" },
      { assessorId: "ana", applicantId: "C1", criterionId: "q2", level: 2, note: "" }, { assessorId: "ben", applicantId: "C1", criterionId: "q2", level: 3, note: "" },
      { assessorId: "ana", applicantId: "C2", criterionId: "q1", level: 2, note: "" }, { assessorId: "ben", applicantId: "C2", criterionId: "q1", level: 2, note: "" },
    ],
    submittedAt: { C1: { ana: "2026-12-01T09:30:00.000Z", ben: "2026-12-01T09:31:00.000Z" } },
    panelCheck: { applies: true, met: false, failedRules: ["externalMember"], reason: "External member ill on the day.", policyName: "Trust panel policy 2026", recordedAt: "2026-12-01T09:00:00.000Z" },
    agreed: { C1: { q1: { level: 2, note: "Example was real but small in scale", at: "2026-12-01T10:00:00.000Z" } } },
    decisions: { C1: { decision: "appointed", at: "2026-12-01T10:30:00.000Z" } },
    generatedAt: "2026-12-01T11:00:00.000Z",
    ...over,
  });

  it("has the panel check, each panellist's scores, divergences with the agreed score, the agreed total and the decision", () => {
    const r = interviewRecord(iv());
    expect(r.sections[0]!.lines).toEqual([
      "Trust panel policy 2026: not met (externalMember) (recorded 2026-12-01 09:00 UTC).",
      "Reason for going ahead: External member ill on the day.",
    ]);
    const c1 = r.sections.find((x) => x.id === "candidate-C1")!;
    expect(c1.tables[0]!.rows).toEqual([["Ana", "1", "2", "3", "2026-12-01 09:30 UTC"], ["Ben", "3", "3", "6", "2026-12-01 09:31 UTC"]]);
    expect(c1.lines[0]).toBe('Q1 "Tell us about a time you kept records under pressure": Ana 1, Ben 3 (2 levels apart). Agreed at calibration (2026-12-01 10:00 UTC): 2 (Good evidence: meets the criterion), because: Example was real but small in scale.');
    // Q2 is 1 level apart: noise, not listed.
    expect(c1.lines.join("\n")).not.toContain("Q2 \"How would");
    expect(c1.lines).toContain("Agreed total (agreed score where calibrated, else the panel's mean): 4.5.");
    expect(c1.lines).toContain("Decision: Appointed (offer to be made) (2026-12-01 10:30 UTC).");
    const c2 = r.sections.find((x) => x.id === "candidate-C2")!;
    expect(c2.lines).toContain("Decision: not recorded.");
    expect(c2.lines).toContain("Agreed total (agreed score where calibrated, else the panel's mean): 2 (incomplete).");
    expect(r.signOff[0]).toMatch(/^Appointment agreed by \(chair of the panel\)/);
  });

  it("keeps the answer guide the panel scored against: each question's own descriptors, the scale's words where it has none", () => {
    const guided: Criterion[] = [
      { ...q[0]!, descriptors: [{ level: 0, descriptor: "No example of keeping records" }, { level: 3, descriptor: "Accurate records kept through a named busy shift, and how they checked them" }] },
      q[1]!,
    ];
    const r = interviewRecord(iv({ questions: guided }));
    const section = r.sections.find((x) => x.id === "questions")!;
    expect(section.lines[1]).toBe("Answer guide: 1 of 2 questions have descriptors of their own for what an answer at each score looks like (the scale's words where a score has none); panellists scored against them.");
    expect(section.tables[1]!.head).toEqual(["", ...scale.levels.map((l) => `Score ${l.level}`)]);
    const row = section.tables[1]!.rows[0]!;
    expect(row[0]).toBe("Q1");
    expect(row[1]).toBe("No example of keeping records");
    expect(row[row.length - 1]).toBe("Accurate records kept through a named busy shift, and how they checked them");
    // A level the question gives no words for: the scale's.
    expect(row[2]).toBe(scale.levels[1]!.descriptor);
    expect(section.tables).toHaveLength(2); // Q2 has none of its own: not repeated
    // Without any: said so, no guide table.
    const plain = interviewRecord(iv()).sections.find((x) => x.id === "questions")!;
    expect(plain.lines[1]).toBe("No question has descriptors of its own: panellists scored every answer against the scale's words.");
    expect(plain.tables).toHaveLength(1);
  });

  it("says when the panel was not checked, and when a divergence was not calibrated", () => {
    const r = interviewRecord(iv({ panelCheck: null, agreed: {} }));
    expect(r.sections[0]!.lines).toEqual(["The panel was not checked against the trust's panel policy in this browser."]);
    expect(recordText(r)).toMatch(/Ana 1, Ben 3 \(2 levels apart\)\. Not calibrated\./);
  });
});
