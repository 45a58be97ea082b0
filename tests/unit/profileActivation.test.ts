// A site profile pushed by trust IT for a new host must mask names there without anyone opening
// the options page: after a policy change the background mirrors the profile AND registers the
// overlay for its host, in that order. Driven here against a stand-in for the chrome APIs whose
// storage.onChanged arrives late, as it does in the browser, and whose policy can change.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const profile = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/inhouse/profile.json"), "utf8"));
const HOST = "https://recruit.example-trust.nhs.uk/*";
const BUILT_IN = ["https://www.jobs.nhs.uk/*"];

function fakeChrome() {
  const local = new Map<string, unknown>();
  const listeners: Array<(changes: Record<string, chrome.storage.StorageChange>, area: string) => void> = [];
  const fire = (changes: Record<string, chrome.storage.StorageChange>, area: string) =>
    // The browser delivers storage.onChanged after the write has resolved, not during it.
    setTimeout(() => listeners.forEach((l) => l(changes, area)), 30);
  const registered = new Map<string, chrome.scripting.RegisteredContentScript>();
  const calls = { register: 0, unregister: 0 };
  const state = { managed: {} as Record<string, unknown>, granted: [HOST] };
  const api = {
    runtime: {
      getManifest: () => ({
        content_scripts: [
          { matches: BUILT_IN, js: ["mask.1.js"], run_at: "document_start" },
          { matches: BUILT_IN, js: ["overlay.1.js"], run_at: "document_start" },
        ],
      }),
    },
    storage: {
      local: {
        async get(keys: string[] | string | null) {
          const list = keys === null ? [...local.keys()] : Array.isArray(keys) ? keys : [keys];
          return Object.fromEntries(list.filter((k) => local.has(k)).map((k) => [k, structuredClone(local.get(k))]));
        },
        async set(items: Record<string, unknown>) {
          const changes: Record<string, chrome.storage.StorageChange> = {};
          for (const [k, v] of Object.entries(items)) {
            changes[k] = { oldValue: local.get(k), newValue: v };
            local.set(k, structuredClone(v));
          }
          fire(changes, "local");
        },
      },
      managed: { get: async (key: string) => (key in state.managed ? { [key]: state.managed[key] } : {}) },
      onChanged: { addListener: (l: (typeof listeners)[number]) => listeners.push(l), removeListener: () => undefined },
    },
    scripting: {
      getRegisteredContentScripts: async () => [...registered.values()].map((s) => structuredClone(s)),
      async registerContentScripts(list: chrome.scripting.RegisteredContentScript[]) {
        calls.register++;
        for (const s of list) {
          if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          registered.set(s.id, structuredClone(s));
        }
      },
      async unregisterContentScripts(filter?: { ids?: string[] }) {
        calls.unregister++;
        for (const id of filter?.ids ?? [...registered.keys()]) registered.delete(id);
      },
    },
    permissions: { contains: async ({ origins }: { origins: string[] }) => origins.every((o) => state.granted.includes(o)) },
  };
  return {
    api,
    state,
    calls,
    registered,
    /** Trust IT changes the policy: Chrome updates managed storage and tells every context. */
    pushPolicy(values: Record<string, unknown>) {
      state.managed = values;
      fire({ siteProfiles: { newValue: values.siteProfiles } }, "managed");
    },
  };
}

describe("managed site profiles are activated, not only mirrored", () => {
  let fake: ReturnType<typeof fakeChrome>;
  beforeEach(() => {
    vi.resetModules(); // a fresh storage snapshot and queue per test, like a fresh worker
    fake = fakeChrome();
    vi.stubGlobal("chrome", fake.api);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("after a policy change pushes a profile for a new host, the overlay is registered there", async () => {
    const { activateOnPolicyChange, activateProfiles } = await import("../../extension/lib/profileActivation");
    await activateProfiles(); // the worker's start: nothing pushed yet
    expect(fake.registered.size).toBe(0);
    activateOnPolicyChange();
    fake.pushPolicy({ siteProfiles: JSON.stringify([profile]) });
    await vi.waitFor(() => expect(fake.registered.size).toBe(2), { timeout: 5000 });
    const scripts = [...fake.registered.values()];
    expect(scripts.map((s) => [s.id, s.matches, s.js])).toEqual([
      ["fs-profile-example-trust-recruit-0", [HOST], ["mask.1.js"]],
      ["fs-profile-example-trust-recruit-1", [HOST], ["overlay.1.js"]],
    ]);
    // And withdrawn again when the policy drops it.
    fake.pushPolicy({ siteProfiles: "[]" });
    await vi.waitFor(() => expect(fake.registered.size).toBe(0), { timeout: 5000 });
  });

  it("at install, the registration sees the profile the mirror has just written (no race with the storage cache)", async () => {
    fake.state.managed = { siteProfiles: [profile] };
    // A content-script style read earlier in this context primed the cached snapshot (empty).
    const { loadImportedProfiles } = await import("../../extension/lib/registry");
    expect(await loadImportedProfiles()).toEqual([]);
    const { activateProfiles } = await import("../../extension/lib/profileActivation");
    const { activation, problems } = await activateProfiles();
    expect(problems).toEqual([]);
    expect(activation).toEqual([{ profileId: "example-trust-recruit", missing: [], registered: true }]);
    expect([...fake.registered.keys()]).toHaveLength(2);
  });

  it("concurrent activations (install and start together) end registered once, without errors", async () => {
    fake.state.managed = { siteProfiles: [profile] };
    const { activateProfiles } = await import("../../extension/lib/profileActivation");
    const results = await Promise.all([activateProfiles(), activateProfiles(), activateProfiles()]);
    expect(results.every((r) => r.activation[0]!.registered)).toBe(true);
    expect(fake.registered.size).toBe(2);
  });

  it("a start with nothing changed leaves the registrations alone (no moment without the overlay)", async () => {
    fake.state.managed = { siteProfiles: [profile] };
    const { activateProfiles } = await import("../../extension/lib/profileActivation");
    await activateProfiles();
    const before = { ...fake.calls };
    await activateProfiles();
    expect(fake.calls).toEqual(before);
  });

  it("a pushed profile whose host is not granted is listed as waiting, not registered", async () => {
    fake.state.granted = [];
    fake.state.managed = { siteProfiles: [profile] };
    const { activateProfiles } = await import("../../extension/lib/profileActivation");
    const { activation } = await activateProfiles();
    expect(activation).toEqual([{ profileId: "example-trust-recruit", missing: ["https://recruit.example-trust.nhs.uk/*"], registered: false }]);
    expect(fake.registered.size).toBe(0);
  });
});
