/**
 * The one selector observer (Refined GitHub's pattern): calls `callback` once for every element
 * matching `selector`, now and whenever the host adds or re-renders one. MutationObserver-based,
 * never polling; stops when `signal` aborts. A selector the browser cannot parse is reported
 * through `onInvalidSelector` (a broken site profile) instead of throwing. Shadow roots are
 * entered (lib/deepDom.ts); a selector may pierce one with ` >>> `.
 */
import { deepSelectorProblem } from "@fair-shortlist/shared/deepSelector";
import { deepMatches, deepQueryAll, isInside, matchesUnder, onShadowRoot } from "./deepDom";
export interface ObserveOptions {
  signal: AbortSignal;
  root?: ParentNode & Node;
  onInvalidSelector?: (selector: string, error: Error) => void;
  /**
   * Call back later, in 8 ms slices while the browser is idle, instead of straight away: for
   * per-row work on long lists, so the host's own rendering of 500 rows paints first.
   */
  batch?: boolean;
  /**
   * Called (once per batch of mutations) for a matched element whose content changed: text,
   * children or attributes below it. A virtualised list reuses its row elements with another
   * applicant's text, so whatever was read from a row must be read again.
   */
  onContentChange?: (el: Element) => void;
}

const SLICE_MS = 8;
/**
 * Batches run when the browser is idle, i.e. after the frame with the host's new rows has been
 * painted (a setTimeout(0) task could run before that frame and delay it); at most this late.
 */
const IDLE_TIMEOUT_MS = 150;

function later(run: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

function isValidCss(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** A plain or piercing (`host >>> inner`) selector the browser can run. */
export function isValidSelector(selector: string): boolean {
  return deepSelectorProblem(selector, isValidCss) === null;
}

/**
 * Watches `root` and every shadow root inside it (found now or later, lib/deepDom.ts) for
 * elements matching a plain or piercing selector.
 */
export function observe<E extends Element = Element>(selector: string, callback: (el: E) => void, opts: ObserveOptions): void {
  const { signal } = opts;
  if (signal.aborted) return;
  const root: ParentNode & Node = opts.root ?? document;
  const problem = deepSelectorProblem(selector, isValidCss);
  if (problem) {
    opts.onInvalidSelector?.(selector, new Error(problem));
    return;
  }
  const seen = new WeakSet<Element>();
  const queue: E[] = [];
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const until = performance.now() + SLICE_MS;
    while (queue.length && !signal.aborted) {
      callback(queue.shift()!);
      if (performance.now() > until && queue.length) {
        scheduled = true;
        later(drain);
        return;
      }
    }
  };
  const visit = (el: E) => {
    if (seen.has(el) || signal.aborted) return;
    seen.add(el);
    if (!opts.batch) return callback(el);
    queue.push(el);
    if (!scheduled) {
      scheduled = true;
      later(drain);
    }
  };
  const scan = () => (deepQueryAll(root as Document | Element | ShadowRoot, selector) as E[]).forEach(visit);
  if (opts.batch) {
    // The first query too: on a list it is started when the rows appear, and finding 5,000 of
    // them there would delay the frame that paints them. Rows added meanwhile are queued by the
    // observer below (visit() skips any found twice).
    scheduled = true;
    later(() => {
      if (signal.aborted) return;
      scan();
      drain();
    });
  } else scan();

  const changed = new Set<Element>();
  let changeQueued = false;
  const noteChange = (target: Node) => {
    // The matched element at or above the change, within its own tree.
    for (let n: Node | null = target.nodeType === 1 ? target : target.parentNode; n && n !== root; n = n.parentNode) {
      if (n.nodeType === 1 && seen.has(n as Element)) {
        changed.add(n as Element);
        break;
      }
    }
    if (changed.size && !changeQueued) {
      changeQueued = true;
      queueMicrotask(() => {
        changeQueued = false;
        const els = [...changed];
        changed.clear();
        for (const el of els) if (!signal.aborted && el.isConnected) opts.onContentChange!(el);
      });
    }
  };
  const mo = new MutationObserver((records) => {
    const matches = new Set<Element>();
    for (const r of records) {
      if (opts.onContentChange) noteChange(r.target);
      // An element can also come to match by an attribute change (a drawer gaining [data-open]).
      if (r.type === "attributes") {
        if (deepMatches(r.target as Element, selector)) matches.add(r.target as Element);
        continue;
      }
      for (const n of r.addedNodes) if (n.nodeType === 1) matchesUnder(n as Element, selector, matches);
    }
    matches.forEach((el) => visit(el as E));
  });
  const watch: MutationObserverInit = { childList: true, subtree: true, attributes: true, characterData: !!opts.onContentChange };
  mo.observe(root, watch);
  onShadowRoot((sr) => {
    if (!isInside(sr.host, root as Document | Element | ShadowRoot)) return;
    mo.observe(sr, watch);
    const matches = new Set<Element>();
    matchesUnder(sr, selector, matches);
    matches.forEach((el) => visit(el as E));
  }, signal);
  signal.addEventListener("abort", () => mo.disconnect(), { once: true });
}

/** Resolves with the first element matching `selector` (or null when `signal` aborts or `timeoutMs` passes). */
export function waitFor<E extends Element = Element>(selector: string, opts: ObserveOptions & { timeoutMs?: number }): Promise<E | null> {
  return new Promise((resolve) => {
    const inner = new AbortController();
    const done = (el: E | null) => {
      inner.abort();
      clearTimeout(timer);
      resolve(el);
    };
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => done(null), opts.timeoutMs);
    opts.signal.addEventListener("abort", () => done(null), { once: true });
    observe<E>(selector, (el) => done(el), { ...opts, signal: AbortSignal.any([inner.signal, opts.signal]), onInvalidSelector: (s, e) => { opts.onInvalidSelector?.(s, e); done(null); } });
  });
}

/** Calls `callback` (once per batch of mutations) whenever anything under `root` changes. */
export function onSubtreeChange(root: Node, callback: () => void, signal: AbortSignal, options: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true }): void {
  let scheduled = false;
  const mo = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (!signal.aborted) callback();
    });
  });
  mo.observe(root, options);
  signal.addEventListener("abort", () => mo.disconnect(), { once: true });
}
