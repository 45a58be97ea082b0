/**
 * Reads and writes the organisation's settings. What the user typed lives in two places: the
 * secrets (submit token, organisation secret) in the extension-origin vault (secretVault.ts),
 * which content scripts cannot reach, and everything else under one key in
 * chrome.storage.local. Managed values come from chrome.storage.managed (Chrome/Edge policy,
 * extension/managed-schema.json) and cannot be changed here. Used by the background worker and
 * the extension's pages only, never by a content script.
 */
import { issuesOf, mergeSettings, settingsSchemas, type EffectiveSettings, type FieldError, type LocalSettings, type ManagedValues, type SettingKey } from "./orgSettings";
import { SECRET_KEYS, indexedDbVault, type SecretVault, type Secrets } from "./secretVault";

export const LOCAL_SETTINGS_KEY = "orgSettings";
/** Bumped (a time, nothing secret) when the vault changes, so every context hears of it. */
export const SECRETS_CHANGED_KEY = "orgSettings.secretsChangedAt";

let vault: SecretVault = indexedDbVault;
/** Unit tests run in Node, without IndexedDB: they hand in a vault of their own. */
export function useSecretVault(v: SecretVault): void {
  vault = v;
}

const isSecretKey = (k: string): k is (typeof SECRET_KEYS)[number] => (SECRET_KEYS as readonly string[]).includes(k);

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

/**
 * Local settings: the non-secret ones from chrome.storage.local, the secrets from the vault.
 * Secrets found in chrome.storage.local (written there by an earlier version) are moved into
 * the vault and removed from it.
 */
export async function readLocal(): Promise<LocalSettings> {
  const raw = ((await chrome.storage.local.get(LOCAL_SETTINGS_KEY))[LOCAL_SETTINGS_KEY] ?? {}) as Record<string, unknown>;
  let secrets = await vault.read().catch((): Secrets => ({}));
  const legacy = SECRET_KEYS.filter((k) => raw[k] !== undefined);
  if (legacy.length) {
    secrets = { ...secrets };
    for (const k of legacy) if (typeof raw[k] === "string") secrets[k] = raw[k] as string;
    await vault.write(secrets);
    const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !isSecretKey(k)));
    await chrome.storage.local.set({ [LOCAL_SETTINGS_KEY]: rest });
  }
  const r = settingsSchemas().localSettings.safeParse({ ...Object.fromEntries(Object.entries(raw).filter(([k]) => !isSecretKey(k))), ...secrets });
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
  const secrets: Secrets = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.data)) {
    if (isSecretKey(k)) secrets[k] = v as string;
    else rest[k] = v;
  }
  await vault.write(secrets);
  await chrome.storage.local.set({ [LOCAL_SETTINGS_KEY]: rest, [SECRETS_CHANGED_KEY]: Date.now() });
  return { ok: true };
}

/** Calls back when either storage area changes settings. Returns an unsubscribe function. */
export function onSettingsChanged(callback: () => void): () => void {
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === "managed" || (area === "local" && (LOCAL_SETTINGS_KEY in changes || SECRETS_CHANGED_KEY in changes))) callback();
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
