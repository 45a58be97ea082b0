// The submit token and the organisation secret never sit in chrome.storage.local, which the
// content scripts on the host's pages can read and whose every change Chrome broadcasts to them
// (values included). They live in a vault of the extension's own origin; the content scripts'
// storage module does not even load the background's keys.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SecretVault, Secrets } from "../../extension/settings/secretVault";

const TOKEN = "fs_submit_secret_token_0123456789abcdef";
const SECRET = "org-secret-0123456789abcdef-xyz";

function fakeChrome() {
  const local = new Map<string, unknown>();
  const broadcasts: string[] = [];
  const listeners: Array<(c: Record<string, chrome.storage.StorageChange>, area: string) => void> = [];
  const api = {
    storage: {
      local: {
        async get(keys: string | string[] | null) {
          const list = keys === null ? [...local.keys()] : Array.isArray(keys) ? keys : [keys];
          return Object.fromEntries(list.filter((k) => local.has(k)).map((k) => [k, structuredClone(local.get(k))]));
        },
        async getKeys() {
          return [...local.keys()];
        },
        async set(items: Record<string, unknown>) {
          const changes: Record<string, chrome.storage.StorageChange> = {};
          for (const [k, v] of Object.entries(items)) {
            changes[k] = { oldValue: local.get(k), newValue: v };
            local.set(k, structuredClone(v));
          }
          // What every content script of the extension receives.
          broadcasts.push(JSON.stringify(changes));
          listeners.forEach((l) => l(changes, "local"));
        },
        async remove() {},
      },
      managed: { get: async () => ({}) },
      onChanged: { addListener: (l: (typeof listeners)[number]) => listeners.push(l), removeListener: () => undefined },
    },
  };
  return { api, local, broadcasts };
}

function memoryVault(): SecretVault & { value: Secrets } {
  return {
    value: {},
    async read() {
      return { ...this.value };
    },
    async write(s) {
      this.value = { ...s };
    },
  };
}

describe("secrets stay out of what content scripts can read", () => {
  let fake: ReturnType<typeof fakeChrome>;
  let vault: ReturnType<typeof memoryVault>;
  beforeEach(async () => {
    vi.resetModules();
    fake = fakeChrome();
    vault = memoryVault();
    vi.stubGlobal("chrome", fake.api);
    (await import("../../extension/settings/store")).useSecretVault(vault);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("saving on the options page puts the token and secret in the vault, never in chrome.storage.local nor its change events", async () => {
    const store = await import("../../extension/settings/store");
    expect(await store.saveLocalSettings({ apiUrl: "https://api.example.nhs.uk", submitToken: TOKEN, orgSecret: SECRET })).toEqual({ ok: true });
    const everything = JSON.stringify([...fake.local.entries()]) + fake.broadcasts.join("");
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(SECRET);
    expect(vault.value).toEqual({ submitToken: TOKEN, orgSecret: SECRET });
    // The background still has them.
    const s = await store.loadSettings();
    expect(s).toMatchObject({ apiUrl: "https://api.example.nhs.uk", submitToken: TOKEN, orgSecret: SECRET });
    expect(s.source).toMatchObject({ submitToken: "local", orgSecret: "local" });
    // A later save of something else keeps them; clearing one removes it from the vault.
    await store.saveLocalSettings({ apiUrl: "https://other.example.nhs.uk" });
    expect((await store.loadSettings()).orgSecret).toBe(SECRET);
    await store.saveLocalSettings({ submitToken: undefined });
    expect(vault.value).toEqual({ orgSecret: SECRET });
  });

  it("a change to the secrets still reaches the background (settings changed), without carrying them", async () => {
    const store = await import("../../extension/settings/store");
    const heard = vi.fn();
    store.onSettingsChanged(heard);
    await store.saveLocalSettings({ submitToken: TOKEN });
    expect(heard).toHaveBeenCalled();
    expect(fake.broadcasts.join("")).not.toContain(TOKEN);
  });

  it("secrets an earlier version left in chrome.storage.local are moved into the vault and removed", async () => {
    fake.local.set("orgSettings", { apiUrl: "https://api.example.nhs.uk", submitToken: TOKEN, orgSecret: SECRET });
    const store = await import("../../extension/settings/store");
    expect(await store.loadSettings()).toMatchObject({ submitToken: TOKEN, orgSecret: SECRET });
    expect(fake.local.get("orgSettings")).toEqual({ apiUrl: "https://api.example.nhs.uk" });
    expect(vault.value).toEqual({ submitToken: TOKEN, orgSecret: SECRET });
  });

  it("the content scripts' storage module loads only the overlay's keys, not the settings or the outbox", async () => {
    fake.local.set("orgSettings", { apiUrl: "https://api.example.nhs.uk" });
    fake.local.set("outbox", { version: 1, items: {} });
    fake.local.set("scores/nhs-jobs/C1/A1", [{ level: 3 }]);
    const { storage } = await import("../../extension/lib/storage");
    expect(Object.keys(await storage.getByPrefix(""))).toEqual(["scores/nhs-jobs/C1/A1"]);
    expect(await storage.get("orgSettings", "absent")).toBe("absent");
    const seen: Array<[string, unknown]> = [];
    storage.onChanged("outbox", (k, v) => seen.push([k, v]), new AbortController().signal);
    await fake.api.storage.local.set({ outbox: { version: 1, items: { a: 1 } } });
    expect(seen).toEqual([["outbox", undefined]]); // a cue, without the value
  });
});
