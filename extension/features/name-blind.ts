/**
 * Name-blind shortlisting: the profile's identifying fields (names, initials, contact details,
 * dates of birth, addresses, photos...) are hidden by a stylesheet that the small
 * document_start script (contents/mask.ts, lib/maskMain.ts) injects before the host page first
 * paints, so there is no flash of a name, and content added later is hidden by the same rules.
 * This feature adds the reveal control. The user can reveal them (button or Alt+Shift+N); the choice
 * is remembered per site profile. Hidden with visibility, so screen readers skip them too.
 */
import { h, replaceChildren } from "~lib/dom"
import { isRevealed, MASK_STYLE_ID, maskCss, maskStyle, setRevealed } from "~lib/mask"
import { defineFeature } from "~lib/feature"
import { mountDockPanel } from "~lib/overlayHost"
import { KEYS } from "~lib/storage"

export const SHORTCUT = { altKey: true, shiftKey: true, code: "KeyN", label: "Alt+Shift+N" } as const

export default defineFeature({
  id: "name-blind",
  name: "Name-blind shortlisting",
  // Every recognised screen shows the toggle: the mask itself covers the profile's whole site.
  screens: ["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"],

  async init(ctx, signal) {
    const { profile, storage, document: doc } = ctx
    if (profile.identifyingFields.length === 0) return false
    // Keep the stylesheet in place (and this profile's) if the host rewrote <head>.
    if (!doc.getElementById(MASK_STYLE_ID) || !maskStyle(doc).textContent) maskStyle(doc).textContent = maskCss(profile)

    const readPref = async () => ((await storage.get<Record<string, boolean>>(KEYS.nameBlindRevealed, {}))[profile.id] ?? false)
    setRevealed(doc, await readPref())
    if (signal.aborted) return

    const overlay = mountDockPanel({ feature: "name-blind", label: "Name-blind shortlisting", signal, order: 1 })
    keepPageEndClear(overlay.host, signal)
    let collapsed = await storage.get<boolean>(KEYS.nameBlindCollapsed, false)
    const render = (focus?: "toggle" | "fold") => {
      const revealed = isRevealed(doc)
      const status = statusText(ctx.screens.length ? ctx.screens : [ctx.screen], revealed)
      replaceChildren(
        overlay.body,
        collapsed
          ? h("div", { class: "fs-dock-panel fs-dock-panel--folded", "data-testid": "fs-name-blind" },
              h("button", {
                type: "button", class: "fs-link", "aria-expanded": "false", "data-testid": "fs-name-blind-expand", "data-focus": "fold",
                onclick: () => void setCollapsed(false),
              }, revealed ? "Names showing" : "Names hidden", h("span", { class: "fs-visually-hidden" }, ": show the name-blind control")))
          : h("div", { class: "fs-dock-panel", "data-testid": "fs-name-blind" },
              h("p", { class: "fs-small", role: "status", "data-testid": "fs-name-blind-status" }, status),
              h("div", { class: "fs-row" },
                h("button", {
                  type: "button",
                  class: "fs-button fs-button--secondary",
                  "aria-keyshortcuts": SHORTCUT.label,
                  "data-testid": "fs-name-blind-toggle", "data-focus": "toggle",
                  onclick: () => void toggle(),
                }, revealed ? `Hide names (${SHORTCUT.label})` : `Show names (${SHORTCUT.label})`),
                h("button", { type: "button", class: "fs-link", "aria-expanded": "true", "data-testid": "fs-name-blind-collapse", "data-focus": "fold", onclick: () => void setCollapsed(true) }, "Fold away")),
            ),
      )
      if (focus) overlay.body.querySelector<HTMLElement>(`[data-focus=${focus}]`)?.focus()
    }
    const setCollapsed = async (next: boolean) => {
      collapsed = next
      render("fold")
      await storage.set(KEYS.nameBlindCollapsed, next)
    }
    const toggle = async () => {
      const next = !isRevealed(doc)
      setRevealed(doc, next)
      render(overlay.root.activeElement ? "toggle" : undefined)
      const all = await storage.get<Record<string, boolean>>(KEYS.nameBlindRevealed, {})
      await storage.set(KEYS.nameBlindRevealed, { ...all, [profile.id]: next })
    }
    render()
    window.addEventListener("keydown", (e) => {
      if (e.altKey === SHORTCUT.altKey && e.shiftKey === SHORTCUT.shiftKey && e.code === SHORTCUT.code && !e.ctrlKey && !e.metaKey) {
        e.preventDefault()
        void toggle()
      }
    }, { signal, capture: true })
    // Another tab changed the choice.
    storage.onChanged(KEYS.nameBlindRevealed, (_k, value) => {
      const v = (value as Record<string, boolean> | undefined)?.[profile.id] ?? false
      if (v !== isRevealed(doc)) {
        setRevealed(doc, v)
        render()
      }
    }, signal)
  },
})

/** Worded for the screen it is on: shortlisting, interview or an HR report. */
export function statusText(screens: readonly string[], revealed: boolean): string {
  const what = screens.includes("shortlistingList") || screens.includes("application") || screens.includes("shortlistingDecision")
    ? "for name-blind shortlisting"
    : screens.includes("interview")
      ? "on this interview screen, so scores are kept by candidate reference"
      : screens.includes("outcomeReport")
        ? "in this report: only counts are taken from it"
        : "on this page"
  return revealed ? "Names and personal details are showing." : `Names and personal details are hidden ${what}.`
}

/**
 * The dock is fixed to the bottom right of the window. A spacer after the page, as tall as the
 * dock, lets the page's last rows (a reason box, a host warning, a Save button) scroll clear of
 * it, and scroll-padding keeps a focused control from being scrolled underneath it.
 */
function keepPageEndClear(dockPanel: HTMLElement, signal: AbortSignal): void {
  const spacer = document.createElement("fair-shortlist-spacer")
  spacer.setAttribute("aria-hidden", "true")
  spacer.style.setProperty("display", "block", "important")
  document.documentElement.appendChild(spacer)
  const ro = new ResizeObserver(() => {
    const h = Math.ceil(dockPanel.getBoundingClientRect().height) + 24
    spacer.style.setProperty("height", `${h}px`, "important")
    document.documentElement.style.setProperty("scroll-padding-bottom", `${h}px`)
  })
  ro.observe(dockPanel)
  signal.addEventListener("abort", () => {
    ro.disconnect()
    spacer.remove()
    document.documentElement.style.removeProperty("scroll-padding-bottom")
  }, { once: true })
}
