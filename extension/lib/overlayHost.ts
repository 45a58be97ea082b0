/**
 * Overlay hosts: every overlay is its own element with its own shadow root carrying the NHS.UK
 * stylesheet, so host CSS cannot break it and ours cannot leak into the host. The host element
 * is removed when the feature's signal aborts (in-page navigation, or the page going away).
 */
import { NHS_OVERLAY_CSS } from "./nhsStyles";

export const OVERLAY_TAG = "fair-shortlist-overlay";

/**
 * Closed: the host page's own scripts get null from host.shadowRoot, so they cannot read the
 * scores, notes or reasons an overlay shows (docs/privacy.md, "What a host page could still
 * see"). The browser tests need to look inside, and Playwright reaches only open roots: their
 * build (npm run build:e2e, extension/build/chrome-mv3-e2e) sets PLASMO_PUBLIC_FS_E2E_OPEN_SHADOW,
 * which the production build does not, so this constant is "closed" there and the other
 * branch is dropped. tests/e2e/closed-shadow.test.ts checks the production build.
 */
export const OVERLAY_SHADOW_MODE: ShadowRootMode = process.env.PLASMO_PUBLIC_FS_E2E_OPEN_SHADOW === "1" ? "open" : "closed";
const DOCK_TAG = "fair-shortlist-dock";

let sheet: CSSStyleSheet | null = null;
function styleInto(root: ShadowRoot): void {
  // One constructed stylesheet shared by every shadow root: 500 row badges cost one parse.
  try {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(NHS_OVERLAY_CSS);
      return s;
    })();
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement("style");
    style.textContent = NHS_OVERLAY_CSS;
    root.appendChild(style);
  }
}

export type Placement = "after" | "before" | "append" | "prepend";

export interface Overlay {
  host: HTMLElement;
  root: ShadowRoot;
  /** The container to render into (a labelled region). */
  body: HTMLElement;
}

export interface MountOptions {
  feature: string;
  signal: AbortSignal;
  /** Accessible name of the overlay region, e.g. "Structured shortlisting". */
  label: string;
  /** Extra key so one feature can mount several overlays (e.g. one per applicant row). */
  key?: string;
  /** Make the body a landmark region (default true; false for small inline badges). */
  region?: boolean;
}

function important(el: HTMLElement, props: Record<string, string>): void {
  for (const [k, v] of Object.entries(props)) el.style.setProperty(k, v, "important");
}

function createHost(opts: MountOptions): Overlay {
  const host = document.createElement(OVERLAY_TAG);
  host.dataset.feature = opts.feature;
  if (opts.key) host.dataset.key = opts.key;
  important(host, { display: "block", position: "static", visibility: "visible", opacity: "1", transform: "none", filter: "none" });
  const root = host.attachShadow({ mode: OVERLAY_SHADOW_MODE });
  styleInto(root);
  const body = document.createElement("div");
  body.className = "fs-body";
  if (opts.region !== false) {
    body.setAttribute("role", "region");
    body.setAttribute("aria-label", opts.label);
  }
  root.appendChild(body);
  opts.signal.addEventListener("abort", () => host.remove(), { once: true });
  return { host, root, body };
}

/** Mount an overlay next to a host element. */
export function mountOverlay(anchor: Element, placement: Placement, opts: MountOptions): Overlay {
  const overlay = createHost(opts);
  if (placement === "after") anchor.after(overlay.host);
  else if (placement === "before") anchor.before(overlay.host);
  else if (placement === "append") anchor.append(overlay.host);
  else anchor.prepend(overlay.host);
  return overlay;
}

/** Overlays mounted by a feature next to `anchor` (to avoid mounting twice after a host re-render). */
export function overlaysNear(anchor: Element, feature: string, key?: string): HTMLElement[] {
  const near = [anchor.nextElementSibling, anchor.previousElementSibling, ...anchor.children].filter(
    (el): el is HTMLElement => el instanceof HTMLElement && el.tagName.toLowerCase() === OVERLAY_TAG && el.dataset.feature === feature && (key === undefined || el.dataset.key === key),
  );
  return near;
}

function dock(): HTMLElement {
  let d = document.querySelector<HTMLElement>(DOCK_TAG);
  if (!d || !d.isConnected) {
    d = document.createElement(DOCK_TAG);
    important(d, {
      position: "fixed", right: "16px", bottom: "16px", "z-index": "2147483000", display: "flex",
      "flex-direction": "column", "align-items": "flex-end", gap: "8px", "max-height": "90vh", overflow: "auto",
      visibility: "visible", opacity: "1", margin: "0", padding: "0", border: "0", background: "transparent",
    });
    // On <html>, after <body>: a host that rewrites its body does not take the dock with it.
    document.documentElement.appendChild(d);
  }
  return d;
}

/** Mount a small floating panel in the bottom-right dock (for page-wide controls). */
export function mountDockPanel(opts: MountOptions & { order?: number }): Overlay {
  const overlay = createHost(opts);
  if (opts.order !== undefined) overlay.host.style.setProperty("order", String(opts.order), "important");
  dock().appendChild(overlay.host);
  return overlay;
}
