import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compileNoteLint,
  isEvidenceBased,
  lintNote,
  NOTE_LINT_CATEGORIES,
  NOTE_LINT_RULES,
  phraseToPattern,
} from "../src/noteLint";

const ruleIds = (text: string) => lintNote(text).map((f) => f.ruleId);

describe("the rule list", () => {
  it("has unique ids, a known category, a reason and a suggestion for every rule", () => {
    const ids = NOTE_LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of NOTE_LINT_RULES) {
      expect(NOTE_LINT_CATEGORIES).toContain(rule.category);
      expect(rule.reason.length).toBeGreaterThan(20);
      expect(rule.suggestion.length).toBeGreaterThan(10);
      expect((rule.phrases?.length ?? 0) + (rule.patterns?.length ?? 0)).toBeGreaterThan(0);
    }
  });

  it("every phrase is found in a sentence as written, by its own rule", () => {
    for (const rule of NOTE_LINT_RULES) {
      for (const phrase of rule.phrases ?? []) {
        const note = `The panel noted: ${phrase}.`;
        const findings = lintNote(note);
        expect(findings.map((f) => f.ruleId), phrase).toContain(rule.id);
      }
    }
  });

  it("patterns use no capturing groups (group names map matches to rules)", () => {
    for (const rule of NOTE_LINT_RULES) {
      for (const pattern of rule.patterns ?? []) {
        expect(new RegExp(`${pattern}|`, "u").exec("")!.length, pattern).toBe(1);
      }
    }
  });
});

describe("lintNote: the words users will type", () => {
  const cases: Array<[string, string, string]> = [
    ["Not a culture fit for the ward.", "cultureFit", "culture fit"],
    ["Good cultural fit", "cultureFit", "cultural fit"],
    ["Would fit in well with the team", "cultureFit", "fit in"],
    ["Gut feeling says no", "gutFeeling", "Gut feeling"],
    ["Gut instinct is she would struggle", "gutFeeling", "Gut instinct"],
    ["Overqualified for this band", "overqualified", "Overqualified"],
    ["over-qualified", "overqualified", "over-qualified"],
    ["Over qualified", "overqualified", "Over qualified"],
    ["Honestly not a team player", "notATeamPlayer", "not a team player"],
    ["Very articulate", "articulate", "articulate"],
    ["An articulate candidate", "articulate", "articulate"],
    ["Well-articulate and calm", "articulate", "Well-articulate"],
    ["Strong accent, hard to follow", "accent", "accent"],
    ["Came across as aggressive", "aggressive", "aggressive"],
    ["Energetic young nurse", "energetic", "Energetic"],
    ["Quite young for the role", "young", "young"],
    ["Younger than the others", "young", "Younger"],
    ["Probably too old to retrain", "tooOld", "too old"],
    ["Needs a native speaker", "nativeSpeaker", "native speaker"],
    ["English as a first language would help", "nativeSpeaker", "English as a first language"],
    ["We just didn't click", "personalityClash", "didn't click"],
    ["we just didn’t click", "personalityClash", "didn’t click"],
    ["didnt click", "personalityClash", "didnt click"],
    ["Personality clash with the manager", "personalityClash", "Personality clash"],
    ["Bit feisty", "feisty", "feisty"],
    ["Too emotional when discussing the incident", "emotional", "Too emotional"],
    ["Mature approach", "mature", "Mature"],
    ["Confident answers", "confident", "Confident"],
    ["Nice person", "nicePerson", "Nice person"],
    ["Very like me at that age", "likeMe", "like me"],
    ["Reminds me of myself", "likeMe", "Reminds me of"],
    ["Interesting cultural background", "cultural", "cultural"],
    ["Has a stammer", "disability", "stammer"],
    ["Mentioned she is pregnant", "family", "is pregnant"],
    ["Wears a hijab", "religion", "hijab"],
    ["Lacks gravitas", "appearance", "gravitas"],
  ];
  it.each(cases)("%s -> %s", (note, ruleId, match) => {
    const finding = lintNote(note).find((f) => f.ruleId === ruleId);
    expect(finding?.match).toBe(match);
    expect(note.slice(finding!.start, finding!.end)).toBe(match);
  });

  it("reports several findings in order, with reason, suggestion and severity", () => {
    const findings = lintNote("Energetic young candidate, good fit, gut feeling is yes.");
    expect(findings.map((f) => f.ruleId)).toEqual(["energetic", "young", "cultureFit", "gutFeeling"]);
    expect(findings[0]).toMatchObject({ category: "age", severity: "warning", start: 0, end: 9 });
    expect(findings[0]?.suggestion).toMatch(/criterion/);
  });

  it("'confident' and 'mature' are mild (info)", () => {
    expect(lintNote("confident").at(0)?.severity).toBe("info");
    expect(lintNote("mature").at(0)?.severity).toBe("info");
  });
});

describe("lintNote: no false positives on evidence NHS notes contain", () => {
  it.each([
    "The candidate cited evidence of articulating a plan for the ward.",
    "Able to articulate the trust's values and how she applied them.",
    "Articulated a clear escalation route.",
    "Youngerman was the name of the audit lead.",
    "Experience in children and young people's mental health services.",
    "Ran a clinic for young adults with diabetes.",
    "Dr Young supervised the project.",
    "De-escalated an aggressive patient using the conflict resolution policy.",
    "Described the violence and aggression policy accurately.",
    "Provides emotional support to families; good emotional intelligence shown.",
    "Led cultural change and showed cultural competence.",
    "Covered a maternity leave post; midwife who supports pregnant women.",
    "Worked with children who stammer in an SLT clinic.",
    "Improved access for disabled patients.",
    "A pretty good answer on infection control; polished presentation.",
    "Patient confidentiality was well understood.",
    "Accentuated the importance of handover.",
    "Would like me to send the policy afterwards.",
    "Gave an example of managing sickness absence in a team of 12.",
    "Team player example: covered shifts during the outbreak and described the rota.",
    "",
  ])("%s", (note) => {
    expect(lintNote(note)).toEqual([]);
  });
});

describe("lintNote: mechanics", () => {
  it("whole words only, any case", () => {
    expect(ruleIds("YOUNG")).toEqual(["young"]);
    expect(ruleIds("Youngerman")).toEqual([]);
    expect(ruleIds("agedyoung")).toEqual([]);
    expect(ruleIds("accents")).toEqual(["accent"]);
  });

  it("phrases turn spaces, hyphens and apostrophes into flexible matches", () => {
    const re = new RegExp(`^(?:${phraseToPattern("didn't over-qualified")})$`, "iu");
    expect(re.test("didnt overqualified")).toBe(true);
    expect(re.test("didn’t over qualified")).toBe(true);
    expect(re.test("didn't   over - qualified")).toBe(true);
    expect(phraseToPattern("a.b (c)")).toBe(String.raw`a\.b[\s\-‐–]*\(c\)`);
  });

  it("a trust can extend the list", () => {
    const compiled = compileNoteLint([
      ...NOTE_LINT_RULES,
      { id: "localJargon", category: "vague", severity: "info", phrases: ["one of ours"], reason: "Local favouritism phrase.", suggestion: "Cite evidence." },
    ]);
    expect(lintNote("She's one of ours", compiled).map((f) => f.ruleId)).toEqual(["localJargon"]);
    expect(lintNote("She's one of ours").map((f) => f.ruleId)).toEqual([]);
  });

  it("is fast enough for every keystroke", () => {
    const note = "Described a clear plan for the audit and gave two examples of leading change. ".repeat(60) + "Gut feeling: good fit.";
    lintNote(note); // warm up
    const started = performance.now();
    for (let i = 0; i < 20; i++) lintNote(note);
    const perCall = (performance.now() - started) / 20;
    expect(perCall).toBeLessThan(20);
    expect(ruleIds(note)).toEqual(["gutFeeling", "cultureFit"]);
  });

  it("property: offsets always slice out the match", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("young", "good fit", "ok", "evidence", " ", "-", "Youngerman", "accent", "didn't click", "\n"), { maxLength: 30 }), (parts) => {
        const note = parts.join("");
        for (const f of lintNote(note)) expect(note.slice(f.start, f.end)).toBe(f.match);
      }),
    );
  });
});

describe("isEvidenceBased", () => {
  it.each([
    ["Described how she escalated a deteriorating patient using NEWS2 and documented it.", true],
    ["Gave an example of leading a audit of falls, with 30% fewer falls after.", true],
    ["Good.", false],
    ["", false],
    ["Seemed fine overall, quite a nice person really.", false],
    ["Described the audit in detail but honestly my gut feeling was no.", false],
  ] as const)("%s -> %s", (note, expected) => {
    expect(isEvidenceBased(note)).toBe(expected);
  });
});
