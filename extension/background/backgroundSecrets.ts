/**
 * A secret of this browser profile that content scripts must never read: kept in the extension
 * origin's IndexedDB, which only the service worker and extension pages can open (content
 * scripts run in the host page's origin; chrome.storage.local, by contrast, is readable there).
 */
const DB = "fair-shortlist-background";
const STORE = "secrets";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const t = db.transaction(STORE, mode);
        const req = fn(t.objectStore(STORE));
        t.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        t.onerror = () => reject(t.error);
      }),
  );
}

let pending: Promise<string> | undefined;

/** The stored secret named `name`, made with `create` on first use (once, even under concurrent calls). */
export function backgroundSecret(name: string, create: () => string): Promise<string> {
  pending ??= (async () => {
    const held = await tx<unknown>("readonly", (s) => s.get(name));
    if (typeof held === "string" && held) return held;
    const made = create();
    // add(), not put(): if another worker instance got there first, keep its value.
    await tx("readwrite", (s) => s.add(made, name)).catch(() => undefined);
    return (await tx<unknown>("readonly", (s) => s.get(name))) as string;
  })().finally(() => (pending = undefined));
  return pending;
}
