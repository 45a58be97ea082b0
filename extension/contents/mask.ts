// document_start content script (thin: Plasmo config only): hides identifying fields before the
// host page first paints (lib/maskMain.ts). Same `matches` as contents/overlay.ts (checked by
// tests/unit/extension-pageDetection.test.ts); imported profiles get it registered at runtime.
import type { PlasmoCSConfig } from "plasmo"
import { startMask } from "~lib/maskMain"

export const config: PlasmoCSConfig = {
  matches: ["https://www.jobs.nhs.uk/*", "https://beta.jobs.nhs.uk/*", "https://*.trac.jobs/*", "https://*.stonefish.co.uk/*"],
  run_at: "document_start",
  all_frames: false
}

startMask()
