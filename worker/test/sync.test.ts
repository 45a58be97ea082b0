/**
 * Panel sync as a modified client would try it: the Worker stores only what it is given
 * (ciphertext), releases colleagues' entries only to an assessor who has submitted, never lets a
 * submission be replaced, binds an assessor id to the browser that first used it, expires and deletes.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SyncEntriesResponseSchema, SyncGuideResponseSchema } from "@fair-shortlist/shared/schemas/api";
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

describe("/v1/sync/:vacancyKey/guide: the review guide, readable before scoring, never a way to scores", () => {
  const guideBody = (who: ReturnType<typeof assessor>, revision: number, text: string) => ({ ...who, revision, iv: IV, ciphertext: blob(text) });

  it("stores only ciphertext, one guide per vacancy from one author, each revision replacing the last", async () => {
    const org = await createOrg("Guide Trust A");
    const vk = await key("guide-a");
    const manager = assessor("1");
    const colleague = assessor("2");
    // Nothing published yet: any assessor may ask, and hears "none".
    const none = await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit });
    expect(none.status).toBe(200);
    expect(SyncGuideResponseSchema.parse(none.json)).toEqual({ vacancyKey: vk, guide: null });

    const first = await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: { ...guideBody(manager, 1, "guide r1"), closingDate: "2025-01-31" } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ vacancyKey: vk, authorId: manager.assessorId, revision: 1, status: "created" });
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(manager, 1, "guide r1") })).json.status).toBe("unchanged");
    // Revision 1 cannot be rewritten in place, and revisions do not skip.
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(manager, 1, "guide r1 edited") })).status).toBe(409);
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(manager, 3, "skip") })).status).toBe(409);
    const second = await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(manager, 2, "guide r2") });
    expect([second.status, second.json.status, second.json.revision]).toEqual([200, "replaced", 2]);

    // A colleague who has submitted nothing reads it (that is what it is for): the latest revision.
    const read = await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit });
    const body = SyncGuideResponseSchema.parse(read.json);
    expect([body.guide!.authorId, body.guide!.revision, atob(body.guide!.ciphertext).replace(/\.+$/, "")]).toEqual([manager.assessorId, 2, "guide r2"]);
    // Only the author's browser publishes: another assessor, or the author's id without its proof, cannot replace it.
    const other = await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(colleague, 3, "my own guide") });
    expect(other.status).toBe(409);
    expect(other.json.error.message).toMatch(/published from another browser/);
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: { ...guideBody(manager, 3, "forged"), proof: colleague.proof } })).status).toBe(403);

    // What is stored: ids, a nonce, ciphertext and times; no column for text.
    const cols = (await env.DB.prepare("SELECT name FROM pragma_table_info('sync_guides')").all<{ name: string }>()).results.map((r) => r.name);
    expect(cols.sort()).toEqual(["author_id", "ciphertext", "expires_at", "iv", "org_seq", "revision", "submitted_at", "vacancy_key"]);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_guides WHERE vacancy_key = ?").bind(vk).first<{ n: number }>())!.n).toBe(1);
    // Another organisation sees none of it.
    expect((await call("GET", `/v1/sync/${vk}/guide`, { token: (await createOrg("Guide Trust Z")).submit })).json.guide).toBeNull();
    // The read token cannot use sync at all.
    expect((await call("GET", `/v1/sync/${vk}/guide`, { token: org.read })).status).toBe(403);
  });

  it("refuses unknown fields and oversize bodies", async () => {
    const org = await createOrg("Guide Trust B");
    const url = `/v1/sync/${await key("guide-b")}/guide`;
    const ok = guideBody(assessor("3"), 1, "x");
    for (const extra of [{ criteria: { "e-1": { good: "One example." } } }, { author: "AB" }, { itemKey: await key("i") }, { entries: [] }]) {
      const r = await call("POST", url, { token: org.submit, body: { ...ok, ...extra } });
      expect(r.status, JSON.stringify(extra)).toBe(400);
    }
    // Over the guide's own limit (smaller than a score entry's): refused by the schema...
    const big = await call("POST", url, { token: org.submit, body: { ...ok, ciphertext: "A".repeat(48_004) } });
    expect(big.status).toBe(400);
    expect(big.text).toMatch(/at most 48000 characters/);
    expect((await call("POST", url, { token: org.submit, body: { ...ok, ciphertext: "A".repeat(47_996) } })).status).toBe(201);
    // ...and a body over the sync limit never reaches it.
    expect((await call("POST", url, { token: org.submit, body: { ...ok, ciphertext: "A".repeat(70_000) } })).status).toBe(413);
    expect((await call("POST", `/v1/sync/not-a-key/guide`, { token: org.submit, body: ok })).status).toBe(400);
  });

  it("a guide releases no scores: a score fetch before submitting is still refused, for the author and for colleagues who read the guide", async () => {
    const org = await createOrg("Guide Trust C");
    const vk = await key("guide-c");
    const item = await key("guide-c-applicant-1");
    const manager = assessor("4");
    const shortlister = assessor("5");
    const late = assessor("6");
    expect((await call("POST", `/v1/sync/${vk}/${item}/entries`, { token: org.submit, body: { ...shortlister, revision: 1, iv: IV, ciphertext: blob("scores of 5") } })).status).toBe(201);
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(manager, 1, "the guide") })).status).toBe(201);
    // The guide's author is now a known assessor of the vacancy, yet has no entry for the item: refused.
    const author = await call("POST", `/v1/sync/${vk}/${item}/read`, { token: org.submit, body: manager });
    expect(author.status).toBe(403);
    expect(author.json.error.message).toMatch(/Submit your own entry first.*1 colleague has submitted/);
    // A colleague who has only read the guide: refused too.
    expect((await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit })).json.guide.revision).toBe(1);
    expect((await call("POST", `/v1/sync/${vk}/${item}/read`, { token: org.submit, body: late })).status).toBe(403);
    // The guide channel carries no item: there is no route that reads an item's entries through it.
    expect((await call("GET", `/v1/sync/${vk}/${item}/guide`, { token: org.submit })).status).toBe(404);
    expect((await call("POST", `/v1/sync/${vk}/${item}/guide`, { token: org.submit, body: guideBody(late, 1, "x") })).status).toBe(404);
    expect((await call("POST", `/v1/sync/${vk}/guide/read`, { token: org.submit, body: late })).status).toBe(400);
    // And what it serves is the guide alone, whatever else the vacancy holds.
    const g = SyncGuideResponseSchema.parse((await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit })).json);
    expect(atob(g.guide!.ciphertext)).not.toContain("scores of 5");

    // The author stays bound while other assessors' writes purge assessors without entries.
    await call("POST", `/v1/sync/${vk}/${await key("guide-c-applicant-2")}/entries`, { token: org.submit, body: { ...shortlister, revision: 1, iv: IV, ciphertext: blob("more") } });
    expect((await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: { ...guideBody(manager, 2, "x"), proof: late.proof } })).status).toBe(403);
    // Deleting the vacancy's sync data takes the guide too; the author may do it.
    const del = await call("DELETE", `/v1/sync/${vk}`, { token: org.submit, body: manager });
    expect(del.status).toBe(200);
    expect(del.json.deleted).toBe(3);
    expect((await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit })).json.guide).toBeNull();
  });

  it("expires with the vacancy's entries", async () => {
    const org = await createOrg("Guide Trust D");
    const vk = await key("guide-d");
    const manager = assessor("7");
    await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(manager, 1, "old guide") });
    await env.DB.prepare("UPDATE sync_guides SET expires_at = '2000-01-01T00:00:00.000Z' WHERE vacancy_key = ?").bind(vk).run();
    expect((await call("GET", `/v1/sync/${vk}/guide`, { token: org.submit })).json.guide).toBeNull();
    // Gone on the organisation's next write; someone else may then publish the vacancy's guide.
    const next = await call("POST", `/v1/sync/${vk}/guide`, { token: org.submit, body: guideBody(assessor("8"), 1, "new guide") });
    expect(next.status).toBe(201);

    // The daily purge takes an expired guide of an organisation that never writes again, and keeps a live author bound.
    const { createScheduledController, createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../src/index")).default;
    const quiet = await createOrg("Guide Trust Quiet");
    const qvk = await key("guide-quiet");
    await call("POST", `/v1/sync/${qvk}/guide`, { token: quiet.submit, body: guideBody(assessor("9"), 1, "quiet guide") });
    await env.DB.prepare("UPDATE sync_guides SET expires_at = '2000-01-01T00:00:00.000Z' WHERE vacancy_key = ?").bind(qvk).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const n = async (sql: string, v: string) => (await env.DB.prepare(sql).bind(v).first<{ n: number }>())!.n;
    expect(await n("SELECT COUNT(*) AS n FROM sync_guides WHERE vacancy_key = ?", qvk)).toBe(0);
    expect(await n("SELECT COUNT(*) AS n FROM sync_assessors WHERE vacancy_key = ?", qvk)).toBe(0);
    expect(await n("SELECT COUNT(*) AS n FROM sync_guides WHERE vacancy_key = ?", vk)).toBe(1);
    expect(await n("SELECT COUNT(*) AS n FROM sync_assessors WHERE vacancy_key = ?", vk)).toBe(1);
  });
});
