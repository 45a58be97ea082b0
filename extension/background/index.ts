/**
 * Background service worker. Message handlers live one per file in background/messages/ and are
 * routed by name here. The outbox is resumed whenever the worker starts (browser start, an
 * alarm, a message): anything due is sent.
 */
import { isEnvelope, type MessageName } from "./protocol";
import { outbox } from "./outboxService";
import { RETRY_ALARM } from "./outboxService";
import { handler as previewOutcome } from "./messages/previewOutcome";
import { handler as queueOutcome } from "./messages/queueOutcome";
import { handler as syncNow } from "./messages/syncNow";
import { handler as getSyncStatus } from "./messages/getSyncStatus";
import { handler as getPanelPolicy } from "./messages/getPanelPolicy";
import { handler as checkQuestionTemplate } from "./messages/checkQuestionTemplate";
import { handler as recordPanelCheck } from "./messages/recordPanelCheck";
import { handler as recordScoringFact } from "./messages/recordScoringFact";
import { handler as recordGuaranteedInterview } from "./messages/recordGuaranteedInterview";
import { handler as panelSyncEnabled } from "./messages/panelSyncEnabled";
import { handler as panelSyncSubmit } from "./messages/panelSyncSubmit";
import { handler as panelSyncRead } from "./messages/panelSyncRead";
import { handler as panelSyncDelete } from "./messages/panelSyncDelete";
import { handler as reviewGuideFetch } from "./messages/reviewGuideFetch";
import { handler as reviewGuidePublish } from "./messages/reviewGuidePublish";
import { handler as getSubmissionState } from "./messages/getSubmissionState";
import { handler as dismissRejected } from "./messages/dismissRejected";
import { handler as checkSiteProfile } from "./messages/checkSiteProfile";
import { handler as saveSiteProfile } from "./messages/saveSiteProfile";
import { handler as openStudio, reopenStudioOnLoad } from "./messages/openStudio";
import { handler as closeStudio } from "./messages/closeStudio";
import { handler as loadFeatures } from "./messages/loadFeatures";
import { onSettingsChanged } from "../settings/store";
import { activateOnPolicyChange, activateProfiles } from "../lib/profileActivation";

const handlers: Record<MessageName, (body: unknown, sender: chrome.runtime.MessageSender) => Promise<unknown>> = {
  previewOutcome,
  queueOutcome,
  syncNow,
  getSyncStatus,
  getPanelPolicy,
  checkQuestionTemplate,
  recordPanelCheck,
  recordScoringFact,
  recordGuaranteedInterview,
  panelSyncEnabled,
  panelSyncSubmit,
  panelSyncRead,
  panelSyncDelete,
  reviewGuideFetch,
  reviewGuidePublish,
  getSubmissionState,
  dismissRejected,
  checkSiteProfile,
  saveSiteProfile,
  openStudio,
  closeStudio,
  loadFeatures,
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own pages and content scripts; web pages cannot reach onMessage without externally_connectable.
  if (sender.id !== chrome.runtime.id || !isEnvelope(message)) return false;
  const handler = handlers[message.name as MessageName];
  if (!handler) return false;
  handler(message.body, sender)
    .then(sendResponse)
    .catch((e: unknown) => sendResponse({ ok: false, error: `Something went wrong in the extension: ${(e as Error)?.message ?? String(e)}` }));
  return true; // answer asynchronously
});

// The profile studio comes back after each page load in a tab where it is open.
reopenStudioOnLoad();

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETRY_ALARM) void outbox.flush();
});

// Registering these makes Chrome start the worker at browser start and after an update.
// A browser start is a fresh chance (often a new network): try everything queued at once.
chrome.runtime.onStartup.addListener(() => void outbox.flush({ force: true }));
chrome.runtime.onInstalled.addListener(() => void outbox.flush());

// New or corrected settings (options page, or trust IT's policy): send what waited for them.
onSettingsChanged(() => void outbox.flush({ force: true }));

// Every cold start: send what is due and re-arm the alarm (alarms may not survive a restart).
// chrome.storage.session is emptied when the browser closes, so an empty one means this is the
// first start since the browser opened (onStartup does not always fire, e.g. for a profile
// opened by automation): then try everything queued at once.
void (async () => {
  const { browserSessionStarted } = await chrome.storage.session.get("browserSessionStarted");
  if (!browserSessionStarted) await chrome.storage.session.set({ browserSessionStarted: Date.now() });
  await outbox.flush({ force: !browserSessionStarted });
})();

// Site profiles: those pushed by trust IT (managed storage) are validated and mirrored, then the
// overlay is registered for every granted profile host (lib/profileActivation.ts), in that order,
// at every start, after an install or update (the built script names change with each release)
// and whenever the policy changes.
void activateProfiles().catch(() => undefined);
chrome.runtime.onInstalled.addListener(() => void activateProfiles().catch(() => undefined));
activateOnPolicyChange();
