// Background service worker: message handlers live one per file in background/messages/.
export {};
chrome.runtime.onInstalled.addListener(() => {
  console.info("Fair Shortlist installed");
});
