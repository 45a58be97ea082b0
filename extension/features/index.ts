/**
 * Every overlay feature, grouped by kind (Refined GitHub's pattern). A feature is one file in
 * this folder whose name is its id; see docs/extension.md for the contract. Add a line here
 * and the runner starts it on the screens it names.
 */
import type { Feature } from "~lib/feature"

// Shortlisting
import nameBlind from "./name-blind"
import structuredShortlisting from "./structured-shortlisting"
import consistencyChecks from "./consistency-checks"
import shortlistingSummary from "./shortlisting-summary"

// Interview
import panelCompositionCheck from "./panel-composition-check"
import interviewScoring from "./interview-scoring"

// Outcome capture
import outcomeCapture from "./outcome-capture"

export const features: readonly Feature[] = [
  // Shortlisting
  nameBlind,
  structuredShortlisting,
  consistencyChecks,
  shortlistingSummary,
  // Interview
  panelCompositionCheck,
  interviewScoring,
  // Outcome capture
  outcomeCapture,
]
