/**
 * The one outbox of this browser, wired to chrome.storage.local, chrome.alarms and fetch.
 * Everything it knows is in storage, so a service worker started cold (alarm, browser start,
 * a message) picks up exactly where the last one stopped.
 */
import { loadSettings } from "../settings/store";
import { submissionProblem } from "../settings/orgSettings";
import { OUTBOX_STORAGE_KEY_NAME as OUTBOX_STORAGE_KEY } from "../settings/storageKeys";
import { createOutbox, type OutboxState } from "./outbox";

export const RETRY_ALARM = "outbox-retry";
/** chrome.alarms' floor for packed extensions; also the safety net after an immediate send. */
const MIN_ALARM_DELAY_MS = 30_000;

export const outbox = createOutbox({
  load: async () => (await chrome.storage.local.get(OUTBOX_STORAGE_KEY))[OUTBOX_STORAGE_KEY] as OutboxState | undefined,
  save: (state) => chrome.storage.local.set({ [OUTBOX_STORAGE_KEY]: state }),
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
  random: () => Math.random(),
  newRevision: () => crypto.randomUUID(),
  async target() {
    const settings = await loadSettings();
    const problem = submissionProblem(settings);
    if (problem) return { missing: problem };
    return { apiUrl: settings.apiUrl!, submitToken: settings.submitToken! };
  },
  async scheduleWake(at) {
    if (at === undefined) {
      await chrome.alarms.clear(RETRY_ALARM);
      return;
    }
    // If the worker is killed during an immediate send, this alarm wakes it to try again.
    await chrome.alarms.create(RETRY_ALARM, { when: Math.max(at, Date.now() + MIN_ALARM_DELAY_MS) });
  },
});
