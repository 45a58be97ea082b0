/**
 * Starts the features for the screens showing now, each screen with its own AbortSignal, and on
 * an in-page address change stops the screens that went away and starts the ones that came.
 */
import type { ScreenKind, SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { screenKeys } from "./detect";
import { createDiagnostics } from "./diagnostics";
import type { Diagnostics, FeatureContext } from "./feature";
import { groupRequested, isDescriptor, loadGroup, resolveFeature, type FeatureEntry } from "./featureBundles";
import { onUrlChange } from "./navigation";
import { observe } from "./observe";
import type { Storage } from "./storage";

export interface RunnerOptions {
  profile: SiteProfile;
  /** Features in the core, or descriptors of ones whose group's bundle is loaded when needed (lib/featureBundles.ts). */
  features: readonly FeatureEntry[];
  storage: Storage;
  /** Aborted when the content script should stop for good. */
  signal: AbortSignal;
  /** How long a screen's marker or an expected element may take to appear before the user is told (ms). */
  expectWithinMs?: number;
  /** Called after each navigation's features have been scheduled (tests and the benchmark hook here). */
  onNavigate?: (url: string, screens: ScreenKind[]) => void;
}

export const DEFAULT_EXPECT_WITHIN_MS = 6000;

/**
 * A timeline of what the runner did on this page ("screen x", "start f", "ready f"), with
 * performance.now() stamps: read by the e2e tests and the benchmark (overlay ready time) through
 * the <html data-fair-shortlist-trace> attribute, the only channel an isolated world shares.
 */
export function trace(event: string): void {
  const el = document.documentElement;
  const line = `${Math.round(performance.now())} ${event}`;
  el.dataset.fairShortlistTrace = el.dataset.fairShortlistTrace ? `${el.dataset.fairShortlistTrace}|${line}` : line;
}

/**
 * Features start per (feature, screen): a list and a drawer showing on one address each get their
 * features, and each screen stops on its own. On an in-page navigation a screen keeps running
 * while the part of the address that recognised it is unchanged (detect.ts screenKeys), stops
 * when it no longer matches, and starts again when its key changed (the next applicant).
 * A feature marked `perPage` (the name-blind toggle) runs once while any of its screens shows.
 * A feature in a bundle starts once its bundle is in this frame; a bundle that cannot be loaded
 * is reported through the diagnostics panel like any feature that fails.
 */
export function startRunner(opts: RunnerOptions): void {
  const { profile, features, storage } = opts;
  const expectWithinMs = opts.expectWithinMs ?? DEFAULT_EXPECT_WITHIN_MS;
  interface Running { key: string; controller: AbortController; shown: boolean }
  const running = new Map<ScreenKind, Running>();
  /** Every screen showing now (markers present), shared with every feature's context. */
  const shown: ScreenKind[] = [];
  /** perPage features: the screen each one is running for. */
  const pageWide = new Map<string, ScreenKind>();
  let url = location.href;

  const boundObserve = (feature: string, signal: AbortSignal, diagnostics: Diagnostics): FeatureContext["observe"] => (path, selector, callback, o = {}) => {
    let found = false;
    observe(selector, (el) => {
      found = true;
      callback(el as never);
    }, {
      signal,
      root: o.root,
      batch: o.batch,
      onContentChange: o.onContentChange as ((el: Element) => void) | undefined,
      onInvalidSelector: (_s, e) => diagnostics.report({ feature, path, message: `${e.message}.` }),
    });
    const wait = o.expectWithinMs ?? expectWithinMs;
    if (!found && wait > 0) {
      const t = setTimeout(() => {
        if (!found) diagnostics.report({ feature, path, message: `nothing on this page matches "${selector}".` });
      }, wait);
      signal.addEventListener("abort", () => clearTimeout(t), { once: true });
    }
  };

  const startFeature = (feature: FeatureEntry, screen: ScreenKind, signal: AbortSignal, diagnostics: Diagnostics) => {
    const ctx: FeatureContext = {
      profile, screen, screens: shown, url, document, storage, diagnostics,
      observe: boundObserve(feature.id, signal, diagnostics),
    };
    trace(`start ${feature.id}`);
    let loaded = !isDescriptor(feature);
    const run = async () => {
      const f = await resolveFeature(feature);
      // The screen went while its bundle was loading: nothing to start.
      if (!loaded && signal.aborted) return;
      loaded = true;
      const r = await f.init(ctx, signal);
      trace(r === false ? `skip ${feature.id}` : `ready ${feature.id}`);
    };
    run().catch((e: unknown) => {
      if (signal.aborted) return;
      const why = e instanceof Error ? e.message : String(e);
      diagnostics.report({ feature: feature.id, message: loaded ? `${feature.name} stopped: ${why}` : `${feature.name} could not be loaded: ${why}` });
    });
  };

  const startScreen = (kind: ScreenKind, key: string) => {
    const controller = new AbortController();
    const entry: Running = { key, controller, shown: false };
    running.set(kind, entry);
    const signal = AbortSignal.any([opts.signal, controller.signal]);
    const diagnostics = createDiagnostics(profile.name, signal);
    const onShown = () => {
      if (entry.shown || signal.aborted) return;
      entry.shown = true;
      shown.push(kind);
      trace(`screen ${kind}`);
      for (const f of features) {
        if (!f.screens.includes(kind)) continue;
        if (f.perPage) {
          if (pageWide.has(f.id)) continue;
          pageWide.set(f.id, kind);
        }
        startFeature(f, kind, signal, diagnostics);
      }
    };
    signal.addEventListener("abort", () => {
      const i = shown.indexOf(kind);
      if (i >= 0) shown.splice(i, 1);
    }, { once: true });
    // Fetch the bundles this screen needs while its marker is awaited (a failure is reported when a feature starts).
    for (const f of features) {
      if (!isDescriptor(f) || !f.screens.includes(kind) || groupRequested(f.group)) continue;
      trace(`bundle ${f.group}`);
      void loadGroup(f.group).catch(() => undefined);
    }
    const marker = profile.screens[kind]?.marker;
    // Content that loads late: wait for the marker, however long it takes; tell the user if it is slow to appear.
    if (!marker) onShown();
    else boundObserve("page-detection", signal, diagnostics)(`screens.${kind}.marker`, marker, onShown);
  };

  const stopScreen = (kind: ScreenKind) => {
    const r = running.get(kind);
    if (!r) return;
    running.delete(kind);
    trace(`stop ${kind}`);
    r.controller.abort();
    // A page-wide feature that was running for this screen moves to another screen still showing.
    for (const [id, on] of [...pageWide]) {
      if (on !== kind) continue;
      pageWide.delete(id);
      const f = features.find((x) => x.id === id)!;
      const other = shown.find((k) => f.screens.includes(k));
      const o = other ? running.get(other) : undefined;
      if (other && o) {
        pageWide.set(id, other);
        startFeature(f, other, AbortSignal.any([opts.signal, o.controller.signal]), createDiagnostics(profile.name, AbortSignal.any([opts.signal, o.controller.signal])));
      }
    }
  };

  const apply = (next: string) => {
    url = next;
    trace(`navigate ${new URL(next).pathname}`);
    const keys = screenKeys(profile, next);
    for (const [kind, r] of [...running]) if (keys.get(kind) !== r.key) stopScreen(kind);
    for (const [kind, key] of keys) if (!running.has(kind)) startScreen(kind, key);
    opts.onNavigate?.(next, [...keys.keys()]);
  };

  onUrlChange(apply, opts.signal);
  apply(location.href);
}
