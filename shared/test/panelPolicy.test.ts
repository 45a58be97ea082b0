import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AFC_BAND_IDS, BAND_IDS } from "../src/bands";
import { DEFAULT_PANEL_POLICY_PRESET, PANEL_POLICY_PRESET_LIST, PANEL_POLICY_PRESETS, PANEL_RULE_IDS, type PanelFacts, type PanelPolicy } from "../src/panelPolicy";
import { evaluatePanel, PanelPolicySchema, PanelRuleIdSchema } from "../src/schemas/panelPolicy";

const allConfirmed: PanelFacts = {
  size: 3,
  externalMembers: 0,
  confirmations: {
    ethnicMinorityMember: true,
    trainedMember: true,
    independentMember: true,
    genderMix: true,
    inclusionAmbassador: true,
  },
};

const strictPolicy: PanelPolicy = {
  name: "Everything",
  appliesFromBand: "7",
  minPanelSize: 3,
  requireEthnicMinorityMember: true,
  requireTrainedMember: true,
  requireIndependentMember: true,
  requireGenderMix: true,
  requireInclusionAmbassador: true,
};

describe("policy schema", () => {
  it("accepts every preset", () => {
    for (const { policy } of PANEL_POLICY_PRESET_LIST) expect(PanelPolicySchema.parse(policy)).toEqual(policy);
  });

  it("rejects unknown keys, medical thresholds and silly sizes", () => {
    expect(PanelPolicySchema.safeParse({ ...strictPolicy, requireFriends: true }).success).toBe(false);
    expect(PanelPolicySchema.safeParse({ ...strictPolicy, appliesFromBand: "consultant" }).success).toBe(false);
    expect(PanelPolicySchema.safeParse({ ...strictPolicy, minPanelSize: 0 }).success).toBe(false);
    expect(PanelPolicySchema.safeParse({ ...strictPolicy, minPanelSize: 2.5 }).success).toBe(false);
  });

  it("accepts rule ids only", () => {
    expect(PanelRuleIdSchema.options).toEqual([
      "minPanelSize", "ethnicMinorityMember", "trainedMember", "independentMember", "genderMix", "inclusionAmbassador",
    ]);
    expect(PanelRuleIdSchema.safeParse("at least one nice person").success).toBe(false);
  });
});

describe("presets (docs/domain.md thresholds)", () => {
  it.each([
    ["above-band-6", "6", "7"],
    ["calderdale-band7", "6", "7"],
    ["nhsbt-8a", "7", "8a"],
    ["christie-8c", "8b", "8c"],
  ] as const)("%s: not at band %s, applies from band %s", (id, below, from) => {
    const policy = PANEL_POLICY_PRESETS[id];
    expect(policy.appliesFromBand).toBe(from);
    expect(evaluatePanel(policy, below, allConfirmed).applies).toBe(false);
    expect(evaluatePanel(policy, from, allConfirmed).applies).toBe(true);
    expect(evaluatePanel(policy, "VSM", allConfirmed).applies).toBe(true);
    expect(evaluatePanel(policy, from, allConfirmed).met).toBe(true);
  });

  it("default is above band 6, listed first", () => {
    expect(DEFAULT_PANEL_POLICY_PRESET).toBe("above-band-6");
    expect(PANEL_POLICY_PRESET_LIST[0]?.id).toBe("above-band-6");
    expect(PANEL_POLICY_PRESET_LIST.map((p) => p.id).sort()).toEqual(Object.keys(PANEL_POLICY_PRESETS).sort());
  });

  it("NHSBT needs an ethnic minority member; The Christie an inclusion ambassador", () => {
    const noEthnic = { ...allConfirmed, confirmations: { ...allConfirmed.confirmations, ethnicMinorityMember: false } };
    expect(evaluatePanel(PANEL_POLICY_PRESETS["nhsbt-8a"], "8a", noEthnic).failedRules).toEqual(["ethnicMinorityMember"]);
    const noAmbassador = { ...allConfirmed, confirmations: { ...allConfirmed.confirmations, inclusionAmbassador: false } };
    expect(evaluatePanel(PANEL_POLICY_PRESETS["christie-8c"], "8c", noAmbassador).failedRules).toEqual(["inclusionAmbassador"]);
  });
});

describe("evaluatePanel", () => {
  it("lists every rule, in order, with a reason", () => {
    const result = evaluatePanel(strictPolicy, "8a", allConfirmed);
    expect(result.rules.map((r) => r.id)).toEqual([...PANEL_RULE_IDS]);
    expect(result.rules.every((r) => r.reason.length > 10)).toBe(true);
    expect(result).toMatchObject({ applies: true, met: true, failedRules: [], unconfirmedRules: [] });
  });

  it("does not apply below the threshold, and says why", () => {
    const result = evaluatePanel(strictPolicy, "5", { size: 1, externalMembers: 0, confirmations: {} });
    expect(result.applies).toBe(false);
    expect(result.met).toBe(true);
    expect(result.rules.every((r) => !r.required)).toBe(true);
    expect(result.rules[1]?.reason).toBe("Not required: this policy applies to posts at Band 7 and above; this post is Band 5.");
  });

  it("fails a panel that is too small", () => {
    const result = evaluatePanel(strictPolicy, "7", { ...allConfirmed, size: 2 });
    expect(result.met).toBe(false);
    expect(result.failedRules).toEqual(["minPanelSize"]);
    expect(result.rules[0]?.reason).toBe("The panel has 2 members; this policy needs at least 3 for posts at Band 7 and above.");
  });

  it("unconfirmed rules are null and keep the panel from being met", () => {
    const result = evaluatePanel(strictPolicy, "7", { size: 3, externalMembers: 0, confirmations: { trainedMember: true } });
    expect(result.met).toBe(false);
    expect(result.failedRules).toEqual([]);
    expect(result.unconfirmedRules).toEqual(["ethnicMinorityMember", "independentMember", "genderMix", "inclusionAmbassador"]);
    const ethnic = result.rules.find((r) => r.id === "ethnicMinorityMember")!;
    expect(ethnic.passed).toBeNull();
    expect(ethnic.reason).toBe("Not yet confirmed. Is at least one panel member from an ethnic minority background?");
  });

  it("a 'no' from the chair fails the rule with a plain reason", () => {
    const result = evaluatePanel(strictPolicy, "8c", {
      ...allConfirmed,
      confirmations: { ...allConfirmed.confirmations, trainedMember: false },
    });
    expect(result.failedRules).toEqual(["trainedMember"]);
    expect(result.rules.find((r) => r.id === "trainedMember")?.reason).toBe(
      "The chair said the panel does not have at least one member trained in recruitment and selection; this policy needs it for posts at Band 7 and above.",
    );
  });

  it("an external member counts towards the independent rule", () => {
    const result = evaluatePanel(strictPolicy, "9", {
      ...allConfirmed,
      externalMembers: 1,
      confirmations: { ...allConfirmed.confirmations, independentMember: false },
    });
    const independent = result.rules.find((r) => r.id === "independentMember")!;
    expect(independent).toMatchObject({ required: true, passed: true });
    expect(independent.reason).toBe("The panel has an external member, which counts as independent.");
    expect(result.met).toBe(true);
  });

  it("rules the policy does not require do not affect the outcome", () => {
    const policy = PANEL_POLICY_PRESETS["calderdale-band7"];
    const result = evaluatePanel(policy, "7", {
      size: 3,
      externalMembers: 0,
      confirmations: { ethnicMinorityMember: true, trainedMember: true, genderMix: false },
    });
    expect(result.met).toBe(true);
    expect(result.rules.find((r) => r.id === "genderMix")).toMatchObject({ required: false, passed: false });
  });

  it("consultant posts fall under band 7+ and 8c+ policies; trainee posts do not", () => {
    expect(evaluatePanel(PANEL_POLICY_PRESETS["christie-8c"], "consultant", allConfirmed).applies).toBe(true);
    expect(evaluatePanel(PANEL_POLICY_PRESETS["above-band-6"], "trainee", allConfirmed).applies).toBe(false);
  });

  it("rejects impossible facts and unknown confirmation keys", () => {
    expect(() => evaluatePanel(strictPolicy, "7", { size: 2, externalMembers: 3, confirmations: {} })).toThrow();
    expect(() =>
      evaluatePanel(strictPolicy, "7", {
        size: 3,
        externalMembers: 0,
        confirmations: { chairIsBlack: true } as never,
      }),
    ).toThrow();
  });

  it("property: met iff applies implies every required rule passed", () => {
    const confirmation = fc.option(fc.boolean(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom(...BAND_IDS),
        fc.constantFrom(...AFC_BAND_IDS),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.record({
          ethnicMinorityMember: confirmation,
          trainedMember: confirmation,
          independentMember: confirmation,
          genderMix: confirmation,
          inclusionAmbassador: confirmation,
        }),
        (band, threshold, size, external, raw) => {
          const confirmations = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
          const facts = { size, externalMembers: Math.min(size, external), confirmations };
          const result = evaluatePanel({ ...strictPolicy, appliesFromBand: threshold }, band, facts);
          const required = result.rules.filter((r) => r.required);
          expect(result.met).toBe(required.every((r) => r.passed === true));
          if (!result.applies) expect(required).toEqual([]);
        },
      ),
    );
  });
});
