// The shortlisting screens' features (features-shortlisting.js, injected on demand: lib/featureBundles.ts).
import { registerFeatures } from "~lib/featureBundles"
import structuredShortlisting from "../structured-shortlisting"
import consistencyChecks from "../consistency-checks"
import shortlistingSummary from "../shortlisting-summary"

registerFeatures("shortlisting", [structuredShortlisting, consistencyChecks, shortlistingSummary])
