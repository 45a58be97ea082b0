import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type RunningWorker } from "./support/worker";

/** A chunked POST of `kib` KiB (no Content-Length), abandoned as soon as the answer comes. */
function abandonedChunkedPost(base: string, kib: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL("/v1/outcomes", base);
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked", authorization: `Bearer fs_submit_${"A".repeat(43)}` } });
    req.on("response", (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy(); // the client walks away without reading or finishing
    });
    req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
    let sent = 0;
    const pump = () => {
      while (sent < kib) {
        sent++;
        if (!req.write(`${" ".repeat(1023)}\n`)) return req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

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

describe("wrangler dev survives an abandoned oversized body", () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    // A weak admin secret, to see the Worker say so when it starts serving.
    worker = await startWorker({ adminToken: "too-short-secret" });
  }, 90_000);
  afterAll(async () => worker?.dispose());

  it("answers 413 to a chunked 20 KiB POST, then keeps serving; and warns that the admin secret is too weak", async () => {
    for (let i = 0; i < 3; i++) {
      expect(await abandonedChunkedPost(worker.base, 20)).toBe(413);
      const next = await fetch(`${worker.base}/healthz`);
      expect(next.status, worker.log()).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect((await fetch(`${worker.base}/v1/noop`)).status, worker.log()).toBe(200);
    expect(worker.log()).toMatch(/the admin API is disabled: ADMIN_TOKEN is too weak \(16 characters; at least 32\)/);
  }, 60_000);
});
