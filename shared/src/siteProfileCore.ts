/**
 * The zod-free core of siteProfile.ts: screen kinds, host decisions and how to read a decision
 * control. The overlay's content script imports this (and ./matchPattern), never the schemas, so it
 * builds no zod schemas at load (docs/extension.md); siteProfile.ts re-exports everything here.
 */
import type { DecisionControl } from "./siteProfile";

export const DECISIONS = ["shortlisted", "rejected", "undecided"] as const;
export type HostDecision = (typeof DECISIONS)[number];

export const SCREEN_KINDS = ["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"] as const;
export type ScreenKind = (typeof SCREEN_KINDS)[number];

/** Trimmed, case-insensitive label lookup used for decision values, stage labels and kinds. */
export function labelIn(value: string, list: readonly string[]): boolean {
  const v = value.trim().toLowerCase();
  return list.some((l) => l.trim().toLowerCase() === v);
}

export function decisionOf(value: string, control: DecisionControl): HostDecision | null {
  if (labelIn(value, control.values.shortlisted)) return "shortlisted";
  if (labelIn(value, control.values.rejected)) return "rejected";
  if (labelIn(value, control.values.undecided) || value.trim() === "") return "undecided";
  return null;
}
