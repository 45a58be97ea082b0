// The shared core is one module per concept, with the zod schemas for untrusted input in
// src/schemas/ importing the pure modules and never the other way round. This walks every import
// (type-only ones too: a circle of types is still a circle a reader has to untangle) and fails
// naming the first circle it finds, and any pure module that imports zod or a schema.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const src = path.resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports, type-only included. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^;"']*?\bfrom\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);
}

function resolveLocal(spec: string, from: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts"), base]) if (existsSync(candidate) && candidate.endsWith(".ts")) return candidate;
  throw new Error(`${path.relative(src, from)} imports ${spec}, which does not exist`);
}

const files = sourceFiles(src);
const edges = new Map(files.map((f) => [f, specifiers(f).map((s) => resolveLocal(s, f)).filter((t): t is string => t !== null)]));
const rel = (f: string) => path.relative(src, f);

/** The first import circle found by depth-first search, as a list of files, or null. */
function findCircle(): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    state.set(f, "open");
    stack.push(f);
    for (const t of edges.get(f) ?? []) {
      if (state.get(t) === "open") return [...stack.slice(stack.indexOf(t)), t];
      if (!state.has(t)) {
        const found = visit(t);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(f, "done");
    return null;
  };
  for (const f of files) {
    if (state.has(f)) continue;
    const found = visit(f);
    if (found) return found;
  }
  return null;
}

describe("the shared core's import graph", () => {
  it("walks real imports (the walk itself works)", () => {
    expect(edges.get(path.join(src, "schemas/api.ts"))).toContain(path.join(src, "schemas/bands.ts"));
    expect(files.length).toBeGreaterThan(15);
  });

  it("has no import circle", () => {
    expect(findCircle()?.map(rel) ?? null).toBeNull();
  });

  it("has no twin modules: one file per concept", () => {
    expect(files.map(rel).filter((f) => /Core\.ts$/.test(f))).toEqual([]);
  });

  it("keeps the pure modules the content scripts import free of zod and of schemas", () => {
    const pure = ["bands.ts", "ethnicity.ts", "panelPolicy.ts", "scoring.ts", "siteProfile.ts", "matchPattern.ts", "noteLint.ts", "csv.ts", "outcomeCounts.ts", "vacancyKey.ts"];
    const offenders = pure.flatMap((f) =>
      specifiers(path.join(src, f))
        .filter((s) => s === "zod" || s.startsWith("zod/") || s.includes("schemas/"))
        .map((s) => `${f} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});

// Parcel (inside Plasmo) drops zod reached through `import { z } from "zod"` (the root entry's
// `export { z }`), leaving `z.string` undefined when the background starts (docs/development.md).
// The namespace form is the one that bundles; this fails naming any file that uses the other.
describe("zod imports across the tree", () => {
  const repo = path.resolve(src, "../..");
  const roots = ["shared/src", "extension", "worker/src"].map((d) => path.join(repo, d));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      if (name === "node_modules" || name === "build" || name.startsWith(".")) return [];
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(p) ? [p] : [];
    });
  it("import zod as a namespace, never `{ z }` by name", () => {
    const offenders = roots.flatMap(walk).filter((f) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*["']zod["']/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(repo, f))).toEqual([]);
  });
});
