/**
 * The one selector observer (Refined GitHub's pattern): calls `callback` once for every element
 * matching `selector`, now and whenever the host adds or re-renders one. MutationObserver-based,
 * never polling; stops when `signal` aborts. A selector the browser cannot parse is reported
 * through `onInvalidSelector` (a broken site profile) instead of throwing.
 */
export interface ObserveOptions {
  signal: AbortSignal;
  root?: ParentNode & Node;
  onInvalidSelector?: (selector: string, error: Error) => void;
  /**
   * Call back later, in 8 ms slices while the browser is idle, instead of straight away: for
   * per-row work on long lists, so the host's own rendering of 500 rows paints first.
   */
  batch?: boolean;
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

export function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

export function observe<E extends Element = Element>(selector: string, callback: (el: E) => void, opts: ObserveOptions): void {
  const { signal } = opts;
  if (signal.aborted) return;
  const root: ParentNode & Node = opts.root ?? document;
  if (!isValidSelector(selector)) {
    opts.onInvalidSelector?.(selector, new Error(`"${selector}" is not a valid CSS selector`));
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
  root.querySelectorAll<E>(selector).forEach(visit);
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        const el = n as Element;
        if (el.matches(selector)) visit(el as E);
        if (el.firstElementChild) el.querySelectorAll<E>(selector).forEach(visit);
      }
    }
  });
  mo.observe(root, { childList: true, subtree: true });
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
