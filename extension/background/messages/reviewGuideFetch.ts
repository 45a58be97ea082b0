/** reviewGuideFetch: the vacancy's published review guide, opened and checked only as a guide (panel sync on). */
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { fetchGuide } from "../panelSyncService";
import { GuideFetchDraftSchema } from "../syncDrafts";

export async function handler(body: unknown): Promise<Messages["reviewGuideFetch"]["answer"]> {
  const d = GuideFetchDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "Invalid request for the review guide.", issues: issuesOf(d.error, body) };
  return fetchGuide(d.data);
}
