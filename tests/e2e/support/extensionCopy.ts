/**
 * Test-only: a copy of the built extension with a patched manifest.
 *
 * Why: chrome.permissions.request shows a browser prompt that headless Chromium never answers,
 * so the "grant the imported profile's host at runtime" step cannot be clicked through. The
 * copy lists the fixture host in host_permissions (granted at install); the options page still
 * calls chrome.permissions.request, which then resolves true at once, and the content script
 * still reaches that host only through chrome.scripting.registerContentScripts (the manifest's
 * content_scripts are untouched). Everything else is the production build.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { extensionPath } from "./browser";

export function extensionCopyWithHosts(extraHostPermissions: string[]): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "fair-shortlist-ext-"));
  cpSync(extensionPath, dir, { recursive: true });
  const file = path.join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...extraHostPermissions];
  writeFileSync(file, JSON.stringify(manifest));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
