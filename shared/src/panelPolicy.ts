import { z } from "zod";
import { AfcBandSchema, type Band } from "./bands";
import { PANEL_POLICY_PRESET_IDS, PANEL_RULE_IDS, evaluateValidatedPanel, type PanelEvaluation } from "./panelPolicyCore";

/**
 * Panel rules as data. DOMAIN.md ("Pay bands and staff groups"): trusts set their own
 * thresholds for panel rules (band 7+ Calderdale and Huddersfield, 8a+ NHS Blood and
 * Transplant, 8c+ The Christie); "the threshold is policy, not code". So a policy is a
 * validated object a trust can edit, and the evaluator only reads it.
 *
 * Privacy (DOMAIN.md, "Privacy"): ethnicity of panel members is special category data. The
 * chair confirms each rule for the panel as a whole (yes / no); nothing here records who on
 * the panel is what.
 */

// Rule ids, presets and the evaluation live in ./panelPolicyCore (no zod), for the content script.
export * from "./panelPolicyCore";

export const PanelRuleIdSchema = z.enum(PANEL_RULE_IDS);

export const PanelPolicySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(1000).optional(),
  /** The rules apply to posts at or above this AfC band (medical grades map via bands.ts). */
  appliesFromBand: AfcBandSchema,
  minPanelSize: z.number().int().min(1).max(20),
  /** At least one member from an ethnic minority background. */
  requireEthnicMinorityMember: z.boolean(),
  /** At least one member trained in recruitment and selection. */
  requireTrainedMember: z.boolean(),
  /** At least one independent or external member. */
  requireIndependentMember: z.boolean(),
  requireGenderMix: z.boolean().optional(),
  /** At least one inclusion (or cultural, or recruitment) ambassador. */
  requireInclusionAmbassador: z.boolean().optional(),
});
export type PanelPolicy = z.infer<typeof PanelPolicySchema>;

export const PanelConfirmationsSchema = z.strictObject({
  ethnicMinorityMember: z.boolean().optional(),
  trainedMember: z.boolean().optional(),
  independentMember: z.boolean().optional(),
  genderMix: z.boolean().optional(),
  inclusionAmbassador: z.boolean().optional(),
});
export type PanelConfirmations = z.infer<typeof PanelConfirmationsSchema>;

export const PanelFactsSchema = z
  .strictObject({
    size: z.number().int().min(0).max(50),
    /** External members (TRAC's Interview Gateway records them as name + email). */
    externalMembers: z.number().int().min(0).max(50),
    confirmations: PanelConfirmationsSchema,
  })
  .refine((p) => p.externalMembers <= p.size, {
    message: "externalMembers cannot exceed the panel size",
    path: ["externalMembers"],
  });
export type PanelFacts = z.infer<typeof PanelFactsSchema>;

export const PanelPolicyPresetIdSchema = z.enum(PANEL_POLICY_PRESET_IDS);

/**
 * Check a panel against a policy for a post at `band`. Throws a ZodError when the policy or
 * the panel facts are invalid (e.g. more external members than members): that is a caller bug,
 * not a panel that fails. See evaluateValidatedPanel (./panelPolicyCore) for the rules.
 */
export function evaluatePanel(policy: PanelPolicy, band: Band, panel: PanelFacts): PanelEvaluation {
  return evaluateValidatedPanel(PanelPolicySchema.parse(policy), band, PanelFactsSchema.parse(panel));
}
