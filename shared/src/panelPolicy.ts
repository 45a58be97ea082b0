// Panel-composition rules: rule ids, questions, presets and the evaluation of a validated policy and
// panel. Pure (no zod): the overlay's content script imports it (its policy comes validated from the
// background worker). The zod schemas, and evaluatePanel that validates first, are in ./schemas/panelPolicy.
import { bandLabel, isAtLeastBand, type AfcBand, type Band } from "./bands";

/**
 * Panel rules as data. docs/domain.md ("Pay bands and staff groups"): trusts set their own
 * thresholds for panel rules (band 7+ Calderdale and Huddersfield, 8a+ NHS Blood and
 * Transplant, 8c+ The Christie); "the threshold is policy, not code". So a policy is a
 * validated object a trust can edit, and the evaluator only reads it.
 *
 * Privacy (docs/domain.md, "Privacy"): ethnicity of panel members is special category data. The
 * chair confirms each rule for the panel as a whole (yes / no); nothing here records who on
 * the panel is what.
 */

/** A trust's panel policy (validated by PanelPolicySchema in ./schemas/panelPolicy). */
export interface PanelPolicy {
  name: string;
  description?: string | undefined;
  /** The rules apply to posts at or above this AfC band (medical grades map via ./bands). */
  appliesFromBand: AfcBand;
  minPanelSize: number;
  /** At least one member from an ethnic minority background. */
  requireEthnicMinorityMember: boolean;
  /** At least one member trained in recruitment and selection. */
  requireTrainedMember: boolean;
  /** At least one independent or external member. */
  requireIndependentMember: boolean;
  requireGenderMix?: boolean | undefined;
  /** At least one inclusion (or cultural, or recruitment) ambassador. */
  requireInclusionAmbassador?: boolean | undefined;
}

/** The chair's yes/no per confirmable rule, for the panel as a whole. */
export interface PanelConfirmations {
  ethnicMinorityMember?: boolean | undefined;
  trainedMember?: boolean | undefined;
  independentMember?: boolean | undefined;
  genderMix?: boolean | undefined;
  inclusionAmbassador?: boolean | undefined;
}

export interface PanelFacts {
  size: number;
  /** External members (TRAC's Interview Gateway records them as name + email). */
  externalMembers: number;
  confirmations: PanelConfirmations;
}

/** Rule ids; the API accepts these and nothing else, so free text cannot ride along. */
export const PANEL_RULE_IDS = [
  "minPanelSize",
  "ethnicMinorityMember",
  "trainedMember",
  "independentMember",
  "genderMix",
  "inclusionAmbassador",
] as const;
export type PanelRuleId = (typeof PANEL_RULE_IDS)[number];

/** Rules the chair answers yes / no for the whole panel (everything but the size). */
export const CONFIRMABLE_PANEL_RULE_IDS = [
  "ethnicMinorityMember",
  "trainedMember",
  "independentMember",
  "genderMix",
  "inclusionAmbassador",
] as const satisfies readonly PanelRuleId[];
export type ConfirmablePanelRuleId = (typeof CONFIRMABLE_PANEL_RULE_IDS)[number];


export interface PanelRuleResult {
  readonly id: PanelRuleId;
  /** Whether this policy requires the rule for this post. */
  readonly required: boolean;
  /** null = the chair has not confirmed it yet. */
  readonly passed: boolean | null;
  /** Plain English, for the chair and the HR report. */
  readonly reason: string;
}

export interface PanelEvaluation {
  /** Whether the policy covers this post's band at all. */
  readonly applies: boolean;
  /** Every required rule passed. Unconfirmed rules are not met yet. Always true when !applies. */
  readonly met: boolean;
  /** One entry per PANEL_RULE_IDS, in that order. */
  readonly rules: readonly PanelRuleResult[];
  /** Required rules that failed. */
  readonly failedRules: readonly PanelRuleId[];
  /** Required rules still awaiting the chair's confirmation. */
  readonly unconfirmedRules: readonly PanelRuleId[];
}

/** What each confirmable rule asks, for reasons and for the chair's checklist. */
export const PANEL_RULE_QUESTIONS: Readonly<Record<ConfirmablePanelRuleId, string>> = {
  ethnicMinorityMember: "Is at least one panel member from an ethnic minority background?",
  trainedMember: "Is at least one panel member trained in recruitment and selection?",
  independentMember: "Is at least one panel member independent of the recruiting team, or external?",
  genderMix: "Does the panel include more than one gender?",
  inclusionAmbassador: "Is an inclusion or cultural ambassador on the panel?",
};

const RULE_NEEDS: Readonly<Record<ConfirmablePanelRuleId, string>> = {
  ethnicMinorityMember: "at least one member from an ethnic minority background",
  trainedMember: "at least one member trained in recruitment and selection",
  independentMember: "at least one independent or external member",
  genderMix: "a gender mix",
  inclusionAmbassador: "an inclusion or cultural ambassador",
};

function isRequired(policy: PanelPolicy, id: PanelRuleId): boolean {
  switch (id) {
    case "minPanelSize":
      return true;
    case "ethnicMinorityMember":
      return policy.requireEthnicMinorityMember;
    case "trainedMember":
      return policy.requireTrainedMember;
    case "independentMember":
      return policy.requireIndependentMember;
    case "genderMix":
      return policy.requireGenderMix ?? false;
    case "inclusionAmbassador":
      return policy.requireInclusionAmbassador ?? false;
  }
}

function members(n: number): string {
  return n === 1 ? "1 member" : `${n} members`;
}

/**
 * Check a panel against an already validated policy for a post at `band` (evaluatePanel in
 * panelPolicy.ts validates first and throws on invalid input).
 *
 * An external member counts towards the independent rule without the chair confirming it.
 * Rules the policy does not require are still listed (required: false) with whatever the chair
 * said, so a report can show good practice beyond the policy.
 */
export function evaluateValidatedPanel(p: PanelPolicy, band: Band, facts: PanelFacts): PanelEvaluation {
  const applies = isAtLeastBand(band, p.appliesFromBand);
  const scope = `posts at ${bandLabel(p.appliesFromBand)} and above`;

  const rules = PANEL_RULE_IDS.map((id): PanelRuleResult => {
    const required = applies && isRequired(p, id);
    const notRequired = !applies
      ? `Not required: this policy applies to ${scope}; this post is ${bandLabel(band)}.`
      : "Not required by this policy.";

    if (id === "minPanelSize") {
      const passed = facts.size >= p.minPanelSize;
      const has = `The panel has ${members(facts.size)}`;
      const reason = !required
        ? `${has}. ${notRequired}`
        : passed
          ? `${has}; this policy needs at least ${p.minPanelSize}.`
          : `${has}; this policy needs at least ${p.minPanelSize} for ${scope}.`;
      return { id, required, passed, reason };
    }

    const confirmed = facts.confirmations[id];
    if (id === "independentMember" && facts.externalMembers > 0) {
      const reason = `The panel has ${facts.externalMembers === 1 ? "an external member" : `${facts.externalMembers} external members`}, which counts as independent.`;
      return { id, required, passed: true, reason: required ? reason : `${reason} ${notRequired}` };
    }
    const passed = confirmed ?? null;
    if (!required) return { id, required, passed, reason: notRequired };
    const reason =
      passed === null
        ? `Not yet confirmed. ${PANEL_RULE_QUESTIONS[id]}`
        : passed
          ? `Confirmed by the chair: the panel has ${RULE_NEEDS[id]}.`
          : `The chair said the panel does not have ${RULE_NEEDS[id]}; this policy needs it for ${scope}.`;
    return { id, required, passed, reason };
  });

  const failedRules = rules.filter((r) => r.required && r.passed === false).map((r) => r.id);
  const unconfirmedRules = rules.filter((r) => r.required && r.passed === null).map((r) => r.id);
  return {
    applies,
    met: failedRules.length === 0 && unconfirmedRules.length === 0,
    rules,
    failedRules,
    unconfirmedRules,
  };
}

export const PANEL_POLICY_PRESET_IDS = [
  "above-band-6",
  "calderdale-band7",
  "nhsbt-8a",
  "christie-8c",
] as const;
export type PanelPolicyPresetId = (typeof PANEL_POLICY_PRESET_IDS)[number];

/**
 * Starting points a trust copies and edits. Each preset's threshold and headline rule come from
 * docs/domain.md; the other settings (a panel of at least three, one member trained in recruitment
 * and selection) are common NHS recruitment-policy practice, chosen by us, not quoted from the
 * trust's publication.
 */
export const PANEL_POLICY_PRESETS: Readonly<Record<PanelPolicyPresetId, PanelPolicy>> = {
  // docs/domain.md: "diverse interview panels for all posts above Agenda for Change band 6".
  "above-band-6": {
    name: "Diverse panels above band 6",
    description:
      "Posts at band 7 and above: a panel of at least three, including a member from an ethnic minority background and a member trained in recruitment and selection.",
    appliesFromBand: "7",
    minPanelSize: 3,
    requireEthnicMinorityMember: true,
    requireTrainedMember: true,
    requireIndependentMember: false,
  },
  // docs/domain.md: Calderdale and Huddersfield NHS FT, diverse panels for posts above band 6.
  "calderdale-band7": {
    name: "Calderdale and Huddersfield NHS FT (band 7+)",
    description:
      "Modelled on Calderdale and Huddersfield NHS Foundation Trust: diverse interview panels for all posts above Agenda for Change band 6.",
    appliesFromBand: "7",
    minPanelSize: 3,
    requireEthnicMinorityMember: true,
    requireTrainedMember: true,
    requireIndependentMember: false,
  },
  // docs/domain.md: NHS Blood and Transplant, 8a+, a BAME support panel member.
  "nhsbt-8a": {
    name: "NHS Blood and Transplant (band 8a+)",
    description:
      "Modelled on NHS Blood and Transplant: a BAME support panel member on panels for posts at band 8a and above.",
    appliesFromBand: "8a",
    minPanelSize: 3,
    requireEthnicMinorityMember: true,
    requireTrainedMember: true,
    requireIndependentMember: false,
  },
  // docs/domain.md: The Christie, 8c+, recruitment ambassadors.
  "christie-8c": {
    name: "The Christie (band 8c+)",
    description:
      "Modelled on The Christie NHS Foundation Trust: a recruitment (inclusion) ambassador on panels for posts at band 8c and above.",
    appliesFromBand: "8c",
    minPanelSize: 3,
    requireEthnicMinorityMember: false,
    requireTrainedMember: true,
    requireIndependentMember: false,
    requireInclusionAmbassador: true,
  },
};

/** Presets as a list, for pickers: default first. */
export const PANEL_POLICY_PRESET_LIST: ReadonlyArray<{
  readonly id: PanelPolicyPresetId;
  readonly policy: PanelPolicy;
}> = PANEL_POLICY_PRESET_IDS.map((id) => ({ id, policy: PANEL_POLICY_PRESETS[id] }));

export const DEFAULT_PANEL_POLICY_PRESET: PanelPolicyPresetId = "above-band-6";
