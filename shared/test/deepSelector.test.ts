import { describe, expect, it } from "vitest";
import { cssForShadowSheets, deepSelectorProblem, isPiercing, lastCompound, parseDeepSelector, queryChains } from "../src/deepSelector";
import { looksLikeCssSelector } from "../src/siteProfile";
import { validateSiteProfile } from "../src/schemas/siteProfile";

describe("piercing selectors", () => {
  it("split into alternatives and shadow-root chains, ignoring >>> and commas inside quotes and brackets", () => {
    expect(parseDeepSelector("ats-applicant-table >>> [role=row]")).toEqual([["ats-applicant-table", "[role=row]"]]);
    expect(parseDeepSelector(".name, ats-app >>> ats-drawer>>>h2")).toEqual([[".name"], ["ats-app", "ats-drawer", "h2"]]);
    expect(parseDeepSelector('td[data-x=">>> a,b"]')).toEqual([['td[data-x=">>> a,b"]']]);
    expect(isPiercing(".a, .b")).toBe(false);
    expect(isPiercing(".a, x >>> .b")).toBe(true);
  });

  it("are refused with a message saying what to write", () => {
    const check = (s: string) => deepSelectorProblem(s, looksLikeCssSelector);
    expect(check("ats-table >>> [role=row]")).toBeNull();
    expect(check(">>> [role=row]")).toMatch(/nothing before ">>>"/);
    expect(check("ats-table >>>")).toMatch(/nothing after ">>>"/);
    expect(check("ats-table >> .row")).toMatch(/write ">>>" with spaces/);
    expect(check("ats-table >>> li[")).toMatch(/"li\[" \(in "ats-table >>> li\["\) is not a valid CSS selector/);
    expect(check("x::part(a) >>> .b")).toMatch(/pseudo-element/);
    expect(check(".a, ")).toMatch(/empty part/);
  });

  it("become :host() rules for the stylesheet adopted into shadow roots", () => {
    expect(cssForShadowSheets(".name, main ats-table.big >>> [role=row] .email")).toEqual([".name", ":host(ats-table.big) [role=row] .email"]);
    expect(cssForShadowSheets("ats-app >>> ats-drawer > header >>> h2")).toEqual([":host(header) h2"]);
    expect(lastCompound("div:is(.a, .b)")).toBeNull();
    // No simple host to name: the inner part alone (hides more, never less).
    expect(cssForShadowSheets("div:is(.a) >>> .name")).toEqual([".name"]);
  });

  it("read ::part(name) as the element carrying that part", () => {
    expect(queryChains("ats-person-name::part(text)")).toEqual([["ats-person-name", '[part~="text"]']]);
    expect(queryChains("x >>> ats-card::part(a b)")).toEqual([["x", "ats-card", '[part~="a"][part~="b"]']]);
    expect(queryChains(".plain")).toEqual([[".plain"]]);
  });
});

describe("site profiles with piercing selectors and a list total", () => {
  const base = {
    id: "ats", name: "ATS", version: "1", matches: ["https://ats.example.nhs.uk/*"],
    screens: { shortlistingList: { path: "^/", marker: "ats-applicant-table >>> [role=grid]" } },
    vacancy: { reference: "ats-header >>> .ref" },
  };
  it("accept them, with total read like any value", () => {
    const r = validateSiteProfile({ ...base, applicants: { row: "ats-applicant-table >>> [role=row]", id: ".ref", total: { selector: "ats-applicant-table >>> [role=grid]", attribute: "aria-rowcount" } } });
    expect(r.ok).toBe(true);
  });
  it("name the field and the part that is wrong, also with the browser's exact check", () => {
    const r = validateSiteProfile({ ...base, applicants: { row: "ats-applicant-table >>>", id: ".ref" } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path: "applicants.row", message: expect.stringMatching(/nothing after ">>>"/) });
    const exact = validateSiteProfile({ ...base, applicants: { row: "ats-table >>> [role=row", id: ".ref" } }, { isValidSelector: (s) => !s.includes("[role=row") || s.includes("]") });
    expect(exact.ok).toBe(false);
  });
  it("panel.name is optional", () => {
    const r = validateSiteProfile({ ...base, panel: { row: ".member" } });
    expect(r.ok).toBe(true);
  });
});
