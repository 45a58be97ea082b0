import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { redactLog, redactingLines } from "../../worker/scripts/devLog.mjs";
import { supervise } from "../../worker/scripts/supervise.mjs";

describe("npm start's view of wrangler dev's log", () => {
  it("never prints a value from an /v1/outcomes/ path, even split across chunks", () => {
    expect(redactLog("[wrangler:info] GET /v1/outcomes/C9-2031-0042 404 Not Found (3ms)")).toBe("[wrangler:info] GET /v1/outcomes/:vacancyKey 404 Not Found (3ms)");
    expect(redactLog("DELETE /v1/outcomes/Jane%20Doe?x=1 400")).toBe("DELETE /v1/outcomes/:vacancyKey?x=1 400");
    expect(redactLog("POST /v1/outcomes/batch 200\nPOST /v1/outcomes 201")).toBe("POST /v1/outcomes/batch 200\nPOST /v1/outcomes 201");
    expect(redactLog("GET /v1/outcomes/batch/C9-2031-0042 404")).not.toContain("C9-2031");
    // The other paths that hold a key, and a token put in a URL.
    expect(redactLog("GET /v1/vacancies/C9-2031-0042 404")).toBe("GET /v1/vacancies/:vacancyKey 404");
    expect(redactLog("POST /v1/vacancies/panel 201\nPOST /v1/vacancies/guaranteed-interview 200")).toBe("POST /v1/vacancies/panel 201\nPOST /v1/vacancies/guaranteed-interview 200");
    expect(redactLog("POST /v1/sync/abc123/def456/read 403")).toBe("POST /v1/sync/:vacancyKey/… 403");
    const token = "fs_read_" + "Ab9-_".repeat(8) + "xyz";
    expect(redactLog(`GET /v1/org?token=${token} 400`)).toBe("GET /v1/org?token=fs_read_… 400");
    expect(redactLog(`GET /v1/${token} 404`)).not.toContain("Ab9");
    const out: string[] = [];
    const w = redactingLines((t) => out.push(t));
    w.push("GET /v1/outcomes/C9-20");
    w.push("31-0042 404\nGET /healthz 200\n");
    w.flush();
    expect(out.join("")).toBe("GET /v1/outcomes/:vacancyKey 404\nGET /healthz 200\n");
  });
});

describe("npm start keeps the Worker running", () => {
  it("starts a process again when it exits on its own, and says so", async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), "supervise-")), "ran-once");
    // Exits at once the first time (as wrangler dev did on a dropped connection), then keeps running.
    const script = `const fs=require("fs");if(!fs.existsSync(${JSON.stringify(marker)})){fs.writeFileSync(${JSON.stringify(marker)},"");process.exit(7)}setInterval(()=>{},1000)`;
    const logs: string[] = [];
    let stopped!: () => void;
    const done = new Promise<void>((r) => (stopped = r));
    const s = supervise({ command: process.execPath, args: ["-e", script], log: (m) => logs.push(m), onStopped: () => stopped(), onGiveUp: () => logs.push("gave up"), delayMs: 50, what: "The Worker" });
    for (let i = 0; i < 100 && s.restarts === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(s.restarts).toBe(1);
    expect(logs).toEqual(["⟳ The Worker exited (code 7); restarting it."]);
    expect(s.child.exitCode).toBeNull(); // the second one is running
    s.stop();
    await done;
  });

  it("gives up, saying so, when it cannot start at all", async () => {
    const logs: string[] = [];
    const gaveUp = new Promise<number | null>((resolve) => {
      supervise({ command: process.execPath, args: ["-e", "process.exit(3)"], log: (m) => logs.push(m), onGiveUp: resolve, delayMs: 10, what: "The Worker" });
    });
    expect(await gaveUp).toBe(3);
    expect(logs.at(-1)).toMatch(/exited \(code 3\) 5 times within seconds of starting; giving up/);
    expect(logs.filter((l) => l.startsWith("⟳"))).toHaveLength(4);
  });
});
