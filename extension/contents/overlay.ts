// Content script entry (thin: Plasmo config only): the overlay's features, started at
// document_end (the name-blind mask is already in place from contents/mask.ts at document_start).
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
  run_at: "document_end",
  all_frames: false
}

startContentScript(features)
