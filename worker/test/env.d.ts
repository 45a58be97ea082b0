import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../src/env";

// `env` from cloudflare:test is typed as Cloudflare.Env: the Worker's bindings plus the
// migrations the test config passes in.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
