/**
 * The ADMIN_TOKEN secret guards every organisation's tokens, so it must be a long random value:
 * at least 32 characters, at least 10 of them different (rules out "aaaa…" and short words
 * repeated). `openssl rand -base64 32` gives 44 characters. A weak secret disables the admin API.
 */
export const MIN_ADMIN_SECRET_LENGTH = 32;
export const MIN_ADMIN_SECRET_DISTINCT = 10;

/** Why the configured secret cannot be used, for the operator; undefined when it is fine. */
export function adminSecretProblem(secret: unknown): string | undefined {
  const fix = "set a random one with: openssl rand -base64 32 (wrangler secret put ADMIN_TOKEN, or .dev.vars locally)";
  if (typeof secret !== "string" || secret === "") return `ADMIN_TOKEN is not set; ${fix}`;
  if (secret.length < MIN_ADMIN_SECRET_LENGTH) {
    return `ADMIN_TOKEN is too weak (${secret.length} characters; at least ${MIN_ADMIN_SECRET_LENGTH}); ${fix}`;
  }
  const distinct = new Set(secret).size;
  if (distinct < MIN_ADMIN_SECRET_DISTINCT) {
    return `ADMIN_TOKEN is too weak (only ${distinct} different characters; at least ${MIN_ADMIN_SECRET_DISTINCT}); ${fix}`;
  }
  return undefined;
}

let warned = false;
/**
 * Says so in the log once per isolate, on its first request: the nearest a Worker has to start-up
 * (`npm start` sends that first request as it starts, so the warning appears in its output).
 */
export function warnOnceIfWeak(secret: unknown): void {
  if (warned) return;
  warned = true;
  const problem = adminSecretProblem(secret);
  if (problem) console.warn(`fair-shortlist: the admin API is disabled: ${problem}`);
}
