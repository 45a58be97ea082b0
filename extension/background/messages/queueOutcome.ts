/**
 * queueOutcome: turn the user's confirmed outcome into a submission, store it durably, then try
 * to send it at once. Answers whether it was delivered now, waits in the queue (and why), or was
 * rejected by the API (set aside with its reason: never reported as sent).
 */
import type { Messages } from "../protocol";
import { outbox } from "../outboxService";
import { buildSubmission } from "../submission";
import { submissionMessage } from "../submissionMessage";

export async function handler(body: unknown): Promise<Messages["queueOutcome"]["answer"]> {
  const built = await buildSubmission(body);
  if (!built.ok) return built;
  await outbox.enqueue(built.payload);
  // Forced: a round already under way (an alarm) started before this entry existed, so a forced
  // call makes it run once more; a user's confirmation is also a fair moment to retry the rest.
  const { status } = await outbox.flush({ force: true });
  const submission = await outbox.stateOf(built.payload.vacancyKey);
  return { ok: true, payload: built.payload, submission, delivered: submission.state === "delivered", message: submissionMessage(submission, status.lastError), status };
}
