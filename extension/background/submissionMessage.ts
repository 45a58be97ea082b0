/**
 * The sentence the overlay shows for one vacancy's submission. No imports but types: the
 * overlay's content script uses it too.
 */
import type { SubmissionState } from "./outbox";

export function submissionMessage(s: SubmissionState, lastError?: string): string {
  switch (s.state) {
    case "delivered":
      return "Sent to your organisation's outcomes API.";
    case "rejected":
      return `Not sent. ${s.message}`;
    case "queued":
    case "unknown":
      return `Saved in this browser and queued, not sent yet. ${(s.state === "queued" ? s.message : undefined) ?? lastError ?? "It will be sent automatically."}`;
  }
}
