// The outcome report's feature (features-outcome.js, injected on demand: lib/featureBundles.ts).
import { registerFeatures } from "~lib/featureBundles"
import outcomeCapture from "../outcome-capture"

registerFeatures("outcome", [outcomeCapture])
