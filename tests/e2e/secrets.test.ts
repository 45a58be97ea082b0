/**
 * The organisation's secrets against the host page: the submit token and the organisation
 * secret, typed on the options page while a recruitment system's page is open, must not be
 * readable by the extension's content script there (it runs inside the host's page), neither
 * from chrome.storage.local nor from the storage.onChanged events Chrome sends it. Checked from
 * inside the content script's own isolated world, through the DevTools protocol, which is the
 * most a compromised host page process could see. The background still has them: it sends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CDPSession, Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { manifest, openExtensionPage, sendMessage } from "./support/extensionPages";
import { waitForTrace } from "./support/overlay";

const TOKEN = "fs_submit_hostile_page_e2e_0123456789";
const SECRET = "hostile-page-e2e-secret-0123456789";

/** Evaluates in the extension's content-script world of `page` (not the page's main world). */
async function contentScriptWorld(page: Page): Promise<(expression: string) => Promise<unknown>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; name: string; auxData?: { type?: string } }> = [];
  cdp.on("Runtime.executionContextCreated", (e) => contexts.push(e.context));
  await cdp.send("Runtime.enable");
  const world = contexts.find((c) => c.auxData?.type === "isolated" && c.origin.startsWith("chrome-extension://"));
  if (!world) throw new Error(`no content-script world among ${JSON.stringify(contexts.map((c) => [c.name, c.origin, c.auxData?.type]))}`);
  return async (expression) => {
    const r = await cdp.send("Runtime.evaluate", { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
}

describe("secrets are kept from the host page's content script", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  it("typed on the options page with a host page open: nowhere the content script can read, and the background still sends", async () => {
    const host = await browser.context.newPage();
    await host.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting");
    await waitForTrace(host, "ready shortlisting-summary");
    const inContentScript = await contentScriptWorld(host);
    // Proof that this is the extension's world: it has the extension's storage API.
    expect(await inContentScript("typeof chrome.storage.local.get")).toBe("function");
    await inContentScript(`globalThis.__heard = []; chrome.storage.onChanged.addListener((c, area) => globalThis.__heard.push(area + " " + JSON.stringify(c))); true`);

    const options = await openExtensionPage(browser.context, browser.extensionId, manifest().options_ui!.page);
    await options.getByLabel("Outcomes API URL").fill("https://outcomes.example.nhs.uk");
    await options.getByLabel("Organisation submit token").fill(TOKEN);
    await options.getByLabel("Organisation secret for vacancy keys").fill(SECRET);
    await options.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => options.getByText("Saved.").count()).toBe(1);

    // The content script heard that settings changed (the events arrived), but not their values.
    // Other keys (the host's applicant list, managed profiles) change too, and may be heard first.
    await expect.poll(async () => (await inContentScript("globalThis.__heard.join('\\n')")) as string, { timeout: 15_000 }).toContain("orgSettings");
    const heard = (await inContentScript("globalThis.__heard.join('\\n')")) as string;
    const everything = (await inContentScript("chrome.storage.local.get(null).then((v) => JSON.stringify(v))")) as string;
    const session = await inContentScript("chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)");
    for (const text of [heard, everything, String(session)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(SECRET);
    }
    // The background has them: outcomes can be sent.
    const status = await sendMessage(browser.context, browser.extensionId, "getSyncStatus", {});
    expect(status).toMatchObject({ ok: true });
    expect(status.settingsProblem).toBeUndefined();
    await options.close();
    await host.close();
  });
});
