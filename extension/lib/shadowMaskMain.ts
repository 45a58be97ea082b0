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
  new MutationObserver(() => {
    if (!source?.isConnected) sync()
  }).observe(document, { childList: true, subtree: true })
  sync()

  const adopt = (root: ShadowRoot) => {
    masked.add(root)
    const list = getSheets(root)
    if (!list.includes(sheet)) setSheets(root, [...list, sheet])
  }
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
  // Roots made by the HTML parser (<template shadowrootmode>) never call attachShadow.
  const parsed = () => {
    const all = document.querySelectorAll("*")
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!.shadowRoot
      if (r && !masked.has(r)) adopt(r)
    }
  }
  document.addEventListener("DOMContentLoaded", parsed, { once: true })
}
