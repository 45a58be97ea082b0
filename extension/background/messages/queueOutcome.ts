/**
 * queueOutcome: turn the user's confirmed outcome into a submission, store it durably, then try
 * to send it at once. Answers whether it was delivered now or waits in the queue (and why).
 */
import type { Messages } from "../protocol";
import { outbox } from "../outboxService";
import { buildSubmission } from "../submission";

export async function handler(body: unknown): Promise<Messages["queueOutcome"]["answer"]> {
  const built = await buildSubmission(body);
  if (!built.ok) return built;
  await outbox.enqueue(built.payload);
  // Forced: a round already under way (an alarm) started before this entry existed, so a forced
  // call makes it run once more; a user's confirmation is also a fair moment to retry the rest.
  const { status } = await outbox.flush({ force: true });
  const waiting = status.queued.find((q) => q.kind === "outcome" && q.vacancyKey === built.payload.vacancyKey);
  const rejected = status.rejected.find((r) => !r.kind && r.vacancyKey === built.payload.vacancyKey);
  if (rejected) return { ok: false, error: rejected.message };
  return {
    ok: true,
    payload: built.payload,
    delivered: !waiting,
    message: waiting
      ? `Saved in this browser and queued, not sent yet. ${waiting.lastError ?? status.lastError ?? "It will be sent automatically."}`
      : "Sent to your organisation's outcomes API.",
    status,
  };
}
