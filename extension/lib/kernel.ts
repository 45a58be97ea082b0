/**
 * The core's modules as the feature bundles see them. A bundle (features-<group>.js) must not
 * carry its own copy of a module the always-loaded overlay script has: several hold state that
 * has to exist once per page (deepDom's tracked shadow roots, maskText's originals, the storage
 * snapshot, dom's id counter, overlayHost's shared stylesheet, focusKeeper). So the bundles'
 * build (scripts/build-bundles.mjs) resolves every extension module that is part of the core to
 * `globalThis.__fairShortlistKernel["<path>"]`, and fails when a module it needs is missing here;
 * tests/unit/extension-featureBundles.test.ts checks the same. The global is the content script's
 * isolated world's, which the page's scripts cannot reach.
 *
 * Only what the bundles import is here (the build says what is missing). Modules the mask content
 * script also uses are listed name by name, not as `import *`: Parcel, which builds the content
 * scripts, would otherwise keep every export of theirs in the mask script too (+1 KB gzip). The
 * unit test checks each such entry has all of its module's exports.
 */
import * as protocol from "../background/protocol";
import * as dom from "./dom";
import * as feature from "./feature";
import * as featureBundles from "./featureBundles";
import * as focusKeeper from "./focusKeeper";
import * as observe from "./observe";
import * as overlayHost from "./overlayHost";
import * as profileRead from "./profileRead";
import { isRevealed, MASK_MARKER_RULE, MASK_STYLE_ID, maskCss, maskStyle, PLACEHOLDER, setRevealed } from "./mask";
import { isOverlayKey, KEYS, storage } from "./storage";
import { OUTBOX_STORAGE_KEY_NAME } from "../settings/storageKeys";

export const KERNEL_GLOBAL = "__fairShortlistKernel";

/** Keyed by the module's path under extension/, without its extension. */
export const kernel = {
  "background/protocol": protocol,
  "lib/dom": dom,
  "lib/feature": feature,
  "lib/featureBundles": featureBundles,
  "lib/focusKeeper": focusKeeper,
  "lib/mask": { isRevealed, MASK_MARKER_RULE, MASK_STYLE_ID, maskCss, maskStyle, PLACEHOLDER, setRevealed },
  "lib/observe": observe,
  "lib/overlayHost": overlayHost,
  "lib/profileRead": profileRead,
  "lib/storage": { isOverlayKey, KEYS, storage },
  "settings/storageKeys": { OUTBOX_STORAGE_KEY_NAME },
} as const;

export function installKernel(): void {
  (globalThis as Record<string, unknown>)[KERNEL_GLOBAL] = kernel;
}
