/**
 * Piercing selectors: how a site profile addresses elements inside web components.
 *
 * CSS selectors stop at a shadow root. A profile selector may cross one with ` >>> `:
 * `ats-applicant-table >>> [role=row]` means "rows inside the shadow root of each
 * <ats-applicant-table>", and `ats-app >>> ats-drawer >>> h2.name` crosses two roots. Each part
 * is an ordinary CSS selector; a plain selector (no `>>>`) is matched in the document and in
 * every open shadow root. A comma list may mix both: `.name, ats-table >>> .name`.
 *
 * Pure, no DOM and no zod: the profile schema validates with it, the content scripts
 * (lib/deepDom.ts, lib/mask.ts) run it.
 */

export const PIERCE = ">>>";

/**
 * Walks the characters of selector text that are outside quoted strings and not escaped, calling
 * `visit` with each and its index. `visit` may return false to stop, or a number of following
 * characters to skip. Returns false when stopped or when a quote is left open. One scanner for
 * splitting piercing chains here and for the syntax heuristic in ./siteProfile.
 */
export function walkUnquoted(text: string, visit: (c: string, i: number) => boolean | number | void): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    const r = visit(c, i);
    if (r === false) return false;
    if (typeof r === "number") i += r;
  }
  return quote === null;
}

/**
 * Splits `text` at `sep` where it is not inside quotes, brackets or parentheses.
 * Returns the pieces trimmed (empty pieces kept, so callers can report them).
 */
function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  walkUnquoted(text, (c, i) => {
    if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i).trim());
      start = i + sep.length;
      return sep.length - 1;
    }
  });
  out.push(text.slice(start).trim());
  return out;
}

/** The alternatives of a selector list (top-level commas), each a chain of CSS selectors across shadow roots. */
export function parseDeepSelector(selector: string): string[][] {
  return splitTopLevel(selector, ",").map((alt) => splitTopLevel(alt, PIERCE));
}

export function isPiercing(selector: string): boolean {
  return parseDeepSelector(selector).some((chain) => chain.length > 1);
}

/**
 * What is wrong with a (possibly piercing) selector, in words, or null when it is fine.
 * `isValidCss` checks one plain CSS selector (the browser's parser in the extension, a heuristic elsewhere).
 */
export function deepSelectorProblem(selector: string, isValidCss: (css: string) => boolean): string | null {
  for (const chain of parseDeepSelector(selector)) {
    if (chain.length === 1 && chain[0] === "") return `"${selector}" has an empty part between commas`;
    for (let i = 0; i < chain.length; i++) {
      const part = chain[i]!;
      if (part === "") {
        return i === 0
          ? `"${selector}": nothing before ">>>" (write the component first, e.g. "ats-applicant-table >>> [role=row]")`
          : `"${selector}": nothing after ">>>" (write what to find inside the component, e.g. "ats-applicant-table >>> [role=row]")`;
      }
      if (part.includes(">>")) return `"${selector}": write ">>>" with spaces around it to look inside a component`;
      if (!isValidCss(part)) {
        return chain.length > 1
          ? `"${part}" (in "${selector}") is not a valid CSS selector`
          : `"${selector}" is not a valid CSS selector`;
      }
      if (i < chain.length - 1 && /::/.test(part)) return `"${part}" (in "${selector}") ends in a pseudo-element, which has no shadow root to look inside`;
    }
  }
  return null;
}

/**
 * The last compound selector of a complex selector ("main ats-table.big" -> "ats-table.big"),
 * or null when it cannot be isolated simply (pseudo-elements, nested selector lists).
 */
export function lastCompound(selector: string): string | null {
  if (/::|:host|:is\(|:where\(|:not\(|:has\(/.test(selector)) return null;
  const parts = splitTopLevel(selector.replace(/\s*([>+~])\s*/g, " $1 "), " ").filter((p) => p && !/^[>+~]$/.test(p));
  return parts.at(-1) ?? null;
}

/**
 * The selector as CSS for a stylesheet adopted into every shadow root (and the document): plain
 * alternatives as they are; a piercing chain as `:host(<host>) <inner>`, i.e. the inner part inside
 * the shadow root of the component named just before the last `>>>`. Outer components of a longer
 * chain are not checked (a style rule cannot see across roots), so a mask may hide slightly more,
 * never less. Returns the CSS selectors, one per alternative.
 */
export function cssForShadowSheets(selector: string): string[] {
  return parseDeepSelector(selector).map((chain) => {
    if (chain.length === 1) return chain[0]!;
    const inner = chain[chain.length - 1]!;
    const host = lastCompound(chain[chain.length - 2]!);
    return host ? `:host(${host}) ${inner}` : inner;
  });
}

/**
 * The chains to run as queries: like parseDeepSelector, with a trailing `::part(name)` read as
 * the element carrying that part inside the component (`x::part(name)` -> `x >>> [part~="name"]`),
 * since a query cannot return a pseudo-element but the element it styles holds the text.
 */
export function queryChains(selector: string): string[][] {
  return parseDeepSelector(selector).map((chain) => {
    const last = chain[chain.length - 1]!;
    const m = /^(.*)::part\(([^()]+)\)$/.exec(last);
    if (!m || !m[1]!.trim()) return chain;
    const names = m[2]!.trim().split(/\s+/).map((n) => `[part~="${n.replace(/["\\]/g, "")}"]`).join("");
    return [...chain.slice(0, -1), m[1]!.trim(), names];
  });
}
