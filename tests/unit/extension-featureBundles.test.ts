// The overlay content script carries name-blind and a descriptor of every other feature; their
// code is in one bundle per screen kind, injected when such a screen shows (lib/featureBundles.ts,
// scripts/build-bundles.mjs). These tests check what would silently break that split: a
// descriptor that no longer says what its feature says (the runner would start it on the wrong
// screens), a feature in no bundle, a bundle carrying its own copy of a core module (two sets of
// tracked shadow roots, two id counters), and the background's injection message.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
// @ts-expect-error: a build script (plain JS, no types)
import { buildFeatureBundle, coreModules, ext, FEATURE_GROUPS, kernelKey, kernelKeys } from "../../extension/scripts/build-bundles.mjs";
import { handler as loadFeatures } from "../../extension/background/messages/loadFeatures";
import { bundleFile, FEATURE_GROUPS as CORE_GROUPS } from "../../extension/lib/featureBundles";

interface Described { id: string; name: string; screens: readonly string[]; perPage?: boolean; group?: string; init?: unknown }

const featureFiles = readdirSync(path.join(ext, "features")).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f.replace(/\.ts$/, ""));
const tmp = mkdtempSync(path.join(tmpdir(), "fs-bundles-"));

/** Bundle modules of the extension for node (tsconfig paths as the real builds use them) and import the result. */
async function load<T>(name: string, contents: string): Promise<T> {
  const outfile = path.join(tmp, `${name}.mjs`);
  await build({
    stdin: { contents, resolveDir: path.join(ext, "features"), loader: "ts" },
    bundle: true, format: "esm", platform: "node", outfile, logLevel: "silent",
    tsconfig: path.join(ext, "tsconfig.json"),
    alias: { "@fair-shortlist/shared": path.resolve(ext, "../shared/src") },
    define: { "process.env.PLASMO_PUBLIC_FS_E2E_OPEN_SHADOW": '""' },
  });
  return import(pathToFileURL(outfile).href) as Promise<T>;
}

let entries: Described[];
let own: Record<string, Described>;
let registered: Record<string, Described[]>;

beforeAll(async () => {
  const mod = await load<{ features: Described[]; own: Record<string, Described> }>("features", [
    `export { features } from "./index";`,
    ...featureFiles.map((f, i) => `import f${i} from "./${f}";`),
    `export const own = { ${featureFiles.map((f, i) => `${JSON.stringify(f)}: f${i}`).join(", ")} };`,
  ].join("\n"));
  entries = mod.features;
  own = mod.own;
  // Each bundle entry as it runs in the page, registering its group (here with its own copy of the core).
  delete (globalThis as Record<string, unknown>).__fairShortlistFeatures;
  await load("bundles", FEATURE_GROUPS.map((g: string) => `import "./bundles/${g}";`).join("\n"));
  registered = (globalThis as Record<string, unknown>).__fairShortlistFeatures as Record<string, Described[]>;
}, 30_000);

describe("feature descriptors", () => {
  it("list every feature of extension/features/ once", () => {
    expect(entries.map((e) => e.id).sort()).toEqual([...featureFiles].sort());
  });

  it("say what the feature itself says: id, name, screens, perPage", () => {
    for (const e of entries) {
      const f = own[e.id]!;
      expect({ id: e.id, name: e.name, screens: e.screens, perPage: e.perPage ?? false }, e.id)
        .toEqual({ id: f.id, name: f.name, screens: f.screens, perPage: f.perPage ?? false });
    }
  });

  it("name a group whose bundle registers exactly that group's features; only name-blind stays in the core", () => {
    const inCore = entries.filter((e) => typeof e.init === "function").map((e) => e.id);
    expect(inCore).toEqual(["name-blind"]);
    expect(Object.keys(registered).sort()).toEqual([...CORE_GROUPS].sort());
    expect([...FEATURE_GROUPS].sort()).toEqual([...CORE_GROUPS].sort());
    for (const g of CORE_GROUPS) {
      const described = entries.filter((e) => e.group === g).map((e) => e.id);
      expect(registered[g]!.map((f) => f.id), g).toEqual(described);
      for (const f of registered[g]!) expect(typeof f.init).toBe("function");
    }
  });
});

describe("the kernel (core modules shared with the bundles)", () => {
  let core: Set<string>;
  beforeAll(async () => {
    core = await coreModules();
  }, 30_000);

  it("covers every core module the bundles import: built with it, no bundle carries a copy of one", async () => {
    const keys = kernelKeys();
    expect(keys.has("lib/dom")).toBe(true);
    for (const g of FEATURE_GROUPS) {
      const r = await buildFeatureBundle(g, { outfile: path.join(tmp, `b-${g}.js`), write: false, core, keys });
      const inputs = Object.keys(r.metafile.inputs);
      const copies = inputs.filter((i) => !i.startsWith("fs-kernel:") && core.has(path.resolve(process.cwd(), i)) && path.resolve(process.cwd(), i).startsWith(ext + path.sep));
      expect(copies, g).toEqual([]);
      // The stateful modules really are taken from the kernel, not bundled.
      expect(inputs.some((i) => i === "fs-kernel:lib/dom"), g).toBe(true);
      expect(inputs.some((i) => i.endsWith("lib/dom.ts")), g).toBe(false);
    }
  }, 60_000);

  it("fails the build, naming the module, when the kernel lacks one the bundles import", async () => {
    const keys = kernelKeys();
    keys.delete("lib/overlayHost");
    await expect(buildFeatureBundle("outcome", { outfile: path.join(tmp, "x.js"), write: false, core, keys })).rejects.toThrow(/lib\/overlayHost is part of the overlay content script but lib\/kernel.ts does not expose it/);
  }, 30_000);

  it("lists modules by name only with all of their exports (a missing one would be undefined in a bundle)", async () => {
    const src = readFileSync(path.join(ext, "lib/kernel.ts"), "utf8");
    const picked = [...src.matchAll(/^\s*"([^"]+)": \{/gm)].map((m) => m[1]!);
    expect(picked.length).toBeGreaterThan(0);
    const mods = await load<Record<string, Record<string, unknown>>>("kernel", [
      `import { kernel } from "~lib/kernel";`,
      ...picked.map((k, i) => `import * as m${i} from "~${k}";`),
      `export const kernelEntries = kernel;`,
      `export const real = { ${picked.map((k, i) => `${JSON.stringify(k)}: m${i}`).join(", ")} };`,
    ].join("\n"));
    const kernel = mods.kernelEntries as unknown as Record<string, Record<string, unknown>>;
    const real = mods.real as unknown as Record<string, Record<string, unknown>>;
    for (const k of picked) expect(Object.keys(kernel[k]!).sort(), k).toEqual(Object.keys(real[k]!).sort());
    for (const k of Object.keys(kernel)) expect(kernelKey(path.join(ext, `${k}.ts`))).toBe(k);
  }, 30_000);
});

describe("loadFeatures (background)", () => {
  const executeScript = vi.fn();
  const sender = (over: Partial<chrome.runtime.MessageSender> = {}) => ({ id: "ext", tab: { id: 7 } as chrome.tabs.Tab, frameId: 0, documentId: "doc-1", ...over });
  beforeAll(() => {
    (globalThis as Record<string, unknown>).chrome = { scripting: { executeScript } };
  });
  afterEach(() => executeScript.mockReset());

  it("injects the group's bundle into the very document that asked", async () => {
    executeScript.mockResolvedValue([]);
    expect(await loadFeatures({ group: "interview" }, sender())).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7, documentIds: ["doc-1"] }, files: [bundleFile("interview")], injectImmediately: true });
    expect(bundleFile("interview")).toBe("features-interview.js");
  });

  it("refuses unknown groups, extra fields, other files and senders outside a tab", async () => {
    for (const body of [null, [], "interview", {}, { group: "studio" }, { group: "../studio" }, { group: "interview", file: "studio.js" }]) {
      expect((await loadFeatures(body, sender())).ok, JSON.stringify(body)).toBe(false);
    }
    expect((await loadFeatures({ group: "outcome" }, sender({ tab: undefined }))).ok).toBe(false);
    expect(executeScript).not.toHaveBeenCalled();
  });

  it("says why when the page cannot take the bundle", async () => {
    executeScript.mockRejectedValue(new Error("Cannot access contents of the page"));
    const answer = await loadFeatures({ group: "shortlisting" }, sender());
    expect(answer).toEqual({ ok: false, error: expect.stringContaining("features-shortlisting.js") });
    expect(!answer.ok && answer.error).toContain("Cannot access contents of the page");
  });
});
