/**
 * Name-blind shortlisting: the profile's identifying fields (names, initials, contact details,
 * dates of birth, addresses, photos...) are hidden by a stylesheet injected at document_start,
 * before the host page first paints, so there is no flash of a name, and content added later
 * is hidden by the same rules. The user can reveal them (button or Alt+Shift+N); the choice
 * is remembered per site profile. Hidden with visibility, so screen readers skip them too.
 */
import { h, replaceChildren } from "~lib/dom"
import { maskCss } from "~lib/mask"
import { defineFeature } from "~lib/feature"
import { mountDockPanel } from "~lib/overlayHost"
import { KEYS } from "~lib/storage"

export const MASK_STYLE_ID = "fair-shortlist-name-blind"
export const SHORTCUT = { altKey: true, shiftKey: true, code: "KeyN", label: "Alt+Shift+N" } as const

function maskStyle(doc: Document): HTMLStyleElement {
  let style = doc.getElementById(MASK_STYLE_ID) as HTMLStyleElement | null
  if (!style) {
    style = doc.createElement("style")
    style.id = MASK_STYLE_ID
    ;(doc.head ?? doc.documentElement).appendChild(style)
  }
  return style
}

function setRevealed(doc: Document, revealed: boolean): void {
  const style = maskStyle(doc)
  // media="not all" switches the rules off without removing them, so hiding again is instant.
  if (revealed) style.setAttribute("media", "not all")
  else style.removeAttribute("media")
}

function isRevealed(doc: Document): boolean {
  return maskStyle(doc).getAttribute("media") === "not all"
}

export default defineFeature({
  id: "name-blind",
  name: "Name-blind shortlisting",
  // Every recognised screen shows the toggle: the mask itself covers the profile's whole site.
  screens: ["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"],

  documentStart(profile, doc) {
    maskStyle(doc).textContent = maskCss(profile)
  },

  async init(ctx, signal) {
    const { profile, storage, document: doc } = ctx
    if (profile.identifyingFields.length === 0) return false
    // Keep the stylesheet in place if the host rewrites <head>.
    if (!doc.getElementById(MASK_STYLE_ID)) maskStyle(doc).textContent = maskCss(profile)

    const readPref = async () => ((await storage.get<Record<string, boolean>>(KEYS.nameBlindRevealed, {}))[profile.id] ?? false)
    setRevealed(doc, await readPref())
    if (signal.aborted) return

    const overlay = mountDockPanel({ feature: "name-blind", label: "Name-blind shortlisting", signal, order: 1 })
    const render = () => {
      const revealed = isRevealed(doc)
      replaceChildren(
        overlay.body,
        h("div", { class: "fs-dock-panel", "data-testid": "fs-name-blind" },
          h("p", { class: "fs-small", role: "status", "data-testid": "fs-name-blind-status" },
            revealed ? "Names and personal details are showing." : "Names and personal details are hidden for name-blind shortlisting."),
          h("button", {
            type: "button",
            class: "fs-button fs-button--secondary",
            "aria-keyshortcuts": SHORTCUT.label,
            "data-testid": "fs-name-blind-toggle",
            onclick: () => void toggle(),
          }, revealed ? `Hide names (${SHORTCUT.label})` : `Show names (${SHORTCUT.label})`),
        ),
      )
    }
    const toggle = async () => {
      const next = !isRevealed(doc)
      setRevealed(doc, next)
      render()
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
