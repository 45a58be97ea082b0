/**
 * Name-blind beyond the stylesheet. CSS hides elements, but a name also travels as text the
 * stylesheet cannot reach: the document title ("Mei Ahmed · REQ-20431", shown in the tab strip
 * and history), and `title` (tooltip) and `aria-label` (read aloud) attributes. While names are
 * hidden, any of these carrying the text of a masked field has that text replaced by the field's
 * placeholder; showing names puts the host's text back. Also makes sure every shadow root carries
 * the mask (adopting the overlay's own copy where the main-world script's is missing).
 */
import type { IdentifyingFieldKind, SiteProfile } from "@fair-shortlist/shared/siteProfile"
import { deepMatches, deepQueryAll, knownShadowRoots, onShadowRoot } from "./deepDom"
import { MASK_MARKER_RULE, PLACEHOLDER } from "./mask"

const ATTRS = ["title", "aria-label"] as const
const MIN_LENGTH = 2

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/** Texts of the masked fields on the page now, each with its placeholder, longest first. */
export function maskedTexts(profile: Pick<SiteProfile, "identifyingFields">, root: Document | ShadowRoot | Element = document): Array<[string, string]> {
  const out = new Map<string, string>()
  for (const { field, selector } of profile.identifyingFields) {
    let els: Element[] = []
    try {
      els = deepQueryAll(root, selector)
    } catch {
      continue
    }
    for (const el of els) {
      const t = (el.textContent ?? "").replace(/\s+/g, " ").trim()
      if (t.length >= MIN_LENGTH && !out.has(t)) out.set(t, PLACEHOLDER[field as IdentifyingFieldKind] ?? "Hidden")
    }
  }
  return [...out].sort((a, b) => b[0].length - a[0].length)
}

/**
 * `text` with every masked text (as a whole word, ignoring case) replaced by its placeholder; pure.
 * An entry may carry its text in lower case (third item): a page of 5,000 rows has 10,000 masked
 * texts, and each title or label is checked against all of them.
 */
export function redact(text: string, masked: ReadonlyArray<readonly [string, string, string?]>): string {
  let out = text
  let lower = out.toLowerCase()
  for (const [t, label, tLower] of masked) {
    if (!lower.includes(tLower ?? t.toLowerCase())) continue
    out = out.replace(new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(t)}(?=$|[^\\p{L}\\p{N}])`, "giu"), (_m, pre: string) => `${pre}${label}`)
    lower = out.toLowerCase()
  }
  return out
}

/**
 * Per element and attribute: the host's own value, and what we wrote instead. Page-wide, not per
 * start: the feature may be restarted for another screen, and must still give the host's text back.
 */
const originals = new Map<Element, Map<string, { host: string; ours: string }>>()
let hostTitle: string | null = null
let ourTitle: string | null = null

/** Masked texts seen on this page (text -> placeholder), and the same longest first. */
const known = new Map<string, string>()
let sortedKnown: Array<[string, string, string]> | null = null
const OWN_TAGS = new Set(["fair-shortlist-overlay", "fair-shortlist-dock"])
const OWN = "fair-shortlist-overlay, fair-shortlist-dock"

function safeMatches(el: Element, selector: string): boolean {
  try {
    return deepMatches(el, selector)
  } catch {
    return false
  }
}

/** Rules only; one sheet for every root the main-world script did not reach. */
let fallbackSheet: CSSStyleSheet | null = null

function hasMask(root: ShadowRoot): boolean {
  return [...root.adoptedStyleSheets].some((s) => {
    try {
      return (s.cssRules[0] as CSSStyleRule | undefined)?.selectorText === MASK_MARKER_RULE
    } catch {
      return false
    }
  }) || [...root.querySelectorAll("style")].some((s) => s.dataset.fairShortlistMask !== undefined)
}

/**
 * Keeps the title and attributes redacted while `revealed()` is false, and every shadow root
 * masked, until `signal` aborts. Returns `refresh`, to call when the user shows or hides names.
 */
export function startTextMask(profile: Pick<SiteProfile, "identifyingFields">, css: () => string, revealed: () => boolean, signal: AbortSignal): () => void {

  const syncFallback = () => {
    if (!fallbackSheet) return
    try {
      fallbackSheet.replaceSync(revealed() ? "" : css())
    } catch {
      /* keep the previous rules */
    }
  }
  const ensureMask = (root: ShadowRoot) => {
    if (hasMask(root)) return
    try {
      fallbackSheet ??= new CSSStyleSheet()
      syncFallback()
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, fallbackSheet]
    } catch {
      /* adoptedStyleSheets unsupported: nothing more we can do from here */
    }
  }

  /**
   * Incremental: the first pass (and one after each show/hide) reads the whole page; later ones
   * only what changed (a list of 5,000 rows gets one badge per row in view, and each of those
   * mutations must not cost a read of 5,000 names). The masked texts seen are kept for the page's
   * life, so a tooltip naming someone whose row has scrolled away is still redacted.
   */
  let full = true
  const dirty = new Set<Node>()
  const learn = (scope: Document | Element | ShadowRoot) => {
    const found = maskedTexts(profile, scope)
    // The changed element may be (or be inside) a masked field itself.
    if (scope.nodeType === 1) {
      for (let n: Node | null = scope; n && n.nodeType === 1; n = n.parentNode) {
        for (const { field, selector } of profile.identifyingFields) {
          if (!safeMatches(n as Element, selector)) continue
          const t = ((n as Element).textContent ?? "").replace(/\s+/g, " ").trim()
          if (t.length >= MIN_LENGTH) found.push([t, PLACEHOLDER[field as IdentifyingFieldKind] ?? "Hidden"])
        }
      }
    }
    for (const [t, label] of found) if (!known.has(t)) {
      known.set(t, label)
      sortedKnown = null
    }
  }
  const attributesIn = (scope: Document | Element | ShadowRoot): Element[] => {
    const out = new Set<Element>()
    for (const attr of ATTRS) {
      if (scope.nodeType === 1 && (scope as Element).hasAttribute(attr)) out.add(scope as Element)
      for (const el of deepQueryAll(scope, `[${attr}]`)) out.add(el)
    }
    return [...out]
  }

  let lastPass = 0
  const pass = () => {
    if (signal.aborted) return
    lastPass = performance.now()
    const scopes: Array<Document | Element | ShadowRoot> = full ? [document] : [...dirty].filter((n) => n.isConnected) as Array<Element | ShadowRoot>
    full = false
    dirty.clear()
    // A host that emptied a root's style list in place took the mask with it.
    for (const r of knownShadowRoots()) ensureMask(r)
    const hide = !revealed()
    if (hide) for (const sc of scopes) learn(sc)
    const masked = hide ? (sortedKnown ??= [...known].sort((a, b) => b[0].length - a[0].length).map(([t, label]) => [t, label, t.toLowerCase()])) : []
    // The title: the host's own text is kept, so showing names restores exactly it.
    if (document.title !== ourTitle) hostTitle = document.title
    const wanted = hide && hostTitle !== null ? redact(hostTitle, masked) : hostTitle
    if (wanted !== null && wanted !== document.title) {
      ourTitle = wanted
      document.title = wanted
    } else if (!hide) ourTitle = null
    // Attributes, anywhere on the page (shadow roots included).
    const restore = (el: Element, attr: string, value: string) => {
      if (el.getAttribute(attr) !== value) el.setAttribute(attr, value)
    }
    if (!hide) {
      for (const [el, attrs] of originals) for (const [attr, v] of attrs) if (el.getAttribute(attr) === v.ours) restore(el, attr, v.host)
      originals.clear()
      return
    }
    for (const sc of scopes) {
      for (const el of attributesIn(sc)) {
        if (el.closest(OWN)) continue
        for (const attr of ATTRS) {
          const value = el.getAttribute(attr)
          if (value === null) continue
          const kept = originals.get(el)?.get(attr)
          // What we wrote last time stands for the host's value, unless the host wrote a new one since.
          const host = kept !== undefined && value === kept.ours ? kept.host : value
          const red = redact(host, masked)
          if (red === host) {
            originals.get(el)?.delete(attr)
            continue
          }
          if (!originals.has(el)) originals.set(el, new Map())
          originals.get(el)!.set(attr, { host, ours: red })
          if (value !== red) el.setAttribute(attr, red)
        }
      }
    }
    for (const el of originals.keys()) if (!el.isConnected) originals.delete(el)
  }

  let queued = false
  const schedule = () => {
    if (queued || signal.aborted) return
    queued = true
    // When the browser is idle (never inside the frame that paints the host's rows), at most
    // every 100 ms and at most 150 ms late: one pass per burst of changes.
    const go = () => {
      queued = false
      pass()
    }
    const run = () => (typeof requestIdleCallback === "function" ? requestIdleCallback(go, { timeout: 150 }) : setTimeout(go, 0))
    const wait = lastPass + 100 - performance.now()
    if (wait > 0) setTimeout(run, wait)
    else run()
  }
  const isOurs = (n: Node) => n.nodeType === 1 && OWN_TAGS.has((n as Element).localName)
  const watch: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: [...ATTRS] }
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      // Our own badges and panels going in or out are not the host's text.
      if (r.type === "childList" && [...r.addedNodes, ...r.removedNodes].every(isOurs)) continue
      const target = r.type === "characterData" ? r.target.parentNode : r.target
      if (!target || (target.nodeType === 1 && (target as Element).closest(OWN))) continue
      dirty.add(target)
    }
    if (dirty.size) schedule()
  })
  mo.observe(document, watch)
  onShadowRoot((root) => {
    if (root.host.closest(OWN)) return
    mo.observe(root, watch)
    ensureMask(root)
    dirty.add(root)
    schedule()
  }, signal)
  signal.addEventListener("abort", () => mo.disconnect(), { once: true })
  // The roots' mask now; the first read of the page's names (10,000 texts on a 5,000-row list)
  // in idle time like every later pass: this starts when the list appears, and a pass here
  // would run between the host inserting its rows and the frame that paints them.
  for (const r of knownShadowRoots()) ensureMask(r)
  schedule()
  return () => {
    syncFallback()
    full = true
    pass()
  }
}
