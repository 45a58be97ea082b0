import path from "node:path";
import { defineConfig } from "vitest/config";

// Mutation testing (npm run mutate) runs only the node tests of the shared core and the pure
// extension/dashboard modules: the e2e project would start Chromium for every mutant.
const root = path.resolve(import.meta.dirname, "../..");
export default defineConfig({
  root,
  test: {
    include: ["shared/test/**/*.test.ts", "tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
