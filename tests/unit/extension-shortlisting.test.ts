import { describe, expect, it } from "vitest";
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import { SCALE_PRESETS } from "@fair-shortlist/shared/scoring";
import { maskCss } from "../../extension/lib/mask";
import { csvField, guideFromFile, parseExport, parseExportFile, recordToScores, scaleFor, scoringState, toCsv, type ApplicantRecord } from "../../extension/lib/shortlisting";
import { extraOrigins } from "../../extension/lib/customScripts";

const criteria = [
  { id: "e-1", text: "Registered nurse", kind: "essential" as const },
  { id: "e-2", text: "Communication", kind: "essential" as const },
  { id: "d-1", text: "Acute experience", kind: "desirable" as const },
];
const record: ApplicantRecord = {
  assessorId: "AB", applicantId: "AR-1", updatedAt: "2026-01-01T00:00:00Z",
  scores: { "e-1": { level: 2, note: "NMC PIN given" }, "e-2": { level: 0, note: "" }, "old": { level: 3, note: "criterion since removed" } },
};

describe("shortlisting records", () => {
  it("become the shared core's scores, dropping criteria no longer on the page", () => {
    expect(recordToScores(record, criteria)).toEqual([
      { assessorId: "AB", applicantId: "AR-1", criterionId: "e-1", level: 2, note: "NMC PIN given" },
      { assessorId: "AB", applicantId: "AR-1", criterionId: "e-2", level: 0, note: "" },
    ]);
    expect(recordToScores(undefined, criteria)).toEqual([]);
  });
  it("know how far scoring has got", () => {
    expect(scoringState(undefined, criteria)).toBe("unscored");
    expect(scoringState(record, criteria)).toBe("partly");
    expect(scoringState({ ...record, scores: { ...record.scores, "d-1": { level: 1, note: "" } } }, criteria)).toBe("scored");
  });
  it("use the trust's scale, falling back to 0-3 for an unknown preset", () => {
    expect(scaleFor("lever-1-4")).toBe(SCALE_PRESETS["lever-1-4"]);
    expect(scaleFor("made-up")).toBe(SCALE_PRESETS["nhsjobs-0-3"]);
    expect(scaleFor(undefined).id).toBe("nhsjobs-0-3");
  });
});

describe("CSV for the recruitment file", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(toCsv([["a,b", 'say "hi"', "two\nlines", 3]])).toBe('"a,b","say ""hi""","two\nlines",3\r\n');
  });
  it("never lets page text run as a spreadsheet formula", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvField("+44 7700")).toBe("'+44 7700");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("colleague score exports", () => {
  const good = { format: "fair-shortlist/scores@1", profileId: "trac", vacancyRef: "V1", assessorId: "CD", scaleId: "nhsjobs-0-3", scores: [{ assessorId: "CD", applicantId: "1", criterionId: "e-1", level: 3, note: "x" }, { applicantId: 5 }] };
  it("are accepted for the same vacancy, keeping only well-formed scores", () => {
    const r = parseExport(JSON.stringify(good), "trac", "V1");
    expect(typeof r).toBe("object");
    if (typeof r === "object") expect(r.scores).toHaveLength(1);
  });
  it("are refused for another vacancy or when not an export", () => {
    expect(parseExport(JSON.stringify(good), "trac", "V2")).toBe("This file is for another vacancy (V1), not V2: nothing was imported.");
    expect(parseExport(JSON.stringify(good), "trac", "V1", "CD")).toBe("This file is your own scores export: nothing was imported.");
    expect(parseExport("nope", "trac", "V1")).toMatch(/not JSON/);
    expect(parseExport("{}", "trac", "V1")).toMatch(/not a Fair Shortlist scores export/);
  });
});

describe("the review guide in a colleague's file", () => {
  const entry = (good: string) => ({ poor: "No example.", partial: "A claim only.", good, strong: "Several examples, with learning." });
  const theirs = { format: "fair-shortlist/review-guide@1", author: "AB", updatedAt: "2026-12-01T15:40:00.000Z", criteria: { "e-1": entry("One dated example."), "e-2": entry("Explains to a patient."), "d-1": entry("A year on an acute ward."), "e-9": entry("Not in this vacancy.") } };
  const file = { format: "fair-shortlist/scores@1", profileId: "trac", vacancyRef: "V1", assessorId: "sh-00000000ab12", assessorName: "AB", scaleId: "nhsjobs-0-3", scores: [], reviewGuide: theirs };

  it("travels in the exported file beside the scores", () => {
    const r = parseExportFile(JSON.stringify(file), "trac", "V1");
    expect(typeof r === "object" && r.guide).toEqual(theirs);
    // Older files carry none.
    const old = parseExportFile(JSON.stringify({ ...file, reviewGuide: undefined }), "trac", "V1");
    expect(typeof old === "object" && old.guide).toBeUndefined();
    expect(guideFromFile(undefined, null, criteria, "AB")).toEqual({ kind: "none" });
  });
  it("is adopted when this browser has none, and says for how many criteria and from whom", () => {
    const r = guideFromFile(theirs, null, criteria, "AB");
    expect(r.kind).toBe("adopt");
    expect("message" in r && r.message).toBe("Imported the review guide for 3 criteria from AB (1 criterion in the file is not in this vacancy's person specification and was left out).");
    if (r.kind === "adopt") expect(Object.keys(r.guide.criteria)).toEqual(["e-1", "e-2", "d-1"]);
    const one = guideFromFile({ ...theirs, criteria: { "e-1": entry("x") } }, null, criteria, "AB");
    expect("message" in one && one.message).toBe("Imported the review guide for 1 criterion from AB.");
  });
  it("never silently replaces a different guide: says what differs", () => {
    const ours = { format: "fair-shortlist/review-guide@1" as const, author: "CD", updatedAt: "2026-11-30T09:00:00.000Z", criteria: { "e-1": entry("Two dated examples.") } };
    const r = guideFromFile(theirs, ours, criteria, "AB");
    expect(r.kind).toBe("differs");
    if (r.kind !== "differs") return;
    expect(r.message).toBe("The review guide in AB's file differs from yours for 3 criteria: nothing was changed yet. Compare them below and keep yours or use theirs.");
    expect(r.differences.map((d) => [d.number, d.bands.map((b) => b.band)])).toEqual([[1, ["good"]], [2, ["poor", "partial", "good", "strong"]], [3, ["poor", "partial", "good", "strong"]]]);
    expect(r.differences[0]!.bands[0]).toEqual({ band: "good", ours: "Two dated examples.", theirs: "One dated example." });
    const adopted = guideFromFile(theirs, null, criteria, "AB");
    if (adopted.kind !== "adopt") throw new Error("not adopted");
    // The same content from someone else, written at another time: nothing to choose.
    expect(guideFromFile({ ...theirs, author: "EF", updatedAt: "2027-01-01T00:00:00Z" }, adopted.guide, criteria, "EF"))
      .toEqual({ kind: "same", message: "The review guide in EF's file is the same as yours." });
  });
  it("is refused whole when it has fields the format does not, or nothing for this vacancy", () => {
    expect(guideFromFile({ ...theirs, scores: [{ applicantId: "AR-1", level: 3 }] }, null, criteria, "AB"))
      .toEqual({ kind: "refused", message: 'The review guide in this file was not imported: unknown field "scores".' });
    expect(guideFromFile({ ...theirs, criteria: { "e-1": { ...entry("x"), level: 3 } } }, null, criteria, "AB"))
      .toEqual({ kind: "refused", message: 'The review guide in this file was not imported: unknown field "level" in criterion "e-1".' });
    expect(guideFromFile({ ...theirs, criteria: { "e-9": entry("x") } }, null, criteria, "AB"))
      .toEqual({ kind: "refused", message: "The review guide in this file is for none of this vacancy's criteria: it was not imported." });
    expect(guideFromFile(theirs, null, [], "AB").kind).toBe("refused");
  });
});

describe("name-blind stylesheet", () => {
  const r = validateSiteProfile({
    id: "test-profile", name: "T", version: "1", matches: ["https://t.example/*"], screens: { application: { path: "^/" } }, vacancy: { reference: ".r" },
    identifyingFields: [{ field: "name", selector: ".name, td[data-x=\"a,b\"]" }, { field: "photo", selector: "img.photo" }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const css = maskCss(r.profile);
  it("hides each field and everything inside it, splitting selector lists safely", () => {
    expect(css).toContain(".name, .name * { visibility: hidden !important; }");
    expect(css).toContain("td[data-x=\"a,b\"], td[data-x=\"a,b\"] * { visibility: hidden !important; }");
    expect(css).toContain("img.photo, img.photo * { visibility: hidden !important; }");
  });
  it("says what was hidden", () => {
    expect(css).toContain(".name::before { content: \"Name hidden\" !important;");
    expect(css).toContain("td[data-x=\"a,b\"]::before { content: \"Name hidden\" !important;");
  });
  it("keeps ::part() selectors valid: no descendant variant, each rule on its own", () => {
    const css = maskCss({ identifyingFields: [{ field: "name", selector: "ats-card::part(name), .x" }] });
    expect(css).toContain("ats-card::part(name) { visibility: hidden !important; }");
    expect(css).not.toContain("::part(name) *");
    // The hiding rule never shares a rule with the placeholder, so an unsupported ::part(...)::before drops alone.
    expect(css.split("\n").filter((l) => l.includes("::part(name)")).map((l) => l.split(" {")[0])).toEqual(["ats-card::part(name)", "ats-card::part(name)::before"]);
  });
  it("a field kept in an attribute (a tooltip) leaves its element in view: only the attribute's text is replaced", () => {
    const r = validateSiteProfile({
      id: "test-profile", name: "T", version: "1", matches: ["https://t.example/*"], screens: { application: { path: "^/" } }, vacancy: { reference: ".r" },
      identifyingFields: [{ field: "phone", selector: ".info_icon", attribute: "title" }, { field: "name", selector: ".name" }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const css = maskCss(r.profile);
    expect(css).not.toContain(".info_icon");
    expect(css).toContain(".name, .name * { visibility: hidden !important; }");
  });
  it("turns a piercing selector into a rule for the component's shadow root", () => {
    const css = maskCss({ identifyingFields: [{ field: "email", selector: "#app ats-applicant-table >>> [role=row] .email" }] });
    expect(css).toContain(":host(ats-applicant-table) [role=row] .email, :host(ats-applicant-table) [role=row] .email * { visibility: hidden !important; }");
    expect(css).not.toContain(">>>");
  });
});

describe("imported profiles' permissions", () => {
  it("ask only for hosts the built-in content script does not already cover", () => {
    const r = validateSiteProfile({ id: "x-trust", name: "X", version: "1", matches: ["https://recruit.x.nhs.uk/app/*", "https://*.trac.jobs/*"], screens: { application: { path: "^/" } }, vacancy: { reference: ".r" } });
    if (!r.ok) throw new Error("invalid");
    expect(extraOrigins(r.profile, ["https://*.trac.jobs/*"])).toEqual(["https://recruit.x.nhs.uk/*"]);
  });
});
