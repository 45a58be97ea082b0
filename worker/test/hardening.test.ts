import { describe, expect, it } from "vitest";
import { call, createOrg, key, outcome, snapshot } from "./helpers";

/** Inputs that pass a naive schema but that an attacker (or a broken client) can send. */

const hexOf = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
/** UTF-8 text padded to 32 bytes with `pad`, as hex: a vacancy key that carries text. */
function textKey(text: string, pad = 0): string {
  const bytes = new Uint8Array(32).fill(pad);
  bytes.set(new TextEncoder().encode(text).slice(0, 32));
  return hexOf(bytes);
}

describe("closingDate: only plausible dates, and never a 500", () => {
  const nextYear = new Date().getUTCFullYear() + 1;

  it("400 naming the accepted range for dates the schema's pattern allows but no vacancy has", async () => {
    const org = await createOrg();
    const before = await snapshot();
    for (const closingDate of ["0050-06-01", "0100-04-01", "1000-01-01", "1999-12-31", `${nextYear + 1}-01-01`, "9999-12-31"]) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key(`date-${closingDate}`), { closingDate }) });
      expect(res.status, closingDate).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect(res.json.error.issues).toEqual([{ path: "closingDate", message: `must be between 2000-01-01 and ${nextYear}-12-31` }]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("one implausible date in a batch is a 400 naming that record, not a 500 for the whole batch", async () => {
    const org = await createOrg();
    const good = outcome(await key("batch-date-good"));
    const bad = outcome(await key("batch-date-bad"), { closingDate: "0050-06-01" });
    const res = await call("POST", "/v1/outcomes/batch", { token: org.submit, body: { outcomes: [good, bad] } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe("outcomes.1.closingDate");
  });

  it("accepts both ends of the range", async () => {
    const org = await createOrg();
    for (const closingDate of ["2000-01-01", `${nextYear}-12-31`]) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key(`edge-${closingDate}`), { closingDate }) });
      expect(res.status, closingDate).toBe(201);
    }
    const years = (await call("GET", "/v1/org", { token: org.read })).json.data.financialYears;
    expect(years).toEqual([`${nextYear}/${String((nextYear + 1) % 100).padStart(2, "0")}`, "1999/00"]);
  });
});

describe("failedRules is a set", () => {
  it("400 for a rule named twice; nothing is stored, so nothing can be left behind by a delete", async () => {
    const org = await createOrg();
    const before = await snapshot();
    const res = await call("POST", "/v1/outcomes", {
      token: org.submit,
      body: outcome(await key("dup-rule"), { band: "8a", panel: { ruleApplies: true, ruleMet: false, failedRules: ["trainedMember", "trainedMember"] } }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: "panel.failedRules", message: "each rule may appear only once" }]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("vacancyKey: an HMAC, never text in hex", () => {
  it("400 for 64-hex keys whose bytes are text (ASCII, padded or not, or UTF-8 in any script)", async () => {
    const org = await createOrg();
    const before = await snapshot();
    const keys = [
      textKey("Jane Doe jane.doe@nhs.net"),
      textKey("Jane Doe jane.doe@nhs.net", 0x20),
      textKey("C9-2031-0042 Band 7 Staff Nurse."),
      textKey("Zoë Ångström, 12 High Street"),
      textKey("محمد أحمد"),
      textKey("王秀英 李娜 张伟"),
      // Text with a few stray bytes (at most 3 of 32) still reads as text.
      textKey("Jane Doe jane.doe@nhs.net") .slice(0, 58) + "ff80fe",
    ];
    for (const vacancyKey of keys) {
      const res = await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(vacancyKey) });
      expect(res.status, vacancyKey).toBe(400);
      expect(res.json.error.issues[0]).toMatchObject({ path: "vacancyKey" });
      expect(res.json.error.issues[0].message).toMatch(/text/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("accepts real HMAC keys", async () => {
    const org = await createOrg();
    for (let i = 0; i < 50; i++) {
      expect((await call("POST", "/v1/outcomes", { token: org.submit, body: outcome(await key(`hmac-${i}`)) })).status).toBe(201);
    }
  });
});

describe("organisation names: a plain name, no free text", () => {
  it("400 for names carrying contact details, markup, URLs or line breaks; real trust names pass", async () => {
    const admin = (await import("./helpers")).adminToken();
    const bad = [
      "Example NHS Trust - contact jane.doe@nhs.net",
      "Example Trust <script>alert(1)</script>",
      "Example Trust https://evil.example",
      "Example NHS Trust\nCall 07700 900123",
      "Example  NHS   Trust;",
      "x".repeat(121),
    ];
    for (const name of bad) {
      const res = await call("POST", "/v1/admin/orgs", { token: admin, body: { name, odsCode: "ZZ9" } });
      expect(res.status, name).toBe(400);
      expect(res.json.error.issues[0].path).toBe("name");
    }
    for (const name of ["Guy's and St Thomas' NHS Foundation Trust", "2gether NHS Foundation Trust", "St. Helens and Knowsley Teaching Hospitals NHS Trust", "Barking, Havering & Redbridge University Hospitals (BHRUT)", "Ysbyty Gwynedd – Betsi Cadwaladr"]) {
      expect((await createOrg(name)).id, name).toMatch(/^org_/);
    }
  });
});
