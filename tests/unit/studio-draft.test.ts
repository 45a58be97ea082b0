/** The studio's draft: paths into the profile JSON, and plain-words matchers to and from the file's regular expressions. */
import { describe, expect, it } from "vitest";
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import { assignLabel, categoryOf, containsToPath, emptyDraft, getAt, parsePath, pathToContains, patternToText, setAt, textToPattern } from "../../extension/studio/draft";

describe("draft paths", () => {
  it("parses, reads and writes nested paths without touching the original", () => {
    expect(parsePath("criteria[0].kindFrom.selector")).toEqual(["criteria", 0, "kindFrom", "selector"]);
    const d0 = emptyDraft("https://recruit.example-trust.nhs.uk/vacancy/X/applications");
    const d1 = setAt(d0, "criteria[0].kindFrom.selector", ".crit-kind");
    expect(getAt(d1, "criteria[0].kindFrom.selector")).toBe(".crit-kind");
    expect(getAt(d0, "criteria[0]")).toBeUndefined();
  });
  it("clearing a field removes it and any object it leaves empty", () => {
    let d = setAt({}, "applicants.decision.control", "select");
    d = setAt(d, "applicants.decision.control", "");
    expect(d).toEqual({});
    // A list keeps its place (an empty list is a valid value), without a hole.
    d = setAt(setAt({}, "criteria[0].item", "li"), "criteria[0].item", undefined);
    expect(d).toEqual({ criteria: [] });
  });
  it("a new draft names the host and is one step from a valid profile", () => {
    const d = emptyDraft("https://recruit.example-trust.nhs.uk/vacancy/ETR-1/applications");
    expect(d).toMatchObject({ id: "recruit-example-trust-nhs-uk", matches: ["https://recruit.example-trust.nhs.uk/*"] });
    let p = setAt(d, "screens.shortlistingList.path", containsToPath("/applications"));
    p = setAt(p, "vacancy.reference", { selector: ".post-ref" });
    expect(validateSiteProfile(p)).toMatchObject({ ok: true });
  });
});

describe("plain-words matchers", () => {
  it("address contains: escaped for the regex, and read back", () => {
    expect(containsToPath("/vacancy/report?x=1")).toBe("\\/vacancy\\/report\\?x=1");
    expect(new RegExp(containsToPath("/vacancy/report?x=1")).test("/a/vacancy/report?x=1")).toBe(true);
    expect(pathToContains(containsToPath("/applicant/(new)"))).toBe("/applicant/(new)");
    expect(pathToContains("^/vacancy/[^/]+/applications$")).toBeNull();
    expect(pathToContains("^/Applicant/\\d+")).toBeNull();
  });
  it("flag text: contains / equals as a case-insensitive pattern, and read back", () => {
    expect(textToPattern("yes", "equals")).toBe("^yes$");
    expect(new RegExp(textToPattern("G.I.S.", "contains"), "i").test("flag: g.i.s. yes")).toBe(true);
    expect(new RegExp(textToPattern("G.I.S.", "contains"), "i").test("GxIxSx")).toBe(false);
    expect(patternToText("^yes$")).toEqual({ text: "yes", how: "equals" });
    expect(patternToText(":\\s*Yes")).toBeNull();
  });
  it("label mappings: a value sits in one category at most", () => {
    let lists = assignLabel({ shortlisted: ["Invite"], rejected: [] }, ["shortlisted", "rejected", "undecided"] as const, "invite ", "rejected");
    expect(lists).toEqual({ shortlisted: [], rejected: ["invite "], undecided: [] });
    expect(categoryOf(lists, ["shortlisted", "rejected", "undecided"] as const, "INVITE")).toBe("rejected");
    lists = assignLabel(lists, ["shortlisted", "rejected", "undecided"] as const, "Invite", null);
    expect(categoryOf(lists, ["shortlisted", "rejected", "undecided"] as const, "Invite")).toBeNull();
  });
});
