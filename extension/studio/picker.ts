/**
 * "Pick" mode: the element under the pointer is outlined (inside open shadow roots too, through
 * the event's composed path), a click chooses it, Escape stops. While picking, the click never
 * reaches the host page (a link is not followed, a button not pressed). The outline lives in the
 * studio's own shadow root: the host page's DOM is never changed.
 */
import { cssIdent, proposeSelectors, type Proposal, type ProposalMode } from "./selectorProposal";
import { countIn, queryAll, shadowChain } from "./pageQuery";

export interface PickOptions {
  /** The studio's own host element: pointing at it is not picking. */
  own: Element;
  /** Where the outline is drawn (inside the studio's shadow root). */
  layer: HTMLElement;
  onPick(el: Element): void;
  onCancel(): void;
  /** Text shown next to the outline, e.g. "li.candidate: 12 like it". */
  describe?(el: Element): string;
}

function targetOf(ev: Event, own: Element): Element | null {
  const path = ev.composedPath();
  if (path.includes(own)) return null;
  const first = path.find((n): n is Element => n instanceof Element);
  return first ?? null;
}

/** Starts picking; returns a function that stops it. */
export function startPick(opts: PickOptions): () => void {
  const box = document.createElement("div");
  box.className = "studio-outline";
  box.setAttribute("data-testid", "studio-outline");
  const tag = document.createElement("div");
  tag.className = "studio-outline-tag";
  box.appendChild(tag);
  opts.layer.appendChild(box);
  let current: Element | null = null;
  const trail: Element[] = [];

  const show = (el: Element | null) => {
    current = el;
    if (!el) {
      box.style.display = "none";
      return;
    }
    const r = el.getBoundingClientRect();
    Object.assign(box.style, { display: "block", left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    tag.textContent = opts.describe?.(el) ?? el.localName;
    box.dataset.target = el.localName;
  };
  let pointed: Element | null = null;
  const onMove = (ev: Event) => {
    const t = targetOf(ev, opts.own);
    if (t === pointed) return; // small moves over the same element keep an ArrowUp choice
    pointed = t;
    trail.length = 0;
    show(t);
  };
  const swallow = (ev: Event) => {
    if (!targetOf(ev, opts.own)) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
  };
  const onClick = (ev: Event) => {
    const t = targetOf(ev, opts.own);
    if (!t) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    stop();
    opts.onPick(t);
  };
  // Keyboard: ArrowUp outlines the element around the current one (a row, not the cell under the
  // pointer), ArrowDown goes back, Enter picks what is outlined, Escape stops.
  const onKey = (ev: KeyboardEvent) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      stop();
      opts.onCancel();
    } else if (ev.key === "ArrowUp" && current) {
      const up = current.parentElement ?? ((current.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      if (!up || up === document.documentElement || up === document.body) return;
      ev.preventDefault();
      trail.push(current);
      show(up);
    } else if (ev.key === "ArrowDown" && trail.length) {
      ev.preventDefault();
      show(trail.pop()!);
    } else if (ev.key === "Enter" && current) {
      ev.preventDefault();
      const t = current;
      stop();
      opts.onPick(t);
    }
  };
  const cap = { capture: true } as const;
  window.addEventListener("pointermove", onMove, cap);
  window.addEventListener("mouseover", onMove, cap);
  for (const t of ["pointerdown", "mousedown", "pointerup", "mouseup", "auxclick", "dblclick", "submit"]) window.addEventListener(t, swallow, cap);
  window.addEventListener("click", onClick, cap);
  window.addEventListener("keydown", onKey, cap);
  let stopped = false;
  function stop() {
    if (stopped) return;
    stopped = true;
    window.removeEventListener("pointermove", onMove, cap);
    window.removeEventListener("mouseover", onMove, cap);
    for (const t of ["pointerdown", "mousedown", "pointerup", "mouseup", "auxclick", "dblclick", "submit"]) window.removeEventListener(t, swallow, cap);
    window.removeEventListener("click", onClick, cap);
    window.removeEventListener("keydown", onKey, cap);
    box.remove();
  }
  return stop;
}

/**
 * Proposals for a picked element. Inside a web component the selector crosses into it with
 * `>>>`, one part per shadow root, each part proposed within its own root. Inside a row
 * (`row` given) the selector is relative to the row, and the row itself is ":scope".
 */
export function proposalsFor(el: Element, mode: ProposalMode, row: Element | null): Proposal[] {
  if (row && el === row) return [{ selector: ":scope", matches: 1, why: "the row itself", tier: 0 }];
  const chain = shadowChain(el);
  if (!chain.length || row) {
    const scope: ParentNode = row ?? document;
    return proposeSelectors(el, {
      mode,
      scope: row,
      count: (s) => countIn(scope, s),
    });
  }
  // Outermost host in the document, then each inner part in its own root.
  const parts: string[] = [];
  const hosts = chain.map((r) => r.host);
  let container: ParentNode = document;
  for (const host of hosts) {
    const c = container;
    const best = proposeSelectors(host, { mode: "one", count: (s) => plainCount(c, s) })[0];
    parts.push(best?.selector ?? cssIdent(host.localName));
    container = host.shadowRoot!;
  }
  const inner = container;
  return proposeSelectors(el, { mode, count: (s) => plainCount(inner, s) }).map((p) => {
    const selector = [...parts, p.selector].join(" >>> ");
    return { ...p, selector, matches: queryAll(document, selector).length, why: `${p.why}, inside <${hosts[hosts.length - 1]!.localName}>` };
  });
}

/** Matches of a plain selector within one root (not below it): one part of a piercing selector. */
function plainCount(root: ParentNode, s: string): number {
  try {
    return root.querySelectorAll(s).length;
  } catch {
    return -1;
  }
}
