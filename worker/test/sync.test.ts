/**
 * Panel sync as a modified client would try it: the Worker stores only what it is given
 * (ciphertext), releases colleagues' entries only to an assessor who has submitted, never lets a
 * submission be replaced, binds an assessor id to the browser that first used it, expires and deletes.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SyncEntriesResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key } from "./helpers";

const hex = (n: number, seed: string) => seed.repeat(n).slice(0, n);
const assessor = (c: string) => ({ assessorId: `as_${hex(32, c)}`, proof: hex(64, c) });
const blob = (text: string) => btoa(text.padEnd(32, "."));
const IV = btoa("twelve bytes");

describe("/v1/sync: ciphertext, released only after submitting, never replaced", () => {
  it("an assessor who has not submitted is refused colleagues' entries; after submitting, sees every entry", async () => {
    const org = await createOrg("Sync Trust A");
    const vk = await key("sync-a");
    const item = await key("sync-a-candidate-1");
    const a = assessor("a");
    const b = assessor("b");
    const base = `/v1/sync/${vk}/${item}`;
    const wa = await call("POST", `${base}/entries`, { token: org.submit, body: { ...a, revision: 1, iv: IV, ciphertext: blob("A's ciphertext"), closingDate: "2025-01-31" } });
    expect(wa.status).toBe(201);
    expect(wa.json).toMatchObject({ assessorId: a.assessorId, revision: 1, status: "created" });

    // B (or a tampered client that skips the UI) asks before submitting: refused, with how many have submitted.
    const early = await call("POST", `${base}/read`, { token: org.submit, body: b });
    expect(early.status).toBe(403);
    expect(early.json.error.message).toMatch(/Submit your own entry first.*1 colleague has submitted/);
    // Claiming A's id without A's proof does not help either.
    const impostor = await call("POST", `${base}/read`, { token: org.submit, body: { assessorId: a.assessorId, proof: b.proof } });
    expect(impostor.status).toBe(403);
    expect(impostor.json.error.message).toMatch(/belongs to another browser/);
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { assessorId: a.assessorId, proof: b.proof, revision: 2, iv: IV, ciphertext: blob("forged") } })).status).toBe(403);

    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { ...b, revision: 1, iv: IV, ciphertext: blob("B's ciphertext") } })).status).toBe(201);
    const read = await call("POST", `${base}/read`, { token: org.submit, body: b });
    expect(read.status).toBe(200);
    const body = SyncEntriesResponseSchema.parse(read.json);
    expect(body.entries.map((e) => [e.assessorId, e.revision, atob(e.ciphertext).replace(/\.+$/, "")])).toEqual([
      [a.assessorId, 1, "A's ciphertext"],
      [b.assessorId, 1, "B's ciphertext"],
    ]);
    // Expiry: 90 days after the closing date, or after the submission when that is later.
    const expiry = Date.parse(body.entries[0]!.expiresAt);
    expect(expiry).toBeGreaterThan(Date.now() + 89 * 86400e3);
    // Another item (candidate) of the same vacancy: B has not submitted there.
    expect((await call("POST", `/v1/sync/${vk}/${await key("sync-a-candidate-2")}/read`, { token: org.submit, body: b })).status).toBe(403);
  });

  it("a submission cannot be replaced: same revision with other content is 409; a change is a new visible revision; a resend is 200", async () => {
    const org = await createOrg("Sync Trust B");
    const base = `/v1/sync/${await key("sync-b")}/${await key("sync-b-item")}`;
    const a = assessor("c");
    const first = { ...a, revision: 1, iv: IV, ciphertext: blob("first") };
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: first })).status).toBe(201);
    const resend = await call("POST", `${base}/entries`, { token: org.submit, body: first });
    expect(resend.status).toBe(200);
    expect(resend.json.status).toBe("unchanged");
    const overwrite = await call("POST", `${base}/entries`, { token: org.submit, body: { ...first, ciphertext: blob("changed after seeing others") } });
    expect(overwrite.status).toBe(409);
    expect(overwrite.json.error.message).toMatch(/cannot be replaced.*new revision \(2\)/);
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { ...first, revision: 3, ciphertext: blob("skip") } })).status).toBe(409);
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { ...first, revision: 2, ciphertext: blob("revised") } })).status).toBe(201);
    const read = await call("POST", `${base}/read`, { token: org.submit, body: a });
    expect(read.json.entries.map((e: { revision: number }) => e.revision)).toEqual([1, 2]);
  });

  it("stores only what it is sent: no field for a name, score or note; strict bodies; submit token only", async () => {
    const org = await createOrg("Sync Trust C");
    const base = `/v1/sync/${await key("sync-c")}/${await key("sync-c-item")}`;
    const a = assessor("d");
    const ok = { ...a, revision: 1, iv: IV, ciphertext: blob("x") };
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { ...ok, name: "Dr A Smith" } })).status).toBe(400);
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { ...ok, assessorId: "me" } })).status).toBe(400);
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: { ...ok, ciphertext: "not base64!" } })).status).toBe(400);
    expect((await call("POST", `${base}/entries`, { token: org.read, body: ok })).status).toBe(403);
    expect((await call("POST", `/v1/sync/C9290-24-0512/${await key("i")}/entries`, { token: org.submit, body: ok })).status).toBe(400);
    const other = await createOrg("Sync Trust D");
    expect((await call("POST", `${base}/entries`, { token: org.submit, body: ok })).status).toBe(201);
    // Another organisation with the same keys sees nothing of this one.
    expect((await call("POST", `${base}/read`, { token: other.submit, body: a })).status).toBe(403);
    const cols = (await env.DB.prepare("SELECT name FROM pragma_table_info('sync_entries')").all<{ name: string }>()).results.map((r) => r.name);
    expect(cols.sort()).toEqual(["assessor_id", "ciphertext", "expires_at", "item_key", "iv", "org_seq", "revision", "submitted_at", "vacancy_key"]);
  });

  it("expired entries are never returned and are removed on the next write; the panel can delete a vacancy's entries", async () => {
    const org = await createOrg("Sync Trust E");
    const vk = await key("sync-e");
    const base = `/v1/sync/${vk}/${await key("sync-e-item")}`;
    const a = assessor("e");
    const b = assessor("f");
    await call("POST", `${base}/entries`, { token: org.submit, body: { ...a, revision: 1, iv: IV, ciphertext: blob("a") } });
    await call("POST", `${base}/entries`, { token: org.submit, body: { ...b, revision: 1, iv: IV, ciphertext: blob("b") } });
    await env.DB.prepare("UPDATE sync_entries SET expires_at = '2000-01-01T00:00:00.000Z' WHERE assessor_id = ?").bind(a.assessorId).run();
    const read = await call("POST", `${base}/read`, { token: org.submit, body: b });
    expect(read.json.entries.map((e: { assessorId: string }) => e.assessorId)).toEqual([b.assessorId]);
    await call("POST", `/v1/sync/${vk}/${await key("sync-e-item-2")}/entries`, { token: org.submit, body: { ...b, revision: 1, iv: IV, ciphertext: blob("b2") } });
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_entries WHERE assessor_id = ?").bind(a.assessorId).first<{ n: number }>())!.n).toBe(0);

    expect((await call("DELETE", `/v1/sync/${vk}`, { token: org.submit, body: assessor("9") })).status).toBe(403);
    const del = await call("DELETE", `/v1/sync/${vk}`, { token: org.submit, body: b });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ vacancyKey: vk, deleted: 2 });
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_entries WHERE vacancy_key = ?").bind(vk).first<{ n: number }>())!.n).toBe(0);
  });
});

describe("the daily purge (cron trigger)", () => {
  it("deletes every organisation's expired entries, even one that never writes again, and keeps live ones", async () => {
    const { createScheduledController, createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../src/index")).default;
    const quiet = await createOrg("Sync Purge Quiet Trust");
    const busy = await createOrg("Sync Purge Busy Trust");
    const vk = await key("sync-purge");
    const item = await key("sync-purge-candidate");
    const a = assessor("d");
    const b = assessor("e");
    // Closed long ago: expires 90 days after the submission, which the test then moves into the past.
    expect((await call("POST", `/v1/sync/${vk}/${item}/entries`, { token: quiet.submit, body: { ...a, revision: 1, iv: IV, ciphertext: blob("old") } })).status).toBe(201);
    expect((await call("POST", `/v1/sync/${vk}/${item}/entries`, { token: busy.submit, body: { ...b, revision: 1, iv: IV, ciphertext: blob("live") } })).status).toBe(201);
    await env.DB.prepare("UPDATE sync_entries SET expires_at = '2001-01-01T00:00:00.000Z' WHERE ciphertext = ?").bind(blob("old")).run();
    const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;
    const before = await count("SELECT COUNT(*) AS n FROM sync_entries");
    const assessorsBefore = await count("SELECT COUNT(*) AS n FROM sync_assessors");

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await count("SELECT COUNT(*) AS n FROM sync_entries")).toBe(before - 1);
    expect(await count(`SELECT COUNT(*) AS n FROM sync_entries WHERE ciphertext = '${blob("old")}'`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM sync_entries WHERE ciphertext = '${blob("live")}'`)).toBe(1);
    // The quiet organisation's assessor id went with its last entry; the busy one's stays.
    expect(await count("SELECT COUNT(*) AS n FROM sync_assessors")).toBe(assessorsBefore - 1);
    const readBack = await call("POST", `/v1/sync/${vk}/${item}/read`, { token: busy.submit, body: b });
    expect(readBack.status).toBe(200);
  });
});
