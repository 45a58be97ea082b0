/**
 * The feature contract (docs/extension.md). One file per feature in extension/features/, the id
 * is the file name, and extension/features/index.ts imports every feature grouped by kind.
 *
 * A feature names the screens it runs on. The runner calls `init(ctx, signal)` once for each of
 * those screens showing (its marker present; a list and a drawer over it can show together) and
 * aborts that `signal` when the screen goes (in-page navigation) or the page goes away: every listener, observer and overlay a feature starts must take
 * `signal` (observe(), mountOverlay() and storage.onChanged() do), so teardown is by
 * construction. `init` returning `false` means "nothing for me on this page".
 */
import type { ScreenKind, SiteProfile } from "@fair-shortlist/shared/siteProfile";
import type { Storage } from "./storage";

export interface Diagnostics {
  /** Tell the user that the page did not look as the site profile says (a clear message, no crash). */
  report(problem: { feature: string; path?: string; message: string }): void;
}

export interface FeatureContext {
  profile: SiteProfile;
  /** The screen (of the feature's screens) that is showing. */
  screen: ScreenKind;
  /** Every screen of the profile showing now. */
  screens: readonly ScreenKind[];
  url: string;
  document: Document;
  storage: Storage;
  diagnostics: Diagnostics;
  /**
   * observe() bound to this feature: invalid selectors are reported against `path` (the profile
   * field, e.g. "applicants.row"), and if `expectWithinMs` passes with no match, the user is told
   * which profile field found nothing.
   */
  observe<E extends Element = Element>(path: string, selector: string, callback: (el: E) => void, opts?: {
    root?: ParentNode & Node;
    expectWithinMs?: number;
    /** per-row work on long lists: call back in later time slices so the host paints first */
    batch?: boolean;
    /** a matched element's content changed (a virtualised list reused the row for another applicant): read it again */
    onContentChange?: (el: E) => void;
  }): void;
}

export interface Feature {
  /** Same as the file name, kebab-case. */
  id: string;
  /** Human name, for diagnostics and docs. */
  name: string;
  screens: readonly ScreenKind[];
  /**
   * One instance for the page while any of its screens shows (a page-wide control), instead of
   * one per screen showing.
   */
  perPage?: boolean;
  init(ctx: FeatureContext, signal: AbortSignal): void | false | Promise<void | false>;
}

export function defineFeature(feature: Feature): Feature {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(feature.id)) throw new Error(`feature id "${feature.id}" must be kebab-case (the file name)`);
  if (feature.screens.length === 0) throw new Error(`feature "${feature.id}" must name at least one screen`);
  return feature;
}
