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
