import { defineConfig } from "vitest/config";

// The Worker has its own config (worker/vitest.config.ts) because it runs inside workerd.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "shared",
          // tests/unit: pure extension modules (outbox, vacancy keys, settings, counting).
          include: ["shared/test/**/*.test.ts", "tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
          // A cold browser on a loaded 2-core CI machine needs more than expect.poll's 1 s default.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
