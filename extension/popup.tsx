/**
 * Popup: what this page is, and whether anonymised outcomes are getting through.
 * Logic lives in the background (messages) and settings modules; this file only shows it.
 */
import { useCallback, useEffect, useState } from "react";
import { sendToBackground, type SyncStatusAnswer } from "~background/protocol";
import { OUTBOX_STORAGE_KEY_NAME } from "~settings/storageKeys";
import { PAGE_CSS } from "~settings/pageStyles";
import { describeTabPage, tabProfile } from "~settings/pageDetection";
import { KEYS } from "~lib/storage";

function when(ms: number | undefined): string {
  if (!ms) return "never";
  return new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

async function targetTab(): Promise<chrome.tabs.Tab | undefined> {
  // ?tabId= opens the popup for a given tab (the options page and tests use it).
  const param = new URLSearchParams(location.search).get("tabId");
  if (param) return chrome.tabs.get(Number(param)).catch(() => undefined);
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

export default function Popup() {
  const [status, setStatus] = useState<SyncStatusAnswer | { ok: false; error: string } | undefined>();
  const [page, setPage] = useState<string>("Checking this page…");
  const [syncing, setSyncing] = useState(false);
  const [syncMessage, setSyncMessage] = useState<string>();
  const [tab, setTab] = useState<chrome.tabs.Tab>();
  const [studioMessage, setStudioMessage] = useState<string>();

  const [blind, setBlind] = useState<{ id: string; name: string; revealed: boolean } | null>(null);
  const readBlind = useCallback(async (p: { id: string; name: string; hasIdentifyingFields: boolean } | null) => {
    if (!p?.hasIdentifyingFields) return setBlind(null);
    const all = ((await chrome.storage.local.get(KEYS.nameBlindRevealed))[KEYS.nameBlindRevealed] ?? {}) as Record<string, boolean>;
    setBlind({ id: p.id, name: p.name, revealed: all[p.id] ?? false });
  }, []);
  // The page follows this switch through storage (features/name-blind.ts listens for it).
  async function toggleBlind() {
    if (!blind) return;
    const all = ((await chrome.storage.local.get(KEYS.nameBlindRevealed))[KEYS.nameBlindRevealed] ?? {}) as Record<string, boolean>;
    await chrome.storage.local.set({ [KEYS.nameBlindRevealed]: { ...all, [blind.id]: !blind.revealed } });
    setBlind({ ...blind, revealed: !blind.revealed });
  }

  const refresh = useCallback(async () => setStatus(await sendToBackground("getSyncStatus", {})), []);

  useEffect(() => {
    void refresh();
    void targetTab().then(async (tab) => {
      setTab(tab);
      setPage(await describeTabPage(tab?.url));
      await readBlind(await tabProfile(tab?.url));
    });
    const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      if (area === "local" && OUTBOX_STORAGE_KEY_NAME in changes) void refresh();
    };
    chrome.storage.onChanged.addListener(listener);
    return () => chrome.storage.onChanged.removeListener(listener);
  }, [refresh]);

  async function syncNow() {
    setSyncing(true);
    setSyncMessage(undefined);
    const r = await sendToBackground("syncNow", {});
    setSyncing(false);
    if (!r.ok) setSyncMessage(r.error);
    else if (r.attempted === 0) setSyncMessage("Nothing was waiting to be sent.");
    else if (r.delivered === r.attempted) setSyncMessage(`Sent ${r.delivered} outcome${r.delivered === 1 ? "" : "s"}.`);
    else {
      const waiting = r.attempted - r.delivered - r.rejected;
      const parts = [`Sent ${r.delivered} of ${r.attempted}`];
      if (r.rejected) parts.push(`${r.rejected} rejected by the API (see below)`);
      if (waiting) parts.push(`${waiting} stay${waiting === 1 ? "s" : ""} queued`);
      setSyncMessage(`${parts.join("; ")}.`);
    }
    await refresh();
  }

  async function dismiss(vacancyKey: string) {
    await sendToBackground("dismissRejected", { vacancyKey });
    await refresh();
  }

  async function openStudio() {
    if (!tab?.id || !tab.url) return;
    setStudioMessage(undefined);
    // Straight from the click: Chrome asks the user to allow this site unless it is allowed already.
    const granted = await chrome.permissions.request({ origins: [`${new URL(tab.url).origin}/*`] }).catch(() => false);
    if (!granted) {
      setStudioMessage("Fair Shortlist needs your permission to read this site before the studio can open.");
      return;
    }
    const r = await sendToBackground("openStudio", { tabId: tab.id });
    if (!r.ok) setStudioMessage(r.error);
    else if (!new URLSearchParams(location.search).get("tabId")) window.close();
    else setStudioMessage("The profile studio is open on the page.");
  }

  const s = status?.ok ? status.status : undefined;
  const studioAvailable = !!tab?.url && /^https?:/.test(tab.url);
  return (
    <main style={{ width: 340, padding: 16, background: "#fff" }}>
      <style>{PAGE_CSS}</style>
      <h1 style={{ fontSize: 20 }}>Fair Shortlist</h1>
      <p data-testid="popup-page">
        <strong>This page:</strong> {page}
      </p>
      {!status && <p>Loading…</p>}
      {status && !status.ok && <div className="fs-error-box" role="alert">{status.error}</div>}
      {s && (
        <>
          <dl className="fs-summary" data-testid="popup-status">
            <dt>Waiting to be sent</dt>
            <dd data-testid="queue-length">{s.queueLength}</dd>
            <dt>Last sent</dt>
            <dd data-testid="last-sync">{when(s.lastSyncAt)}</dd>
            {s.rejected.length > 0 && (
              <>
                <dt>Not accepted by the API</dt>
                <dd data-testid="rejected-count">{s.rejected.length}</dd>
              </>
            )}
            {s.queueLength > 0 && (
              <>
                <dt>Next try</dt>
                <dd>{when(s.nextAttemptAt)}</dd>
              </>
            )}
          </dl>
          {status?.ok && status.settingsProblem && (
            <div className="fs-warning" role="status" data-testid="settings-problem">
              {status.settingsProblem}
            </div>
          )}
          {s.lastError && (
            <div className="fs-error-box" role="alert" data-testid="last-error">
              <strong>Last problem ({when(s.lastErrorAt)}):</strong> {s.lastError}
            </div>
          )}
          {s.rejected.length > 0 && (
            <div className="fs-error-box" role="alert" data-testid="rejected">
              <strong>Not sent: the API rejected {s.rejected.length === 1 ? "this submission" : "these submissions"}.</strong>
              <ul>
                {s.rejected.map((r) => (
                  <li key={r.vacancyKey} data-testid="rejected-item">
                    Vacancy closing {r.closingDate} ({when(r.at)}): {r.message}{" "}
                    <button className="fs-button fs-button-secondary" type="button" onClick={() => void dismiss(r.vacancyKey)}>
                      Dismiss
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {blind && (
        <section aria-labelledby="fs-popup-blind" data-testid="popup-name-blind">
          <h2 id="fs-popup-blind">Name-blind shortlisting</h2>
          <p role="status" data-testid="popup-name-blind-status">
            Names and personal details on {blind.name} are {blind.revealed ? "showing" : "hidden"}.
          </p>
          <button className="fs-button fs-button-secondary" type="button" data-testid="popup-name-blind-toggle" onClick={() => void toggleBlind()}>
            {blind.revealed ? "Hide names" : "Show names"}
          </button>
        </section>
      )}
      <button className="fs-button" type="button" onClick={syncNow} disabled={syncing}>
        {syncing ? "Sending…" : "Sync now"}
      </button>
      <button className="fs-button fs-button-secondary" type="button" onClick={() => chrome.runtime.openOptionsPage()}>
        Settings
      </button>
      {studioAvailable && (
        <button className="fs-button fs-button-secondary" type="button" onClick={openStudio} data-testid="open-studio">
          Build or fix a site profile here
        </button>
      )}
      {studioMessage && (
        <p role="status" data-testid="studio-status">
          {studioMessage}
        </p>
      )}
      {syncMessage && (
        <p role="status" data-testid="sync-message">
          {syncMessage}
        </p>
      )}
    </main>
  );
}
