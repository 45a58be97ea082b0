import { z } from "zod";
import { PANEL_POLICY_PRESET_IDS, PANEL_RULE_IDS, panelSchemas } from "./panelPolicyCore";

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

// Rule ids, presets and evaluatePanel live in ./panelPolicyCore, which builds its schemas lazily.
export * from "./panelPolicyCore";

export const PanelRuleIdSchema = z.enum(PANEL_RULE_IDS);
export const PanelPolicySchema = panelSchemas().policy;
export const PanelConfirmationsSchema = panelSchemas().confirmations;
export const PanelFactsSchema = panelSchemas().facts;
export const PanelPolicyPresetIdSchema = z.enum(PANEL_POLICY_PRESET_IDS);
