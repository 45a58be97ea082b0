/** Panel sync wired to the settings, this browser's secret and fetch (pure parts: panelSync.ts). */
import { orgSecretProblem, vacancyKey } from "@fair-shortlist/shared/vacancyKey";
import { submissionProblem } from "../settings/orgSettings";
import { loadSettings } from "../settings/store";
import { backgroundSecret } from "./backgroundSecrets";
import { assessorFor, callSync, decryptEntry, deriveVacancyKeys, encryptEntry, itemKeyFor, newBrowserSecret, type SyncChannel } from "./panelSync";
import type { Failure } from "./protocol";
import { SyncedEntrySchema, type SyncedEntry } from "./syncDrafts";

export const SYNC_OFF =
  "Panel sync is not switched on for your organisation (trust IT switches it on by policy). Exchange score files instead.";

async function contextFor(reference: string) {
  const settings = await loadSettings();
  if (!settings.panelSync) return { ok: false as const, error: SYNC_OFF };
  const problem = submissionProblem(settings) ?? orgSecretProblem(settings.orgSecret);
  if (problem) return { ok: false as const, error: problem.replace("Outcomes cannot be sent yet", "Panel sync cannot work yet") };
  const orgSecret = settings.orgSecret!;
  const vk = await vacancyKey(reference, orgSecret);
  const keys = await deriveVacancyKeys(orgSecret, reference);
  const assessor = await assessorFor(await backgroundSecret("panelSyncBrowserSecret", newBrowserSecret), vk);
  return { ok: true as const, target: { apiUrl: settings.apiUrl!, submitToken: settings.submitToken! }, vacancyKey: vk, keys, assessor };
}

const unreachable = (e: unknown): Failure => ({ ok: false, error: `Could not reach your organisation's API for panel sync (${(e as Error).message}). Try again.` });
const apiSaid = (status: number, json: any): string => json?.error?.message ?? `The API answered ${status}.`;

export async function isEnabled(): Promise<boolean> {
  return (await loadSettings()).panelSync;
}

export async function submitEntry(d: { reference: string; channel: SyncChannel; subject: string; revision: number; closingDate?: string; entry: SyncedEntry }) {
  const ctx = await contextFor(d.reference);
  if (!ctx.ok) return ctx;
  const itemKey = await itemKeyFor(ctx.keys, d.channel, d.subject);
  const slot = { vacancyKey: ctx.vacancyKey, itemKey, assessorId: ctx.assessor.assessorId, revision: d.revision };
  const sealed = await encryptEntry(ctx.keys, slot, d.entry);
  try {
    const r = await callSync(fetch, ctx.target, "POST", `/v1/sync/${ctx.vacancyKey}/${itemKey}/entries`, {
      ...ctx.assessor,
      revision: d.revision,
      ...sealed,
      ...(d.closingDate ? { closingDate: d.closingDate } : {}),
    });
    if ((r.status === 201 || r.status === 200) && r.json?.itemKey === itemKey) return { ok: true as const, assessorId: ctx.assessor.assessorId, revision: d.revision };
    return { ok: false as const, error: `Your scores were not synced: ${apiSaid(r.status, r.json)}`, status: r.status };
  } catch (e) {
    return unreachable(e);
  }
}

export interface DecryptedEntry {
  assessorId: string;
  revision: number;
  /** When the Worker received it. */
  receivedAt: string;
  entry: SyncedEntry | null;
}

export async function readEntries(d: { reference: string; channel: SyncChannel; subject: string }) {
  const ctx = await contextFor(d.reference);
  if (!ctx.ok) return ctx;
  const itemKey = await itemKeyFor(ctx.keys, d.channel, d.subject);
  try {
    const r = await callSync(fetch, ctx.target, "POST", `/v1/sync/${ctx.vacancyKey}/${itemKey}/read`, ctx.assessor);
    if (r.status === 403) return { ok: false as const, error: apiSaid(r.status, r.json), notSubmitted: true };
    if (r.status !== 200 || r.json?.itemKey !== itemKey || !Array.isArray(r.json.entries)) return { ok: false as const, error: `Colleagues' scores could not be fetched: ${apiSaid(r.status, r.json)}` };
    const entries: DecryptedEntry[] = [];
    for (const e of r.json.entries as Array<{ assessorId: string; revision: number; iv: string; ciphertext: string; submittedAt: string }>) {
      const plain = await decryptEntry(ctx.keys, { vacancyKey: ctx.vacancyKey, itemKey, assessorId: e.assessorId, revision: e.revision }, e.iv, e.ciphertext);
      const parsed = SyncedEntrySchema.safeParse(plain);
      entries.push({ assessorId: e.assessorId, revision: e.revision, receivedAt: e.submittedAt, entry: parsed.success ? parsed.data : null });
    }
    return { ok: true as const, you: ctx.assessor.assessorId, entries };
  } catch (e) {
    return unreachable(e);
  }
}

export async function deleteVacancy(d: { reference: string }) {
  const ctx = await contextFor(d.reference);
  if (!ctx.ok) return ctx;
  try {
    const r = await callSync(fetch, ctx.target, "DELETE", `/v1/sync/${ctx.vacancyKey}`, ctx.assessor);
    if (r.status === 200 && typeof r.json?.deleted === "number") return { ok: true as const, deleted: r.json.deleted as number };
    return { ok: false as const, error: apiSaid(r.status, r.json) };
  } catch (e) {
    return unreachable(e);
  }
}
