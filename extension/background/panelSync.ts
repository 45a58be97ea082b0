/**
 * Panel and shortlister sync, the browser's half: keys, encryption and the calls to the Worker.
 * Runs in the background service worker, which alone holds the organisation secret; content
 * scripts send plaintext entries in and get plaintext entries back, never a key.
 *
 * Keys (docs/privacy.md):
 * - entry key: AES-GCM 256, HKDF-SHA-256(ikm = organisation secret, salt = SYNC_SALT,
 *   info = "entries:" + normalised vacancy reference). Every browser of the organisation derives
 *   the same key for a vacancy; the Worker, which never sees the secret or the reference, cannot.
 * - item key: HMAC-SHA-256 under HKDF(..., info = "items:" + reference) of "<channel>:<subject>"
 *   (e.g. "interview:AR-240001"): the Worker files entries per candidate without learning who.
 * - assessor id and proof: HMAC-SHA-256 under a random secret of this browser profile, per
 *   vacancy key, so ids cannot be linked across vacancies and only this browser can prove one.
 * - additional data: vacancyKey, itemKey, assessorId and revision are bound into each ciphertext,
 *   so the server cannot move an entry to another candidate, assessor or revision unnoticed.
 *
 * Pure apart from crypto.subtle and the injected fetch: unit-tested in Node.
 */
import { normaliseVacancyReference } from "@fair-shortlist/shared/vacancyKey";

export const SYNC_SALT = "fair-shortlist:sync:v1";
export const SYNC_CHANNELS = ["interview", "shortlisting"] as const;
export type SyncChannel = (typeof SYNC_CHANNELS)[number];

const enc = new TextEncoder();
const dec = new TextDecoder();

export const toHex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
const toBase64 = (buf: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(buf)));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export interface VacancySyncKeys {
  entryKey: CryptoKey;
  itemKey: CryptoKey;
}

export async function deriveVacancyKeys(orgSecret: string, reference: string): Promise<VacancySyncKeys> {
  const ref = normaliseVacancyReference(reference);
  const ikm = await crypto.subtle.importKey("raw", enc.encode(orgSecret), "HKDF", false, ["deriveKey"]);
  const params = (info: string) => ({ name: "HKDF", hash: "SHA-256", salt: enc.encode(SYNC_SALT), info: enc.encode(`${info}:${ref}`) });
  const entryKey = await crypto.subtle.deriveKey(params("entries"), ikm, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const itemKey = await crypto.subtle.deriveKey(params("items"), ikm, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
  return { entryKey, itemKey };
}

async function hmacHex(key: CryptoKey, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
}

export async function itemKeyFor(keys: VacancySyncKeys, channel: SyncChannel, subject: string): Promise<string> {
  return hmacHex(keys.itemKey, `${channel}:${subject.trim()}`);
}

/** This browser's id and proof for one vacancy, from its own random secret. */
export async function assessorFor(browserSecret: string, vacancyKey: string): Promise<{ assessorId: string; proof: string }> {
  const key = await crypto.subtle.importKey("raw", enc.encode(browserSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return {
    assessorId: `as_${(await hmacHex(key, `assessor:${vacancyKey}`)).slice(0, 32)}`,
    proof: await hmacHex(key, `proof:${vacancyKey}`),
  };
}

export function newBrowserSecret(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)).buffer);
}

const aad = (vacancyKey: string, itemKey: string, assessorId: string, revision: number) => enc.encode(`${vacancyKey}:${itemKey}:${assessorId}:${revision}`);

export async function encryptEntry(keys: VacancySyncKeys, slot: { vacancyKey: string; itemKey: string; assessorId: string; revision: number }, plaintext: unknown) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: aad(slot.vacancyKey, slot.itemKey, slot.assessorId, slot.revision) },
    keys.entryKey,
    enc.encode(JSON.stringify(plaintext)),
  );
  return { iv: toBase64(iv), ciphertext: toBase64(data) };
}

/**
 * The vacancy's review guide is sealed under the same entry key with additional data of its own
 * kind: "guide:" cannot begin an entry's additional data (which begins with a 64-hex vacancy key),
 * so a score entry never opens as a guide, nor a guide as a score entry.
 */
const guideAad = (vacancyKey: string, authorId: string, revision: number) => enc.encode(`guide:${vacancyKey}:${authorId}:${revision}`);

export async function encryptGuide(keys: VacancySyncKeys, slot: { vacancyKey: string; authorId: string; revision: number }, guide: unknown) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: guideAad(slot.vacancyKey, slot.authorId, slot.revision) }, keys.entryKey, enc.encode(JSON.stringify(guide)));
  return { iv: toBase64(iv), ciphertext: toBase64(data) };
}

/** Null when it does not open as this vacancy's guide from this author at this revision. */
export async function decryptGuide(keys: VacancySyncKeys, slot: { vacancyKey: string; authorId: string; revision: number }, iv: string, ciphertext: string): Promise<unknown | null> {
  try {
    const data = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv), additionalData: guideAad(slot.vacancyKey, slot.authorId, slot.revision) }, keys.entryKey, fromBase64(ciphertext));
    return JSON.parse(dec.decode(data));
  } catch {
    return null;
  }
}

/** Null when the entry does not decrypt (another organisation's secret, or tampered with). */
export async function decryptEntry(keys: VacancySyncKeys, slot: { vacancyKey: string; itemKey: string; assessorId: string; revision: number }, iv: string, ciphertext: string): Promise<unknown | null> {
  try {
    const data = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(iv), additionalData: aad(slot.vacancyKey, slot.itemKey, slot.assessorId, slot.revision) },
      keys.entryKey,
      fromBase64(ciphertext),
    );
    return JSON.parse(dec.decode(data));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- the Worker's sync routes

export interface SyncTarget {
  apiUrl: string;
  submitToken: string;
}

/** The API base keeps its path ("https://host/fair-shortlist/" + "v1/sync/..."). */
export function apiEndpoint(apiUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ""), apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`).toString();
}

export async function callSync(fetchFn: typeof fetch, target: SyncTarget, method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetchFn(apiEndpoint(target.apiUrl, path), {
    method,
    headers: { authorization: `Bearer ${target.submitToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  });
  let json: any;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}
