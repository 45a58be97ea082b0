/**
 * getSubmissionState: where one vacancy's submission stands (queued, delivered, or rejected by
 * the API with its reason), for the overlay that captured it. The overlay asks by vacancyKey and
 * learns nothing else about the outbox.
 */
import type { Messages } from "../protocol";
import { outbox } from "../outboxService";
import { VACANCY_KEY_PATTERN } from "../outcomeDraft";

export async function handler(body: unknown): Promise<Messages["getSubmissionState"]["answer"]> {
  const key = (body as { vacancyKey?: unknown } | null)?.vacancyKey;
  if (typeof key !== "string" || !VACANCY_KEY_PATTERN.test(key)) return { ok: false, error: "Not a vacancy key." };
  return { ok: true, submission: await outbox.stateOf(key) };
}
