import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "./support/worker";

describe("wrangler dev harness", () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => worker?.dispose());

  it("serves /healthz on a local D1 database, and comes back after a restart", async () => {
    expect(await (await fetch(`${worker.base}/healthz`)).json()).toMatchObject({ status: "ok", database: "ok" });
    await worker.stop();
    await expect(fetch(`${worker.base}/healthz`)).rejects.toThrow();
    await worker.start();
    expect((await fetch(`${worker.base}/healthz`)).status).toBe(200);
  });
});
