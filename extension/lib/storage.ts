/**
 * chrome.storage.local, typed, with every key the overlay uses named in one place. Scores,
 * notes and reasons live only here (in the browser), keyed by profile + vacancy + applicant so
 * vacancies never mix.
 */
import { vacancyStorageRef } from "@fair-shortlist/shared/vacancyKey";
import { OUTBOX_STORAGE_KEY_NAME } from "../settings/storageKeys";
// Every key that holds a vacancy reference uses its normalised form (vacancyStorageRef).
const ref = vacancyStorageRef;

export const KEYS = {
  importedProfiles: "profiles.imported",
  /** Profiles pushed by trust IT (managed storage), validated and mirrored here. */
  managedProfiles: "profiles.managed",
  nameBlindRevealed: "nameBlind.revealed",
  /** The name-blind control folded down to one small button (the user's choice, every system). */
  nameBlindCollapsed: "nameBlind.collapsed",
  scalePreset: "scoring.scalePreset",
  /** The shortlister's initials as typed in the options page (a display name). */
  assessorId: "scoring.assessorId",
  /** "applicant" (applicant by applicant) or "criterion" (criterion by criterion), the user's choice. */
  scoringMode: "scoring.mode",
  /** This browser's shortlister id, random ("sh-" + 12 hex): unique by default, so two "AB"s or two unset names never collide. */
  assessorUid: "scoring.assessorUid",
  scores: (profileId: string, vacancyRef: string, applicantId: string) => `scores/${profileId}/${ref(vacancyRef)}/${applicantId}`,
  scoresPrefix: (profileId: string, vacancyRef: string) => `scores/${profileId}/${ref(vacancyRef)}/`,
  criteria: (profileId: string, vacancyRef: string) => `criteria/${profileId}/${ref(vacancyRef)}`,
  /** The vacancy's job title, band, staff group and closing date as its pages print them (lib/vacancyFacts.ts). */
  vacancyFacts: (profileId: string, vacancyRef: string) => `vacancyFacts/${profileId}/${ref(vacancyRef)}`,
  applicants: (profileId: string, vacancyRef: string) => `applicants/${profileId}/${ref(vacancyRef)}`,
  reasons: (profileId: string, vacancyRef: string, applicantId: string) => `reasons/${profileId}/${ref(vacancyRef)}/${applicantId}`,
  reasonsPrefix: (profileId: string, vacancyRef: string) => `reasons/${profileId}/${ref(vacancyRef)}/`,
  colleagueScores: (profileId: string, vacancyRef: string) => `colleagueScores/${profileId}/${ref(vacancyRef)}`,
  /** Shortlister sync: what this browser last shared per applicant (revision and digest). */
  shortlistShared: (profileId: string, vacancyRef: string) => `shortlistShared/${profileId}/${ref(vacancyRef)}`,
  /** The host's decisions as last seen by the overlay: applicant -> { decision, guaranteedInterview, seenAt }. */
  decisions: (profileId: string, vacancyRef: string) => `decisions/${profileId}/${ref(vacancyRef)}`,
  reviewGuide: (profileId: string, vacancyRef: string) => `reviewGuide/${profileId}/${ref(vacancyRef)}`,
  /** Panel sync: the revision of the vacancy's published review guide this browser last saw, published or took (lib/guideSync.ts). */
  reviewGuideSync: (profileId: string, vacancyRef: string) => `reviewGuideSync/${profileId}/${ref(vacancyRef)}`,
  /** The guaranteed-interview counts last handed to the outbox for the vacancy: sent again only when they change. */
  guaranteedInterviewSent: (profileId: string, vacancyRef: string) => `guaranteedInterviewSent/${profileId}/${ref(vacancyRef)}`,
} as const;

export interface Storage {
  get<T>(key: string, fallback: T): Promise<T>;
  getMany(keys: string[]): Promise<Record<string, unknown>>;
  /** Every stored value whose key starts with `prefix`. */
  getByPrefix<T>(prefix: string): Promise<Record<string, T>>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Calls back with the new value whenever `key` (or a key starting with `prefix*`) changes; stops on abort. */
  onChanged(keyOrPrefix: string, callback: (key: string, value: unknown) => void, signal: AbortSignal): void;
}

function area(): chrome.storage.StorageArea {
  return chrome.storage.local;
}

/**
 * Keys of chrome.storage.local that belong to the background worker and the extension's pages:
 * the organisation's settings and the outbox. This module, which the content scripts use on the
 * host's pages, never loads them (the secrets are not in chrome.storage.local at all:
 * settings/secretVault.ts).
 */
const BACKGROUND_ONLY = ["orgSettings", OUTBOX_STORAGE_KEY_NAME];
export function isOverlayKey(key: string): boolean {
  return !BACKGROUND_ONLY.some((k) => key === k || key.startsWith(`${k}.`));
}

async function loadOverlayKeys(): Promise<Record<string, unknown>> {
  const local = area() as chrome.storage.StorageArea & { getKeys?: () => Promise<string[]> };
  // Chrome 130+: list the keys, then fetch only the overlay's, so other values never reach the page's process.
  if (typeof local.getKeys === "function") {
    const keys = (await local.getKeys()).filter(isOverlayKey);
    return keys.length ? local.get(keys) : {};
  }
  const all = await local.get(null);
  for (const k of Object.keys(all)) if (!isOverlayKey(k)) delete all[k];
  return all;
}

/**
 * One read of local storage per page, kept current from storage.onChanged and our own writes:
 * features starting on a screen ask for several keys each, and every separate chrome.storage
 * call is a round trip to the browser process.
 */
let snapshot: Promise<Record<string, unknown>> | null = null;
function all(): Promise<Record<string, unknown>> {
  if (!snapshot) {
    const loaded = loadOverlayKeys();
    snapshot = loaded;
    chrome.storage.onChanged.addListener((changes, areaName) => {
      if (areaName !== "local") return;
      void loaded.then((data) => {
        for (const [k, c] of Object.entries(changes)) {
          if (!isOverlayKey(k)) continue;
          if (c.newValue === undefined) delete data[k];
          else data[k] = c.newValue;
        }
      });
    });
  }
  return snapshot;
}

/** Callers get copies and the cache keeps copies: editing an object never changes the cache unsaved. */
function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

export const storage: Storage = {
  async get<T>(key: string, fallback: T): Promise<T> {
    const v = (await all())[key] as T | undefined;
    return v === undefined ? fallback : copy(v);
  },
  async getMany(keys) {
    const data = await all();
    return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, copy(data[k])]));
  },
  async getByPrefix<T>(prefix: string) {
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(await all())) if (k.startsWith(prefix)) out[k] = copy(v) as T;
    return out;
  },
  async set(key, value) {
    (await all())[key] = copy(value);
    await area().set({ [key]: value });
  },
  async remove(key) {
    delete (await all())[key];
    await area().remove(key);
  },
  onChanged(keyOrPrefix, callback, signal) {
    const prefix = keyOrPrefix.endsWith("*") ? keyOrPrefix.slice(0, -1) : null;
    const listener = (changes: Record<string, chrome.storage.StorageChange>, areaName: string) => {
      if (areaName !== "local") return;
      for (const [k, c] of Object.entries(changes)) {
        // A background key (the outbox) is a cue only: its value is not handed on.
        if (prefix !== null ? k.startsWith(prefix) : k === keyOrPrefix) callback(k, isOverlayKey(k) ? c.newValue : undefined);
      }
    };
    chrome.storage.onChanged.addListener(listener);
    signal.addEventListener("abort", () => chrome.storage.onChanged.removeListener(listener), { once: true });
  },
};
