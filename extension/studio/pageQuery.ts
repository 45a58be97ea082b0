/**
 * How the studio looks elements up on the page, selectors that cross into web components
 * (`host >>> inner`, docs/site-profiles.md) included. One small interface so the studio can move
 * onto the overlay's own deep queries (lib/deepDom.ts) when those are in the extension, without
 * touching the panel or the read-out.
 */
import { safeQueryAll } from "~lib/profileRead";

export const PIERCE = " >>> ";

/** Every element `selector` finds in `root` (and, across `>>>`, inside the shadow roots of each part). */
export function queryAll(root: ParentNode, selector: string): Element[] {
  if (!selector.includes(">>>")) return safeQueryAll(root, selector);
  let scopes: ParentNode[] = [root];
  let found: Element[] = [];
  const parts = selector.split(">>>").map((p) => p.trim());
  parts.forEach((part, i) => {
    found = scopes.flatMap((s) => safeQueryAll(s, part));
    if (i < parts.length - 1) scopes = found.map((el) => el.shadowRoot).filter((r): r is ShadowRoot => r !== null);
  });
  return found;
}

/** Whether the browser parses every part of the selector. */
export function isValidSelector(selector: string): boolean {
  if (!selector.trim()) return false;
  const frag = document.createDocumentFragment();
  return selector.split(">>>").every((part) => {
    try {
      frag.querySelector(part.trim());
      return part.trim() !== "";
    } catch {
      return false;
    }
  });
}

/** The shadow roots between the document and `el`, outermost first (empty when `el` is in the document). */
export function shadowChain(el: Element): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) out.unshift(root);
  return out;
}
