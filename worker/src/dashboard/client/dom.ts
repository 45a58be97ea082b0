/**
 * Tiny DOM builders. Text from the API or from an imported file only ever becomes a text
 * node (never innerHTML), so no value can turn into markup.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node as SVGElement;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from the page`);
  return node as T;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * A table with a caption, header row and body rows; cells may be nodes or text. Each cell also
 * carries its column heading (hidden from assistive technology, which has the real headers),
 * shown by the stylesheet when narrow screens stack each row as a block, as NHS.UK's
 * responsive table does. Explicit roles keep the table semantics when rows are display: block.
 */
export function table(caption: string, head: string[], rows: Child[][], opts: { className?: string; rowHeaders?: boolean } = {}): HTMLTableElement {
  const heading = (i: number) => h("span", { class: "table-heading", "aria-hidden": "true" }, head[i] ?? "");
  return h(
    "table",
    { class: `${opts.className ?? "data-table"} responsive-table`, role: "table" },
    h("caption", {}, caption),
    h("thead", { role: "rowgroup" }, h("tr", { role: "row" }, ...head.map((c) => h("th", { scope: "col", role: "columnheader" }, c)))),
    h(
      "tbody",
      { role: "rowgroup" },
      ...rows.map((r) =>
        h(
          "tr",
          { role: "row" },
          ...r.map((c, i) =>
            i === 0 && opts.rowHeaders !== false
              ? h("th", { scope: "row", role: "rowheader" }, heading(i), c)
              : h("td", { role: "cell" }, heading(i), c),
          ),
        ),
      ),
    ),
  );
}

let uid = 0;
export function uniqueId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}
