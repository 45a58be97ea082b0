/** reviewGuidePublish: encrypt this browser's review guide and publish it as the vacancy's next revision (panel sync on). */
import type { Messages } from "../protocol";
import { issuesOf } from "../../settings/orgSettings";
import { publishGuide } from "../panelSyncService";
import { GuidePublishDraftSchema } from "../syncDrafts";

export async function handler(body: unknown): Promise<Messages["reviewGuidePublish"]["answer"]> {
  const d = GuidePublishDraftSchema.safeParse(body);
  if (!d.success) return { ok: false, error: "The review guide to share is incomplete or invalid.", issues: issuesOf(d.error, body) };
  return publishGuide(d.data);
}
