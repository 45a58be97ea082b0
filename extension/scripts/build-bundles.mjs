// The extension's on-demand bundles, built with esbuild into every Plasmo build folder
// (build/chrome-mv3-prod, and chrome-mv3-e2e when the tests' build exists) after plasmo build:
// - studio.js, the profile studio (extension/studio/), injected by background/messages/openStudio.ts;
// - features-<group>.js, a screen kind's overlay features (features/bundles/<group>.ts), injected
//   by background/messages/loadFeatures.ts when the runner sees such a screen (lib/featureBundles.ts).
// None is a manifest content script, so the scripts every host page runs do not carry them.
//
// A feature bundle shares the overlay content script's world and must use the core's own
// instance of every extension module the core already has (several hold state: lib/kernel.ts).
// The kernel plugin below resolves each such module to the core's kernel object, and fails the
// build naming any the kernel does not expose. The core's module graph is found by bundling
// contents/overlay.ts the same way (esbuild's metafile), not listed by hand.
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ext = path.resolve(here, "..");
const buildDir = path.join(ext, "build");
export const FEATURE_GROUPS = ["shortlisting", "interview", "outcome"];
const KERNEL_GLOBAL = "__fairShortlistKernel";

const common = {
  bundle: true,
  format: "iife",
  target: "chrome120",
  minify: true,
  legalComments: "none",
  tsconfig: path.join(ext, "tsconfig.json"),
  alias: { "@fair-shortlist/shared": path.resolve(ext, "../shared/src") },
  logLevel: "warning",
};

/** The same switch as Plasmo's e2e build: overlays' shadow roots open only for the browser tests. */
const defineFor = (e2e) => ({ "process.env.PLASMO_PUBLIC_FS_E2E_OPEN_SHADOW": JSON.stringify(e2e ? "1" : "") });

/** Key of an extension module in the kernel: its path under extension/ without the extension. */
export const kernelKey = (file) => path.relative(ext, file).replace(/\\/g, "/").replace(/\.tsx?$/, "");

/** Absolute paths of every module in the always-loaded overlay content script. */
export async function coreModules() {
  const r = await build({ ...common, entryPoints: [path.join(ext, "contents/overlay.ts")], write: false, outfile: "core.js", metafile: true, define: defineFor(false) });
  return new Set(Object.keys(r.metafile.inputs).map((p) => path.resolve(process.cwd(), p)));
}

/** The keys lib/kernel.ts exposes (its `kernel` object's `"path": ...` lines). */
export function kernelKeys() {
  const src = readFileSync(path.join(ext, "lib/kernel.ts"), "utf8");
  const body = src.slice(src.indexOf("export const kernel"));
  return new Set([...body.matchAll(/^\s*"([^"]+)":/gm)].map((m) => m[1]));
}

/** esbuild plugin: extension modules of the core come from the core's kernel, never a copy. */
export function kernelPlugin(core, keys) {
  return {
    name: "fair-shortlist-kernel",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === "entry-point" || args.pluginData?.kernelSkip) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { kernelSkip: true } });
        if (r.errors.length) return { errors: r.errors };
        if (!core.has(r.path) || !r.path.startsWith(ext + path.sep)) return r;
        const key = kernelKey(r.path);
        if (!keys.has(key)) {
          return { errors: [{ text: `${key} is part of the overlay content script but lib/kernel.ts does not expose it: add it there, so that the bundle uses the core's instance instead of a copy` }] };
        }
        return { path: key, namespace: "fs-kernel" };
      });
      b.onLoad({ filter: /.*/, namespace: "fs-kernel" }, (args) => ({
        loader: "js",
        contents: `var k = globalThis[${JSON.stringify(KERNEL_GLOBAL)}];
if (!k || !k[${JSON.stringify(args.path)}]) throw new Error("Fair Shortlist: the overlay's core (${args.path}) is not in this page");
module.exports = k[${JSON.stringify(args.path)}];`,
      }));
    },
  };
}

/** Build one feature group's bundle (write: false gives the result without writing it, for tests). */
export async function buildFeatureBundle(group, { outfile, e2e = false, write = true, core, keys }) {
  return build({
    ...common,
    entryPoints: [path.join(ext, `features/bundles/${group}.ts`)],
    outfile,
    write,
    metafile: true,
    define: defineFor(e2e),
    plugins: [kernelPlugin(core ?? (await coreModules()), keys ?? kernelKeys())],
  });
}

const sizes = (file) => {
  const buf = readFileSync(file);
  return `${(buf.length / 1000).toFixed(1)} KB raw / ${(gzipSync(buf, { level: 9 }).length / 1000).toFixed(1)} KB gzip`;
};

async function main() {
  const outs = existsSync(buildDir)
    ? readdirSync(buildDir).map((d) => path.join(buildDir, d)).filter((d) => existsSync(path.join(d, "manifest.json")))
    : [];
  if (!outs.length) {
    console.error(`build-bundles: no Plasmo build in ${buildDir}; run plasmo build first`);
    process.exit(1);
  }
  const core = await coreModules();
  const keys = kernelKeys();
  for (const out of outs) {
    const e2e = path.basename(out).endsWith("-e2e");
    const rel = (f) => path.relative(process.cwd(), path.join(out, f));
    await build({ ...common, entryPoints: [path.join(ext, "studio/index.ts")], outfile: path.join(out, "studio.js"), define: defineFor(e2e) });
    console.log("build-bundles: wrote", rel("studio.js"), sizes(path.join(out, "studio.js")));
    for (const group of FEATURE_GROUPS) {
      const file = `features-${group}.js`;
      await buildFeatureBundle(group, { outfile: path.join(out, file), e2e, core, keys });
      console.log("build-bundles: wrote", rel(file), sizes(path.join(out, file)));
    }
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8"));
    for (const js of new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))) {
      console.log("build-bundles: content script", rel(js), sizes(path.join(out, js)));
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
