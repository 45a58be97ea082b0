// Content script entry (thin: Plasmo config only): the overlay's features. After contents/mask.ts
// (which hides names before first paint). document_start measured better than document_end here:
// Chrome injected document_end scripts 50-90 ms after DOMContentLoaded on the shared machine, so
// the overlay was ready later and the load event still waited for it (docs/benchmarks.md).
// Logic is in ~lib, features in ~features.
// `matches` must be a literal for Plasmo; tests/unit/manifest.test.ts checks it equals the
// built-in profiles' patterns. Pages of imported profiles get this same script registered at
// runtime (lib/customScripts.ts) once their host permission is granted.
import type { PlasmoCSConfig } from "plasmo"
import "~lib/evalStart"
import { features } from "~features/index"
import { startContentScript } from "~lib/contentMain"

export const config: PlasmoCSConfig = {
  matches: ["https://www.jobs.nhs.uk/*", "https://beta.jobs.nhs.uk/*", "https://*.trac.jobs/*", "https://*.stonefish.co.uk/*"],
  run_at: "document_start",
  all_frames: false
}

startContentScript(features)
