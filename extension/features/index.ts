/**
 * Every overlay feature, grouped by kind (Refined GitHub's pattern). A feature is one file in
 * this folder whose name is its id; see docs/extension.md for the contract. Add a line here
 * and the runner starts it on the screens it names.
 *
 * Only name-blind (it hides names, so its timing must not wait for anything) is code in the
 * always-loaded overlay script. The others are descriptors: their code is in their group's
 * bundle (features/bundles/<group>.ts, built as features-<group>.js), injected the first time
 * one of their screens shows (lib/featureBundles.ts). tests/unit/extension-featureBundles.test.ts
 * checks each descriptor equals its feature's id, name, screens and perPage, and that its group's
 * bundle registers it.
 */
import type { FeatureEntry } from "~lib/featureBundles"

// Shortlisting
import nameBlind from "./name-blind"

export const features: readonly FeatureEntry[] = [
  // Shortlisting
  nameBlind,
  { id: "structured-shortlisting", name: "Structured shortlisting", screens: ["application", "shortlistingList"], group: "shortlisting" },
  { id: "consistency-checks", name: "Consistency checks", screens: ["shortlistingDecision", "shortlistingList"], group: "shortlisting" },
  { id: "shortlisting-summary", name: "Shortlisting summary", screens: ["shortlistingList"], group: "shortlisting" },
  // Interview
  { id: "panel-composition-check", name: "Panel-composition check", screens: ["interview"], group: "interview" },
  { id: "interview-scoring", name: "Structured interview scoring", screens: ["interview"], group: "interview" },
  // Outcome capture
  { id: "outcome-capture", name: "Outcome capture", screens: ["outcomeReport"], group: "outcome" },
]
