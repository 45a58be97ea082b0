import path from "node:path";
import { defineConfig } from "vitest/config";

// Mutation testing (npm run mutate) runs only the node tests of the shared core and the pure
// extension/dashboard modules: the e2e project would start Chromium for every mutant.
// MUTATE_TESTS (comma-separated globs relative to the repository root) narrows the test files, so
// that a run over one module starts only the files that exercise it (docs/testing.md).
const root = path.resolve(import.meta.dirname, "../..");
const narrowed = process.env.MUTATE_TESTS?.split(",").map((glob) => glob.trim()).filter(Boolean);
export default defineConfig({
  root,
  test: {
    include: narrowed?.length ? narrowed : ["shared/test/**/*.test.ts", "tests/unit/**/*.test.ts"],
    environment: "node",
    // Property tests run for seconds; on a loaded machine (mutants run niced beside other work) the
    // default 5 s would fail the initial run.
    testTimeout: 30_000,
  },
});
