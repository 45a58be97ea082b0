import { describe, expect, it } from "vitest";
import { PANEL_POLICY_PRESETS } from "../../shared/src/panelPolicy";
import { evaluate, isExternal, panelOutcomeOf, questionsFor } from "../../extension/interview/panelCheck";

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
