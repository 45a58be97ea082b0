import { describe, expect, it } from "vitest";
import { PANEL_POLICY_PRESETS } from "../../shared/src/panelPolicy";
import { evaluate, isExternal, membersFromText, panelOutcomeOf, questionsFor } from "../../extension/interview/panelCheck";

const policy = PANEL_POLICY_PRESETS["above-band-6"];
const internal = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@nhs.net`, flaggedExternal: false }));

describe("panel check: what may leave the browser is yes/no per rule", () => {
  it("treats a flagged member, or one outside the trust's e-mail domains, as external", () => {
    expect(isExternal({ email: "a@nhs.net", flaggedExternal: true }, [])).toBe(true);
    expect(isExternal({ email: "a@leeds.ac.uk", flaggedExternal: false }, ["nhs.net"])).toBe(true);
    expect(isExternal({ email: "a@mft.nhs.net", flaggedExternal: false }, ["nhs.net"])).toBe(false);
    expect(isExternal({ email: "a@leeds.ac.uk", flaggedExternal: false }, [])).toBe(false);
  });

  it("compliant: rule applies and is met, nothing failed", () => {
    const e = evaluate(policy, "8a", internal(3), [], { ethnicMinorityMember: true, trainedMember: true });
    expect(panelOutcomeOf(e)).toEqual({ ruleApplies: true, ruleMet: true, failedRules: [] });
  });

  it("non-compliant: names the failed rules, and counts an unanswered question as not met", () => {
    const e = evaluate(policy, "7", internal(2), [], { ethnicMinorityMember: false });
    expect(panelOutcomeOf(e)).toEqual({ ruleApplies: true, ruleMet: false, failedRules: ["minPanelSize", "ethnicMinorityMember", "trainedMember"] });
  });

  it("below the threshold: the rule does not apply", () => {
    const e = evaluate(policy, "5", internal(1), [], {});
    expect(panelOutcomeOf(e)).toEqual({ ruleApplies: false, ruleMet: true, failedRules: [] });
    expect(questionsFor(e, 0)).toEqual([]);
  });

  it("does not ask about independence when the page shows an external member", () => {
    const strict = { ...policy, requireIndependentMember: true };
    const members = [...internal(2), { email: "x@uni.ac.uk", flaggedExternal: false }];
    const e = evaluate(strict, "8a", members, ["nhs.net"], {});
    expect(questionsFor(e, 1)).toEqual(["ethnicMinorityMember", "trainedMember"]);
    expect(questionsFor(evaluate(strict, "8a", internal(3), ["nhs.net"], {}), 0)).toContain("independentMember");
  });
});

describe("panel check: which members are external is the trust's setting, never a guess", async () => {
  const { internalDomainsFor } = await import("../../extension/interview/panelCheck");
  const { BUILT_IN_PROFILES } = await import("../../extension/lib/registry");
  const { mergeSettings } = await import("../../extension/settings/orgSettings");
  const strict = { ...policy, requireIndependentMember: true };
  // A trust's own staff, on the trust's own domain and on nhs.net: none of them independent.
  const ownStaff = [
    { email: "a.chair@mytrust.nhs.uk", flaggedExternal: false },
    { email: "b.member@mytrust.nhs.uk", flaggedExternal: false },
    { email: "c.member@nhs.net", flaggedExternal: false },
  ];

  it.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))("built-in profile %s: with no trust setting, no one is external by e-mail and the chair is asked about independence", (_id, profile) => {
    const domains = internalDomainsFor(mergeSettings({}, {}).internalEmailDomains, profile.panel?.internalEmailDomains ?? []);
    expect(ownStaff.filter((m) => isExternal(m, domains))).toEqual([]);
    const e = evaluate(strict, "8a", ownStaff, domains, {});
    expect(questionsFor(e, 0)).toContain("independentMember");
    expect(panelOutcomeOf(e).failedRules).toContain("independentMember");
  });

  it("with the trust's domains set, its own staff are internal and a university member is external", () => {
    const settings = mergeSettings({}, { internalEmailDomains: ["mytrust.nhs.uk", "nhs.net"] });
    const domains = internalDomainsFor(settings.internalEmailDomains, []);
    expect(ownStaff.filter((m) => isExternal(m, domains))).toEqual([]);
    expect(isExternal({ email: "x@leeds.ac.uk", flaggedExternal: false }, domains)).toBe(true);
    expect(isExternal({ email: "x@ward.mytrust.nhs.uk", flaggedExternal: false }, domains)).toBe(false);
  });

  it("a profile's own list alone never makes anyone external", () => {
    expect(internalDomainsFor([], ["nhs.net"])).toEqual([]);
    expect(internalDomainsFor(["mytrust.nhs.uk"], ["nhs.net"]).sort()).toEqual(["mytrust.nhs.uk", "nhs.net"]);
  });

  it("reads the managed setting as a list, JSON text or comma-separated text, and refuses what is not a domain", () => {
    for (const v of [["MyTrust.nhs.uk", "@nhs.net"], '["mytrust.nhs.uk","nhs.net"]', "mytrust.nhs.uk, nhs.net"]) {
      const s = mergeSettings({}, { internalEmailDomains: v });
      expect(s.internalEmailDomains).toEqual(["mytrust.nhs.uk", "nhs.net"]);
      expect(s.source.internalEmailDomains).toBe("managed");
    }
    const bad = mergeSettings({ internalEmailDomains: ["local.nhs.uk"] }, { internalEmailDomains: ["not a domain"] });
    expect(bad.managedProblems.join(" ")).toMatch(/Internal e-mail domains set by your organisation are invalid/);
    // An invalid policy does not fall back to a guess from the local value either.
    expect(bad.internalEmailDomains).toEqual([]);
    expect(mergeSettings({ internalEmailDomains: "local.nhs.uk" }, {}).internalEmailDomains).toEqual(["local.nhs.uk"]);
  });
});

describe("a panel the host lists as text (profile panel.split)", () => {
  it("one member per piece; a separator inside brackets does not split; the external flag and e-mail are read per piece", () => {
    const members = membersFromText("Panel: Dr Helen Marsh (Chair), Samuel Osei <s.osei@northvale.nhs.uk>, Victor Adebayo (External, Royal College of Nursing)", ",|;", "external");
    expect(members).toEqual([
      { email: null, flaggedExternal: false },
      { email: "s.osei@northvale.nhs.uk", flaggedExternal: false },
      { email: null, flaggedExternal: true },
    ]);
    expect(evaluate(policy, "8a", members, ["northvale.nhs.uk"], {}).rules.find((r) => r.id === "minPanelSize")?.passed).toBe(true);
  });
  it("a label with nothing after it, empty pieces and spaces are not members", () => {
    expect(membersFromText("Panel:", ",", "external")).toEqual([]);
    expect(membersFromText("  A Smith ;; B Jones; ", ";")).toHaveLength(2);
    expect(membersFromText("A Smith and B Jones", "\\s+and\\s+|,")).toHaveLength(2);
  });
});
