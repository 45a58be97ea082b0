/**
 * Page detection, in the profile's terms: which screens of the host system is this address
 * (and, with markers, this document)? Pure functions of (profile, url, document).
 */
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { urlMatchesAny } from "@fair-shortlist/shared/matchPattern";
import { SCREEN_KINDS, type ScreenKind } from "@fair-shortlist/shared/siteProfile";

/** The part of the address a screen's `path` regex is tested against. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search + u.hash;
}

export function profileMatchesUrl(profile: SiteProfile, url: string): boolean {
  return urlMatchesAny(url, profile.matches);
}

/** Screens whose address pattern matches `url` (markers not checked). */
export function screensForUrl(profile: SiteProfile, url: string): ScreenKind[] {
  if (!profileMatchesUrl(profile, url)) return [];
  const path = pathOf(url);
  return SCREEN_KINDS.filter((kind) => {
    const screen = profile.screens[kind];
    if (!screen) return false;
    try {
      return new RegExp(screen.path).test(path);
    } catch {
      return false;
    }
  });
}

/**
 * Where the route is in an address: the path, and the fragment too when the page routes by it
 * (`#/vacancies/JT-1/applicants`, `#!/...`: a hash-routed single-page app), up to the fragment's
 * own `?query`. Offsets into pathOf(url).
 */
function routeSpans(u: URL): Array<[number, number]> {
  const p = u.pathname.length;
  const hashStart = p + u.search.length;
  if (!/^#!?\//.test(u.hash)) return [[0, p]];
  const q = u.hash.indexOf("?");
  return [[0, p], [hashStart, hashStart + (q < 0 ? u.hash.length : q)]];
}

/**
 * What of the address recognised each screen, for telling whether an in-page navigation changed
 * that screen: the text its `path` pattern matched, or, when that match starts in the route (the
 * path, or a hash router's `#/...`), only the route's part of it (so a list recognised by its path
 * keeps running when a drawer adds `?applicant=ID`, while a drawer recognised by `applicant=(\d+)`
 * starts again for the next applicant, and so does a hash-routed application page for the next
 * `#/.../applicants/ID`).
 */
export function screenKeys(profile: SiteProfile, url: string): Map<ScreenKind, string> {
  const out = new Map<ScreenKind, string>();
  if (!profileMatchesUrl(profile, url)) return out;
  const u = new URL(url);
  const path = pathOf(url);
  const route = routeSpans(u);
  for (const kind of SCREEN_KINDS) {
    const screen = profile.screens[kind];
    if (!screen) continue;
    let m: RegExpExecArray | null = null;
    try {
      m = new RegExp(screen.path).exec(path);
    } catch {
      continue;
    }
    if (!m) continue;
    const start = m.index;
    const end = start + m[0].length;
    const inRoute = route.some(([a, b]) => start >= a && start < b);
    out.set(kind, inRoute ? route.map(([a, b]) => path.slice(Math.max(a, start), Math.max(Math.min(b, end), Math.max(a, start)))).join("") : m[0]);
  }
  return out;
}

/**
 * Screens that are showing now: address matches and, if the screen names a marker, the marker
 * is in the document. Content that loads late is handled by the runner, which waits for markers.
 */
export function detectScreens(profile: SiteProfile, url: string, doc: Document): ScreenKind[] {
  return screensForUrl(profile, url).filter((kind) => {
    const marker = profile.screens[kind]?.marker;
    if (!marker) return true;
    try {
      return doc.querySelector(marker) !== null;
    } catch {
      return false;
    }
  });
}

/** The first screen showing now (in SCREEN_KINDS order), or null. */
export function detectScreen(profile: SiteProfile, url: string, doc: Document): ScreenKind | null {
  return detectScreens(profile, url, doc)[0] ?? null;
}
