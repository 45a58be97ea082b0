/** dismissRejected: the user has dealt with a submission the API rejected; stop showing it. */
import type { Messages } from "../protocol";
import { outbox } from "../outboxService";
import { VACANCY_KEY_PATTERN } from "../outcomeDraft";

export async function handler(body: unknown): Promise<Messages["dismissRejected"]["answer"]> {
  const key = (body as { vacancyKey?: unknown } | null)?.vacancyKey;
  if (typeof key !== "string" || !VACANCY_KEY_PATTERN.test(key)) return { ok: false, error: "Not a vacancy key." };
  return { ok: true, status: await outbox.dismiss(key) };
}
