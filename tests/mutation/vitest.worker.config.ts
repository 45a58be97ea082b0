import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import path from "node:path";

// Mutation testing of the Worker (npm run mutate): the Worker's own tests inside workerd, as
// worker/vitest.config.ts runs them, but rooted here so Stryker's sandbox copy resolves every path.
const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "worker/migrations"));
  return {
    root: path.join(root, "worker"),
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token-0123456789abcdef" },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: [path.join(root, "worker/scripts/build-dashboard.mjs")],
      setupFiles: [path.join(root, "worker/test/apply-migrations.ts")],
    },
  };
});
