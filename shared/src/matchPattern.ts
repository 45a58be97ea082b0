/**
 * Chrome match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns),
 * pure and dependency-free: used by site-profile validation (siteProfile.ts re-exports all of
 * this) and by the extension's document_start masking script, which must stay small.
 */

export interface ParsedMatchPattern {
  scheme: "*" | "http" | "https";
  /** "*" (any host), "*.example.org" (host and subdomains) or an exact host. */
  host: string;
  port: string | null;
  /** Path glob; "*" matches any run of characters. Includes query when the URL has one. */
  path: string;
}

const MATCH_PATTERN_RE = /^(\*|https?):\/\/(\*|(?:\*\.)?[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?(\/.*)$/i;

/**
 * Parses a Chrome match pattern (`https://*.trac.jobs/*`). Returns an error message in words
 * instead of throwing. `<all_urls>` and schemes other than http(s) are refused: a recruitment
 * profile never needs them, and least privilege is the rule.
 */
export function parseMatchPattern(pattern: string): { ok: true; pattern: ParsedMatchPattern } | { ok: false; message: string } {
  if (pattern === "<all_urls>") return { ok: false, message: "\"<all_urls>\" would give the extension every website; name the recruitment system's host instead" };
  const m = MATCH_PATTERN_RE.exec(pattern);
  if (!m) {
    if (!/^[a-z*]+:\/\//i.test(pattern)) return { ok: false, message: `"${pattern}" must start with https:// (or http://), e.g. https://jobs.example.nhs.uk/*` };
    if (!/^[a-z*]+:\/\/[^/]+\//i.test(pattern)) return { ok: false, message: `"${pattern}" needs a path after the host, e.g. ${pattern.replace(/\/?$/, "/*")}` };
    if (/^(\*|https?):\/\/[^/]*\*[^/]*\//i.test(pattern) && !/^(\*|https?):\/\/(\*|\*\.[^/*]+)(:\d+)?\//i.test(pattern)) {
      return { ok: false, message: `"${pattern}": a "*" in the host may only come first, followed by a dot (e.g. https://*.example.org/*)` };
    }
    return { ok: false, message: `"${pattern}" is not a valid match pattern (expected https://host/path, e.g. https://www.jobs.nhs.uk/*)` };
  }
  const [, scheme, host, port, path] = m as unknown as [string, string, string, string | undefined, string];
  if (host === "*") return { ok: false, message: `"${pattern}" matches every website; name the recruitment system's host (e.g. https://*.trac.jobs/*)` };
  if (port && Number(port) > 65535) return { ok: false, message: `"${pattern}" has an impossible port ${port}` };
  return { ok: true, pattern: { scheme: scheme.toLowerCase() as ParsedMatchPattern["scheme"], host: host.toLowerCase(), port: port ?? null, path } };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp("^" + glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
}

/** Does `url` match the Chrome match pattern? Pure; invalid patterns and URLs never match. */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  const parsed = parseMatchPattern(pattern);
  if (!parsed.ok) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const p = parsed.pattern;
  const scheme = u.protocol.replace(/:$/, "");
  if (p.scheme === "*" ? scheme !== "http" && scheme !== "https" : scheme !== p.scheme) return false;
  const host = u.hostname.toLowerCase();
  if (p.host.startsWith("*.")) {
    const base = p.host.slice(2);
    if (host !== base && !host.endsWith("." + base)) return false;
  } else if (host !== p.host) return false;
  if (p.port !== null && u.port !== p.port && !(u.port === "" && defaultPort(scheme) === p.port)) return false;
  return globToRegExp(p.path).test(u.pathname + u.search);
}

function defaultPort(scheme: string): string {
  return scheme === "https" ? "443" : "80";
}

export function urlMatchesAny(url: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => urlMatchesPattern(url, p));
}

/**
 * The host-permission origin a pattern needs (`https://*.trac.jobs/*`): permissions are
 * granted per origin, so the path is widened to `/*`.
 */
export function originPatternOf(pattern: string): string | null {
  const parsed = parseMatchPattern(pattern);
  if (!parsed.ok) return null;
  const { scheme, host, port } = parsed.pattern;
  return `${scheme}://${host}${port ? ":" + port : ""}/*`;
}

