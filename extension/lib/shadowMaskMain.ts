/**
 * The name-blind mask inside web components, from first paint. Runs in the page's main world at
 * document_start (contents/shadow-mask.ts), before any page script: document styles do not reach
 * into shadow roots, so every shadow root the page attaches (open or closed, in a constructor or
 * long after its host was inserted) adopts one constructed copy of the mask at the moment it is
 * attached, before anything can be rendered into it.
 *
 * The copy follows the document's mask <style> (written by the isolated-world mask script,
 * lib/maskMain.ts): its text, and media="not all" when the user shows names. Text only crosses
 * the worlds through the DOM, so nothing of the extension is exposed to the page. If the host
 * replaces a root's adoptedStyleSheets, the mask is put back; a host emptying the list in place
 * is caught by the overlay (features/name-blind.ts), which adopts its own copy.
 * Kept tiny and dependency-free: it runs on the page's critical path.
 */
const STYLE_ID = "fair-shortlist-name-blind"
export const SHADOW_ROOT_EVENT = "fair-shortlist-shadow-root"
/** Dispatched on the document when the page defines its first custom element (lib/deepDom.ts listens). */
export const CUSTOM_ELEMENT_EVENT = "fair-shortlist-custom-element"

export function startShadowMask(): void {
  const w = window as unknown as { __fairShortlistShadowMask?: boolean }
  if (w.__fairShortlistShadowMask || typeof CSSStyleSheet !== "function" || !("adoptedStyleSheets" in ShadowRoot.prototype)) return
  w.__fairShortlistShadowMask = true
  const sheet = new CSSStyleSheet()
  const masked = new WeakSet<ShadowRoot>()
  const desc = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, "adoptedStyleSheets")!
  const getSheets = (r: ShadowRoot) => desc.get!.call(r) as CSSStyleSheet[]
  const setSheets = (r: ShadowRoot, v: CSSStyleSheet[]) => desc.set!.call(r, v)

  let source: Element | null = null
  let lastText: string | null = null
  const sync = () => {
    const el = document.getElementById(STYLE_ID)
    if (el && el !== source) {
      source = el
      sourceWatch.disconnect()
      sourceWatch.observe(el, { attributes: true, childList: true, characterData: true, subtree: true })
    }
    // No mask style (yet, or removed by the host): keep the last text rather than show names.
    if (!source?.isConnected) return
    const text = source.getAttribute("media") === "not all" ? "" : source.textContent ?? ""
    if (text === lastText) return
    lastText = text
    try {
      sheet.replaceSync(text)
    } catch {
      /* unparsable text: keep the previous rules */
    }
  }
  const sourceWatch = new MutationObserver(sync)
  // The mask <style> appears (or comes back) in <html>/<head>: watching childList there is enough.
  // While the page is parsed the same records find the roots the parser makes (below).
  const watcher = new MutationObserver((records) => {
    if (!source?.isConnected) sync()
    if (document.readyState === "loading") whileParsing(records)
  })
  watcher.observe(document, { childList: true, subtree: true })
  sync()

  const adopt = (root: ShadowRoot) => {
    masked.add(root)
    const list = getSheets(root)
    if (!list.includes(sheet)) setSheets(root, [...list, sheet])
    // A root filled by the parser may hold hosts of its own (components inside components): those
    // already parsed into it now, and those still to come.
    if (document.readyState === "loading") {
      watcher.observe(root, { childList: true, subtree: true })
      const inside = root.querySelectorAll("*")
      for (let i = 0; i < inside.length; i++) check(inside[i])
    }
  }

  // Roots made by the HTML parser (<template shadowrootmode>) never call attachShadow. The parser
  // attaches one to the element it has just inserted, at the template's start tag, and then fills
  // it, possibly over several tasks. So while the page is parsed: every mutation batch checks the
  // elements it added, what closed just before each (the previous sibling's last descendants) and
  // the parser's open elements (the ancestors of the last element added); and every frame, before
  // it is painted, checks the open elements again, for a root filled in a task that added nothing
  // else. DOMContentLoaded then sweeps the whole page once more.
  let lastAdded: Element | null = null
  const check = (el: Element | null | undefined) => {
    const r = el?.shadowRoot
    if (r && !masked.has(r)) adopt(r)
  }
  const openElements = () => {
    for (let el: Element | null = lastAdded; el; el = el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null)) check(el)
  }
  function whileParsing(records: MutationRecord[]): void {
    openElements()
    for (const r of records) {
      if (r.target.nodeType === 1) check(r.target as Element)
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue
        const el = n as Element
        check(el)
        for (let p = el.previousElementSibling; p; p = p.lastElementChild) check(p)
        lastAdded = el
      }
    }
    openElements()
  }
  const eachFrame = () => {
    if (document.readyState !== "loading") return
    openElements()
    requestAnimationFrame(eachFrame)
  }
  if (document.readyState === "loading") requestAnimationFrame(eachFrame)
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attach.call(this, init)
    adopt(root)
    document.dispatchEvent(new Event(SHADOW_ROOT_EVENT))
    return root
  }
  Object.defineProperty(ShadowRoot.prototype, "adoptedStyleSheets", {
    configurable: true,
    enumerable: desc.enumerable,
    get(this: ShadowRoot) {
      return getSheets(this)
    },
    set(this: ShadowRoot, v: CSSStyleSheet[]) {
      const list = [...v].filter((s) => s !== sheet)
      setSheets(this, masked.has(this) ? [...list, sheet] : list)
    },
  })
  // The overlay's own sweep (lib/deepDom.ts) may skip most elements until the page defines a custom element.
  const registry = window.customElements
  const define = registry?.define
  if (define) registry.define = function (this: CustomElementRegistry, ...a: Parameters<CustomElementRegistry["define"]>) {
    define.apply(this, a)
    document.dispatchEvent(new Event(CUSTOM_ELEMENT_EVENT))
  }
  // The last sweep for parser-made roots, once the whole page is parsed.
  const parsed = () => {
    const all = document.querySelectorAll("*")
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!.shadowRoot
      if (r && !masked.has(r)) adopt(r)
    }
  }
  document.addEventListener("DOMContentLoaded", parsed, { once: true })
}
