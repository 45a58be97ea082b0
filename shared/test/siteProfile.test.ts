import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { decisionOf, formatPath, looksLikeCssSelector, selectorsOf } from "../src/siteProfile";
import { SiteProfileSchema, validateSiteProfile, type SiteProfileInput } from "../src/schemas/siteProfile";
import { originPatternOf, parseMatchPattern, urlMatchesPattern } from "../src/matchPattern";

const builtInDir = path.resolve(import.meta.dirname, "../../extension/site-profiles");
const builtIns = readdirSync(builtInDir).filter((f) => f.endsWith(".json")).map((f) => ({ file: f, json: JSON.parse(readFileSync(path.join(builtInDir, f), "utf8")) }));

function minimal(over: Partial<SiteProfileInput> = {}): SiteProfileInput {
  return {
    id: "example-trust",
    name: "Example Trust Recruit",
    version: "1.0.0",
    matches: ["https://recruit.example-trust.nhs.uk/*"],
    screens: { shortlistingList: { path: "^/vacancy/[^/]+/applications$" } },
    vacancy: { reference: ".post-ref" },
    ...over,
  };
}

function errorsOf(input: unknown, opts?: Parameters<typeof validateSiteProfile>[1]) {
  const r = validateSiteProfile(input, opts);
  if (r.ok) throw new Error("expected validation errors");
  return r.errors;
}

describe("match patterns", () => {
  it.each([
    ["https://www.jobs.nhs.uk/*", "https://www.jobs.nhs.uk/employer/vacancies/X/shortlisting", true],
    ["https://www.jobs.nhs.uk/*", "https://www.jobs.nhs.uk/", true],
    ["https://www.jobs.nhs.uk/*", "http://www.jobs.nhs.uk/x", false],
    ["https://www.jobs.nhs.uk/*", "https://jobs.nhs.uk/x", false],
    ["https://*.trac.jobs/*", "https://recruit.trac.jobs/recruiter/x?y=1", true],
    ["https://*.trac.jobs/*", "https://trac.jobs/", true],
    ["https://*.trac.jobs/*", "https://trac.jobs.evil.example/", false],
    ["https://*.trac.jobs/*", "https://eviltrac.jobs/", false],
    ["https://*.stonefish.co.uk/Recruitment/*", "https://recruit.stonefish.co.uk/Recruitment/Vacancy/1", true],
    ["https://*.stonefish.co.uk/Recruitment/*", "https://recruit.stonefish.co.uk/Admin", false],
    ["*://intranet.example.nhs.uk/*", "http://intranet.example.nhs.uk/a", true],
    ["*://intranet.example.nhs.uk/*", "ftp://intranet.example.nhs.uk/a", false],
    ["http://localhost:8080/*", "http://localhost:8080/a", true],
    ["http://localhost:8080/*", "http://localhost:9090/a", false],
    ["https://a.example/*", "not a url", false],
  ])("%s vs %s -> %s", (pattern, url, expected) => {
    expect(urlMatchesPattern(url, pattern)).toBe(expected);
  });

  it.each([
    ["<all_urls>", /every website/],
    ["https://*/*", /every website/],
    ["www.jobs.nhs.uk/*", /must start with https:\/\//],
    ["https://www.jobs.nhs.uk", /needs a path/],
    ["https://jobs.*.nhs.uk/*", /only come first/],
    ["chrome://extensions/*", /must start with https:\/\/|not a valid match pattern/],
  ])("refuses %s with a message a person can act on", (pattern, message) => {
    const r = parseMatchPattern(pattern);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("widens a pattern to the origin permission it needs", () => {
    expect(originPatternOf("https://*.stonefish.co.uk/Recruitment/*")).toBe("https://*.stonefish.co.uk/*");
    expect(originPatternOf("http://localhost:8080/app/*")).toBe("http://localhost:8080/*");
    expect(originPatternOf("<all_urls>")).toBeNull();
  });
});

describe("validateSiteProfile", () => {
  it("accepts a minimal profile and fills defaults", () => {
    const r = validateSiteProfile(minimal());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.profile.identifyingFields).toEqual([]);
      expect(r.profile.criteria).toEqual([]);
      expect(r.profile.vacancy.reference).toEqual({ selector: ".post-ref" }); // string shorthand
    }
  });

  it("accepts a JSON string and reports broken JSON as a whole-file error", () => {
    expect(validateSiteProfile(JSON.stringify(minimal())).ok).toBe(true);
    const errors = errorsOf("{ \"id\": ");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe("");
    expect(errors[0]!.message).toMatch(/not valid JSON/);
    expect(errorsOf([1, 2])[0]!.message).toMatch(/JSON object/);
  });

  it("names each broken field by its path, in words", () => {
    const errors = errorsOf({
      ...minimal(),
      id: "Example Trust",
      matches: ["https://*/*"],
      screens: { application: { path: "([" , marker: "div[" } },
      vacancy: { reference: { selector: ".a", urlPattern: "x" } },
      identifyingFields: [{ field: "nickname", selector: ".n" }],
      decision: { control: "select", read: "attribute", values: { shortlisted: ["Yes"], rejected: [] } },
      colour: "blue",
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath["id"]).toMatch(/lowercase letters, digits or dashes/);
    expect(byPath["matches[0]"]).toMatch(/every website/);
    expect(byPath["screens.application.path"]).toMatch(/not a valid regular expression/);
    expect(byPath["screens.application.marker"]).toMatch(/not a valid CSS selector/);
    expect(byPath["vacancy.reference"]).toMatch(/exactly one of "selector".*"urlPattern"/);
    expect(byPath["identifyingFields[0].field"]).toMatch(/must be one of name, initials, email/);
    expect(byPath["decision.values.rejected"]).toMatch(/at least one host value that means rejected/);
    expect(byPath[""]).toMatch(/unknown field "colour"/);
  });

  it("says a missing required field is required", () => {
    const { vacancy: _v, ...noVacancy } = minimal();
    const errors = errorsOf(noVacancy);
    expect(errors).toContainEqual({ path: "vacancy", message: expect.stringMatching(/required|vacancy is required/) });
    const { name: _n, ...noName } = minimal();
    expect(errorsOf(noName)).toContainEqual({ path: "name", message: expect.stringMatching(/required|must be text/) });
  });

  it("needs at least one screen and one address", () => {
    const errors = errorsOf(minimal({ screens: {}, matches: [] }));
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(["screens", "matches"]));
  });

  it("criteria groups take a fixed kind or a kind read per item, not both", () => {
    const both = errorsOf(minimal({ criteria: [{ item: "li", kind: "essential", kindFrom: { selector: ".k", essential: ["E"], desirable: ["D"] } }] }));
    expect(both[0]!.path).toBe("criteria[0]");
    const neither = errorsOf(minimal({ criteria: [{ item: "li" }] }));
    expect(neither[0]!.message).toMatch(/exactly one of "kind"/);
  });

  it("allows an empty host value to mean undecided (an empty drop-down option)", () => {
    const r = validateSiteProfile(minimal({ decision: { control: "select", values: { shortlisted: ["Interview"], rejected: ["Rejected"], undecided: [""] } } }));
    expect(r.ok).toBe(true);
  });

  it("uses the browser's selector check when given one", () => {
    const errors = errorsOf(minimal({ identifyingFields: [{ field: "name", selector: ".name:nth-child(foo)" }] }), { isValidSelector: (s) => !s.includes("foo") });
    expect(errors).toEqual([{ path: "identifyingFields[0].selector", message: "\".name:nth-child(foo)\" is not a valid CSS selector" }]);
  });

  it("formats paths as an analyst reads them", () => {
    expect(formatPath(["screens", "application", "marker"])).toBe("screens.application.marker");
    expect(formatPath(["identifyingFields", 2, "selector"])).toBe("identifyingFields[2].selector");
    expect(formatPath([])).toBe("");
  });
});

describe("selector syntax heuristic", () => {
  it.each([
    ["[data-test='applicant-name']", true],
    ["table#shortlist-table tbody tr.trac-row", true],
    ["select#shortlist-outcome, select.outcome-select", true],
    ["div[", false],
    ["a)", false],
    ["'open", false],
    ["> li", false],
    ["li,", false],
    ["div { color: red }", false],
  ])("%s -> %s", (sel, ok) => expect(looksLikeCssSelector(sel)).toBe(ok));
});

describe("host decision values", () => {
  const control = { control: "select", read: "value" as const, attribute: undefined, values: { shortlisted: ["Interview", "Interview: Reserve"], rejected: ["Rejected"], undecided: [""] } };
  it("maps host values case-insensitively and trimmed", () => {
    expect(decisionOf(" interview: reserve ", control)).toBe("shortlisted");
    expect(decisionOf("REJECTED", control)).toBe("rejected");
    expect(decisionOf("", control)).toBe("undecided");
    expect(decisionOf("Withdrawn", control)).toBeNull();
  });
});

describe("built-in profiles", () => {
  it("there are three: NHS Jobs, TRAC, Stonefish", () => {
    expect(builtIns.map((b) => b.json.id).sort()).toEqual(["nhs-jobs", "stonefish", "trac"]);
  });
  it.each(builtIns.map((b) => [b.file, b.json]))("%s is valid", (_f, json) => {
    const r = validateSiteProfile(json);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(SiteProfileSchema.safeParse(json).success).toBe(true);
  });
  it.each(builtIns.map((b) => [b.file, b.json]))("%s hides names and reads the vacancy, criteria, applicants and decision", (_f, json) => {
    const r = validateSiteProfile(json);
    if (!r.ok) throw new Error("invalid");
    const p = r.profile;
    expect(p.identifyingFields.some((f) => f.field === "name" || f.field === "initials")).toBe(true);
    expect(p.criteria.length).toBeGreaterThan(0);
    expect(p.applicants?.row).toBeTruthy();
    expect(p.decision?.control).toBeTruthy();
    expect(p.screens.shortlistingList && p.screens.application && p.screens.shortlistingDecision).toBeTruthy();
    expect(selectorsOf(p).length).toBeGreaterThan(8);
    for (const { selector } of selectorsOf(p)) expect(looksLikeCssSelector(selector), selector).toBe(true);
  });
});

describe("docs/site-profiles.md", () => {
  const md = readFileSync(path.resolve(import.meta.dirname, "../../docs/site-profiles.md"), "utf8");
  const examples = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.trimStart().startsWith("{") && b.includes("\"matches\""));
  it("has complete examples", () => expect(examples.length).toBeGreaterThanOrEqual(2));
  it.each(examples.map((e, i) => [i, e]))("example %i is a valid profile", (_i, json) => {
    const r = validateSiteProfile(json as string);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
  it("the list-only in-house fixture's profile is valid", () => {
    const r = validateSiteProfile(readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/inhouse-list/profile.json"), "utf8"));
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
  it("the in-house example is the file the e2e tests import", () => {
    const fixture = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/inhouse/profile.json"), "utf8"));
    expect(JSON.parse(examples[0]!)).toEqual(fixture);
  });
});
