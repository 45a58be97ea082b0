/**
 * Starts the features for the screens showing now, and tears them all down (one AbortSignal per
 * navigation) when the address changes in-page, then starts what the new screen needs.
 */
import type { ScreenKind, SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { screensForUrl } from "./detect";
import { createDiagnostics } from "./diagnostics";
import type { Feature, FeatureContext } from "./feature";
import { onUrlChange } from "./navigation";
import { observe } from "./observe";
import type { Storage } from "./storage";

export interface RunnerOptions {
  profile: SiteProfile;
  features: readonly Feature[];
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

export function startRunner(opts: RunnerOptions): void {
  const { profile, features, storage } = opts;
  const expectWithinMs = opts.expectWithinMs ?? DEFAULT_EXPECT_WITHIN_MS;
  let nav: AbortController | null = null;

  const apply = (url: string) => {
    trace(`navigate ${new URL(url).pathname}`);
    nav?.abort();
    nav = new AbortController();
    const signal = AbortSignal.any([opts.signal, nav.signal]);
    const diagnostics = createDiagnostics(profile.name, signal);
    const byUrl = screensForUrl(profile, url);
    const shown: ScreenKind[] = [];
    const started = new Set<string>();

    const boundObserve = (feature: string): FeatureContext["observe"] => (path, selector, callback, o = {}) => {
      let found = false;
      observe(selector, (el) => {
        found = true;
        callback(el as never);
      }, {
        signal,
        root: o.root,
        batch: o.batch,
        onInvalidSelector: () => diagnostics.report({ feature, path, message: `"${selector}" is not a valid CSS selector.` }),
      });
      const wait = o.expectWithinMs ?? expectWithinMs;
      if (!found && wait > 0) {
        const t = setTimeout(() => {
          if (!found) diagnostics.report({ feature, path, message: `nothing on this page matches "${selector}".` });
        }, wait);
        signal.addEventListener("abort", () => clearTimeout(t), { once: true });
      }
    };

    const startFeature = (feature: Feature, screen: ScreenKind) => {
      const ctx: FeatureContext = {
        profile, screen, screens: shown, url, document, storage, diagnostics,
        observe: boundObserve(feature.id),
      };
      trace(`start ${feature.id}`);
      Promise.resolve()
        .then(() => feature.init(ctx, signal))
        .then((r) => trace(r === false ? `skip ${feature.id}` : `ready ${feature.id}`))
        .catch((e: unknown) => {
          if (signal.aborted) return;
          diagnostics.report({ feature: feature.id, message: `${feature.name} stopped: ${e instanceof Error ? e.message : String(e)}` });
        });
    };

    const onShown = (kind: ScreenKind) => {
      if (shown.includes(kind) || signal.aborted) return;
      shown.push(kind);
      trace(`screen ${kind}`);
      for (const f of features) {
        if (started.has(f.id) || !f.screens.includes(kind)) continue;
        started.add(f.id);
        startFeature(f, kind);
      }
    };

    for (const kind of byUrl) {
      const marker = profile.screens[kind]?.marker;
      if (!marker) {
        onShown(kind);
        continue;
      }
      // Content that loads late: wait for the marker, however long it takes; tell the user if it is slow to appear.
      boundObserve("page-detection")(`screens.${kind}.marker`, marker, () => onShown(kind));
    }
    opts.onNavigate?.(url, byUrl);
  };

  onUrlChange(apply, opts.signal);
  apply(location.href);
}
