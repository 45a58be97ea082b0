// The content scripts run on every page of the host systems, before the host's own rows paint.
// Zod (its code alone cost ~10 ms to compile and run there, and every schema more) stays out:
// validation happens in the background worker and options page, which pass validated data on
// (docs/extension.md, "Content scripts and their life on a page"). This follows the content
// scripts' imports as the bundler does and fails naming the chain that brings zod back.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const ext = path.join(root, "extension");

function resolve(spec: string, from: string): string | null {
  let base: string;
  if (spec.startsWith("~")) base = path.join(ext, spec.slice(1));
  else if (spec.startsWith("@fair-shortlist/shared/")) base = path.join(root, "shared/src", spec.slice("@fair-shortlist/shared/".length));
  else if (spec === "@fair-shortlist/shared") base = path.join(root, "shared/src/index");
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && !candidate.endsWith(".json") && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** Value imports and re-exports (type-only ones are erased by the bundler). */
function valueImports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^;"']*?\bfrom\s+)?["']([^"']+)["']/gm)) out.push(m[1]!);
  return out;
}

function graph(entry: string): { files: Map<string, string[]>; packages: Map<string, string[]> } {
  const files = new Map<string, string[]>([[entry, [entry]]]);
  const packages = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const chain = files.get(file)!;
    for (const spec of valueImports(file)) {
      const target = resolve(spec, file);
      if (target === null) {
        if (!spec.startsWith("~") && !spec.startsWith(".") && !spec.startsWith("@fair-shortlist") && !packages.has(spec)) packages.set(spec, chain);
        continue;
      }
      if (!files.has(target)) {
        files.set(target, [...chain, target]);
        queue.push(target);
      }
    }
  }
  return { files, packages };
}

const rel = (chain: string[]) => chain.map((f) => path.relative(root, f)).join(" -> ");

// The overlay's features for each screen kind are bundles injected into the same world when such
// a screen shows (features/bundles/, lib/featureBundles.ts): the same holds for them.
const WALK_REACHES: Record<string, string[]> = {
  "contents/overlay.ts": ["extension/features/index.ts", "extension/features/name-blind.ts", "shared/src/matchPattern.ts"],
  "contents/mask.ts": [],
  "features/bundles/shortlisting.ts": ["extension/features/structured-shortlisting.ts", "shared/src/scoring.ts"],
  "features/bundles/interview.ts": ["extension/features/interview-scoring.ts", "shared/src/scoring.ts"],
  "features/bundles/outcome.ts": ["extension/features/outcome-capture.ts", "shared/src/bands.ts"],
};

describe.each(Object.keys(WALK_REACHES))("content script %s", (entry) => {
  const { files, packages } = graph(path.join(ext, entry));

  it("follows its imports into the features and the shared core (the walk itself works)", () => {
    for (const f of WALK_REACHES[entry]!) expect(files.has(path.join(root, f)), f).toBe(true);
    expect(files.size).toBeGreaterThan(3);
  });

  it("imports no zod, directly or through a shared module", () => {
    const zod = [...packages].filter(([p]) => p === "zod" || p.startsWith("zod/")).map(([, chain]) => rel(chain));
    expect(zod).toEqual([]);
    expect([...files.keys()].filter((f) => f.endsWith("zod-shim.ts")).map((f) => rel(files.get(f)!))).toEqual([]);
  });
});

// The dashboard's browser script reuses the shared core's pure modules; validation happens in the
// Worker, so zod (~100 KB minified) stays out of the page script too.
describe("dashboard client", () => {
  const { files, packages } = graph(path.join(root, "worker/src/dashboard/client/main.ts"));

  it("follows its imports into the shared core (the walk itself works)", () => {
    expect(files.has(path.join(root, "shared/src/wres2.ts"))).toBe(true);
  });

  it("imports no zod, directly or through a shared module", () => {
    const zod = [...packages].filter(([p]) => p === "zod" || p.startsWith("zod/")).map(([, chain]) => rel(chain));
    expect(zod).toEqual([]);
  });
});

// The dashboard's import Web Worker is a bundle of its own: the same holds for it.
describe("dashboard import worker", () => {
  const { files, packages } = graph(path.join(root, "worker/src/dashboard/client/import/worker.ts"));

  it("follows its imports into the shared vocabulary (the walk itself works)", () => {
    expect(files.has(path.join(root, "shared/src/stages.ts"))).toBe(true);
    expect(files.has(path.join(root, "shared/src/staffGroups.ts"))).toBe(true);
  });

  it("imports no zod, directly or through a shared module", () => {
    const zod = [...packages].filter(([p]) => p === "zod" || p.startsWith("zod/")).map(([, chain]) => rel(chain));
    expect(zod).toEqual([]);
  });
});
