/**
 * The name-blind stylesheet for a profile (pure, unit-tested): every identifying field and all
 * of its descendants hidden with visibility (so screen readers skip them too and a host rule on
 * a child cannot bring a name back), with a short placeholder saying what was hidden.
 */
import { cssForShadowSheets } from "@fair-shortlist/shared/deepSelector"
import type { IdentifyingFieldKind, SiteProfile } from "@fair-shortlist/shared/siteProfile"

export const PLACEHOLDER: Record<IdentifyingFieldKind, string> = {
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

/** First rule of every mask sheet: lets the overlay tell whether a shadow root carries the mask. */
export const MASK_MARKER_RULE = "fair-shortlist-mask"

/**
 * The masking stylesheet for a profile (pure: tested without a browser). The same text serves the
 * document and every shadow root: a piercing selector (`host >>> inner`) becomes
 * `:host(host) inner`, which matches only inside that component's root (and nothing in the
 * document). One rule per selector and variant, so a variant the browser rejects (`x::part(y) *`
 * is not valid CSS) is dropped alone and never takes the hiding rule with it.
 */
export function maskCss(profile: Pick<SiteProfile, "identifyingFields">): string {
  const rules = [`${MASK_MARKER_RULE} { display: none; }`]
  for (const { field, selector, attribute } of profile.identifyingFields ?? []) {
    // Text kept in an attribute: the element stays; lib/maskText.ts replaces the attribute's text.
    if (attribute) continue
    const label = (PLACEHOLDER[field] ?? "Hidden").replace(/"/g, "")
    for (const css of cssForShadowSheets(selector)) {
      if (!css) continue
      // Descendants too, so a host rule making a child visible cannot bring the name back (a pseudo-element has none).
      rules.push(`${css.includes("::") ? css : `${css}, ${css} *`} { visibility: hidden !important; }`)
      rules.push(`${css}::before { content: "${label}" !important; visibility: visible !important; color: #4c6272 !important; font-style: italic !important; }`)
    }
  }
  return rules.join("\n")
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
