// Zod schemas for panel policies and panel facts (../panelPolicy holds the types and the rules).
import * as z from "zod";
import type { Band } from "../bands";
import {
  PANEL_POLICY_PRESET_IDS,
  PANEL_RULE_IDS,
  evaluateValidatedPanel,
  type PanelConfirmations,
  type PanelEvaluation,
  type PanelFacts,
  type PanelPolicy,
  type PanelPolicyPresetId,
  type PanelRuleId,
} from "../panelPolicy";
import { AfcBandSchema } from "./bands";

export const PanelRuleIdSchema = z.enum(PANEL_RULE_IDS) satisfies z.ZodType<PanelRuleId>;

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
}) satisfies z.ZodType<PanelPolicy>;

export const PanelConfirmationsSchema = z.strictObject({
  ethnicMinorityMember: z.boolean().optional(),
  trainedMember: z.boolean().optional(),
  independentMember: z.boolean().optional(),
  genderMix: z.boolean().optional(),
  inclusionAmbassador: z.boolean().optional(),
}) satisfies z.ZodType<PanelConfirmations>;

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
  }) satisfies z.ZodType<PanelFacts>;

export const PanelPolicyPresetIdSchema = z.enum(PANEL_POLICY_PRESET_IDS) satisfies z.ZodType<PanelPolicyPresetId>;

/**
 * Check a panel against a policy for a post at `band`. Throws a ZodError when the policy or
 * the panel facts are invalid (e.g. more external members than members): that is a caller bug,
 * not a panel that fails. See evaluateValidatedPanel (../panelPolicy) for the rules.
 */
export function evaluatePanel(policy: PanelPolicy, band: Band, panel: PanelFacts): PanelEvaluation {
  return evaluateValidatedPanel(PanelPolicySchema.parse(policy), band, PanelFactsSchema.parse(panel));
}
