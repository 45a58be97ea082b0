import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { extensionPath, launchWithExtension, type ExtensionBrowser } from "./support/browser";

describe("built extension", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => browser?.close());

  it("is a loadable Manifest V3 extension", () => {
    const manifest = JSON.parse(readFileSync(path.join(extensionPath, "manifest.json"), "utf8"));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe("Fair Shortlist");
  });

  it("opens its popup in Chromium", async () => {
    const manifest = JSON.parse(readFileSync(path.join(extensionPath, "manifest.json"), "utf8"));
    const page = await browser.context.newPage();
    const id = browser.extensionId;
    expect(id, "extension service worker should start").toMatch(/^[a-p]{32}$/);
    await page.goto(`chrome-extension://${id}/${manifest.action.default_popup}`);
    await expect.poll(() => page.textContent("h1")).toContain("Fair Shortlist");
  });
});
