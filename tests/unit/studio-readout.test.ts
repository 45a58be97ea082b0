/**
 * The studio's read-out in words: which screen and why, what each field reads and means, each
 * ethnicity label with its group, and every problem with its field and what was found instead.
 */
import { describe, expect, it } from "vitest";
import { buildReadout, type PageObservation } from "../../extension/studio/readout";

const draft = {
  screens: { outcomeReport: { path: "\\/report", marker: "#outcomes" }, interview: { path: "\\/interview" } },
  vacancy: { reference: { selector: ".post-ref" }, band: { selector: ".post-grade" }, closingDate: { selector: ".post-closing" }, staffGroup: { selector: ".post-group" } },
  outcomeReport: { row: "#outcomes tr", stage: { selector: ".o-stage" }, ethnicity: { selector: ".o-eth" }, stageLabels: { shortlisted: ["Interviewed"], appointed: ["Appointed"], offerDeclined: [] } },
  identifyingFields: [{ field: "name", selector: ".cand-name" }, { field: "email", selector: ".cand-email" }],
};

function obs(over: Partial<PageObservation> = {}): PageObservation {
  return {
    screens: [
      { kind: "interview", path: "\\/interview", addressMatches: false },
      { kind: "outcomeReport", path: "\\/report", addressMatches: true, marker: "#outcomes", markerFound: true },
    ],
    fields: [
      { path: "vacancy.reference", selector: ".post-ref", matches: 1, value: "ETR-0601" },
      { path: "vacancy.band", selector: ".post-grade", matches: 1, value: "Band 7" },
      { path: "vacancy.closingDate", selector: ".post-closing", matches: 1, value: "14/06/2024" },
      { path: "vacancy.staffGroup", selector: ".post-group", matches: 1, value: "Nursing and Midwifery Registered" },
      { path: "outcomeReport.row", selector: "#outcomes tr", matches: 12, value: "C500 Appointed" },
      { path: "outcomeReport.stage", selector: ".o-stage", matches: 12, rows: 12, value: "Appointed" },
    ],
    identifying: [{ field: "name", selector: ".cand-name", matches: 12 }, { field: "email", selector: ".cand-email", matches: 12 }],
    values: {
      "outcomeReport.ethnicity": [{ value: "White - British", rows: 4 }, { value: "Asian or Asian British - Indian", rows: 3 }, { value: "Not stated", rows: 1 }, { value: "Martian", rows: 1 }],
      "outcomeReport.disability": [{ value: "Yes", rows: 2 }, { value: "No", rows: 5 }, { value: "I do not wish to disclose this", rows: 1 }, { value: "Sometimes", rows: 1 }],
      "outcomeReport.stage": [{ value: "Appointed", rows: 2 }, { value: "Interviewed", rows: 5 }, { value: "Withdrawn", rows: 1 }],
    },
    flags: [],
    ...over,
  };
}
const texts = (r: ReturnType<typeof buildReadout>) => r.lines.map((l) => `${l.level} ${l.path}: ${l.text}`);

describe("buildReadout", () => {
  it("says which screen and why, and what each field reads and means", () => {
    const r = buildReadout(draft, obs());
    expect(r.screens).toEqual(["outcomeReport"]);
    const t = texts(r);
    expect(t).toContain('ok screens.outcomeReport: screen: outcome report, because the address matches "\\/report" and the page shows "#outcomes"');
    expect(t).toContain('info screens.interview: not the interview screen: the address does not match "\\/interview"');
    expect(t).toContain('ok vacancy.band: band: "Band 7" → 7');
    expect(t).toContain("ok vacancy.closingDate: closing date: 14/06/2024 → 2024-06-14");
    expect(t).toContain('ok vacancy.staffGroup: staff group: "Nursing and Midwifery Registered" → clinical');
    expect(t).toContain("ok outcomeReport.row: 12 report rows");
    expect(t).toContain("ok identifyingFields: 24 identifying cells hidden");
    expect(t).toContain('ok outcomeReport.stage: stage reached: found in 12 of 12 rows (first: "Appointed")');
  });

  it("reads a long list's total the way the overlay does, and says when it holds no number", () => {
    const total = (value: string) => texts(buildReadout({ ...draft, applicants: { row: "tr", id: { selector: ".ref" }, total: { selector: ".count" } } }, obs({ fields: [...obs().fields, { path: "applicants.total", selector: ".count", matches: 1, value }] })));
    expect(total("Showing 20 of 1,204 applicants")).toContain('ok applicants.total: how many applicants in all: "Showing 20 of 1,204 applicants" → 20 applicants in all');
    expect(total("1,204 applicants")).toContain('ok applicants.total: how many applicants in all: "1,204 applicants" → 1204 applicants in all');
    expect(total("All applicants").some((l) => l.startsWith("problem applicants.total:") && l.includes("has no number in it"))).toBe(true);
  });

  it("each ethnicity label and disability answer with the group it counts in; unreadable ones are problems", () => {
    const t = texts(buildReadout(draft, obs()));
    expect(t).toContain('ok outcomeReport.ethnicity: ethnicity "White - British" (4 rows) → White (A)');
    expect(t).toContain('ok outcomeReport.ethnicity: ethnicity "Asian or Asian British - Indian" (3 rows) → BME (H)');
    expect(t.find((l) => l.includes('"Martian"'))).toMatch(/^problem outcomeReport\.ethnicity: .*→ Not stated: /);
    expect(t).toContain('ok outcomeReport.disability: disability "Yes" (2 rows) → Disabled');
    expect(t).toContain('ok outcomeReport.disability: disability "No" (5 rows) → Non-disabled');
    expect(t).toContain('ok outcomeReport.disability: disability "I do not wish to disclose this" (1 row) → Not declared');
    expect(t.find((l) => l.includes('"Sometimes"'))).toMatch(/^problem outcomeReport\.disability: .*→ Not declared: not a disability answer/);
    expect(t).toContain('info outcomeReport.stageLabels: stage "Withdrawn" (1 row) → not counted');
    expect(t).toContain('info outcomeReport.stageLabels: stage "Interviewed" (5 rows) → shortlisted');
  });

  it("names a broken field and what it found instead", () => {
    const r = buildReadout(draft, obs({
      fields: [
        { path: "vacancy.reference", selector: ".post-ref", matches: 1, value: "ETR-0601" },
        { path: "vacancy.band", selector: ".post-title", matches: 1, value: "Lead Nurse" },
        { path: "outcomeReport.row", selector: "#outcomes tr.row", matches: 0, value: null, instead: [{ selector: "#outcomes tr", matches: 13 }] },
        { path: "vacancy.closingDate", selector: ".post-closing", matches: 1, value: "soon" },
      ],
    }));
    const p = r.problems.map((l) => `${l.path}: ${l.text}`);
    expect(p).toContain('vacancy.band: band: "Lead Nurse" is not a band the overlay can read (e.g. "Band 7", "8a", "Consultant")');
    expect(p).toContain('outcomeReport.row: report rows: nothing on this page matches "#outcomes tr.row"; found instead: "#outcomes tr" (13)');
    expect(p).toContain('vacancy.closingDate: closing date: "soon" is not a date the overlay can read (e.g. 14/06/2024 or 14 June 2024)');
  });

  it("a field that belongs to another screen is not a problem here", () => {
    const r = buildReadout({ ...draft, panel: { row: "#panel li" } }, obs({ fields: [{ path: "panel.row", selector: "#panel li", matches: 0, value: null }] }));
    expect(texts(r)).toContain('info panel.row: panel members (each row): not on this page: nothing on this page matches "#panel li"');
    expect(r.problems.filter((l) => l.path === "panel.row")).toEqual([]);
  });

  it("a marker that is missing, an invalid address rule, and no stage labels are problems", () => {
    const r = buildReadout({ ...draft, outcomeReport: { ...draft.outcomeReport, stageLabels: undefined } }, obs({
      screens: [
        { kind: "outcomeReport", path: "\\/report", addressMatches: true, marker: "#outcomes", markerFound: false },
        { kind: "interview", path: "([", addressMatches: null },
      ],
    }));
    const p = r.problems.map((l) => `${l.path}: ${l.text}`);
    expect(p).toContain('screens.outcomeReport.marker: outcome report: the address matches, but nothing on the page matches the marker "#outcomes"');
    expect(p).toContain('screens.interview.path: interview: the address rule "([" is not a valid regular expression');
    expect(p).toContain("screens: no screen of this profile is showing on this page");
    expect(p).toContain("outcomeReport.stageLabels: stage labels: say which stages mean shortlisted and which mean appointed");
  });

  it("row fields missing from some rows, and decision values in no list", () => {
    const d = { ...draft, screens: { shortlistingList: { path: "x" } }, applicants: { row: "li", id: { selector: ".ref" }, decision: { control: "select", read: "value", values: { shortlisted: ["Invite"], rejected: ["Decline"], undecided: [""] } } } };
    const r = buildReadout(d, obs({
      screens: [{ kind: "shortlistingList", path: "x", addressMatches: true }],
      fields: [{ path: "applicants.id", selector: ".ref", matches: 10, rows: 12, value: "C500" }],
      values: { "applicants.decision": [{ value: "", rows: 11 }, { value: "Invite", rows: 1 }, { value: "Maybe", rows: 0 }] },
    }));
    const t = texts(r);
    expect(t).toContain('problem applicants.id: applicant reference: found in 10 of 12 rows (first: "C500"): the other rows do not have it');
    expect(t).toContain('ok applicants.decision.values: decision "(empty)" → undecided (11 now)');
    expect(t).toContain('ok applicants.decision.values: decision "Invite" → shortlisted (1 now)');
    expect(t).toContain('problem applicants.decision.values: decision "Maybe" is in none of the lists: say whether it means shortlisted, rejected or undecided');
  });

  it("the panel as the check counts it, also when it is written as text", () => {
    const d = { ...draft, screens: { interview: { path: "x" } }, panel: { row: ".jt-panel", split: ",|;" } };
    const text = buildReadout(d, obs({ screens: [{ kind: "interview", path: "x", addressMatches: true }], panelMembers: { members: 3, flaggedExternal: 1, split: ",|;" } }))
      .lines.map((l) => `${l.level} ${l.path}: ${l.text}`);
    expect(text).toContain('ok panel.row: panel: 3 members listed, 1 flagged external (written as text, split at ",|;")');
    const none = buildReadout(d, obs({ screens: [{ kind: "interview", path: "x", addressMatches: true }], panelMembers: { members: 0, flaggedExternal: 0 } })).lines.map((l) => `${l.level} ${l.path}: ${l.text}`);
    expect(none).toContain("info panel.row: panel: 0 members listed");
  });

  it("an opaque decision value is shown with what the page shows for it", () => {
    const d = { ...draft, screens: { shortlistingList: { path: "x" } }, applicants: { row: "tr", id: { selector: ".ref" }, decision: { control: "select", read: "value", values: { shortlisted: ["117"], rejected: ["118"], undecided: ["0"] } } } };
    const t = buildReadout(d, obs({
      screens: [{ kind: "shortlistingList", path: "x", addressMatches: true }],
      values: { "applicants.decision": [{ value: "0", rows: 6, label: "-- Choose --" }, { value: "117", rows: 0, label: "Progress to interview" }, { value: "119", rows: 0, label: "Hold" }] },
    })).lines.map((l) => `${l.level} ${l.path}: ${l.text}`).join("\n");
    expect(t).toContain('ok applicants.decision.values: decision "117" ("Progress to interview") → shortlisted');
    expect(t).toContain('problem applicants.decision.values: decision "119" ("Hold") is in none of the lists');
  });
});

describe("anchors that must hold their rows", () => {
  it("an overlay anchor outside the rows it counts is a problem, in words", () => {
    const r = buildReadout(draft, obs({ anchorsOutsideRows: [{ anchor: "outcomeReport.anchor", selector: "#report-heading", rows: "outcomeReport.row" }] }));
    expect(r.problems.map((l) => `${l.path}: ${l.text}`)).toContain('outcomeReport.anchor: where the outcome panel goes: the rows are not inside "#report-heading", so the overlay there will not see rows that arrive or change later; pick the list itself or what holds it');
  });
});

describe("criteria groups (a list per kind, as NHS Jobs prints them, or one list labelled per item)", () => {
  const groups = {
    ...draft,
    criteria: [
      { item: "[data-test='essential-criteria'] li", kind: "essential" },
      { item: "[data-test='desirable-criteria'] li", kind: "desirable" },
      { item: "table.spec tr", kindFrom: { selector: "td.kind", essential: ["Essential"], desirable: ["Desirable"] } },
      { item: "ul.other li" },
    ],
  };
  const applicationPage = obs({
    screens: [{ kind: "application", path: "\\/applications\\/", addressMatches: true }],
    fields: [
      { path: "criteria[0].item", selector: "[data-test='essential-criteria'] li", matches: 4, value: null },
      { path: "criteria[1].item", selector: "[data-test='desirable-criteria'] li", matches: 2, value: null },
      { path: "criteria[2].item", selector: "table.spec tr", matches: 3, value: null },
      { path: "criteria[2].kindFrom.selector", selector: "td.kind", matches: 3, rows: 3, value: null },
      { path: "criteria[3].item", selector: "ul.other li", matches: 0, value: null },
    ],
    values: { "criteria[2].kindFrom.selector": [{ value: "Essential", rows: 2 }, { value: "Optional", rows: 1 }] },
  });

  it("reads each group: how many items, and the kind they have", () => {
    const lines = texts(buildReadout(groups, applicationPage));
    expect(lines).toContain("ok criteria[0].item: 4 criteria of group 1");
    expect(lines).toContain("ok criteria[0].kind: criteria of group 1: all 4 essential");
    expect(lines).toContain("ok criteria[1].kind: criteria of group 2: all 2 desirable");
    expect(lines).toContain("ok criteria[2].kindFrom: criterion label (group 3) \"Essential\" (2) → essential");
    expect(lines).toContain("problem criteria[2].kindFrom: criterion label (group 3) \"Optional\" (1) is neither essential nor desirable yet: those criteria are left out");
    // A group whose items are not on the page is a problem on the application screen, named by its group.
    expect(lines).toContain("problem criteria[3].item: criteria of group 4 (each item): nothing on this page matches \"ul.other li\"");
  });

  it("a group with items but no kind says what is missing", () => {
    const lines = texts(buildReadout({ ...draft, criteria: [{ item: "ul.spec li" }] }, obs({
      screens: [{ kind: "application", path: "\\/applications\\/", addressMatches: true }],
      fields: [{ path: "criteria[0].item", selector: "ul.spec li", matches: 5, value: null }],
    })));
    expect(lines).toContain("ok criteria[0].item: 5 criteria");
    expect(lines).toContain("problem criteria[0].kind: criteria: say whether they are all essential, all desirable, or which label in each item says so");
  });
});

describe("identifying text kept in an attribute (identifyingFields[].attribute)", () => {
  it("is counted apart from hidden cells: the elements stay in view and only the attribute's text is replaced", () => {
    const lines = texts(buildReadout(draft, obs({
      identifying: [
        { field: "name", selector: ".cand-name", matches: 12 },
        { field: "phone", selector: "a.contact", matches: 3, attribute: "data-original-title" },
      ],
    })));
    expect(lines).toContain("ok identifyingFields: 12 identifying cells hidden; 3 attribute texts replaced (the elements stay in view)");
    expect(lines).toContain('info identifyingFields[1].attribute: phone in the "data-original-title" attribute of a.contact: 3 on this page carry it');
  });
});
