/**
 * Reads and writes the organisation's settings in chrome.storage. Local values live under one
 * key in chrome.storage.local; managed values come from chrome.storage.managed (Chrome/Edge
 * policy, extension/managed-schema.json) and cannot be changed here.
 */
import { issuesOf, mergeSettings, settingsSchemas, type EffectiveSettings, type FieldError, type LocalSettings, type ManagedValues, type SettingKey } from "./orgSettings";

export const LOCAL_SETTINGS_KEY = "orgSettings";

/** Managed storage can be slow to answer in a content script; never wait longer than this. */
const MANAGED_TIMEOUT_MS = 1500;

export async function readManaged(): Promise<ManagedValues> {
  try {
    // Throws (or sets lastError) where no policy exists or the browser has no managed storage.
    const managed = chrome.storage.managed.get(null) as Promise<ManagedValues>;
    const timeout = new Promise<ManagedValues>((resolve) => setTimeout(() => resolve({}), MANAGED_TIMEOUT_MS));
    return ((await Promise.race([managed, timeout])) ?? {}) as ManagedValues;
  } catch {
    return {};
  }
}

export async function readLocal(): Promise<LocalSettings> {
  const raw = (await chrome.storage.local.get(LOCAL_SETTINGS_KEY))[LOCAL_SETTINGS_KEY];
  const r = settingsSchemas().localSettings.safeParse(raw ?? {});
  return r.success ? r.data : {};
}

export async function loadSettings(): Promise<EffectiveSettings> {
  const [local, managed] = await Promise.all([readLocal(), readManaged()]);
  return mergeSettings(local, managed);
}

/**
 * Save what the user typed. `undefined` clears a value. A key set by the organisation is
 * refused: the options page shows it read-only, and this keeps it so.
 */
export async function saveLocalSettings(patch: Partial<Record<SettingKey, unknown>>): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const current = await readLocal();
  const effective = mergeSettings(current, await readManaged());
  const errors: FieldError[] = [];
  for (const key of Object.keys(patch) as SettingKey[]) {
    if (effective.source[key] === "managed") errors.push({ path: key, message: "is set by your organisation and cannot be changed here" });
  }
  if (errors.length) return { ok: false, errors };
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === "") delete next[k];
    else next[k] = v;
  }
  const r = settingsSchemas().localSettings.safeParse(next);
  if (!r.success) return { ok: false, errors: issuesOf(r.error, next) };
  await chrome.storage.local.set({ [LOCAL_SETTINGS_KEY]: r.data });
  return { ok: true };
}

/** Calls back when either storage area changes settings. Returns an unsubscribe function. */
export function onSettingsChanged(callback: () => void): () => void {
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === "managed" || (area === "local" && LOCAL_SETTINGS_KEY in changes)) callback();
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
