import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../worker/scripts/seed-demo.mjs";
import { startWorker, TEST_ADMIN_TOKEN, type RunningWorker } from "./support/worker";

/** What `npm start` prints for the demo trust: each token it names works for its own audience, and only that. */
describe("npm start's demo trust", () => {
  let worker: RunningWorker;
  let root: string;
  let banner: string;
  beforeAll(async () => {
    worker = await startWorker();
    root = mkdtempSync(path.join(tmpdir(), "fs-demo-"));
    banner = await seedDemo({ base: worker.base, adminToken: TEST_ADMIN_TOKEN, root });
  }, 240_000);
  afterAll(async () => {
    await worker?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const tokenIn = (text: string, label: string) => new RegExp(`${label} token\\s+(fs_\\w+_[A-Za-z0-9_-]{43})`).exec(text)?.[1];
  const get = (route: string, token: string) => fetch(`${worker.base}${route}`, { headers: { Authorization: `Bearer ${token}` } });

  it("prints a read, a report and a submit token, each for its own audience", async () => {
    const read = tokenIn(banner, "Read")!;
    const report = tokenIn(banner, "Report")!;
    const submit = tokenIn(banner, "Submit")!;
    expect([read, report, submit].map((t) => t?.split("_")[1])).toEqual(["read", "report", "submit"]);
    expect(banner).toMatch(/WRES indicator 2 for \d{4}\/\d{2}: \d+\.\d{2}/);

    // The trust's own analysts: exact figures.
    expect((await get("/v1/indicators/wres2", read)).status).toBe(200);
    // A board paper's reader: the publication tables, and nothing else.
    expect((await get("/v1/report/wres2", report)).status).toBe(200);
    expect((await get("/v1/indicators/wres2", report)).status).toBe(403);
    // The extension: writes, no reads of figures.
    expect((await get("/v1/indicators/wres2", submit)).status).toBe(403);
  });

  it("a second start reuses the tokens and the data; a lost report token is replaced by one that works", async () => {
    const again = await seedDemo({ base: worker.base, adminToken: TEST_ADMIN_TOKEN, root });
    expect(again).toContain("(reused)");
    for (const label of ["Read", "Report", "Submit"]) expect(tokenIn(again, label)).toBe(tokenIn(banner, label));

    const file = path.join(root, ".wrangler", "demo-tokens.json");
    const saved = JSON.parse(readFileSync(file, "utf8"));
    delete saved.demo.tokens.report;
    writeFileSync(file, JSON.stringify(saved));
    const third = await seedDemo({ base: worker.base, adminToken: TEST_ADMIN_TOKEN, root });
    const report = tokenIn(third, "Report")!;
    expect(report).not.toBe(tokenIn(banner, "Report"));
    expect((await get("/v1/report/wres2", report)).status).toBe(200);
    // The old one was rotated out.
    expect((await get("/v1/report/wres2", tokenIn(banner, "Report")!)).status).toBe(401);
  }, 120_000);
});
