/**
 * The name-blind stylesheet for a profile (pure, unit-tested): every identifying field and all
 * of its descendants hidden with visibility (so screen readers skip them too and a host rule on
 * a child cannot bring a name back), with a short placeholder saying what was hidden.
 */
import type { IdentifyingFieldKind, SiteProfile } from "@fair-shortlist/shared/siteProfile"

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
export function maskCss(profile: Pick<SiteProfile, "identifyingFields">): string {
  return (profile.identifyingFields ?? [])
    .map(({ field, selector }) => {
      const parts = selector.split(/,(?![^([]*[)\]])/).map((s) => s.trim()).filter(Boolean)
      const hide = parts.flatMap((s) => [s, `${s} *`]).join(", ")
      const before = parts.map((s) => `${s}::before`).join(", ")
      const label = (PLACEHOLDER[field] ?? "Hidden").replace(/"/g, "")
      return `${hide} { visibility: hidden !important; }\n${before} { content: "${label}" !important; visibility: visible !important; color: #4c6272 !important; font-style: italic !important; }`
    })
    .join("\n")
}


export const MASK_STYLE_ID = "fair-shortlist-name-blind"

export function maskStyle(doc: Document): HTMLStyleElement {
  let style = doc.getElementById(MASK_STYLE_ID) as HTMLStyleElement | null
  if (!style) {
    style = doc.createElement("style")
    style.id = MASK_STYLE_ID
    ;(doc.head ?? doc.documentElement).appendChild(style)
  }
  return style
}

/** media="not all" switches the rules off without removing them, so hiding again is instant. */
export function setRevealed(doc: Document, revealed: boolean): void {
  const style = maskStyle(doc)
  if (revealed) style.setAttribute("media", "not all")
  else style.removeAttribute("media")
}

export function isRevealed(doc: Document): boolean {
  return maskStyle(doc).getAttribute("media") === "not all"
}
