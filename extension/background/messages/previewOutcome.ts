/** previewOutcome: the exact JSON that queueOutcome would send, for the user to confirm. */
import type { Messages } from "../protocol";
import { buildSubmission } from "../submission";

export async function handler(body: unknown): Promise<Messages["previewOutcome"]["answer"]> {
  const built = await buildSubmission(body);
  return built.ok ? { ok: true, payload: built.payload } : built;
}
