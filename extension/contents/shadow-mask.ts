// document_start content script in the page's MAIN world (thin: Plasmo config only): carries the
// name-blind mask into every shadow root the page attaches (lib/shadowMaskMain.ts). Listed
// before contents/mask.ts; same `matches` (tests/unit/extension-pageDetection.test.ts);
// imported profiles get it registered at runtime with world "MAIN" (lib/customScripts.ts).
import type { PlasmoCSConfig } from "plasmo"
import { startShadowMask } from "~lib/shadowMaskMain"

export const config: PlasmoCSConfig = {
  matches: ["https://www.jobs.nhs.uk/*", "https://beta.jobs.nhs.uk/*", "https://*.trac.jobs/*", "https://*.stonefish.co.uk/*"],
  run_at: "document_start",
  world: "MAIN",
  all_frames: false
}

startShadowMask()
