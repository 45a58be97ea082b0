/**
 * Name-blind shortlisting: the profile's identifying fields (names, initials, contact details,
 * dates of birth, addresses, photos...) are hidden by a stylesheet injected at document_start,
 * before the host page first paints, so there is no flash of a name, and content added later
 * is hidden by the same rules. The user can reveal them (button or Alt+Shift+N); the choice
 * is remembered per site profile. Hidden with visibility, so screen readers skip them too.
 */
import type { IdentifyingFieldKind, SiteProfile } from "@fair-shortlist/shared/siteProfile"
import { h, replaceChildren } from "~lib/dom"
import { defineFeature } from "~lib/feature"
import { mountDockPanel } from "~lib/overlayHost"
import { KEYS } from "~lib/storage"

export const MASK_STYLE_ID = "fair-shortlist-name-blind"
export const SHORTCUT = { altKey: true, shiftKey: true, code: "KeyN", label: "Alt+Shift+N" } as const

const PLACEHOLDER: Record<IdentifyingFieldKind, string> = {
  name: "Name hidden",
  initials: "Initials hidden",
  email: "Email hidden",
  phone: "Phone hidden",
  address: "Address hidden",
  dateOfBirth: "Date of birth hidden",
  photo: "Photo hidden",
  age: "Age hidden",
  gender: "Gender hidden",
  nationality: "Nationality hidden",
  other: "Hidden",
}

/** The masking stylesheet for a profile (pure: tested without a browser). */
export function maskCss(profile: SiteProfile): string {
  return profile.identifyingFields
    .map(({ field, selector }) => {
      const parts = selector.split(/,(?![^([]*[)\]])/).map((s) => s.trim()).filter(Boolean)
      const hide = parts.flatMap((s) => [s, `${s} *`]).join(", ")
      const before = parts.map((s) => `${s}::before`).join(", ")
      const label = (PLACEHOLDER[field] ?? "Hidden").replace(/"/g, "")
      return `${hide} { visibility: hidden !important; }\n${before} { content: "${label}" !important; visibility: visible !important; color: #4c6272 !important; font-style: italic !important; }`
    })
    .join("\n")
}

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
