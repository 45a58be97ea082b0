/**
 * A tiny element builder for overlays. Text is always set with textContent (never innerHTML),
 * so page text shown in an overlay can never become markup.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Handler = (ev: any) => void;
export type Props = Record<string, string | number | boolean | Handler | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
      else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
      else if (k === "checked" || k === "selected" || k === "disabled") (el as any)[k] = Boolean(v);
      else el.setAttribute(k === "className" ? "class" : k, v === true ? "" : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

/** Replace all children (text-safe). */
export function replaceChildren(parent: Element | ShadowRoot, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idCounter = 0;
/** Unique ids for label/aria wiring inside a shadow root. */
export function uid(prefix = "fs"): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
