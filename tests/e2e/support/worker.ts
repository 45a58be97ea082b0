/**
 * Starts a real `wrangler dev` Worker for browser tests, on a free port with its own
 * throwaway local D1 database (migrations applied), and stops it afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./browser";

export const TEST_ADMIN_TOKEN = "e2e-admin-token-0123456789abcdefghij";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningWorker {
  base: string;
  port: number;
  persistDir: string;
  /** Stops the process; the database survives so `start()` again resumes it (API down, then up). */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
  admin(pathname: string, body: unknown): Promise<Response>;
  log(): string;
}

const wrangler = path.join(repoRoot, "node_modules/.bin/wrangler");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true", NO_D1_WARNING: "true" };

export async function startWorker(opts: { port?: number; adminToken?: string } = {}): Promise<RunningWorker> {
  const port = opts.port ?? (await freePort());
  // Each wrangler dev needs its own inspector port, or a second one on the machine exits.
  const inspectorPort = await freePort();
  const persistDir = mkdtempSync(path.join(tmpdir(), "fair-shortlist-d1-"));
  const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "fair-shortlist", "--local", "--persist-to", persistDir], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  let proc: ChildProcess | undefined;
  let output = "";
  const base = `http://127.0.0.1:${port}`;

  async function start() {
    output = "";
    proc = spawn(
      wrangler,
      ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--var", `ADMIN_TOKEN:${opts.adminToken ?? TEST_ADMIN_TOKEN}`, "--show-interactive-dev-session=false", "--inspector-port", String(inspectorPort)],
      { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    proc.stdout!.on("data", (d) => (output += d));
    proc.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${base}/healthz`);
        if (r.ok) return;
      } catch {}
      if (proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`wrangler dev did not become healthy on ${base}:\n${output}`);
  }

  async function stop() {
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc!.once("exit", r));
    try {
      process.kill(-proc.pid!, "SIGTERM"); // the whole group: wrangler and its workerd
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try {
      process.kill(-proc.pid!, "SIGKILL");
    } catch {}
    // Wait until the port is really closed.
    for (let i = 0; i < 40; i++) {
      try {
        await fetch(`${base}/healthz`);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        return;
      }
    }
  }

  await start();
  return {
    base,
    port,
    persistDir,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(persistDir, { recursive: true, force: true });
    },
    admin: (pathname, body) =>
      fetch(`${base}${pathname}`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    log: () => output,
  };
}
