import type { TokenScope } from "@fair-shortlist/shared/schemas/api";

/**
 * Organisation API tokens: 32 random bytes, base64url, behind a prefix naming the scope
 * ("fs_submit_…", "fs_read_…") so a leaked token is recognisable and a misuse is obvious.
 * Only the SHA-256 of a token is stored; tokens are looked up by that hash.
 */
export const TOKEN_PATTERN = /^fs_(submit|read|report)_[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newToken(scope: TokenScope): string {
  return `fs_${scope}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `${prefix}_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** What an admin sees of a token: enough to tell two apart, far too little to use. */
export function tokenPrefix(token: string): string {
  const scope = /^fs_(submit|read|report)_/.exec(token)?.[0] ?? "fs_";
  return token.slice(0, scope.length + 4);
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function tokenHash(token: string): Promise<string> {
  return hex(await sha256(token));
}

/**
 * Constant-time comparison of two strings by their SHA-256 digests (equal length, so
 * timingSafeEqual applies and the time taken says nothing about where they differ).
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (typeof subtle.timingSafeEqual === "function") return subtle.timingSafeEqual(x, y);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/**
 * Constant-time comparison of two SHA-256 hex digests (always 64 characters, so their lengths say
 * nothing): compares the bytes directly, without hashing them again as constantTimeEqual does.
 */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== 64 || b.length !== 64) return false;
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (typeof subtle.timingSafeEqual === "function") return subtle.timingSafeEqual(x, y);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
