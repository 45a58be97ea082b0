import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import path from "node:path";

const root = path.resolve(__dirname, "..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "worker/migrations"));
  return {
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
      // The Worker imports the dashboard's bundled browser script; make it first (docs/dashboard.md).
      globalSetup: ["./scripts/build-dashboard.mjs"],
      setupFiles: ["./test/apply-migrations.ts"],
      // On a loaded 2-core machine workerd tests run three to five times slower than on a quiet one: vitest's 5 s
      // default timed out tests that take about 1 s there. Tests that send thousands of requests set their own.
      testTimeout: 30_000,
    },
  };
});
