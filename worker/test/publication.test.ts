import { describe, expect, it } from "vitest";
import { PUBLICATION_BAND_GROUPS, publicationBandGroup } from "@fair-shortlist/shared/disclosure";
import { PublicationResponseSchema, type OutcomeSubmission } from "@fair-shortlist/shared/schemas/api";
import { currentFinancialYear } from "@fair-shortlist/shared/periods";
import { adminToken, call, createOrg, key, outcome, parseCsv, postAll, synthetic } from "./helpers";
import { inSpan } from "./span";

/**
 * The publication audience, tried as an attacker with a report token would: every query it can make,
 * every pair of them differenced, and all of them together as a linear system.
 */

const STAFF = ["clinical", "nonClinical"] as const;
const GROUPS = ["white", "bme", "notStated"] as const;

/** One published entry: the atoms (year | band group | staff group, or year | compliance | band group) it sums. */
interface Entry {
  id: string;
  atoms: string[];
  /** Published counts, or null when withheld. */
  values: number[] | null;
  vacancies: number | null;
}

function atomsOf(table: string, year: string, key: string): string[] {
  if (table === "compliance") return key === "all" ? PUBLICATION_BAND_GROUPS.map((g) => `${year}|c|${g.id}`) : [`${year}|c|${key}`];
  const bands = table === "band" ? [key] : PUBLICATION_BAND_GROUPS.map((g) => g.id);
  const staff = table === "staffGroup" ? [key] : [...STAFF];
  return bands.flatMap((b) => staff.map((s) => `${year}|${b}|${s}`));
}

function fromJson(body: any): Entry[] {
  const out: Entry[] = [];
  for (const table of ["year", "band", "staffGroup"] as const) {
    for (const r of body.tables[table]) {
      out.push({
        id: `${table}|${r.year}|${r.key}`,
        atoms: atomsOf(table, r.year, r.key),
        values: r.suppressed ? null : GROUPS.flatMap((g) => [r.counts[g].shortlisted, r.counts[g].appointed]),
        vacancies: r.vacancies,
      });
    }
  }
  for (const r of body.tables.compliance) {
    out.push({ id: `compliance|${r.year}|${r.key}`, atoms: atomsOf("compliance", r.year, r.key), values: r.suppressed ? null : [r.applies, r.met], vacancies: null });
  }
  return out;
}

function fromCsv(text: string): Entry[] {
  const [header, ...rows] = parseCsv(text);
  const col = (row: string[], name: string) => row[header!.indexOf(name)]!;
  return rows.map((r) => {
    const table = col(r, "table");
    const suppressed = col(r, "suppressed") === "yes";
    const names =
      table === "compliance"
        ? ["panel_rule_applied", "panel_rule_met"]
        : ["white_shortlisted", "white_appointed", "bme_shortlisted", "bme_appointed", "not_stated_shortlisted", "not_stated_appointed"];
    const values = names.map((n) => col(r, n));
    if (suppressed) expect(values.every((v) => v === "") && col(r, "vacancies") === "").toBe(true);
    return {
      id: `${table}|${col(r, "year")}|${col(r, "key")}`,
      atoms: atomsOf(table, col(r, "year"), col(r, "key")),
      values: suppressed ? null : values.map(Number),
      vacancies: col(r, "vacancies") === "" ? null : Number(col(r, "vacancies")),
    };
  });
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

async function seedOrganisation() {
  const org = await createOrg("Publication Trust");
  const list: OutcomeSubmission[] = [
    ...(await synthetic(41, 160, { fyStart: 2021, prefix: "p21" })),
    ...(await synthetic(42, 220, { fyStart: 2022, prefix: "p22" })),
    ...(await synthetic(43, 60, { fyStart: 2023, prefix: "p23" })),
  ];
  // Small senior posts: one BME appointment at 8c, a VSM post, a lone career-grade doctor.
  list.push(outcome(await key("p-8c"), { closingDate: "2022-11-01", band: "8c", counts: { white: { shortlisted: 5, appointed: 0 }, bme: { shortlisted: 2, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } }, panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] } }));
  list.push(outcome(await key("p-vsm"), { closingDate: "2023-05-01", band: "VSM", staffGroup: "nonClinical", counts: { white: { shortlisted: 4, appointed: 1 }, bme: { shortlisted: 1, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } } }));
  list.push(outcome(await key("p-cg"), { closingDate: "2021-09-01", band: "careerGrade", counts: { white: { shortlisted: 3, appointed: 1 }, bme: { shortlisted: 3, appointed: 0 }, notStated: { shortlisted: 1, appointed: 0 } } }));
  // This year so far: never published.
  const thisYear = Number(currentFinancialYear().slice(0, 4));
  list.push(outcome(await key("p-ytd"), { closingDate: `${thisYear}-04-20`, band: "6", counts: { white: { shortlisted: 9, appointed: 2 }, bme: { shortlisted: 3, appointed: 1 }, notStated: { shortlisted: 0, appointed: 0 } } }));
  await postAll(org.submit, list);
  const rotated = await call("POST", `/v1/admin/orgs/${org.id}/tokens/report/rotate`, { token: adminToken() });
  expect(rotated.status).toBe(201);
  expect(rotated.json.token).toMatch(/^fs_report_/);
  return { ...org, report: rotated.json.token as string, list };
}

describe("the publication audience (report token)", () => {
  it("is refused every own-audience route, free date ranges and the year to date", async () => {
    const org = await seedOrganisation();
    const t = { token: org.report };
    for (const path of [
      "/v1/indicators/wres2",
      "/v1/indicators/wres2?by=band",
      "/v1/indicators/wres2/benchmark",
      "/v1/panels/compliance",
      "/v1/export/wres2.csv",
      `/v1/outcomes/${org.list[0]!.vacancyKey}`,
    ]) {
      expect((await call("GET", path, t)).status, path).toBe(403);
    }
    expect((await call("PUT", "/v1/org/publication", { ...t, body: { threshold: 5 } })).status).toBe(403);
    expect((await call("POST", "/v1/outcomes", { ...t, body: org.list[0] })).status).toBe(403);
    expect((await call("GET", "/v1/report/wres2?from=2022-04-01&to=2022-06-30", t)).status).toBe(400);
    expect((await call("GET", "/v1/report/wres2?band=8c", t)).status).toBe(400);
    expect((await call("GET", `/v1/report/wres2?year=${currentFinancialYear()}`, t)).status).toBe(400);
    const me = await call("GET", "/v1/org", t);
    expect(me.json).toMatchObject({ scope: "report", data: { vacancies: null, financialYears: ["2023/24", "2022/23", "2021/22"] } });

    const res = await call("GET", "/v1/report/wres2", t);
    expect(res.status).toBe(200);
    expect(PublicationResponseSchema.safeParse(res.json).success).toBe(true);
    expect(res.json.years).toEqual(["2021/22", "2022/23", "2023/24"]);
    expect(res.json.notPublished.map((y: { year: string }) => y.year)).toEqual([currentFinancialYear()]);
    // Senior posts are published as one group.
    expect(res.json.tables.band.some((r: { key: string; label: string }) => r.key === "8bAndAbove" && r.label === "Band 8b and above")).toBe(true);
    expect(res.json.tables.band.some((r: { key: string }) => r.key === "8c" || r.key === "VSM")).toBe(false);
    expect(publicationBandGroup("8c")).toBe("8bAndAbove");
  });

  it("no withheld entry can be recovered by differencing any two queries the audience can make, or from all of them", async () => {
    const org = await seedOrganisation();
    const responses: { query: string; entries: Entry[] }[] = [];
    const years = [undefined, "2021/22", "2022/23", "2023/24"];
    // The trust may move its threshold; patterns at 5 and 8 are nested, so both are in the attacker's hands.
    for (const threshold of [5, 8]) {
      expect((await call("PUT", "/v1/org/publication", { token: org.read, body: { threshold } })).status).toBe(200);
      for (const level of [80, 90, 95, 99]) {
        for (const year of years) {
          const qs = `?level=${level}${year ? `&year=${year}` : ""}`;
          const json = await call("GET", `/v1/report/wres2${qs}`, { token: org.report });
          expect(json.status).toBe(200);
          responses.push({ query: `t${threshold} json ${qs}`, entries: fromJson(json.json) });
          const csv = await call("GET", `/v1/report/wres2.csv${qs}`, { token: org.report });
          expect(csv.status).toBe(200);
          responses.push({ query: `t${threshold} csv ${qs}`, entries: fromCsv(csv.text) });
        }
      }
    }
    const withheldIn = (list: typeof responses) => list.flatMap((r) => r.entries.filter((e) => e.values === null));
    const at5 = responses.filter((r) => r.query.startsWith("t5"));
    const at8 = responses.filter((r) => r.query.startsWith("t8"));
    expect(withheldIn(at5).length).toBeGreaterThan(0);
    // A withheld row never carries its vacancies.
    expect(withheldIn(responses).every((e) => e.vacancies === null)).toBe(true);
    // Nested: whatever is withheld at 5 is withheld at 8, so tables published at both thresholds
    // together show exactly what the threshold-5 tables show.
    const ids8 = new Set(withheldIn(at8).map((e) => e.id));
    for (const e of withheldIn(at5)) expect(ids8.has(e.id), e.id).toBe(true);

    let pairs = 0;
    // Within each threshold, and across both (protecting what the lower one withholds).
    for (const [list, withheld] of [[at5, withheldIn(at5)], [at8, withheldIn(at8)], [responses, withheldIn(at5)]] as const) {
      // Every pair of queries (and each query with itself): a shown entry minus a shown entry inside
      // it must never be exactly a withheld entry, and nothing withheld may be shown elsewhere.
      const withheldBy = new Map(withheld.map((w) => [[...w.atoms].sort().join(","), w.id]));
      for (let i = 0; i < list.length; i++) {
        for (let j = i; j < list.length; j++) {
          pairs++;
          const shownA = list[i]!.entries.filter((e) => e.values !== null);
          const shownB = list[j]!.entries.filter((e) => e.values !== null);
          for (const s of [...shownA, ...shownB]) {
            const hit = withheldBy.get([...s.atoms].sort().join(","));
            expect(hit, `${hit} is shown as ${s.id}`).toBeUndefined();
          }
          for (const big of shownA) {
            for (const small of [...shownB, ...(i === j ? [] : shownA)]) {
              if (small.atoms.length >= big.atoms.length || !small.atoms.every((a) => big.atoms.includes(a))) continue;
              const rest = big.atoms.filter((a) => !small.atoms.includes(a)).sort().join(",");
              const hit = withheldBy.get(rest);
              expect(hit, `${list[i]!.query} ${big.id} minus ${list[j]!.query} ${small.id} gives ${hit}`).toBeUndefined();
            }
          }
        }
      }
      // Stronger: all the queries together, any linear combination (atoms in no entry count as known).
      const shown = list.flatMap((r) => r.entries.filter((e) => e.values !== null));
      const universe = [...new Set(list.flatMap((r) => r.entries.flatMap((e) => e.atoms)))];
      const known = [...shown.map((e) => e.atoms), ...universe.filter((a) => !shown.some((e) => e.atoms.includes(a)) && !withheld.some((w) => w.atoms.includes(a))).map((a) => [a])];
      for (const w of new Map(withheld.map((e) => [e.id, e])).values()) {
        expect(inSpan(universe, known, w.atoms), `${w.id} is a combination of shown entries`).toBe(false);
      }
    }
    const n = (k: number) => (k * (k + 1)) / 2;
    expect(pairs).toBe(n(at5.length) + n(at8.length) + n(responses.length));
  }, 60_000); // 64 requests and ~3,000 pairs: seconds on a quiet machine, more on a shared one

  it("the same data as the read token sees, but suppressed: exact for the own audience, withheld for publication", async () => {
    const org = await seedOrganisation();
    const own = await call("GET", "/v1/indicators/wres2?year=2022/23&by=band", { token: org.read });
    const c8 = own.json.breakdown.find((b: { key: string }) => b.key === "8c");
    expect(c8).toMatchObject({ suppressed: false, smallNumbers: true, counts: { bme: { shortlisted: 2, appointed: 1 } } });
    const pub = await call("GET", "/v1/report/wres2?year=2022/23", { token: org.report });
    const senior = pub.json.tables.band.find((r: { key: string }) => r.key === "8bAndAbove");
    expect(senior).toBeDefined();
    const shownSmall = [...pub.json.tables.year, ...pub.json.tables.band, ...pub.json.tables.staffGroup].filter(
      (r: any) => !r.suppressed && GROUPS.some((g) => [r.counts[g].shortlisted, r.counts[g].appointed, r.counts[g].shortlisted - r.counts[g].appointed].some((n: number) => n > 0 && n < 5)),
    );
    expect(shownSmall).toEqual([]);
    // The method note names the rule the reader needs.
    expect(pub.json.method).toMatch(/between 1 and 4/);
    expect(pub.json.method).toMatch(/data cannot tell/);
  });
});
