/**
 * Helpers for driving the extension's own pages (popup, options) and its background service
 * in e2e tests: open a page, configure organisation settings, read the outbox.
 */
import type { BrowserContext, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import { extensionPath } from "./browser";

export function manifest(): { action: { default_popup: string }; options_ui?: { page: string }; storage?: { managed_schema: string } } {
  return JSON.parse(readFileSync(path.join(extensionPath, "manifest.json"), "utf8"));
}

export async function openExtensionPage(context: BrowserContext, extensionId: string, page: string): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${extensionId}/${page.replace(/^\.?\//, "")}`);
  return p;
}

export async function openPopup(context: BrowserContext, extensionId: string, query = ""): Promise<Page> {
  return openExtensionPage(context, extensionId, manifest().action.default_popup + query);
}

export interface OrgSettingsInput {
  apiUrl?: string;
  submitToken?: string;
  orgSecret?: string;
  panelPolicy?: unknown;
  internalEmailDomains?: string[];
}

/**
 * Replaces the settings as the options page stores them (the options page itself has its own
 * tests): the secrets in the extension-origin vault (extension/settings/secretVault.ts), the
 * rest in chrome.storage.local, then the change marker the background listens for.
 */
export async function setOrgSettings(context: BrowserContext, extensionId: string, settings: OrgSettingsInput): Promise<void> {
  const page = await openPopup(context, extensionId);
  await page.evaluate(async (s) => {
    const { submitToken, orgSecret, ...rest } = s as Record<string, unknown>;
    const secrets = Object.fromEntries(Object.entries({ submitToken, orgSecret }).filter(([, v]) => v !== undefined));
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open("fair-shortlist-secrets", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("secrets");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction("secrets", "readwrite");
        tx.objectStore("secrets").put(secrets, "organisation");
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    await chrome.storage.local.set({ orgSettings: rest, "orgSettings.secretsChangedAt": Date.now() });
  }, settings as Record<string, unknown>);
  await page.close();
}

/** Sends a message to the background worker from an extension page, as the content scripts do. */
export async function sendMessage<T = any>(context: BrowserContext, extensionId: string, name: string, body: unknown): Promise<T> {
  const page = await openPopup(context, extensionId);
  try {
    return await page.evaluate(([n, b]) => chrome.runtime.sendMessage({ fairShortlist: 1, name: n, body: b }), [name, body] as const);
  } finally {
    await page.close();
  }
}

export async function readStorage<T = any>(context: BrowserContext, extensionId: string, key: string): Promise<T> {
  const page = await openPopup(context, extensionId);
  try {
    return (await page.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key)) as T;
  } finally {
    await page.close();
  }
}
