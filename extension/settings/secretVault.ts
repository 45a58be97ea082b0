/**
 * Where this browser keeps the organisation's secrets (the submit token and the organisation
 * secret for vacancy keys) when they are typed on the options page: IndexedDB of the
 * extension's own origin (chrome-extension://<id>), which only the background worker and the
 * extension's pages can open.
 *
 * Why not chrome.storage.local: the content scripts, which run inside the host recruitment
 * system's pages, can read all of chrome.storage.local, and Chrome sends every change to it to
 * them as a storage.onChanged event, values included. IndexedDB is per origin: a content
 * script's IndexedDB is the host page's, so it cannot reach this one, and nothing is broadcast.
 * (Values pushed by trust IT's policy live in chrome.storage.managed, which Chrome lets content
 * scripts read; ours never do: docs/privacy.md, "What a host page could still see".)
 */
export interface Secrets {
  submitToken?: string;
  orgSecret?: string;
}
export const SECRET_KEYS = ["submitToken", "orgSecret"] as const satisfies ReadonlyArray<keyof Secrets>;

export interface SecretVault {
  read(): Promise<Secrets>;
  write(secrets: Secrets): Promise<void>;
}

const DB_NAME = "fair-shortlist-secrets";
const STORE = "secrets";
const RECORD = "organisation";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The vault of the extension's own origin (background worker, options page, popup). */
export const indexedDbVault: SecretVault = {
  async read() {
    const value = (await run("readonly", (s) => s.get(RECORD))) as Secrets | undefined;
    return value ?? {};
  },
  async write(secrets) {
    const clean: Secrets = {};
    for (const k of SECRET_KEYS) if (typeof secrets[k] === "string" && secrets[k]) clean[k] = secrets[k];
    await run("readwrite", (s) => s.put(clean, RECORD));
  },
};
