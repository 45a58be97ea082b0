/** Panel sync wired to the settings, this browser's secret and fetch (pure parts: panelSync.ts). */
import { orgSecretProblem, vacancyKey } from "@fair-shortlist/shared/vacancyKey";
import { submissionProblem } from "../settings/orgSettings";
import { loadSettings } from "../settings/store";
import { backgroundSecret } from "./backgroundSecrets";
import { assessorFor, callSync, decryptEntry, decryptGuide, deriveVacancyKeys, encryptEntry, encryptGuide, itemKeyFor, newBrowserSecret, type SyncChannel } from "./panelSync";
import { guideDigest, type ReviewGuide } from "@fair-shortlist/shared/reviewGuide";
import { MAX_GUIDE_CIPHERTEXT, SyncGuideResponseSchema } from "@fair-shortlist/shared/schemas/api";
import { ReviewGuideSchema } from "@fair-shortlist/shared/schemas/reviewGuide";
import type { Failure } from "./protocol";
import { SyncedEntrySchema, type DecryptedEntry, type FetchedGuide, type GuideFetchDraft, type GuidePublishDraft, type SyncedEntry } from "./syncDrafts";

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

// ---------------------------------------------------------------- the vacancy's review guide


type Ctx = Extract<Awaited<ReturnType<typeof contextFor>>, { ok: true }>;

/** The published guide, opened only as a guide: decrypted under the guide's own additional data, then held to the guide's strict schema. */
async function currentGuide(ctx: Ctx): Promise<{ ok: true; guide: FetchedGuide | null } | { ok: false; error: string }> {
  const r = await callSync(fetch, ctx.target, "GET", `/v1/sync/${ctx.vacancyKey}/guide`);
  const parsed = SyncGuideResponseSchema.safeParse(r.json);
  if (r.status !== 200 || !parsed.success || parsed.data.vacancyKey !== ctx.vacancyKey) return { ok: false, error: `The review guide could not be fetched: ${apiSaid(r.status, r.json)}` };
  const g = parsed.data.guide;
  if (!g) return { ok: true, guide: null };
  const plain = await decryptGuide(ctx.keys, { vacancyKey: ctx.vacancyKey, authorId: g.authorId, revision: g.revision }, g.iv, g.ciphertext);
  const guide = ReviewGuideSchema.safeParse(plain);
  return { ok: true, guide: { mine: g.authorId === ctx.assessor.assessorId, revision: g.revision, publishedAt: g.submittedAt, guide: guide.success ? guide.data : null } };
}

export async function fetchGuide(d: GuideFetchDraft) {
  const ctx = await contextFor(d.reference);
  if (!ctx.ok) return ctx;
  try {
    return await currentGuide(ctx);
  } catch (e) {
    return unreachable(e);
  }
}

/**
 * Publish this browser's guide as the next revision. The first browser to publish a vacancy's
 * guide is its author; another browser's guide is never replaced (the Worker refuses, and so does
 * this, before sending). The same content again publishes nothing.
 */
export async function publishGuide(d: GuidePublishDraft) {
  const ctx = await contextFor(d.reference);
  if (!ctx.ok) return ctx;
  try {
    const held = await currentGuide(ctx);
    if (!held.ok) return held;
    if (held.guide && !held.guide.mine) return { ok: false as const, otherAuthor: true, error: "A colleague published this vacancy's review guide from another browser: only they can change it." };
    if (held.guide?.guide && guideDigest(held.guide.guide) === guideDigest(d.guide)) return { ok: true as const, revision: held.guide.revision, status: "unchanged" as const };
    const revision = (held.guide?.revision ?? 0) + 1;
    const sealed = await encryptGuide(ctx.keys, { vacancyKey: ctx.vacancyKey, authorId: ctx.assessor.assessorId, revision }, d.guide);
    if (sealed.ciphertext.length > MAX_GUIDE_CIPHERTEXT) {
      return { ok: false as const, error: `The review guide is too long to share (${Math.ceil(sealed.ciphertext.length / 1000)} thousand characters encrypted, at most ${MAX_GUIDE_CIPHERTEXT / 1000}): shorten some descriptions.` };
    }
    const r = await callSync(fetch, ctx.target, "POST", `/v1/sync/${ctx.vacancyKey}/guide`, { ...ctx.assessor, revision, ...sealed, ...(d.closingDate ? { closingDate: d.closingDate } : {}) });
    if ((r.status === 201 || r.status === 200) && r.json?.revision === revision) return { ok: true as const, revision, status: r.json.status as "created" | "replaced" | "unchanged" };
    return { ok: false as const, error: `The review guide was not shared: ${apiSaid(r.status, r.json)}`, status: r.status, ...(r.status === 409 && /another browser/.test(apiSaid(r.status, r.json)) ? { otherAuthor: true } : {}) };
  } catch (e) {
    return unreachable(e);
  }
}
