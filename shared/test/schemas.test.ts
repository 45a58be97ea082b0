import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CreateOrgSchema,
  OutcomeBatchSchema,
  OutcomeSubmissionSchema,
  Wres2QuerySchema,
  MAX_BATCH,
} from "../src/schemas/api";

// Keys as an HMAC gives them (random-looking bytes); a run of zeros would read as NUL-padded text.
const key = (n: number) => createHash("sha256").update(String(n)).digest("hex");
const valid = {
  vacancyKey: key(1),
  closingDate: "2024-06-30",
  band: "8a",
  staffGroup: "clinical",
  counts: {
    white: { shortlisted: 4, appointed: 1 },
    bme: { shortlisted: 3, appointed: 0 },
    notStated: { shortlisted: 1, appointed: 0 },
  },
  panel: { ruleApplies: true, ruleMet: false, failedRules: ["ethnicMinorityMember"] },
  scoring: { structuredShortlisting: true, structuredInterview: false },
};

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("OutcomeSubmissionSchema", () => {
  it("accepts one vacancy's anonymised counts", () => {
    expect(OutcomeSubmissionSchema.safeParse(valid).success).toBe(true);
  });

  it("rejects unknown fields anywhere, so free text cannot sneak in", () => {
    for (const bad of [
      { ...valid, applicantName: "Jane Doe" },
      { ...valid, counts: { ...valid.counts, other: { shortlisted: 1, appointed: 0 } } },
      { ...valid, counts: { ...valid.counts, white: { shortlisted: 4, appointed: 1, note: "x" } } },
      { ...valid, panel: { ...valid.panel, chair: "Dr X" } },
    ]) {
      const r = OutcomeSubmissionSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(issuesOf(r).join("\n")).toMatch(/unrecognized key/i);
    }
  });

  it("rejects a raw vacancy reference instead of a keyed hash", () => {
    const r = OutcomeSubmissionSchema.safeParse({ ...valid, vacancyKey: "C9333-24-0512" });
    expect(issuesOf(r)).toEqual([expect.stringMatching(/^vacancyKey: .*HMAC-SHA-256/)]);
  });

  it("rejects appointed above shortlisted, negative, fractional and absurd counts", () => {
    const cases: [unknown, RegExp][] = [
      [{ shortlisted: 2, appointed: 3 }, /appointed cannot exceed shortlisted/],
      [{ shortlisted: -1, appointed: 0 }, /cannot be negative/],
      [{ shortlisted: 2.5, appointed: 0 }, /whole number/],
      [{ shortlisted: 17000, appointed: 0 }, /implausibly large/],
      [{ shortlisted: "4", appointed: 0 }, /must be a number/],
    ];
    for (const [white, message] of cases) {
      const r = OutcomeSubmissionSchema.safeParse({ ...valid, counts: { ...valid.counts, white } });
      expect(r.success).toBe(false);
      expect(issuesOf(r).join("\n")).toMatch(message);
    }
  });

  it("rejects unknown bands, staff groups, panel rules and impossible dates", () => {
    expect(OutcomeSubmissionSchema.safeParse({ ...valid, band: "Band 8a" }).success).toBe(false);
    expect(OutcomeSubmissionSchema.safeParse({ ...valid, staffGroup: "medical" }).success).toBe(false);
    expect(OutcomeSubmissionSchema.safeParse({ ...valid, closingDate: "2025-02-30" }).success).toBe(false);
    expect(OutcomeSubmissionSchema.safeParse({ ...valid, closingDate: "30/06/2024" }).success).toBe(false);
    const panel = { ruleApplies: true, ruleMet: false, failedRules: ["Dr Smith is white"] };
    expect(OutcomeSubmissionSchema.safeParse({ ...valid, panel }).success).toBe(false);
  });

  it("rejects a panel that both met the rule and failed one", () => {
    const panel = { ruleApplies: true, ruleMet: true, failedRules: ["trainedMember"] };
    expect(issuesOf(OutcomeSubmissionSchema.safeParse({ ...valid, panel }))).toEqual([
      expect.stringMatching(/^panel.failedRules: /),
    ]);
  });
});

describe("OutcomeBatchSchema", () => {
  it(`takes 1 to ${MAX_BATCH} distinct vacancies`, () => {
    const many = (n: number) => ({ outcomes: Array.from({ length: n }, (_, i) => ({ ...valid, vacancyKey: key(i) })) });
    expect(OutcomeBatchSchema.safeParse(many(1)).success).toBe(true);
    expect(OutcomeBatchSchema.safeParse(many(MAX_BATCH)).success).toBe(true);
    expect(OutcomeBatchSchema.safeParse(many(0)).success).toBe(false);
    expect(OutcomeBatchSchema.safeParse(many(MAX_BATCH + 1)).success).toBe(false);
  });

  it("rejects the same vacancy twice in one batch (it would double count)", () => {
    const r = OutcomeBatchSchema.safeParse({ outcomes: [valid, valid] });
    expect(issuesOf(r).join()).toMatch(/only once/);
  });
});

describe("CreateOrgSchema and Wres2QuerySchema", () => {
  it("validates an organisation and its ODS code", () => {
    expect(CreateOrgSchema.safeParse({ name: "Calderdale and Huddersfield NHS FT", odsCode: "RWY" }).success).toBe(true);
    expect(CreateOrgSchema.safeParse({ name: "X Trust", odsCode: "rwy" }).success).toBe(false);
    expect(CreateOrgSchema.safeParse({ name: "X Trust", odsCode: "RWY", admin: true }).success).toBe(false);
  });

  it("defaults the confidence level to 95% and checks the period", () => {
    expect(Wres2QuerySchema.parse({}).level).toBe(95);
    expect(Wres2QuerySchema.parse({ level: "90", year: "2024/25", by: "band" })).toMatchObject({ level: 90, by: "band" });
    expect(Wres2QuerySchema.safeParse({ level: "97" }).success).toBe(false);
    expect(Wres2QuerySchema.safeParse({ year: "2024/25", from: "2024-04-01" }).success).toBe(false);
    expect(Wres2QuerySchema.safeParse({ from: "2025-04-01", to: "2024-04-01" }).success).toBe(false);
  });
});

describe("attacker-shaped inputs", () => {
  it("closingDate: only 2000-01-01 to 31 December next year", () => {
    const next = new Date().getUTCFullYear() + 1;
    for (const closingDate of ["0050-06-01", "1000-01-01", "1999-12-31", `${next + 1}-01-01`]) {
      expect(issuesOf(OutcomeSubmissionSchema.safeParse({ ...valid, closingDate })), closingDate).toEqual([`closingDate: must be between 2000-01-01 and ${next}-12-31`]);
    }
    for (const closingDate of ["2000-01-01", `${next}-12-31`]) expect(OutcomeSubmissionSchema.safeParse({ ...valid, closingDate }).success).toBe(true);
  });

  it("failedRules is a set", () => {
    const panel = { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember", "genderMix", "trainedMember"] };
    expect(issuesOf(OutcomeSubmissionSchema.safeParse({ ...valid, panel }))).toEqual(["panel.failedRules: each rule may appear only once"]);
  });

  it("organisation names are plain names", () => {
    for (const name of ["Jane Doe <jane@nhs.net>", "Trust\nnote", "Trust  with  gaps", "See https://x.example", "; DROP TABLE orgs"]) {
      expect(CreateOrgSchema.safeParse({ name, odsCode: "RXX" }).success, name).toBe(false);
    }
    expect(CreateOrgSchema.safeParse({ name: "Guy's and St Thomas' NHS Foundation Trust", odsCode: "RJ1" }).success).toBe(true);
  });
});
