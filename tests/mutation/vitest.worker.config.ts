import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import path from "node:path";

// Mutation testing of the Worker (npm run mutate): the Worker's own tests inside workerd, as
// worker/vitest.config.ts runs them, but rooted here so Stryker's sandbox copy resolves every path.
// MUTATE_TESTS (comma-separated globs relative to the repository root, e.g.
// "worker/test/benchmark*.test.ts") narrows the test files to those that exercise the module under
// mutation: every file costs workerd start-up time on each mutant (docs/testing.md).
const root = path.resolve(import.meta.dirname, "../..");
const workerRoot = path.join(root, "worker");
const narrowed = process.env.MUTATE_TESTS?.split(",")
  .map((glob) => glob.trim())
  .filter(Boolean)
  .map((glob) => path.relative(workerRoot, path.join(root, glob)));

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "worker/migrations"));
  return {
    root: workerRoot,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token-0123456789abcdef" },
        },
      }),
    ],
    test: {
      include: narrowed?.length ? narrowed : ["test/**/*.test.ts"],
      globalSetup: [path.join(root, "worker/scripts/build-dashboard.mjs")],
      setupFiles: [path.join(root, "worker/test/apply-migrations.ts")],
    },
  };
});
