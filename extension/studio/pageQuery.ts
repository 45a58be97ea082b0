/**
 * How the studio looks elements up on the page: exactly as the overlay does (lib/profileRead.ts
 * over lib/deepDom.ts), so a count in the studio is what the overlay will find, web components'
 * shadow roots and piercing selectors (`host >>> inner`, shared/src/deepSelector.ts) included.
 */
import { deepSelectorProblem } from "@fair-shortlist/shared/deepSelector";
import { safeQueryAll } from "~lib/profileRead";

/** Every element `selector` finds in `root`, inside open shadow roots too. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  return safeQueryAll(root, selector);
}

function cssOk(css: string): boolean {
  try {
    document.createDocumentFragment().querySelector(css);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a (possibly piercing) selector in words, or null when the browser can use it. */
export function selectorProblem(selector: string): string | null {
  if (!selector.trim()) return "is empty";
  return deepSelectorProblem(selector, cssOk);
}

export function isValidSelector(selector: string): boolean {
  return selectorProblem(selector) === null;
}

/** How many elements a selector finds in `root`; -1 when it cannot be parsed. */
export function countIn(root: ParentNode, selector: string): number {
  return isValidSelector(selector) ? queryAll(root, selector).length : -1;
}

/** The shadow roots between the document and `el`, outermost first (empty when `el` is in the document). */
export function shadowChain(el: Element): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) out.unshift(root);
  return out;
}
