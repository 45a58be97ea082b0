/**
 * Keeps keyboard focus where the user was when the host re-renders part of the page (NHS Jobs
 * redraws its decision form after "Save decision"): the focused element is replaced by a new
 * one and focus falls to the top of the page, so a keyboard user must Tab all the way back.
 * When the element that had focus leaves the page, focus is gone (body), and the address has not
 * changed (a re-render, not a navigation), focus moves to the element now at the same place in
 * the page: same id, or the same chain of tags and positions among siblings of the same tag
 * (nth-of-type, so our own overlay elements never shift the count).
 */

function pathOf(el: Element): string | null {
  const parts: string[] = []
  let cur: Element | null = el
  while (cur && cur !== document.documentElement) {
    if (cur.id) {
      parts.unshift(`#${CSS.escape(cur.id)}`)
      return parts.join(" > ")
    }
    const parent: Element | null = cur.parentElement
    if (!parent) return null
    const tag = cur.tagName
    const index = [...parent.children].filter((c) => c.tagName === tag).indexOf(cur) + 1
    parts.unshift(`${tag.toLowerCase()}:nth-of-type(${index})`)
    cur = parent
  }
  return parts.length ? `html > ${parts.join(" > ")}` : null
}

const started = new WeakSet<AbortSignal>()

export function keepFocusAcrossRerenders(signal: AbortSignal): void {
  if (started.has(signal)) return
  started.add(signal)
  let last: { el: Element; path: string; url: string } | null = null
  document.addEventListener("focusin", (ev) => {
    const t = ev.target
    // Host elements only: our overlays keep their own focus.
    if (!(t instanceof HTMLElement) || t === document.body || t.closest("fair-shortlist-overlay, fair-shortlist-dock")) return
    const path = pathOf(t)
    last = path ? { el: t, path, url: location.href } : null
  }, { capture: true, signal })
  const mo = new MutationObserver(() => {
    if (!last || last.el.isConnected) return
    const active = document.activeElement
    const dropped = !active || active === document.body || active === document.documentElement
    if (!dropped || location.href !== last.url) {
      last = null
      return
    }
    let found: Element | null = null
    try {
      found = document.querySelector(last.path)
    } catch {
      found = null
    }
    if (found instanceof HTMLElement && found.tagName === (last.el as HTMLElement).tagName) {
      found.focus({ preventScroll: true })
      last = { el: found, path: last.path, url: last.url }
    }
  })
  mo.observe(document.documentElement, { childList: true, subtree: true })
  signal.addEventListener("abort", () => mo.disconnect(), { once: true })
}
