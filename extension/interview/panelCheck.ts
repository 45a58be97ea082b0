/**
 * The panel-composition check's pure part: from what the host page lists (members, who is
 * external) and the chair's whole-panel answers to the policy's evaluation and to the yes/no
 * outcome that may leave the browser. Never records which member is what: the facts are a
 * size, a count of external members, and yes/no answers about the panel as a whole.
 */
import { parseBand, type Band } from "@fair-shortlist/shared/bands";
import { CONFIRMABLE_PANEL_RULE_IDS, evaluateValidatedPanel, type ConfirmablePanelRuleId, type PanelConfirmations, type PanelEvaluation, type PanelPolicy } from "@fair-shortlist/shared/panelPolicy";
import type { PanelOutcome } from "@fair-shortlist/shared/schemas/api";
import { vacancyStorageRef } from "@fair-shortlist/shared/vacancyKey";
import type { PanelMemberOnPage } from "./panelText";
export { membersFromText, type PanelMemberOnPage } from "./panelText";

function domainOf(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : email.slice(at + 1).trim().toLowerCase();
}

/** External: flagged by the host, or an e-mail address outside the trust's own domains. */
export function isExternal(member: PanelMemberOnPage, internalEmailDomains: readonly string[]): boolean {
  if (member.flaggedExternal) return true;
  if (internalEmailDomains.length === 0 || !member.email) return false;
  const domain = domainOf(member.email);
  if (!domain) return false;
  return !internalEmailDomains.some((d) => {
    const dd = d.trim().toLowerCase().replace(/^@/, "");
    return domain === dd || domain.endsWith(`.${dd}`);
  });
}

/**
 * The domains the check treats as internal: the trust's own setting (managed storage or the
 * options page), plus any a site profile adds. A profile's list alone never turns e-mail
 * addresses into "external": NHS staff everywhere also use nhs.net, and a trust's own staff on
 * its own domain would otherwise count as independent members.
 */
export function internalDomainsFor(trustDomains: readonly string[], profileDomains: readonly string[]): string[] {
  return trustDomains.length ? [...new Set([...trustDomains, ...profileDomains])] : [];
}

export function panelFacts(members: readonly PanelMemberOnPage[], internalEmailDomains: readonly string[], confirmations: PanelConfirmations) {
  return {
    size: members.length,
    externalMembers: members.filter((m) => isExternal(m, internalEmailDomains)).length,
    confirmations,
  };
}

/** Rules the chair must answer for this policy and band (those the host page cannot show). */
export function questionsFor(evaluation: PanelEvaluation, externalMembers: number): ConfirmablePanelRuleId[] {
  return CONFIRMABLE_PANEL_RULE_IDS.filter((id) => {
    const rule = evaluation.rules.find((r) => r.id === id)!;
    if (!rule.required) return false;
    // Already settled by the page: an external member counts as independent.
    return !(id === "independentMember" && externalMembers > 0);
  });
}

export type BandReading = { band: Band; warning?: string } | { band: null; problem: string };

export function readBand(text: string | null): BandReading {
  if (!text) return { band: null, problem: "The page does not show the post's band." };
  const parsed = parseBand(text);
  if (!parsed) return { band: null, problem: `The band "${text}" could not be read.` };
  return parsed;
}

export function evaluate(policy: PanelPolicy, band: Band, members: readonly PanelMemberOnPage[], internalEmailDomains: readonly string[], confirmations: PanelConfirmations): PanelEvaluation {
  // The policy arrives validated (options page / managed storage, read by the background worker);
  // the facts are counts built here, so no zod schema is needed in the content script.
  return evaluateValidatedPanel(policy, band, panelFacts(members, internalEmailDomains, confirmations));
}

/** What may leave the browser: whether the rule applied, whether it was met, which rules failed. */
export function panelOutcomeOf(evaluation: PanelEvaluation): PanelOutcome {
  if (!evaluation.applies) return { ruleApplies: false, ruleMet: true, failedRules: [] };
  // An unanswered question counts as not met: the chair went ahead without confirming it.
  const failed = [...evaluation.failedRules, ...evaluation.unconfirmedRules];
  return { ruleApplies: true, ruleMet: failed.length === 0, failedRules: failed };
}

/** Stored in this browser per vacancy: the outcome, plus the chair's reason (never sent). */
export interface RecordedPanelCheck {
  outcome: PanelOutcome;
  /** Why the panel went ahead although the policy was not met (stays in this browser). */
  reason?: string;
  policyName: string;
  recordedAt: number;
}

export const panelCheckKey = (profileId: string, vacancyRef: string) => `panelCheck/${profileId}/${vacancyStorageRef(vacancyRef)}`;
