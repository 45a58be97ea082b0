/**
 * In-page navigation (history.pushState/replaceState, back/forward, #fragment changes) seen from
 * a content script. Content scripts live in an isolated world, so patching history.pushState
 * would not see the page's own calls. We listen to the Navigation API where Chromium has it
 * (`currententrychange` fires after every same-document navigation), to popstate/hashchange,
 * and, as a backstop, compare location.href whenever the DOM changes (hosts re-render after
 * navigating). No timers, no polling.
 */
export function onUrlChange(callback: (url: string) => void, signal: AbortSignal): void {
  let last = location.href;
  const check = () => {
    if (signal.aborted) return;
    const now = location.href;
    if (now === last) return;
    last = now;
    callback(now);
  };
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  nav?.addEventListener("currententrychange", check, { signal });
  nav?.addEventListener("navigatesuccess", check, { signal });
  window.addEventListener("popstate", check, { signal });
  window.addEventListener("hashchange", check, { signal });
  let queued = false;
  const mo = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      check();
    });
  });
  mo.observe(document, { childList: true, subtree: true });
  signal.addEventListener("abort", () => mo.disconnect(), { once: true });
}
