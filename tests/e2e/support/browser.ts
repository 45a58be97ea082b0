/**
 * One place that knows how to start Debian Chromium with the built extension loaded
 * (see docs/development.md): a persistent context, new headless mode, and the
 * flags that keep Chromium off the closed network.
 */
import { chromium, type BrowserContext } from "playwright-core";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
/**
 * The browser tests' build of the extension (npm run build:e2e): the production code, except that
 * overlay shadow roots are open so Playwright's locators can look inside them
 * (extension/lib/overlayHost.ts). The production build itself is checked by closed-shadow.test.ts.
 */
export const extensionPath = process.env.FAIR_SHORTLIST_E2E_EXTENSION ?? path.join(repoRoot, "extension/build/chrome-mv3-e2e");
/**
 * What users install (npm run build:prod): closed shadow roots. FAIR_SHORTLIST_E2E_EXTENSION
 * replaces both builds, e.g. with the stub of tests/e2e/stub-check.mjs.
 */
export const productionExtensionPath = process.env.FAIR_SHORTLIST_E2E_EXTENSION ?? path.join(repoRoot, "extension/build/chrome-mv3-prod");
const defaultExtensionPath = extensionPath;

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error("Chromium not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH");
  return found;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchWithExtension(opts: { userDataDir?: string; withExtension?: boolean; /** another build of the extension (e.g. a test copy with a patched manifest) */ extensionDir?: string } = {}): Promise<ExtensionBrowser> {
  const withExtension = opts.withExtension ?? true;
  const extensionPath = opts.extensionDir ?? defaultExtensionPath;
  if (withExtension && !existsSync(path.join(extensionPath, "manifest.json"))) {
    throw new Error(`Extension not built at ${extensionPath}: run npm run build`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), "fair-shortlist-e2e-"));
  const args = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
  ];
  if (withExtension) args.push(`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: false, // headless comes from --headless=new, which supports extensions
    executablePath: chromiumPath(),
    args,
    ignoreDefaultArgs: ["--disable-extensions"],
  });
  let extensionId = "";
  if (withExtension) {
    let [worker] = context.serviceWorkers();
    if (!worker) worker = await context.waitForEvent("serviceworker", { timeout: 15_000 }).catch(() => undefined as never);
    if (worker) extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
