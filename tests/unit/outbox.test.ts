import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  OUTCOMES_BATCH_PATH,
  OUTCOMES_PATH,
  GUARANTEED_INTERVIEW_FACT_PATH,
  PANEL_FACT_PATH,
  SCORING_FACT_PATH,
  apiEndpoint,
  createOutbox,
  type OutboxState,
  type SubmitTarget,
} from "../../extension/background/outbox";
import type { OutcomeSubmission } from "../../shared/src/schemas/api";

const API = "http://127.0.0.1:9999";
const TOKEN = "fs_submit_abcdefghijklmnopqrstuvwxyz0123456789abcdefg";

function outcome(n: number, patch: Partial<OutcomeSubmission> = {}): OutcomeSubmission {
  return {
    // As an HMAC gives it: a run of zeros would read as NUL-padded text, which the schema refuses.
    vacancyKey: createHash("sha256").update(String(n)).digest("hex"),
    closingDate: "2025-01-31",
    band: "8a",
    staffGroup: "clinical",
    counts: { white: { shortlisted: 4, appointed: 1 }, bme: { shortlisted: 3, appointed: 0 }, notStated: { shortlisted: 1, appointed: 0 } },
    ...patch,
  };
}

/** A fake API with the real one's upsert semantics, and a switch to take it down. */
class FakeApi {
  records = new Map<string, OutcomeSubmission>();
  requests: Array<{ path: string; auth: string | null; body: any }> = [];
  down = false;
  /** Store the record, then lose the response (the worker "dies" mid-request). */
  loseResponse = false;
  status: number | undefined;
  retryAfter: string | undefined;
  rejectKeys = new Set<string>();
  /** Keys the server fails on with a 500 (a record it chokes on), alone or in a batch. */
  crashKeys = new Set<string>();
  /** Answer every request with this instead (an SSO page, a captive portal, a redirect). */
  impostor?: () => Response;
  inits: RequestInit[] = [];
  onRequest?: () => Promise<void> | void;

  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const body = JSON.parse(String(init!.body));
    this.requests.push({ path: url.pathname, auth: new Headers(init!.headers).get("authorization"), body });
    this.inits.push(init!);
    await this.onRequest?.();
    if (this.down) throw new TypeError("fetch failed");
    if (this.impostor) return this.impostor();
    if (this.status) return json(this.status, { error: { code: "x", message: "Nope" } }, this.retryAfter);
    const list: OutcomeSubmission[] = url.pathname === OUTCOMES_BATCH_PATH ? body.outcomes : [body];
    if (list.some((o) => this.crashKeys.has(o.vacancyKey))) return json(500, { error: { code: "internal", message: "Something went wrong" } });
    const bad = list.findIndex((o) => this.rejectKeys.has(o.vacancyKey));
    if (bad >= 0) {
      const prefix = url.pathname === OUTCOMES_BATCH_PATH ? `outcomes.${bad}.` : "";
      return json(400, { error: { code: "invalid_request", message: "Request body is invalid", issues: [{ path: `${prefix}counts.bme.appointed`, message: "appointed cannot exceed shortlisted" }] } });
    }
    for (const o of list) this.records.set(o.vacancyKey, o);
    if (this.loseResponse) {
      this.loseResponse = false;
      throw new TypeError("network connection lost");
    }
    const results = list.map((o) => ({ vacancyKey: o.vacancyKey, status: "created", financialYear: "2024/25" }));
    return url.pathname === OUTCOMES_BATCH_PATH
      ? json(200, { created: results.length, replaced: 0, results })
      : json(201, results[0]);
  };
}

function html(status: number, text = "<!doctype html><title>Sign in</title><form>...</form>") {
  return new Response(text, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

function json(status: number, body: unknown, retryAfter?: string) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) } });
}

/** chrome.storage-like: values go through JSON, like structured clone of plain data. */
function harness(api: FakeApi, opts: { target?: SubmitTarget | { missing: string }; stored?: { value?: string } } = {}) {
  const stored = opts.stored ?? {};
  const clock = { now: 1_700_000_000_000 };
  const wakes: Array<number | undefined> = [];
  let rev = 0;
  const outbox = createOutbox({
    load: async () => (stored.value ? (JSON.parse(stored.value) as OutboxState) : undefined),
    save: async (s) => {
      stored.value = JSON.stringify(s);
    },
    fetch: api.fetch,
    now: () => clock.now,
    random: () => 0.5,
    newRevision: () => `rev-${++rev}`,
    target: async () => opts.target ?? { apiUrl: API, submitToken: TOKEN },
    scheduleWake: async (at) => {
      wakes.push(at);
    },
  });
  return { outbox, clock, wakes, stored };
}

describe("outbox: durable queue of outcome submissions", () => {
  it("sends a queued outcome with the submit token and empties the queue", async () => {
    const api = new FakeApi();
    const { outbox, clock } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(r).toMatchObject({ attempted: 1, delivered: 1 });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ path: OUTCOMES_PATH, auth: `Bearer ${TOKEN}` });
    expect(api.records.get(outcome(1).vacancyKey)).toEqual(outcome(1));
    expect(r.status).toMatchObject({ queueLength: 0, delivered: 1, lastSyncAt: clock.now });
    expect(r.status.lastError).toBeUndefined();
  });

  it("refuses a payload the API would reject (free text, bad counts) before it is stored", async () => {
    const { outbox } = harness(new FakeApi());
    await expect(outbox.enqueue({ ...outcome(1), note: "Jane Smith" })).rejects.toThrow();
    await expect(outbox.enqueue(outcome(1, { counts: { ...outcome(1).counts, bme: { shortlisted: 1, appointed: 2 } } }))).rejects.toThrow();
    expect((await outbox.status()).queueLength).toBe(0);
  });

  it("keeps one entry per vacancy: queueing the same vacancy again replaces the payload", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    await outbox.enqueue(outcome(1, { band: "8b" }));
    expect((await outbox.status()).queueLength).toBe(1);
    api.down = false;
    await outbox.flush({ force: true });
    expect(api.records.size).toBe(1);
    expect(api.records.get(outcome(1).vacancyKey)!.band).toBe("8b");
  });

  it("when the API is down: keeps the outcome, says why in words, backs off, then delivers once", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox, clock, wakes } = harness(api);
    await outbox.enqueue(outcome(1));
    const failed = await outbox.flush();
    expect(failed.delivered).toBe(0);
    expect(failed.status.queueLength).toBe(1);
    expect(failed.status.lastError).toMatch(/Could not reach the API at http:\/\/127\.0\.0\.1:9999.*stay queued/);
    const retryAt = failed.status.nextAttemptAt!;
    expect(retryAt - clock.now).toBe(22_500); // attempt 1: 30 s nominal, jitter 0.5 → 22.5 s
    expect(wakes.at(-1)).toBe(retryAt);

    // Not due yet: an alarm-driven flush sends nothing.
    api.down = false;
    clock.now += 10_000;
    expect((await outbox.flush()).attempted).toBe(0);
    expect(api.records.size).toBe(0);

    // Second failure doubles the wait.
    api.down = true;
    clock.now = retryAt;
    const second = await outbox.flush();
    expect(second.status.queued[0]!.attempts).toBe(2);
    expect(second.status.nextAttemptAt! - clock.now).toBe(45_000);

    api.down = false;
    clock.now = second.status.nextAttemptAt!;
    const ok = await outbox.flush();
    expect(ok).toMatchObject({ attempted: 1, delivered: 1 });
    expect(ok.status.lastError).toBeUndefined();
    expect(api.records.size).toBe(1);
    expect(wakes.at(-1)).toBeUndefined();
  });

  it("survives the service worker being killed: a fresh outbox on the same storage sends what was queued", async () => {
    const api = new FakeApi();
    api.down = true;
    const first = harness(api);
    await first.outbox.enqueue(outcome(7));
    await first.outbox.flush();
    api.down = false;
    const second = harness(api, { stored: first.stored });
    second.clock.now = first.clock.now + 60_000;
    expect(await second.outbox.flush()).toMatchObject({ attempted: 1, delivered: 1 });
    expect([...api.records.keys()]).toEqual([outcome(7).vacancyKey]);
  });

  it("a response lost after the API stored the record leads to a resend that the upsert absorbs (counted once)", async () => {
    const api = new FakeApi();
    api.loseResponse = true;
    const { outbox, clock } = harness(api);
    await outbox.enqueue(outcome(3));
    const lost = await outbox.flush();
    expect(lost.status.queueLength).toBe(1);
    clock.now = lost.status.nextAttemptAt!;
    await outbox.flush();
    expect(api.requests).toHaveLength(2);
    expect(api.records.size).toBe(1);
    expect((await outbox.status()).queueLength).toBe(0);
  });

  it("a correction queued while the older version is in flight is not dropped", async () => {
    const api = new FakeApi();
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    let once = true;
    api.onRequest = async () => {
      if (!once) return;
      once = false;
      await outbox.enqueue(outcome(1, { staffGroup: "nonClinical" }));
    };
    await outbox.flush();
    expect((await outbox.status()).queueLength).toBe(1);
    await outbox.flush();
    expect(api.records.get(outcome(1).vacancyKey)!.staffGroup).toBe("nonClinical");
    expect((await outbox.status()).queueLength).toBe(0);
  });

  it("sends several due outcomes as one batch", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    for (const n of [1, 2, 3]) await outbox.enqueue(outcome(n));
    await outbox.flush();
    api.down = false;
    api.requests = [];
    const r = await outbox.flush({ force: true });
    expect(r.delivered).toBe(3);
    expect(api.requests.map((q) => q.path)).toEqual([OUTCOMES_BATCH_PATH]);
    expect(api.requests[0]!.body.outcomes).toHaveLength(3);
  });

  it("when a batch is refused for one bad record, the others still go and the bad one is reported", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    for (const n of [1, 2, 3]) await outbox.enqueue(outcome(n));
    await outbox.flush();
    api.down = false;
    api.rejectKeys.add(outcome(2).vacancyKey);
    const r = await outbox.flush({ force: true });
    expect(r.delivered).toBe(2);
    expect([...api.records.keys()].sort()).toEqual([outcome(1).vacancyKey, outcome(3).vacancyKey].sort());
    expect(r.status.queueLength).toBe(0);
    expect(r.status.rejected).toHaveLength(1);
    expect(r.status.rejected[0]!.message).toMatch(/rejected this submission \(400\).*counts\.bme\.appointed: appointed cannot exceed shortlisted/);
  });

  it("a refused token keeps the outcome queued and says what to fix", async () => {
    const api = new FakeApi();
    api.status = 401;
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(r.status.queueLength).toBe(1);
    expect(r.status.lastError).toMatch(/did not accept the organisation's submit token \(401\)/);
  });

  it("honours Retry-After on 429", async () => {
    const api = new FakeApi();
    api.status = 429;
    api.retryAfter = "600";
    const { outbox, clock } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(r.status.nextAttemptAt! - clock.now).toBe(600_000);
    expect(r.status.lastError).toMatch(/slow down/);
  });

  it("with settings missing, nothing is sent and the popup is told which ones", async () => {
    const api = new FakeApi();
    const { outbox } = harness(api, { target: { missing: "Outcomes cannot be sent yet: the API URL is not set." } });
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(api.requests).toHaveLength(0);
    expect(r.status).toMatchObject({ queueLength: 1, lastError: "Outcomes cannot be sent yet: the API URL is not set." });
  });

  it("an outcome queued while a round is under way is sent by one more round when forced", async () => {
    const api = new FakeApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.onRequest = () => gate;
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const alarmRound = outbox.flush();
    await new Promise((r) => setTimeout(r, 10));
    await outbox.enqueue(outcome(2));
    const confirmed = outbox.flush({ force: true });
    release();
    const [, r] = await Promise.all([alarmRound, confirmed]);
    expect(r.status.queueLength).toBe(0);
    expect([...api.records.keys()].sort()).toEqual([outcome(1).vacancyKey, outcome(2).vacancyKey].sort());
  });

  it("concurrent flushes (alarm and 'Sync now' together) share one round: no duplicate POSTs", async () => {
    const api = new FakeApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.onRequest = () => gate;
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const a = outbox.flush();
    const b = outbox.flush();
    await new Promise((r) => setTimeout(r, 10));
    release();
    await Promise.all([a, b]);
    expect(api.requests).toHaveLength(1);
    expect(api.records.size).toBe(1);
  });
});

describe("outbox: delivered means the API said so", () => {
  it("a single-sign-on page or captive portal answering 200 with HTML is not delivery: the outcome stays queued, and the popup says why", async () => {
    const api = new FakeApi();
    api.impostor = () => html(200);
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(r.delivered).toBe(0);
    expect(r.status).toMatchObject({ queueLength: 1, delivered: 0 });
    expect(r.status.lastSyncAt).toBeUndefined();
    expect(r.status.lastError).toMatch(/answered with a web page, not the fair-shortlist API.*sign-in page.*stay queued/);
    expect(await outbox.stateOf(outcome(1).vacancyKey)).toMatchObject({ state: "queued" });
  });

  it("the same for a batch, and for a JSON 200 that is not the API's answer", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    for (const n of [1, 2]) await outbox.enqueue(outcome(n));
    await outbox.flush();
    api.down = false;
    api.impostor = () => html(200);
    expect((await outbox.flush({ force: true })).status.queueLength).toBe(2);
    api.impostor = () => json(200, { ok: true });
    expect((await outbox.flush({ force: true })).status.queueLength).toBe(2);
    // The API's shape, but for other vacancies (a cache or a mix-up): not this delivery.
    api.impostor = () => json(200, { created: 2, replaced: 0, results: [outcome(8), outcome(9)].map((o) => ({ vacancyKey: o.vacancyKey, status: "created", financialYear: "2024/25" })) });
    expect((await outbox.flush({ force: true })).status.queueLength).toBe(2);
    api.impostor = undefined;
    const ok = await outbox.flush({ force: true });
    expect(ok).toMatchObject({ attempted: 2, delivered: 2 });
    expect(ok.status.queueLength).toBe(0);
  });

  it("a single answer naming another vacancyKey is not delivery", async () => {
    const api = new FakeApi();
    api.impostor = () => json(201, { vacancyKey: outcome(2).vacancyKey, status: "created", financialYear: "2024/25" });
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    expect((await outbox.flush()).status.queueLength).toBe(1);
  });

  it("does not follow redirects: a 302 to a login page keeps the outcome queued (and the token never goes there)", async () => {
    const api = new FakeApi();
    api.impostor = () => new Response(null, { status: 302, headers: { location: "https://login.example.nhs.uk/sso" } });
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(api.inits[0]!.redirect).toBe("manual");
    expect(r.status.queueLength).toBe(1);
    expect(r.status.lastError).toMatch(/redirected the request elsewhere/);
  });

  it("an HTML 400 from a proxy is not the API rejecting the record: retried, not set aside", async () => {
    const api = new FakeApi();
    api.impostor = () => html(400, "<h1>Bad Request</h1>");
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(r.status).toMatchObject({ queueLength: 1, rejected: [] });
  });

  it("keeps the path of the configured API URL", async () => {
    for (const apiUrl of ["https://apps.x.nhs.uk/fair-shortlist/", "https://apps.x.nhs.uk/fair-shortlist"]) {
      const api = new FakeApi();
      const urls: string[] = [];
      const inner = api.fetch;
      api.fetch = (input, init) => {
        urls.push(String(input));
        return inner(String(input).replace("https://apps.x.nhs.uk/fair-shortlist", "http://x"), init);
      };
      const { outbox } = harness(api, { target: { apiUrl, submitToken: TOKEN } });
      await outbox.enqueue(outcome(1));
      expect((await outbox.flush()).delivered).toBe(1);
      await outbox.enqueue(outcome(2));
      await outbox.enqueue(outcome(3));
      await outbox.flush({ force: true });
      expect(urls).toEqual(["https://apps.x.nhs.uk/fair-shortlist/v1/outcomes", "https://apps.x.nhs.uk/fair-shortlist/v1/outcomes/batch"]);
    }
    expect(apiEndpoint("https://apps.x.nhs.uk/a/b?x=1#y", OUTCOMES_PATH)).toBe("https://apps.x.nhs.uk/a/b/v1/outcomes");
    expect(apiEndpoint("http://127.0.0.1:8787", OUTCOMES_BATCH_PATH)).toBe("http://127.0.0.1:8787/v1/outcomes/batch");
  });
});

describe("outbox: a rejected record is set aside, shown, and never blocks the rest", () => {
  it("a record the API refuses is set aside with its reason until dismissed or captured again; it is never 'delivered'", async () => {
    const api = new FakeApi();
    api.rejectKeys.add(outcome(1).vacancyKey);
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    const r = await outbox.flush();
    expect(r).toMatchObject({ attempted: 1, delivered: 0 });
    expect(r.status.queueLength).toBe(0);
    const state = await outbox.stateOf(outcome(1).vacancyKey);
    expect(state).toMatchObject({ state: "rejected" });
    expect(state.state === "rejected" && state.message).toMatch(/rejected this submission \(400\).*appointed cannot exceed shortlisted.*set aside, not sent/);
    // Still there after later rounds with other deliveries.
    await outbox.enqueue(outcome(2));
    await outbox.flush();
    expect((await outbox.status()).rejected.map((x) => x.vacancyKey)).toEqual([outcome(1).vacancyKey]);
    expect(await outbox.stateOf(outcome(2).vacancyKey)).toMatchObject({ state: "delivered" });
    // Dismissed by the user: gone.
    expect((await outbox.dismiss(outcome(1).vacancyKey)).rejected).toEqual([]);
    expect(await outbox.stateOf(outcome(1).vacancyKey)).toEqual({ state: "unknown" });
  });

  it("does not silently forget rejections when there are many", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    for (let n = 1; n <= 30; n++) {
      api.rejectKeys.add(outcome(n).vacancyKey);
      await outbox.enqueue(outcome(n));
    }
    await outbox.flush();
    api.down = false;
    expect((await outbox.flush({ force: true })).status.rejected).toHaveLength(30);
  });

  it("a batch the server fails on (500) because of one record: the others are delivered, that one waits alone", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    for (const n of [1, 2, 3]) await outbox.enqueue(outcome(n));
    await outbox.flush();
    api.down = false;
    api.crashKeys.add(outcome(2).vacancyKey);
    const r = await outbox.flush({ force: true });
    expect(r.delivered).toBe(2);
    expect([...api.records.keys()].sort()).toEqual([outcome(1).vacancyKey, outcome(3).vacancyKey].sort());
    expect(r.status.queued.map((q) => q.vacancyKey)).toEqual([outcome(2).vacancyKey]);
    expect(r.status.queued[0]!.lastError).toMatch(/had a problem \(500\)/);
  });

  it("a record rejected inside a batch (400) is set aside and the rest of the queue goes", async () => {
    const api = new FakeApi();
    api.down = true;
    const { outbox } = harness(api);
    for (let n = 1; n <= 120; n++) await outbox.enqueue(outcome(n));
    await outbox.flush();
    api.down = false;
    api.rejectKeys.add(outcome(5).vacancyKey);
    const r = await outbox.flush({ force: true });
    expect(r.delivered).toBe(119);
    expect(r.status.queueLength).toBe(0);
    expect(r.status.rejected.map((x) => x.vacancyKey)).toEqual([outcome(5).vacancyKey]);
  });
});

describe("outbox: facts sent where they happen (panel check, structured scoring)", () => {
  const panelFact = (n: number, recordedAt = "2025-01-10T09:00:00.000Z", ruleMet = true) => ({
    vacancyKey: outcome(n).vacancyKey,
    recordedAt,
    panel: ruleMet ? { ruleApplies: true, ruleMet: true, failedRules: [] } : { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember"] },
  });

  it("each fact goes to its own route, beside the vacancy's outcome, one queued entry per fact and vacancy", async () => {
    const api = new FakeApi();
    api.down = true;
    // The fake answers facts as the API does: JSON naming the vacancy.
    const real = api.fetch;
    api.fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (!api.down && (path === PANEL_FACT_PATH || path === SCORING_FACT_PATH)) {
        const body = JSON.parse(String(init!.body));
        api.requests.push({ path, auth: null, body });
        return json(201, { vacancyKey: body.vacancyKey, fact: path === PANEL_FACT_PATH ? "panel" : "scoring", status: "created" });
      }
      return real(input, init);
    };
    const { outbox } = harness(api);
    await outbox.enqueue(outcome(1));
    await outbox.enqueueFact("panel", panelFact(1, "2025-01-10T09:00:00.000Z", false));
    await outbox.enqueueFact("panel", panelFact(1, "2025-01-11T09:00:00.000Z", true)); // re-recorded: replaces
    await outbox.enqueueFact("scoring", { vacancyKey: outcome(1).vacancyKey, stage: "shortlisting", completed: false });
    await outbox.enqueueFact("scoring", { vacancyKey: outcome(1).vacancyKey, stage: "interview", completed: true });
    const status = await outbox.status();
    expect(status.queued.map((q) => q.kind).sort()).toEqual(["outcome", "panel", "scoring", "scoring"]);
    api.down = false;
    const r = await outbox.flush({ force: true });
    expect(r).toMatchObject({ attempted: 4, delivered: 4 });
    const facts = api.requests.filter((q) => q.path !== OUTCOMES_PATH && q.path !== OUTCOMES_BATCH_PATH);
    expect(facts.map((q) => q.path).sort()).toEqual([PANEL_FACT_PATH, SCORING_FACT_PATH, SCORING_FACT_PATH]);
    expect(facts.find((q) => q.path === PANEL_FACT_PATH)!.body).toEqual(panelFact(1, "2025-01-11T09:00:00.000Z", true));
    expect(r.status.queueLength).toBe(0);
  });

  it("a fact is delivered only on the API's JSON answer for that vacancy: a portal's 200 keeps it queued", async () => {
    const api = new FakeApi();
    api.fetch = async () => new Response("<html>Sign in</html>", { status: 200, headers: { "content-type": "text/html" } });
    const { outbox } = harness(api);
    await outbox.enqueueFact("panel", panelFact(2));
    const r = await outbox.flush();
    expect(r.delivered).toBe(0);
    expect(r.status.queued[0]).toMatchObject({ kind: "panel", attempts: 1 });
    expect(r.status.lastError).toMatch(/not the fair-shortlist API.s answer/);
  });

  it("refuses a fact that carries anything but yes/no (a reason, a name)", async () => {
    const { outbox } = harness(new FakeApi());
    await expect(outbox.enqueueFact("panel", { ...panelFact(3), reason: "chair away" })).rejects.toThrow();
    await expect(outbox.enqueueFact("scoring", { vacancyKey: outcome(3).vacancyKey, stage: "interview", completed: true, panellist: "AB" })).rejects.toThrow();
    expect((await outbox.status()).queueLength).toBe(0);
  });
});

describe("outbox: guaranteed-interview counts (two numbers per vacancy, latest recording replaces)", () => {
  const gi = (n: number, recordedAt: string, eligible: number, interviewed: number) => ({ vacancyKey: outcome(n).vacancyKey, recordedAt, counts: { eligible, interviewed } });
  /** A fake answering the guaranteed-interview route as the API does; `fact` lets a test answer as another route would. */
  function giApi(fact = "guaranteedInterview") {
    const api = new FakeApi();
    api.fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      const body = JSON.parse(String(init!.body));
      api.requests.push({ path, auth: new Headers(init!.headers).get("authorization"), body });
      if (api.down) throw new TypeError("fetch failed");
      return json(201, { vacancyKey: body.vacancyKey, fact, status: "created" });
    };
    return api;
  }

  it("posts the latest counts for the vacancy to /v1/vacancies/guaranteed-interview, once, queued beside its other facts", async () => {
    const api = giApi();
    api.down = true;
    const { outbox } = harness(api);
    await outbox.enqueueFact("guaranteedInterview", gi(1, "2025-01-10T09:00:00.000Z", 2, 1));
    // A decision changed: the newer counts replace the queued ones instead of queueing a second entry.
    await outbox.enqueueFact("guaranteedInterview", gi(1, "2025-01-10T09:05:00.000Z", 2, 2));
    await outbox.enqueueFact("guaranteedInterview", gi(2, "2025-01-10T09:06:00.000Z", 1, 0));
    const queued = (await outbox.status()).queued;
    expect(queued.map((q) => [q.kind, q.id])).toEqual([
      ["guaranteedInterview", `guaranteedInterview:${outcome(1).vacancyKey}`],
      ["guaranteedInterview", `guaranteedInterview:${outcome(2).vacancyKey}`],
    ]);
    api.down = false;
    api.requests = [];
    const r = await outbox.flush({ force: true });
    expect(r).toMatchObject({ attempted: 2, delivered: 2 });
    expect(api.requests.map((q) => q.path)).toEqual([GUARANTEED_INTERVIEW_FACT_PATH, GUARANTEED_INTERVIEW_FACT_PATH]);
    expect(api.requests[0]!.body).toEqual(gi(1, "2025-01-10T09:05:00.000Z", 2, 2));
    expect(api.requests[0]!.auth).toBe(`Bearer ${TOKEN}`);
    expect(r.status.queueLength).toBe(0);
  });

  it("is delivered only when the API names this fact: an answer for another fact keeps it queued", async () => {
    const { outbox } = harness(giApi("panel"));
    await outbox.enqueueFact("guaranteedInterview", gi(3, "2025-01-10T09:00:00.000Z", 1, 1));
    const r = await outbox.flush();
    expect(r.delivered).toBe(0);
    expect(r.status.queued[0]).toMatchObject({ kind: "guaranteedInterview", attempts: 1 });
  });

  it("only counts leave: an applicant id, a name or impossible counts are refused before queueing", async () => {
    const { outbox } = harness(giApi());
    await expect(outbox.enqueueFact("guaranteedInterview", { ...gi(4, "2025-01-10T09:00:00.000Z", 1, 1), applicants: ["AR-250101"] })).rejects.toThrow();
    await expect(outbox.enqueueFact("guaranteedInterview", { ...gi(4, "2025-01-10T09:00:00.000Z", 1, 1), counts: { eligible: 1, interviewed: 1, names: ["A"] } })).rejects.toThrow();
    await expect(outbox.enqueueFact("guaranteedInterview", gi(4, "2025-01-10T09:00:00.000Z", 1, 2))).rejects.toThrow(/interviewed cannot exceed eligible/);
    await expect(outbox.enqueueFact("guaranteedInterview", gi(4, "2025-01-10T09:00:00.000Z", -1, 0))).rejects.toThrow();
    expect((await outbox.status()).queueLength).toBe(0);
  });
});
