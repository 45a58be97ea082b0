/**
 * vacancyKey: the only trace of a vacancy that leaves the browser (docs/domain.md, "Privacy").
 *
 * HMAC-SHA-256 (WebCrypto, present in browsers, workerd and Node 22) of the normalised vacancy
 * reference under the organisation's secret, as 64 lowercase hex characters (VacancyKeySchema).
 * Every browser of one trust holds the same secret (pushed by trust IT through managed
 * storage, or entered by the analyst importing a CSV on the dashboard), so the same vacancy
 * captured by the extension on any machine, or imported on the dashboard, gets the same key
 * and the API's upsert replaces instead of double counting. Without the secret the key cannot
 * be linked back to a reference: a dictionary of plausible references is useless.
 *
 * The message is domain-separated ("fair-shortlist:vacancy:v1:") so the same secret could
 * never produce a key meaning anything else.
 */
export const VACANCY_KEY_CONTEXT = "fair-shortlist:vacancy:v1:";
export const MIN_ORG_SECRET_LENGTH = 16;

/**
 * The same vacancy is printed differently on different screens ("C9234-24-0123",
 * " c9234 – 24 – 0123 ", "Ref: C9234-24-0123"), so the reference is normalised first:
 * Unicode NFKC, a leading "Ref"/"Reference"/"Job reference"/"Vacancy reference" label
 * dropped, dashes unified, all whitespace removed, upper case. A blank reference gives "".
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

/**
 * The organisation secret as every key maker uses it: surrounding whitespace (a pasted newline,
 * a space in a policy file) removed. The options page, the dashboard's import and a secret
 * pushed by policy all pass through here, so one trust's secret gives one key per vacancy.
 */
export function normaliseOrgSecret(secret: string): string {
  return secret.trim();
}

/**
 * A vacancy reference as it appears in this browser's storage keys (scores, criteria, reasons,
 * panel check, interview session): the same normalisation as the vacancyKey, so the interview
 * screen's "Ref: C9234-24-0123" and the report's "C9234-24-0123" meet.
 */
export const vacancyStorageRef = normaliseVacancyReference;

/** Why a secret cannot be used, in words for the person who has to fix it; undefined when fine. */
export function orgSecretProblem(raw: string | undefined): string | undefined {
  const secret = raw === undefined ? undefined : normaliseOrgSecret(raw);
  if (!secret) return "The organisation secret for vacancy keys is not set. Your trust's IT sets it (see the extension's options page).";
  if (secret.length < MIN_ORG_SECRET_LENGTH)
    return `The organisation secret is too short (${secret.length} characters; at least ${MIN_ORG_SECRET_LENGTH}). Trust IT should generate one with: openssl rand -hex 32`;
  return undefined;
}

const encoder = new TextEncoder();

/** Imports the secret once; sign many references with the returned function (CSV import). */
export async function vacancyKeyMaker(rawSecret: string): Promise<(reference: string) => Promise<string>> {
  const problem = orgSecretProblem(rawSecret);
  if (problem) throw new Error(problem);
  const key = await crypto.subtle.importKey("raw", encoder.encode(normaliseOrgSecret(rawSecret)), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async (reference) => {
    const normal = normaliseVacancyReference(reference);
    if (normal === "") throw new Error("The vacancy reference is empty: the page or file did not show one.");
    const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(VACANCY_KEY_CONTEXT + normal));
    return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
  };
}

export async function vacancyKey(reference: string, orgSecret: string): Promise<string> {
  return (await vacancyKeyMaker(orgSecret))(reference);
}

/**
 * Whether a 64-hex vacancy key's 32 bytes read as text: the sign of a reference, a name or an
 * e-mail address hex-encoded instead of hashed. An HMAC output is uniformly random bytes, and
 * essentially never text (docs/privacy.md, "Vacancy keys are not text", gives the rates):
 *  - at least 29 of the 32 bytes are printable ASCII, tab, line feed, carriage return or NUL
 *    (text padded with spaces or NULs, or with a few stray bytes): 1.3 in 10^9 random keys; or
 *  - the bytes are well-formed UTF-8 (a character cut off at the end allowed) with no control
 *    character but those four (text in any script): 3.9 in 10^11 random keys.
 * It stops the accidental or naive leak; text deliberately mixed with random bytes passes.
 */
export const MIN_TEXT_BYTES = 29;

const isTextAscii = (b: number) => (b >= 0x20 && b <= 0x7e) || b === 0x00 || b === 0x09 || b === 0x0a || b === 0x0d;
/** Continuation bytes a UTF-8 lead byte announces, or 0 for a byte that cannot lead. */
const utf8Need = (b: number) => (b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0);
const isContinuation = (b: number) => b >= 0x80 && b <= 0xbf;

function isUtf8Text(bytes: Uint8Array): boolean {
  let need = 0;
  for (const b of bytes) {
    if (need > 0) {
      if (!isContinuation(b)) return false;
      need--;
    } else if (!isTextAscii(b)) {
      need = utf8Need(b);
      if (need === 0) return false;
    }
  }
  return true; // a sequence cut off by the 32-byte end still reads as text
}

export function vacancyKeyLooksLikeText(hex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const bytes = Uint8Array.from({ length: 32 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  let ascii = 0;
  for (const b of bytes) if (isTextAscii(b)) ascii++;
  return ascii >= MIN_TEXT_BYTES || isUtf8Text(bytes);
}
