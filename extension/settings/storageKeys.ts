/** chrome.storage.local keys shared between the background worker and the extension's pages. */
export const OUTBOX_STORAGE_KEY_NAME = "outbox";
