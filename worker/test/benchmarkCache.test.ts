/**
 * The national benchmark answers repeat reads from a response computed at the same totals version
 * (worker/src/indicators/benchmarkCache.ts, migration 0008). Whatever anyone writes, replaces or
 * deletes, the next read must be the fresh figure: a cache that served a stale one would also make
 * the privacy tests pass for the wrong reason. Hand-worked figures, as in mutation-benchmark.test.ts.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome } from "./helpers";

type Quad = [number, number, number, number]; // white shortlisted, white appointed, BME shortlisted, BME appointed
const counts = ([n1, a, n2, b]: Quad) => ({ white: { shortlisted: n1, appointed: a }, bme: { shortlisted: n2, appointed: b }, notStated: { shortlisted: 0, appointed: 0 } });
const FY = 2016;

async function send(token: string, label: string, quad: Quad) {
  const res = await call("POST", "/v1/outcomes", { token, body: outcome(await key(`cache-${label}`), { closingDate: `${FY}-06-15`, counts: counts(quad) }) });
  expect(res.status).toBeLessThan(300);
}
async function read(token: string, level = 90) {
  const res = await call("GET", `/v1/indicators/wres2/benchmark?year=${FY}/${String((FY + 1) % 100).padStart(2, "0")}&level=${level}`, { token });
  expect(res.status).toBe(200);
  return res.json;
}
const version = async () => (await env.DB.prepare("SELECT version FROM totals_versions WHERE fy = ?").bind(FY).first<{ version: number }>())?.version;

describe("the benchmark's memory of responses is never stale", () => {
  it("any write, replacement or deletion, by a peer or by the caller, gives the fresh figure on the next read", async () => {
    const peers = [];
    for (const [i, q] of ([[40, 20, 40, 10], [60, 30, 20, 10], [20, 10, 60, 15], [50, 25, 50, 25], [40, 20, 40, 10]] as Quad[]).entries()) {
      const o = await createOrg(`Cache peer ${i}`);
      await send(o.submit, `peer-${i}`, q);
      peers.push(o);
    }
    const me = await createOrg("Cache caller");
    await send(me.submit, "me", [100, 50, 100, 20]);

    // Crude national (peers only): white 105/210, BME 70/210 → 1.5.
    const first = await read(me.read);
    expect(first.national.relativeLikelihood).toBeCloseTo(1.5, 12);
    const again = await read(me.read);
    expect(again).toEqual(first);
    const v1 = await version();

    // A peer adds a vacancy (white 20/10, BME 20/0): white 115/230, BME 70/230 → 115/70.
    await send(peers[0]!.submit, "peer-0-second", [20, 10, 20, 0]);
    expect(await version()).not.toBe(v1);
    expect((await read(me.read)).national.relativeLikelihood).toBeCloseTo(115 / 70, 12);

    // The peer replaces that vacancy (same key, white 20/0, BME 20/10): 105/230 against 80/230 → 105/80.
    await send(peers[0]!.submit, "peer-0-second", [20, 0, 20, 10]);
    expect((await read(me.read)).national.relativeLikelihood).toBeCloseTo(105 / 80, 12);

    // The peer deletes it: back to the first figure, computed afresh.
    const del = await call("DELETE", `/v1/outcomes/${await key("cache-peer-0-second")}`, { token: peers[0]!.submit });
    expect(del.status).toBeLessThan(300);
    expect((await read(me.read)).national.relativeLikelihood).toBeCloseTo(1.5, 12);

    // The caller's own write moves only its own point, at once: 100/200 against 70/200.
    expect(first.you.relativeLikelihood).toBeCloseTo(2.5, 12);
    await send(me.submit, "me-second", [100, 50, 100, 50]);
    const mine = await read(me.read);
    expect(mine.you.relativeLikelihood).toBeCloseTo(100 / 70, 12);
    expect(mine.national.relativeLikelihood).toBeCloseTo(1.5, 12);
  });

  it("each caller and each level has its own entry: a peer never gets the caller's figure", async () => {
    const a = await createOrg("Cache reader A");
    const b = await createOrg("Cache reader B");
    await send(a.submit, "reader-a", [200, 100, 200, 40]);
    await send(b.submit, "reader-b", [200, 100, 200, 100]);
    const fromA = await read(a.read);
    const fromB = await read(b.read);
    expect(fromA.you.relativeLikelihood).toBeCloseTo(2.5, 12);
    expect(fromB.you.relativeLikelihood).toBeCloseTo(1, 12);
    expect((await read(a.read, 95)).national.ci.level).toBe(0.95);
    expect((await read(a.read, 90)).national.ci.level).toBe(0.9);
  });

  it("a revoked token is refused at once, even with a response remembered for its organisation", async () => {
    const o = await createOrg("Cache revoked");
    await send(o.submit, "revoked", [100, 50, 100, 20]);
    await read(o.read);
    const { adminToken } = await import("./helpers");
    const rotated = await call("POST", `/v1/admin/orgs/${o.id}/tokens/read/rotate`, { token: adminToken() });
    expect(rotated.status).toBe(201);
    const res = await call("GET", `/v1/indicators/wres2/benchmark?year=${FY}/17&level=90`, { token: o.read });
    expect(res.status).toBe(401);
  });
});
