/**
 * When the page does not look as the site profile says (a selector that finds nothing, a
 * selector the browser cannot parse, a feature that fails), the user gets one small, clear
 * panel saying what was not found and which profile field to fix. Never a crash, never silence.
 */
import type { Diagnostics } from "./feature";
import { h, replaceChildren } from "./dom";
import { mountDockPanel, type Overlay } from "./overlayHost";

export interface Problem {
  feature: string;
  path?: string;
  message: string;
}

export function createDiagnostics(profileName: string, signal: AbortSignal): Diagnostics & { problems: Problem[] } {
  const problems: Problem[] = [];
  let overlay: Overlay | null = null;
  const render = () => {
    overlay ??= mountDockPanel({ feature: "diagnostics", label: "Fair Shortlist: page not recognised", signal, order: 99 });
    replaceChildren(
      overlay.body,
      h("div", { class: "fs-dock-panel fs-warning", role: "status", "data-testid": "fs-diagnostics" },
        h("h2", { class: "fs-h3" }, "Fair Shortlist could not read part of this page"),
        h("p", { class: "fs-small" }, `The page may have changed since the "${profileName}" site profile was written. The rest of the overlay still works; ask whoever maintains the profile to update the fields below.`),
        h("ul", { class: "fs-lint" }, problems.map((p) => h("li", null, p.path ? h("code", null, p.path) : null, p.path ? ": " : null, p.message))),
      ),
    );
  };
  return {
    problems,
    report(problem) {
      if (signal.aborted) return;
      if (problems.some((p) => p.feature === problem.feature && p.path === problem.path && p.message === problem.message)) return;
      problems.push(problem);
      console.warn(`[Fair Shortlist] ${problem.feature}${problem.path ? ` (${problem.path})` : ""}: ${problem.message}`);
      render();
    },
  };
}
