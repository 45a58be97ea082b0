/**
 * Name-blind shortlisting: the profile's identifying fields (names, initials, contact details,
 * dates of birth, addresses, photos...) are hidden by a stylesheet that the small
 * document_start script (contents/mask.ts, lib/maskMain.ts) injects before the host page first
 * paints, so there is no flash of a name, and content added later is hidden by the same rules.
 * Web components: a main-world script (lib/shadowMaskMain.ts) puts the same rules into every shadow
 * root as it is attached; lib/maskText.ts covers the title, tooltips and aria labels, and any root
 * that script missed. This feature adds the reveal control, and says so when the profile's name
 * fields find nothing where applicants are listed, instead of claiming names are hidden. The user can reveal them (button or Alt+Shift+N); the choice
 * is remembered per site profile. Hidden with visibility, so screen readers skip them too.
 */
import { h, replaceChildren } from "~lib/dom"
import { isRevealed, MASK_STYLE_ID, maskCss, maskStyle, setRevealed } from "~lib/mask"
import { defineFeature } from "~lib/feature"
import { mountDockPanel } from "~lib/overlayHost"
import { canReachClosedRoots } from "~lib/deepDom"
import { startTextMask } from "~lib/maskText"
import { safeQueryAll } from "~lib/profileRead"
import { KEYS } from "~lib/storage"

/** Fields that carry who the applicant is: if all of these find nothing where applicants are listed, names may be showing. */
const NAME_FIELDS = new Set(["name", "initials"])
const CHECK_AFTER_MS = 1500

export const SHORTCUT = { altKey: true, shiftKey: true, code: "KeyN", label: "Alt+Shift+N" } as const

export default defineFeature({
  id: "name-blind",
  name: "Name-blind shortlisting",
  // Every recognised screen shows the toggle: the mask itself covers the profile's whole site.
  screens: ["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"],
  perPage: true,

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
    const refreshText = startTextMask(profile, () => maskStyle(doc).textContent ?? "", () => isRevealed(doc), signal)
    /** Name fields that found nothing while applicants are listed (the panel must not claim names are hidden then). */
    let missing: string[] = []
    const check = () => {
      if (signal.aborted) return
      const rowsListed = profile.applicants && ctx.screens.includes("shortlistingList") && safeQueryAll(doc, profile.applicants.row).length > 0
      const fields = profile.identifyingFields.map((f, i) => ({ ...f, path: `identifyingFields[${i}]` })).filter((f) => NAME_FIELDS.has(f.field))
      const next = rowsListed && fields.every((f) => safeQueryAll(doc, f.selector).length === 0)
        ? (fields.length ? fields.map((f) => `${f.path} (${f.field}, "${f.selector}")`) : ["identifyingFields (no name field)"])
        : []
      if (next.join() === missing.join()) return
      missing = next
      if (missing.length) {
        ctx.diagnostics.report({
          feature: "name-blind",
          path: fields.length ? fields.map((f) => f.path).join(", ") : "identifyingFields",
          message: `applicants are listed but ${fields.length ? "no name field finds anything" : "the profile lists no name field"}, so names may be showing${canReachClosedRoots() ? "" : " (this browser does not let extensions look inside closed components)"}.`,
        })
      }
      render()
    }
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
              h("p", { class: `fs-small${missing.length && !revealed ? " fs-warning" : ""}`, role: "status", "data-testid": "fs-name-blind-status" },
                !revealed && missing.length
                  ? `Names may be showing: nothing on this page matches the profile's name field ${missing.join(", ")}. Tell whoever maintains the site profile.`
                  : status),
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
      refreshText()
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
        refreshText()
        render()
      }
    }, signal)
    // Rows may arrive late or be re-rendered: check once they have had time to, and when the list changes.
    if (profile.applicants) {
      const t = setTimeout(check, CHECK_AFTER_MS)
      signal.addEventListener("abort", () => clearTimeout(t), { once: true })
      let pending = false
      ctx.observe("applicants.row", profile.applicants.row, () => {
        if (pending) return
        pending = true
        setTimeout(() => { pending = false; check() }, CHECK_AFTER_MS)
      }, { expectWithinMs: 0 })
    }
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
  // Written in the next frame: a style change inside a ResizeObserver callback makes the browser
  // redo style, layout and pre-paint in the frame it is painting, and the dock is first measured
  // in the frame that paints the host's list (5,000 rows: ~15-20 ms more before that frame shows).
  const ro = new ResizeObserver(() => requestAnimationFrame(() => {
    if (signal.aborted) return
    const h = Math.ceil(dockPanel.getBoundingClientRect().height) + 24
    spacer.style.setProperty("height", `${h}px`, "important")
    document.documentElement.style.setProperty("scroll-padding-bottom", `${h}px`)
  }))
  ro.observe(dockPanel)
  signal.addEventListener("abort", () => {
    ro.disconnect()
    spacer.remove()
    document.documentElement.style.removeProperty("scroll-padding-bottom")
  }, { once: true })
}
