/**
 * The page's DOM including web components: finding and watching shadow roots, and querying
 * across them with the profile's selectors (plain, or piercing `host >>> inner`, see
 * shared/src/deepSelector.ts). Every profile lookup (lib/profileRead.ts) and the selector
 * observer (lib/observe.ts) go through here, so features never know whether a field sits in
 * the document or inside a component.
 *
 * Which roots are known:
 * - open shadow roots (element.shadowRoot), and closed ones through the extension API
 *   chrome.dom.openOrClosedShadowRoot where the browser has it (Chromium; custom elements only,
 *   as built-in elements with closed roots are rare and the call costs);
 * - found by a sweep when tracking starts and at DOMContentLoaded (roots the parser made from
 *   <template shadowrootmode>), then by watching additions, once the page is known to
 *   use shadow roots: the main-world script (lib/shadowMaskMain.ts) announces every
 *   attachShadow() call with a "fair-shortlist-shadow-root" event, also for roots attached after
 *   their host was inserted, which no MutationObserver reports.
 * Our own overlays are never entered.
 */
import { queryChains } from "@fair-shortlist/shared/deepSelector";
import { CUSTOM_ELEMENT_EVENT } from "./shadowMaskMain";

export const SHADOW_ROOT_EVENT = "fair-shortlist-shadow-root";
const OWN_TAGS = new Set(["fair-shortlist-overlay", "fair-shortlist-dock"]);

type Scope = Document | Element | ShadowRoot;

/** The shadow root of `el` we may read (open, or closed through the extension API), else null. */
export function shadowRootOf(el: Element): ShadowRoot | null {
  if (OWN_TAGS.has(el.localName)) return null;
  if (el.shadowRoot) return el.shadowRoot;
  if (!el.localName.includes("-")) return null;
  try {
    return (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(e: Element): ShadowRoot | null } } }).chrome?.dom?.openOrClosedShadowRoot?.(el) ?? null;
  } catch {
    return null;
  }
}

/** Whether the browser lets this content script into closed shadow roots. */
export function canReachClosedRoots(): boolean {
  return typeof (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: unknown } } }).chrome?.dom?.openOrClosedShadowRoot === "function";
}

// --- Tracking shadow roots -----------------------------------------------------------------------

const roots = new Set<ShadowRoot>();
const rootListeners = new Set<(root: ShadowRoot) => void>();
let tracking = false;
/** Set once the page is seen to use shadow roots: only then are added subtrees searched for hosts. */
let active = false;
let tracker: MutationObserver | null = null;

function found(root: ShadowRoot): void {
  if (roots.has(root)) return;
  roots.add(root);
  active = true;
  tracker?.observe(root, { childList: true, subtree: true });
  for (const cb of rootListeners) cb(root);
}

/**
 * Whether the page has defined a custom element (told by the main-world script, lib/shadowMaskMain.ts,
 * from document_start). Until it has, the only possible shadow hosts are SHADOW_HOST_TAGS and
 * :not(:defined); once it has, any element with a hyphen may be one, which no selector picks out.
 */
let customElementsDefined = false;
if (typeof document !== "undefined") document.addEventListener(CUSTOM_ELEMENT_EVENT, () => (customElementsDefined = true), { capture: true, once: true });

/** Finds the shadow roots in `node` and below (into the roots found, and theirs). */
function discover(node: Node): void {
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
  const visit = (el: Element) => {
    const r = shadowRootOf(el);
    if (r && !roots.has(r)) {
      found(r);
      discover(r);
    }
  };
  if (node.nodeType === 1) visit(node as Element);
  for (const all of candidates(node as Document | Element | ShadowRoot)) for (let i = 0; i < all.length; i++) visit(all[i]!);
}

/**
 * The only elements a shadow root can be attached to, by script or by the parser (DOM standard,
 * "attach a shadow root"): these, and custom elements (the undefined ones match :not(:defined)).
 */
const SHADOW_HOST_TAGS = "article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span".split(" ")

/** Set during the DOMContentLoaded sweep: until the page is seen to define custom elements or use shadow roots, only possible hosts are read. */
let hostsOnly = false;

/**
 * The elements under `node` that may host a shadow root. Every element read from this world costs
 * a wrapper: on a 5,000-row table, reading all 40,000 at DOMContentLoaded took ~60 ms; looking
 * up the possible hosts by tag (no td, tr or a can be one) skips them.
 */
function candidates(node: Document | Element | ShadowRoot): ArrayLike<Element>[] {
  if (!hostsOnly || customElementsDefined || active || node.nodeType === 11) return [node.querySelectorAll("*")];
  const scope = node as Document | Element;
  return [...SHADOW_HOST_TAGS.map((t) => scope.getElementsByTagName(t)), scope.querySelectorAll(":not(:defined)")];
}

function sweep(): void {
  discover(document);
  for (const r of [...roots]) if (r.host.isConnected) discover(r);
}

export function trackShadowRoots(): void {
  if (tracking) return;
  tracking = true;
  tracker = new MutationObserver((records) => {
    if (!active) return;
    for (const rec of records) for (const n of rec.addedNodes) if (n.nodeType === 1) discover(n);
  });
  tracker.observe(document, { childList: true, subtree: true });
  let queued = false;
  document.addEventListener(SHADOW_ROOT_EVENT, () => {
    active = true;
    if (queued) return;
    queued = true;
    // After the page's current script: a root attached in a constructor is usually inserted right after.
    queueMicrotask(() => {
      queued = false;
      sweep();
    });
  }, true);
  sweep();
  // Parser-made roots are all there by DOMContentLoaded. (Not again at load: on a 5,000-row list
  // that walk would cost the frame that paints the rows, and script-made roots are announced.)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => {
    hostsOnly = true;
    try {
      sweep();
    } finally {
      hostsOnly = false;
    }
  }, { once: true });
}

/** Calls `cb` for every shadow root known now and found later, until `signal` aborts. */
export function onShadowRoot(cb: (root: ShadowRoot) => void, signal: AbortSignal): void {
  trackShadowRoots();
  if (signal.aborted) return;
  for (const r of roots) cb(r);
  rootListeners.add(cb);
  signal.addEventListener("abort", () => rootListeners.delete(cb), { once: true });
}

/** The known shadow roots whose hosts are in the page now. */
export function knownShadowRoots(): ShadowRoot[] {
  trackShadowRoots();
  return [...roots].filter((r) => r.host.isConnected);
}

/** Whether `node` is inside `scope`, looking through shadow roots up to the document. */
export function isInside(node: Node, scope: Scope): boolean {
  if (scope.nodeType === 9) return node.isConnected;
  let n: Node | null = node;
  while (n) {
    if (scope === n || scope.contains(n)) return true;
    const r: Node = n.getRootNode();
    n = r instanceof ShadowRoot ? r.host : null;
  }
  return false;
}

// --- Querying ----------------------------------------------------------------------------------

/** `el` matches `chain` (parts crossing shadow roots, outermost first): its last part, and the earlier parts on its host ancestors. */
function matchesChain(el: Element, chain: readonly string[], i = chain.length - 1): boolean {
  if (!el.matches(chain[i]!)) return false;
  if (i === 0) return true;
  let r: Node = el.getRootNode();
  while (r instanceof ShadowRoot) {
    if (matchesChain(r.host, chain, i - 1)) return true;
    r = r.host.getRootNode();
  }
  return false;
}

/** Scopes to search: `scope` and every known shadow root inside it. */
function scopesOf(scope: Scope): Scope[] {
  const rs = knownShadowRoots();
  return rs.length ? [scope, ...rs.filter((r) => r !== scope && isInside(r.host, scope))] : [scope];
}

/**
 * Parsed once per selector: the observer and the readers call with the same few profile
 * selectors thousands of times.
 */
const parsed = new Map<string, string[][]>();
function chainsOf(selector: string): string[][] {
  let c = parsed.get(selector);
  if (!c) {
    c = queryChains(selector);
    if (parsed.size > 500) parsed.clear();
    parsed.set(selector, c);
  }
  return c;
}

/** Elements matching `selector` found directly in `scope` (not in roots below it): candidates by the last part, checked against the whole chain. */
function matchIn(scope: Scope, chains: readonly string[][], out: Set<Element>): void {
  for (const chain of chains) {
    const last = chain[chain.length - 1]!;
    const els = scope.querySelectorAll(last);
    if (chain.length === 1) for (let i = 0; i < els.length; i++) out.add(els[i]!);
    else for (let i = 0; i < els.length; i++) if (matchesChain(els[i]!, chain)) out.add(els[i]!);
  }
}

/** Every element under `scope` (shadow roots included) matching a plain or piercing selector. Throws on invalid CSS, like querySelectorAll. */
export function deepQueryAll(scope: Scope, selector: string): Element[] {
  const chains = chainsOf(selector);
  const out = new Set<Element>();
  for (const s of scopesOf(scope)) matchIn(s, chains, out);
  return [...out];
}

/** The first match in `scope` itself, else in the roots inside it. */
export function deepQuery(scope: Scope, selector: string): Element | null {
  const chains = chainsOf(selector);
  if (chains.every((c) => c.length === 1)) {
    const direct = scope.querySelector(selector);
    if (direct) return direct;
  }
  return deepQueryAll(scope, selector)[0] ?? null;
}

/** Whether `el` matches a plain or piercing selector. */
export function deepMatches(el: Element, selector: string): boolean {
  return chainsOf(selector).some((c) => matchesChain(el, c));
}

/** Matches of `selector` in `scope` and its subtree (not entering shadow roots below it): for the observer's added nodes. */
export function matchesUnder(node: Element | ShadowRoot, selector: string, out: Set<Element>): void {
  const chains = chainsOf(selector);
  if (node.nodeType === 1 && chains.some((c) => matchesChain(node as Element, c))) out.add(node as Element);
  if (node.nodeType === 1 && !(node as Element).firstElementChild) return;
  matchIn(node, chains, out);
}
