// The interview screen's features (features-interview.js, injected on demand: lib/featureBundles.ts).
import { registerFeatures } from "~lib/featureBundles"
import panelCompositionCheck from "../panel-composition-check"
import interviewScoring from "../interview-scoring"

registerFeatures("interview", [panelCompositionCheck, interviewScoring])
