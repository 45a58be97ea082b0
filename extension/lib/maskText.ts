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

/**
 * Attributes whose text a person sees or hears: tooltips (`title`, and where tooltip libraries keep
 * it once they take it over: Bootstrap's `data-original-title` / `data-bs-original-title`, the
 * common `data-tooltip`), what a screen reader reads (`aria-label`, `aria-description`), an
 * image's `alt` (shown when it does not load) and a field's `placeholder`.
 */
const ATTRS = ["title", "aria-label", "aria-description", "alt", "placeholder", "data-original-title", "data-bs-original-title", "data-tooltip"] as const
const MIN_LENGTH = 2

/**
 * The text an identifying element shows: its text, or for a form control its value (read-only
 * inputs are how server-rendered systems print a submitted form), or for an image its `alt`.
 */
function shownText(el: Element): string {
  const own = el.textContent ?? ""
  if (own.trim()) return own
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent ?? ""
  return el.getAttribute("alt") ?? ""
}

/**
 * The ways a person's name is written around the page: a list that prints "Patel, Priya" has
 * "Priya Patel" in its tooltips and tab titles, and the other way round. Pure.
 */
export function nameForms(text: string): string[] {
  const t = text.replace(/\s+/g, " ").trim()
  const comma = /^([^,]+),\s*([^,]+)$/.exec(t)
  if (comma) return [t, `${comma[2]!.trim()} ${comma[1]!.trim()}`]
  const words = t.split(" ")
  if (words.length >= 2 && words.length <= 4 && !/[@\d]/.test(t)) return [t, `${words[words.length - 1]}, ${words.slice(0, -1).join(" ")}`]
  return [t]
}

/** An attribute's value; a `title` that a tooltip library has taken over is where the library keeps it. */
function attributeText(el: Element, attribute: string): string {
  const v = el.getAttribute(attribute)
  if (v !== null || attribute !== "title") return v ?? ""
  return el.getAttribute("data-original-title") ?? el.getAttribute("data-bs-original-title") ?? ""
}

/** The texts an identifying element gives away, each with its placeholder. A photo's `alt` is its person's name. */
function textsOf(field: IdentifyingFieldKind, el: Element, attribute?: string): Array<[string, string]> {
  const t = (attribute ? attributeText(el, attribute) : shownText(el)).replace(/\s+/g, " ").trim()
  if (t.length < MIN_LENGTH) return []
  const kind = field === "photo" ? "name" : field
  return (kind === "name" ? nameForms(t) : [t]).map((x) => [x, PLACEHOLDER[kind] ?? "Hidden"])
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/** Texts of the masked fields on the page now, each with its placeholder, longest first. */
export function maskedTexts(profile: Pick<SiteProfile, "identifyingFields">, root: Document | ShadowRoot | Element = document): Array<[string, string]> {
  const out = new Map<string, string>()
  for (const { field, selector, attribute } of profile.identifyingFields) {
    let els: Element[] = []
    try {
      els = deepQueryAll(root, selector)
    } catch {
      continue
    }
    for (const el of els) {
      for (const [t, label] of textsOf(field, el, attribute)) if (!out.has(t)) out.set(t, label)
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
    // A forename and a surname masked one by one read as one placeholder, not "Name hidden Name hidden".
    out = out.replace(new RegExp(`${escapeRe(label)}(?:[\\s,]+${escapeRe(label)})+`, "g"), label)
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
  // Also any attribute a profile says carries identifying text (identifyingFields[].attribute).
  const attrs = [...new Set<string>([...ATTRS, ...profile.identifyingFields.flatMap((f) => (f.attribute ? [f.attribute] : []))])]

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
        for (const { field, selector, attribute } of profile.identifyingFields) {
          if (!safeMatches(n as Element, selector)) continue
          found.push(...textsOf(field, n as Element, attribute))
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
    for (const attr of attrs) {
      if (scope.nodeType === 1 && (scope as Element).hasAttribute(attr)) out.add(scope as Element)
      for (const el of deepQueryAll(scope, `[${attr}]`)) out.add(el)
    }
    return [...out]
  }

  /** The title: the host's own text is kept, so showing names restores exactly it. */
  const redactTitle = (hide: boolean, masked: ReadonlyArray<readonly [string, string, string?]>) => {
    if (document.title !== ourTitle) hostTitle = document.title
    const wanted = hide && hostTitle !== null ? redact(hostTitle, masked) : hostTitle
    if (wanted !== null && wanted !== document.title) {
      ourTitle = wanted
      document.title = wanted
    } else if (!hide) ourTitle = null
  }
  const sortedMasked = () => (sortedKnown ??= [...known].sort((a, b) => b[0].length - a[0].length).map(([t, label]) => [t, label, t.toLowerCase()]))
  /**
   * A single-page app sets the tab's title as it draws the next applicant: the title is redacted
   * at once (before the frame that paints the tab strip), reading names only from what changed
   * with it; everything else waits for the idle pass.
   */
  const titleNow = () => {
    if (revealed() || document.title === ourTitle) return
    for (const n of dirty) if (n.isConnected) learn(n as Element | ShadowRoot)
    redactTitle(true, sortedMasked())
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
    const masked = hide ? sortedMasked() : []
    redactTitle(hide, masked)
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
        for (const attr of attrs) {
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
  const watch: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: attrs }
  const mo = new MutationObserver((records) => {
    let title = false
    for (const r of records) {
      // Our own badges and panels going in or out are not the host's text.
      if (r.type === "childList" && [...r.addedNodes, ...r.removedNodes].every(isOurs)) continue
      const target = r.type === "characterData" ? r.target.parentNode : r.target
      if (!target || (target.nodeType === 1 && (target as Element).closest(OWN))) continue
      if ((target as Element).localName === "title" || (target as Element).localName === "head") title = true
      dirty.add(target)
    }
    if (title) titleNow()
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
