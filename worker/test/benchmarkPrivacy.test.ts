import { describe, expect, it } from "vitest";
import type { OutcomeCounts, OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { BENCHMARK_ROUNDING, MIN_PEERS } from "../src/indicators/benchmark";
import { call, createOrg, key, postAll, synthetic } from "./helpers";

/**
 * An attacker holds one organisation's read and submit tokens and tries to learn another
 * organisation's counts, or one vacancy's, from the national benchmark: by reading, by writing
 * and deleting probe vacancies of its own and reading again (the old attack solved the national
 * totals from the change), and by reading before and after a peer adds a vacancy.
 *
 * What must hold: (1) nothing in the benchmark but the caller's own entry moves when the caller
 * writes or deletes; (2) two worlds whose peers differ by one vacancy (different counts) look
 * the same to the caller whenever the peers' counts rounded to BENCHMARK_ROUNDING agree, so no
 * sequence of reads tells them apart; (3) no view shows figures from fewer than MIN_PEERS other
 * organisations, also after peers delete data.
 */

type Org = Awaited<ReturnType<typeof createOrg>>;
const LEVELS = [80, 99] as const;

const emptyCounts = (): OutcomeCounts => ({ white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } });
function add(t: OutcomeCounts, c: OutcomeCounts): OutcomeCounts {
  const out = emptyCounts();
  for (const g of ["white", "bme", "notStated"] as const) {
    out[g].shortlisted = t[g].shortlisted + c[g].shortlisted;
    out[g].appointed = t[g].appointed + c[g].appointed;
  }
  return out;
}
const totalOf = (list: OutcomeSubmission[]) => list.reduce((t, o) => add(t, o.counts), emptyCounts());
const roundTo = (n: number) => Math.round(n / BENCHMARK_ROUNDING) * BENCHMARK_ROUNDING;
const rounded = (c: OutcomeCounts) => JSON.stringify(["white", "bme", "notStated"].map((g) => [roundTo(c[g as "white"].shortlisted), roundTo(c[g as "white"].appointed)]));

/** Two different vacancies that leave the peer's counts, rounded, the same: the pair the caller must not tell apart. */
function twins(total: OutcomeCounts): [OutcomeCounts, OutcomeCounts] {
  const candidates: OutcomeCounts[] = [];
  for (let ws = 1; ws <= 6; ws++)
    for (let wa = 0; wa <= 1; wa++)
      for (let bs = 0; bs <= 6; bs++)
        for (let ba = 0; ba <= Math.min(1, bs); ba++)
          if (wa + ba >= 1) candidates.push({ white: { shortlisted: ws, appointed: wa }, bme: { shortlisted: bs, appointed: ba }, notStated: { shortlisted: 0, appointed: 0 } });
  for (const a of candidates)
    for (const b of candidates)
      if (a !== b && JSON.stringify(a) !== JSON.stringify(b) && rounded(add(total, a)) === rounded(add(total, b))) return [a, b];
  throw new Error("no twin vacancies (cannot happen: shortlisted counts 1..6 span two values of one bucket)");
}

/** Everything the caller reads about year `fy`, at every confidence level, the year label aside. */
async function view(me: Org, fy: number) {
  const label = `${fy}/${String((fy + 1) % 100).padStart(2, "0")}`;
  const out = [];
  for (const level of LEVELS) {
    const res = await call("GET", `/v1/indicators/wres2/benchmark?year=${label}&level=${level}`, { token: me.read });
    expect(res.status).toBe(200);
    const { year, ...rest } = res.json;
    expect(year).toBe(label);
    out.push(rest);
  }
  return out;
}
/** The parts made from other organisations' data: what the caller's own writes must not move. */
const peersPart = (v: Awaited<ReturnType<typeof view>>) =>
  v.map((b) => ({ national: b.national, inclusion: b.inclusion, centre: b.funnel.centre, points: b.points.filter((p: { you: boolean }) => !p.you) }));

/** Peers of the given sizes (vacancies a year), each with the same data in two years. */
async function world(name: string, sizes: number[], years: [number, number], attackerSize = 0) {
  const me = await createOrg(`${name} Attacker`);
  const peers: { org: Org; lists: [OutcomeSubmission[], OutcomeSubmission[]] }[] = [];
  for (const [i, n] of sizes.entries()) {
    const org = await createOrg(`${name} Peer ${i}`);
    const lists = (await Promise.all(years.map((fy) => synthetic(1000 + i, n, { fyStart: fy, gap: 1.2 + 0.15 * i, prefix: `${name}-${fy}-${i}` })))) as [OutcomeSubmission[], OutcomeSubmission[]];
    for (const list of lists) await postAll(org.submit, list);
    peers.push({ org, lists });
  }
  if (attackerSize > 0) for (const fy of years) await postAll(me.submit, await synthetic(99, attackerSize, { fyStart: fy, prefix: `${name}-${fy}-me` }));
  return { me, peers };
}

function checkK(v: Awaited<ReturnType<typeof view>>) {
  for (const b of v) {
    const peerPoints = b.points.filter((p: { you: boolean }) => !p.you);
    expect(peerPoints.length).toBe(b.inclusion.organisationsIncluded);
    expect(b.inclusion.minimumOrganisations).toBe(MIN_PEERS);
    if (b.inclusion.organisationsIncluded < MIN_PEERS) {
      // Nothing from fewer than k others: no peer point, no national figure, no centre.
      expect(peerPoints).toEqual([]);
      expect(b.national.relativeLikelihood).toBeNull();
      expect(b.national.pooled.relativeLikelihood).toBeNull();
      expect(b.funnel.centre).toBeNull();
    }
  }
}

async function probe(me: Org, fy: number, label: string) {
  const date = `${fy}-07-01`;
  const shapes: OutcomeCounts[] = [
    { white: { shortlisted: 1, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } },
    { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 1, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } },
    { white: { shortlisted: 2000, appointed: 0 }, bme: { shortlisted: 2000, appointed: 2000 }, notStated: { shortlisted: 0, appointed: 0 } },
  ];
  const keys = await Promise.all(shapes.map((_, i) => key(`${label}-probe-${i}`)));
  return {
    async write(i: number) {
      const res = await call("POST", "/v1/outcomes", { token: me.submit, body: { vacancyKey: keys[i]!, closingDate: date, band: "5", staffGroup: "clinical", counts: shapes[i]! } });
      expect([200, 201]).toContain(res.status);
    },
    async remove(i: number) {
      expect((await call("DELETE", `/v1/outcomes/${keys[i]!}`, { token: me.submit })).status).toBe(200);
    },
    count: shapes.length,
  };
}

async function peerWrite(peer: Org, fy: number, label: string, counts: OutcomeCounts) {
  const vacancyKey = await key(label);
  const res = await call("POST", "/v1/outcomes", { token: peer.submit, body: { vacancyKey, closingDate: `${fy}-09-15`, band: "6", staffGroup: "clinical", counts } });
  expect(res.status).toBe(201);
  return vacancyKey;
}

/** The whole attack on one set of peers. */
async function attack(name: string, sizes: number[], years: [number, number], attackerSize: number, expectShown: boolean, deletePeer: number) {
  const { me, peers } = await world(name, sizes, years, attackerSize);
  const [fyA, fyB] = years;
  const base = await view(me, fyA);
  checkK(base);
  expect(base.every((b) => (b.national.relativeLikelihood !== null) === expectShown)).toBe(true);
  // Same peers' data in both years: the same view.
  expect(await view(me, fyB)).toEqual(base);

  // (1) Probe writes and deletes by the caller move nothing made from others' data.
  const p = await probe(me, fyA, name);
  for (let i = 0; i < p.count; i++) {
    await p.write(i);
    expect(peersPart(await view(me, fyA))).toEqual(peersPart(base));
  }
  for (let i = 0; i < p.count; i++) {
    await p.remove(i);
    expect(peersPart(await view(me, fyA))).toEqual(peersPart(base));
  }
  expect(await view(me, fyA)).toEqual(base);

  // (2) A peer adds one vacancy: two different vacancies (one per year) look the same to the caller,
  // for the largest peer and for the smallest.
  for (const idx of [0, sizes.length - 1]) {
    const peer = peers[idx]!;
    const [a, b] = twins(totalOf(peer.lists[0]));
    expect(a).not.toEqual(b);
    const ka = await peerWrite(peer.org, fyA, `${name}-twin-a-${idx}`, a);
    const kb = await peerWrite(peer.org, fyB, `${name}-twin-b-${idx}`, b);
    const va = await view(me, fyA);
    checkK(va);
    expect(await view(me, fyB)).toEqual(va);
    // ... and deleting them again leaves no trace either.
    expect((await call("DELETE", `/v1/outcomes/${ka}`, { token: peer.org.submit })).status).toBe(200);
    expect((await call("DELETE", `/v1/outcomes/${kb}`, { token: peer.org.submit })).status).toBe(200);
    expect(await view(me, fyA)).toEqual(base);
    expect(await view(me, fyB)).toEqual(base);
  }

  // (3) After deletes, k still holds: the smallest peer shown removes nearly all of its year, one record at a time.
  const victim = peers[deletePeer]!;
  const before = (await view(me, fyA))[0]!.inclusion.organisationsIncluded;
  for (const o of victim.lists[0].slice(0, Math.floor(victim.lists[0].length * 0.97))) {
    expect((await call("DELETE", `/v1/outcomes/${o.vacancyKey}`, { token: victim.org.submit })).status).toBe(200);
  }
  const after = await view(me, fyA);
  checkK(after);
  if (before === MIN_PEERS) expect(after[0]!.inclusion.organisationsIncluded).toBe(0);
  return { me, base };
}

describe("the national benchmark cannot be used to learn a peer's or a vacancy's counts", () => {
  it("5 peers of mixed sizes, 2 of them tiny (the reported case: 'you' plus one peer was shown): nothing national", async () => {
    const { base } = await attack("Five", [200, 160, 12, 4, 2], [2005, 2006], 120, false, 1);
    expect(base[0]!.points.filter((p: { you: boolean }) => !p.you)).toEqual([]);
  }, 180_000);

  it("5 peers all large enough: shown, from those 5, and the caller's probes move nothing", async () => {
    const { base } = await attack("FiveBig", [220, 180, 150, 120, 90], [2007, 2008], 0, true, 4);
    expect(base[0]!.inclusion.organisationsIncluded).toBe(5);
  }, 240_000);

  it("6 peers of mixed sizes", async () => {
    await attack("Six", [240, 200, 160, 130, 100, 6], [2009, 2010], 100, true, 4);
  }, 240_000);

  it("10 peers of mixed sizes", async () => {
    await attack("Ten", [260, 220, 190, 160, 130, 110, 80, 30, 8, 1], [2011, 2012], 150, true, 6);
  }, 300_000);
});
