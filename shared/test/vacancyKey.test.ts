import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { VacancyKeySchema } from "../../shared/src/schemas/api";
import { MIN_TEXT_BYTES, VACANCY_KEY_CONTEXT, normaliseVacancyReference, vacancyKey, vacancyKeyLooksLikeText, vacancyKeyMaker } from "../src/vacancyKey";

const SECRET = "trust-secret-0123456789abcdef";

describe("vacancyKey", () => {
  it("is HMAC-SHA-256 of the normalised reference under the org secret, as 64 lowercase hex", async () => {
    const key = await vacancyKey("C9234-24-0123", SECRET);
    const expected = createHmac("sha256", SECRET).update(`${VACANCY_KEY_CONTEXT}C9234-24-0123`).digest("hex");
    expect(key).toBe(expected);
    expect(VacancyKeySchema.safeParse(key).success).toBe(true);
  });

  it("gives the same key however a screen prints the same reference", async () => {
    const variants = ["C9234-24-0123", " c9234-24-0123 ", "C9234 – 24 – 0123", "Ref: C9234-24-0123", "Job reference: c9234-24-0123", "Ｃ9234-24-0123"];
    const keys = await Promise.all(variants.map((v) => vacancyKey(v, SECRET)));
    expect(new Set(keys).size).toBe(1);
  });

  it("differs between vacancies and between organisations", async () => {
    const a = await vacancyKey("C9234-24-0123", SECRET);
    expect(await vacancyKey("C9234-24-0124", SECRET)).not.toBe(a);
    expect(await vacancyKey("C9234-24-0123", "another-trust-secret-xyz")).not.toBe(a);
  });

  it("never contains the reference and refuses a missing or weak secret", async () => {
    expect(await vacancyKey("ABC123", SECRET)).not.toContain("abc123");
    await expect(vacancyKey("ABC123", "")).rejects.toThrow(/not set/);
    await expect(vacancyKey("ABC123", "short")).rejects.toThrow(/too short/);
    expect(normaliseVacancyReference("   ")).toBe("");
    await expect(vacancyKey("   ", "0123456789abcdef0123")).rejects.toThrow(/empty/);
  });
});

describe("vacancyKeyLooksLikeText", () => {
  const hexOf = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  const padded = (text: string, pad = 0) => {
    const bytes = new Uint8Array(32).fill(pad);
    bytes.set(new TextEncoder().encode(text).slice(0, 32));
    return hexOf(bytes);
  };

  it("catches text hex-encoded: ASCII padded with NULs or spaces, UTF-8 in any script, text with 3 stray bytes", () => {
    for (const key of [padded("Jane Doe jane.doe@nhs.net"), padded("C9-2031-0042", 0x20), padded("Zoë Ångström"), padded("王秀英 李娜"), padded("محمد أحمد"), hexOf(new Uint8Array(32))]) {
      expect(vacancyKeyLooksLikeText(key), key).toBe(true);
      expect(VacancyKeySchema.safeParse(key).success).toBe(false);
    }
    const stray = new TextEncoder().encode("Jane Doe, Band 7 Nurse, Ward 12.");
    stray[3] = 0xff;
    stray[9] = 0x81;
    stray[20] = 0xfe;
    expect(vacancyKeyLooksLikeText(hexOf(stray))).toBe(true);
    stray[25] = 0x90; // a fourth: no longer "mostly text" by the ASCII rule, and not UTF-8
    expect(vacancyKeyLooksLikeText(hexOf(stray))).toBe(false);
  });

  it("passes real HMAC keys: 10,000 references under two secrets, none refused", async () => {
    for (const secret of [SECRET, "another-trust-secret-xyz"]) {
      const make = await vacancyKeyMaker(secret);
      for (let i = 0; i < 5_000; i++) expect(vacancyKeyLooksLikeText(await make(`C${i}-24-${i % 97}`))).toBe(false);
    }
  }, 30_000);

  it("has the false-positive rate docs/privacy.md states: exact over all 256^32 keys, by dynamic programming", () => {
    // Probability that 32 uniform bytes meet each rule, from the same byte classes as the check.
    const p = (n: number) => n / 256;
    const textAscii = 95 + 4; // 0x20-0x7e, NUL, tab, LF, CR
    let ascii = 0;
    const choose = (n: number, k: number) => { let c = 1; for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i; return c; };
    for (let k = MIN_TEXT_BYTES; k <= 32; k++) ascii += choose(32, k) * p(textAscii) ** k * (1 - p(textAscii)) ** (32 - k);
    // UTF-8 rule: states = continuation bytes still needed.
    let dist = [1, 0, 0, 0];
    for (let i = 0; i < 32; i++) {
      const [d0, d1, d2, d3] = dist as [number, number, number, number];
      dist = [d0 * p(textAscii) + d1 * p(64), d0 * p(30) + d2 * p(64), d0 * p(16) + d3 * p(64), d0 * p(5)];
    }
    const utf8 = dist.reduce((a, b) => a + b, 0);
    expect(ascii).toBeCloseTo(1.32e-9, 11);
    expect(utf8).toBeCloseTo(3.93e-11, 12);
    expect(ascii + utf8).toBeLessThan(1.4e-9);
  });
});
