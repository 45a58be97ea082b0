// The profile studio's bundle (extension/studio/), built as studio.js into every Plasmo build
// folder (build/chrome-mv3-prod, and chrome-mv3-e2e when the tests' build exists). It is injected
// on demand (background/messages/openStudio.ts) and so is not a manifest content script: the
// content scripts every host page runs do not carry it.
import { build } from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const ext = path.resolve(here, "..");
const buildDir = path.join(ext, "build");
const outs = existsSync(buildDir)
  ? readdirSync(buildDir).map((d) => path.join(buildDir, d)).filter((d) => existsSync(path.join(d, "manifest.json")))
  : [];
if (!outs.length) {
  console.error(`build-studio: no Plasmo build in ${buildDir}; run plasmo build first`);
  process.exit(1);
}
for (const out of outs) {
  await build({
    entryPoints: [path.join(ext, "studio/index.ts")],
    outfile: path.join(out, "studio.js"),
    bundle: true,
    format: "iife",
    target: "chrome120",
    minify: true,
    legalComments: "none",
    tsconfig: path.join(ext, "tsconfig.json"),
    alias: { "@fair-shortlist/shared": path.resolve(ext, "../shared/src") },
    logLevel: "warning",
    // The same switch as Plasmo's e2e build: overlays' shadow roots open only for the browser tests.
    define: { "process.env.PLASMO_PUBLIC_FS_E2E_OPEN_SHADOW": JSON.stringify(path.basename(out).endsWith("-e2e") ? "1" : "") },
  });
  console.log("build-studio: wrote", path.relative(process.cwd(), path.join(out, "studio.js")));
}
