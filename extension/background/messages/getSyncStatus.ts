/** getSyncStatus: queue length, last sync, last error in words, and missing settings. */
import type { Messages } from "../protocol";
import { outbox } from "../outboxService";
import { loadSettings } from "../../settings/store";
import { submissionProblem } from "../../settings/orgSettings";

export async function handler(): Promise<Messages["getSyncStatus"]["answer"]> {
  const [status, settings] = await Promise.all([outbox.status(), loadSettings()]);
  const settingsProblem = submissionProblem(settings);
  return { ok: true, status, ...(settingsProblem ? { settingsProblem } : {}) };
}
