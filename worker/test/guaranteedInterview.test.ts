/**
 * The Disability Confident guaranteed-interview figure: counts sent by the shortlisting overlay
 * (POST /v1/vacancies/guaranteed-interview), joined with the vacancy's outcome for its period,
 * served beside WDES metric 2. Expected values are worked by hand.
 */
import { describe, expect, it } from "vitest";
import { Wdes2ResponseSchema, VacancyViewSchema } from "@fair-shortlist/shared/schemas/api";
import { call, createOrg, key, outcome, postAll } from "./helpers";

const fact = (vacancyKey: string, eligible: number, interviewed: number, recordedAt = "2024-06-20T10:00:00Z") => ({ vacancyKey, recordedAt, counts: { eligible, interviewed } });
const send = (token: string, body: unknown) => call("POST", "/v1/vacancies/guaranteed-interview", { token, body });
const wdes = async (token: string, query = "year=2024/25") => {
  const res = await call("GET", `/v1/indicators/wdes2?${query}`, { token });
  expect(res.status).toBe(200);
  return Wdes2ResponseSchema.parse(res.json).guaranteedInterview;
};

describe("POST /v1/vacancies/guaranteed-interview", () => {
  it("stores counts only; the latest recording wins, a resend is unchanged, an older one is superseded", async () => {
    const org = await createOrg("GI Store Trust");
    const k = await key("gi-store");
    let r = await send(org.submit, fact(k, 3, 2, "2024-06-20T10:00:00Z"));
    expect([r.status, r.json]).toEqual([201, { vacancyKey: k, fact: "guaranteedInterview", status: "created" }]);
    r = await send(org.submit, fact(k, 3, 3, "2024-06-21T10:00:00+01:00"));
    expect([r.status, r.json.status]).toEqual([200, "replaced"]);
    r = await send(org.submit, fact(k, 3, 3, "2024-06-21T09:00:00Z"));
    expect(r.json.status).toBe("unchanged");
    r = await send(org.submit, fact(k, 5, 0, "2024-06-19T10:00:00Z"));
    expect(r.json.status).toBe("superseded");
    const view = await call("GET", `/v1/vacancies/${k}`, { token: org.read });
    expect(VacancyViewSchema.parse(view.json).guaranteedInterview).toEqual({ eligible: 3, interviewed: 3, recordedAt: "2024-06-21T09:00:00.000Z" });
    // Counts only: the view holds no more about it than these three fields.
    expect(Object.keys(view.json.guaranteedInterview).sort()).toEqual(["eligible", "interviewed", "recordedAt"]);
  });

  it("refuses impossible counts, unknown fields, another scope and no token, and changes nothing", async () => {
    const org = await createOrg("GI Refuse Trust");
    const k = await key("gi-refuse");
    for (const body of [
      fact(k, 1, 2),
      fact(k, -1, 0),
      fact(k, 1.5, 1),
      { ...fact(k, 2, 1), applicants: ["AR-1"] },
      { ...fact(k, 2, 1), counts: { eligible: 2, interviewed: 1, names: "x" } },
      { vacancyKey: k, counts: { eligible: 2, interviewed: 1 } },
      fact("C9234-24-0123", 2, 1),
    ]) {
      const r = await send(org.submit, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await send(org.read, fact(k, 2, 1))).status).toBe(403);
    expect((await send("", fact(k, 2, 1))).status).toBe(401);
    expect((await call("GET", `/v1/vacancies/${k}`, { token: org.read })).status).toBe(404);
  });
});

describe("the guaranteed-interview figure beside WDES metric 2", () => {
  it("sums the vacancies of the period that reported it: 5 of 7 invited, Wilson 95% 0.359-0.918", async () => {
    const org = await createOrg("GI Figure Trust");
    const [a, b, c, d] = await Promise.all(["gi-a", "gi-b", "gi-c", "gi-d"].map(key));
    await postAll(org.submit, [
      outcome(a!, { closingDate: "2024-06-15" }),
      outcome(b!, { closingDate: "2024-09-01", band: "7" }),
      outcome(c!, { closingDate: "2024-10-01" }), // no guaranteed-interview counts: not recorded
      outcome(d!, { closingDate: "2023-06-01" }), // another year
    ]);
    // Facts first or last: the join does not care.
    await send(org.submit, fact(a!, 4, 3));
    await send(org.submit, fact(b!, 3, 2));
    await send(org.submit, fact(d!, 10, 0));
    // A fact for a vacancy whose counts HR has not sent: in no period yet.
    await send(org.submit, fact(await key("gi-no-outcome"), 9, 0));

    const gi = await wdes(org.read);
    expect([gi.vacancies, gi.eligible, gi.interviewed, gi.notInterviewed]).toEqual([2, 7, 5, 2]);
    expect(gi.share).toBeCloseTo(5 / 7, 12);
    // Wilson, z = 1.959964: centre (5/7 + z^2/14) / (1 + z^2/7) = 0.63838; half-width 0.27965.
    expect(gi.ci!.lower).toBeCloseTo(0.35893, 4);
    expect(gi.ci!.upper).toBeCloseTo(0.91781, 4);
    expect(gi.text).toMatch(/^5 of 7 applicants .* 2 were not, although the scheme guarantees it\.$/);

    // Filters apply as to metric 2: band 7 only is vacancy b.
    expect(await wdes(org.read, "year=2024/25&band=7")).toMatchObject({ vacancies: 1, eligible: 3, interviewed: 2 });
    // The other year and all time.
    expect(await wdes(org.read, "year=2023/24")).toMatchObject({ vacancies: 1, eligible: 10, interviewed: 0, share: 0 });
    expect(await wdes(org.read, "")).toMatchObject({ vacancies: 3, eligible: 17, interviewed: 5 });
  });

  it("nothing reported is 'not recorded', never 0%: no share, no interval", async () => {
    const org = await createOrg("GI None Trust");
    await postAll(org.submit, [outcome(await key("gi-none"))]);
    expect(await wdes(org.read)).toEqual({ eligible: 0, interviewed: 0, vacancies: 0, share: null, ci: null, notInterviewed: 0, text: "No vacancy has reported guaranteed-interview decisions for this period." });
  });

  it("another organisation's facts never count, even for the same vacancy key", async () => {
    const mine = await createOrg("GI Mine Trust");
    const theirs = await createOrg("GI Theirs Trust");
    const k = await key("gi-shared-key");
    await postAll(mine.submit, [outcome(k)]);
    await postAll(theirs.submit, [outcome(k)]);
    await send(theirs.submit, fact(k, 6, 1));
    expect((await wdes(mine.read)).vacancies).toBe(0);
    expect(await wdes(theirs.read)).toMatchObject({ vacancies: 1, eligible: 6, interviewed: 1 });
  });
});
