import { describe, expect, it } from "vitest";
import { assessorFor, decryptEntry, decryptGuide, deriveVacancyKeys, encryptEntry, encryptGuide, itemKeyFor, apiEndpoint } from "../../extension/background/panelSync";

const SECRET = "org-secret-0123456789abcdef";
const entry = { name: "AB", scores: { "q-1": { level: 3, note: "Gave a dated example of escalating a safeguarding concern." } }, submittedAt: 1_700_000_000_000 };

describe("panel sync keys and encryption (WebCrypto, in the background)", () => {
  it("two browsers with the organisation secret derive the same key for a vacancy, whatever way the reference is written", async () => {
    const a = await deriveVacancyKeys(SECRET, "C9290-24-0512");
    const b = await deriveVacancyKeys(SECRET, " Ref: c9290–24–0512 ");
    const item = await itemKeyFor(a, "interview", "AR-240001");
    expect(await itemKeyFor(b, "interview", "AR-240001")).toBe(item);
    expect(item).toMatch(/^[0-9a-f]{64}$/);
    expect(await itemKeyFor(a, "interview", "AR-240002")).not.toBe(item);
    const slot = { vacancyKey: "f".repeat(64), itemKey: item, assessorId: `as_${"1".repeat(32)}`, revision: 1 };
    const sealed = await encryptEntry(a, slot, entry);
    expect(await decryptEntry(b, slot, sealed.iv, sealed.ciphertext)).toEqual(entry);
    // Nothing readable in what the server stores.
    // The record holds only the random IV and the ciphertext; neither the base64 text nor the decoded bytes hold any
    // of the entry. (Fragments are long enough that random bytes cannot match them by chance: a bare "AB" turns up in
    // about one base64 ciphertext in sixteen.)
    expect(Object.keys(sealed).sort()).toEqual(["ciphertext", "iv"]);
    const stored = JSON.stringify(sealed) + atob(sealed.ciphertext);
    for (const plain of ['"name":"AB"', "safeguarding", '"q-1"', "AR-240001", "C9290", JSON.stringify(entry)]) expect(stored).not.toContain(plain);
  });

  it("does not decrypt under another secret, another vacancy, or when the server moves an entry to another assessor, item or revision", async () => {
    const keys = await deriveVacancyKeys(SECRET, "C9290-24-0512");
    const item = await itemKeyFor(keys, "interview", "AR-240001");
    const slot = { vacancyKey: "f".repeat(64), itemKey: item, assessorId: `as_${"1".repeat(32)}`, revision: 1 };
    const { iv, ciphertext } = await encryptEntry(keys, slot, entry);
    expect(await decryptEntry(await deriveVacancyKeys("another-org-secret-0123456", "C9290-24-0512"), slot, iv, ciphertext)).toBeNull();
    expect(await decryptEntry(await deriveVacancyKeys(SECRET, "C9290-24-0999"), slot, iv, ciphertext)).toBeNull();
    expect(await decryptEntry(keys, { ...slot, assessorId: `as_${"2".repeat(32)}` }, iv, ciphertext)).toBeNull();
    expect(await decryptEntry(keys, { ...slot, revision: 2 }, iv, ciphertext)).toBeNull();
    expect(await decryptEntry(keys, { ...slot, itemKey: "0".repeat(64) }, iv, ciphertext)).toBeNull();
  });

  it("assessor ids are unique per browser and unlinkable across vacancies; only the browser's own secret gives the proof", async () => {
    const one = await assessorFor("browser-one-secret", "a".repeat(64));
    expect(one.assessorId).toMatch(/^as_[0-9a-f]{32}$/);
    expect(await assessorFor("browser-one-secret", "a".repeat(64))).toEqual(one);
    expect((await assessorFor("browser-one-secret", "b".repeat(64))).assessorId).not.toBe(one.assessorId);
    expect((await assessorFor("browser-two-secret", "a".repeat(64))).assessorId).not.toBe(one.assessorId);
    expect(one.proof).not.toContain(one.assessorId.slice(3));
  });

  it("a review guide is its own kind: it opens only as the vacancy's guide from its author at its revision, never as a score entry, nor a score entry as a guide", async () => {
    const keys = await deriveVacancyKeys(SECRET, "C9290-24-0512");
    const vk = "f".repeat(64);
    const author = `as_${"1".repeat(32)}`;
    const guide = { format: "fair-shortlist/review-guide@1", author: "AB", updatedAt: "2026-12-01T15:40:00.000Z", criteria: { "e-1": { poor: "No example of audit.", partial: "", good: "", strong: "" } } };
    const g = await encryptGuide(keys, { vacancyKey: vk, authorId: author, revision: 2 }, guide);
    expect(await decryptGuide(keys, { vacancyKey: vk, authorId: author, revision: 2 }, g.iv, g.ciphertext)).toEqual(guide);
    expect(atob(g.ciphertext)).not.toContain("audit");
    // Moved to another revision, author or vacancy by the server: does not open.
    expect(await decryptGuide(keys, { vacancyKey: vk, authorId: author, revision: 1 }, g.iv, g.ciphertext)).toBeNull();
    expect(await decryptGuide(keys, { vacancyKey: vk, authorId: `as_${"2".repeat(32)}`, revision: 2 }, g.iv, g.ciphertext)).toBeNull();
    expect(await decryptGuide(keys, { vacancyKey: "e".repeat(64), authorId: author, revision: 2 }, g.iv, g.ciphertext)).toBeNull();
    // A colleague's score entry handed over as the guide (or the guide as an entry): does not open.
    const item = await itemKeyFor(keys, "shortlisting", "AR-240001");
    const e = await encryptEntry(keys, { vacancyKey: vk, itemKey: item, assessorId: author, revision: 2 }, entry);
    expect(await decryptGuide(keys, { vacancyKey: vk, authorId: author, revision: 2 }, e.iv, e.ciphertext)).toBeNull();
    expect(await decryptEntry(keys, { vacancyKey: vk, itemKey: item, assessorId: author, revision: 2 }, g.iv, g.ciphertext)).toBeNull();
  });

  it("keeps the API URL's path", () => {
    expect(apiEndpoint("https://apps.x.nhs.uk/fair-shortlist", "/v1/sync/a/b/read")).toBe("https://apps.x.nhs.uk/fair-shortlist/v1/sync/a/b/read");
    expect(apiEndpoint("http://127.0.0.1:8787", "/v1/sync/a")).toBe("http://127.0.0.1:8787/v1/sync/a");
  });
});
