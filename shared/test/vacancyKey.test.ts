import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { VacancyKeySchema } from "../../shared/src/schemas/api";
import { VACANCY_KEY_CONTEXT, normaliseVacancyReference, vacancyKey } from "../src/vacancyKey";

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
