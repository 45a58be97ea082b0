/**
 * The vacancy reference never leaves the browser: it is replaced by a keyed hash, exactly as
 * the extension makes it (extension/background/vacancyKey.ts; a unit test pins the two
 * together), so a vacancy imported here and captured by the extension gets the same key and
 * the API replaces instead of double counting.
 *
 * HMAC-SHA-256 (WebCrypto) under the organisation's secret of
 * "fair-shortlist:vacancy:v1:" + the normalised reference, as 64 lowercase hex characters
 * (VacancyKeySchema). Without the secret nobody can test guesses of a reference against keys.
 */
export const VACANCY_KEY_CONTEXT = "fair-shortlist:vacancy:v1:";
export const MIN_ORG_SECRET_LENGTH = 16;

/**
 * "C9234-24-0123", " c9234 – 24 – 0123 " and "Ref: C9234-24-0123" are one vacancy: NFKC,
 * a leading reference label dropped, dashes unified, whitespace removed, upper case.
 */
export function normaliseVacancyReference(reference: string): string {
  return reference
    .normalize("NFKC")
    .trim()
    .replace(/^(?:(?:job|vacancy)\s+)?ref(?:erence)?(?:\s*(?:no\.?|number))?\s*[:#.]?\s*/i, "")
    .replace(/[‐‑‒–—―−]/g, "-")
    .replace(/\s+/g, "")
    .toUpperCase();
}

export function orgSecretProblem(secret: string): string | undefined {
  if (!secret) return "Enter your organisation's secret for vacancy keys (the one trust IT set for the extension).";
  if (secret.length < MIN_ORG_SECRET_LENGTH)
    return `The organisation secret is too short (${secret.length} characters; at least ${MIN_ORG_SECRET_LENGTH}).`;
  return undefined;
}

const encoder = new TextEncoder();

/** Imports the secret once; sign many references with the returned function. */
export async function vacancyKeyMaker(orgSecret: string): Promise<(reference: string) => Promise<string>> {
  const problem = orgSecretProblem(orgSecret);
  if (problem) throw new Error(problem);
  const key = await crypto.subtle.importKey("raw", encoder.encode(orgSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async (reference) => {
    const normal = normaliseVacancyReference(reference);
    if (normal === "") throw new Error("The vacancy reference is empty.");
    const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(VACANCY_KEY_CONTEXT + normal));
    return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
  };
}

export async function vacancyKey(reference: string, orgSecret: string): Promise<string> {
  return (await vacancyKeyMaker(orgSecret))(reference);
}
