/**
 * Panel and shortlister sync: ciphertext per (organisation, vacancy, item, assessor, revision).
 * The Worker cannot read an entry (the key is derived in the browser from the organisation secret,
 * which it never holds); what it enforces is the order: an assessor sees colleagues' entries for
 * an item only after committing their own, and can never replace a commitment, only add a
 * visible revision.
 */
import type { SyncEntry, SyncEntryWrite, SyncGuide, SyncGuideWrite } from "@fair-shortlist/shared/schemas/api";
import { digestsEqual } from "../auth/tokens";

/** Entries are kept this long after the vacancy's closing date (or after the submission, when that is later). */
export const SYNC_RETENTION_DAYS = 90;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function expiryFor(closingDate: string | undefined, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  const from = closingDate && closingDate > today ? closingDate : today;
  return new Date(Date.parse(`${from}T00:00:00Z`) + SYNC_RETENTION_DAYS * 86_400_000).toISOString();
}

interface Slot {
  orgSeq: number;
  vacancyKey: string;
  itemKey: string;
  assessorId: string;
}

export type AssessorCheck = "unknown" | "wrongProof" | "ok";

const assessorStatement = (db: D1Database, orgSeq: number, vacancyKey: string, assessorId: string) =>
  db.prepare("SELECT proof_hash FROM sync_assessors WHERE org_seq = ? AND vacancy_key = ? AND assessor_id = ?").bind(orgSeq, vacancyKey, assessorId);

function checkOf(row: { proof_hash: string } | undefined, proofHash: string): AssessorCheck {
  if (!row) return "unknown";
  // Constant time, as for tokens: where two digests first differ never shows in the answer's timing.
  return digestsEqual(row.proof_hash, proofHash) ? "ok" : "wrongProof";
}

/** Expired entries go on every write (indexed by organisation and expiry), and reads never return them. */
function purgeStatements(db: D1Database, orgSeq: number, nowIso: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM sync_entries WHERE org_seq = ? AND expires_at <= ?").bind(orgSeq, nowIso),
    db.prepare("DELETE FROM sync_guides WHERE org_seq = ? AND expires_at <= ?").bind(orgSeq, nowIso),
    // An assessor is kept while they have an entry or are the author of the vacancy's guide.
    db
      .prepare(
        `DELETE FROM sync_assessors WHERE org_seq = ?1 AND NOT EXISTS (SELECT 1 FROM sync_entries e
           WHERE e.org_seq = ?1 AND e.vacancy_key = sync_assessors.vacancy_key AND e.assessor_id = sync_assessors.assessor_id)
         AND NOT EXISTS (SELECT 1 FROM sync_guides g
           WHERE g.org_seq = ?1 AND g.vacancy_key = sync_assessors.vacancy_key AND g.author_id = sync_assessors.assessor_id)`,
      )
      .bind(orgSeq),
  ];
}

/**
 * Every organisation's expired entries and review guides, and the assessor ids left with neither: run daily by the
 * Worker's cron trigger (worker/src/index.ts, wrangler.toml), so an organisation that stops writing
 * does not keep ciphertext past its expiry. Reads already skip expired entries.
 */
export async function purgeExpiredEntries(db: D1Database, now = new Date()): Promise<{ entries: number; guides: number; assessors: number }> {
  const [entries, guides, assessors] = await db.batch([
    db.prepare("DELETE FROM sync_entries WHERE expires_at <= ?").bind(now.toISOString()),
    db.prepare("DELETE FROM sync_guides WHERE expires_at <= ?").bind(now.toISOString()),
    db.prepare(
      `DELETE FROM sync_assessors WHERE NOT EXISTS (SELECT 1 FROM sync_entries e
         WHERE e.org_seq = sync_assessors.org_seq AND e.vacancy_key = sync_assessors.vacancy_key AND e.assessor_id = sync_assessors.assessor_id)
       AND NOT EXISTS (SELECT 1 FROM sync_guides g
         WHERE g.org_seq = sync_assessors.org_seq AND g.vacancy_key = sync_assessors.vacancy_key AND g.author_id = sync_assessors.assessor_id)`,
    ),
  ]);
  return { entries: entries!.meta.changes ?? 0, guides: guides!.meta.changes ?? 0, assessors: assessors!.meta.changes ?? 0 };
}

export type WriteOutcome =
  | { kind: "written"; status: "created" | "unchanged"; revision: number; expiresAt: string }
  | { kind: "wrongProof" }
  | { kind: "conflict"; latest: number; message: string };

export async function writeEntry(db: D1Database, slot: Slot, w: SyncEntryWrite, now = new Date()): Promise<WriteOutcome> {
  const nowIso = now.toISOString();
  const proofHash = await sha256Hex(w.proof);
  const [, , , assessorResult, latestResult] = await db.batch([
    ...purgeStatements(db, slot.orgSeq, nowIso),
    assessorStatement(db, slot.orgSeq, slot.vacancyKey, slot.assessorId),
    db
      .prepare(
        `SELECT revision, iv, ciphertext, expires_at FROM sync_entries
         WHERE org_seq = ? AND vacancy_key = ? AND item_key = ? AND assessor_id = ? ORDER BY revision DESC LIMIT 1`,
      )
      .bind(slot.orgSeq, slot.vacancyKey, slot.itemKey, slot.assessorId),
  ]);
  const check = checkOf(assessorResult!.results[0] as { proof_hash: string } | undefined, proofHash);
  if (check === "wrongProof") return { kind: "wrongProof" };
  const latest = latestResult!.results[0] as { revision: number; iv: string; ciphertext: string; expires_at: string } | undefined;
  const held = latest?.revision ?? 0;
  if (latest && w.revision === held && w.iv === latest.iv && w.ciphertext === latest.ciphertext) {
    // The same submission again (a retry after a lost answer): nothing changes.
    return { kind: "written", status: "unchanged", revision: held, expiresAt: latest.expires_at };
  }
  if (w.revision <= held) {
    return {
      kind: "conflict",
      latest: held,
      message: `Revision ${held} is already submitted for this assessor and cannot be replaced. A change is a new revision (${held + 1}), which colleagues see as a revision.`,
    };
  }
  if (w.revision !== held + 1) {
    return { kind: "conflict", latest: held, message: `The next revision for this assessor is ${held + 1}, not ${w.revision}.` };
  }
  const expiresAt = expiryFor(w.closingDate, now);
  try {
    const [, inserted] = await db.batch([
      db
        .prepare("INSERT INTO sync_assessors (org_seq, vacancy_key, assessor_id, proof_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(slot.orgSeq, slot.vacancyKey, slot.assessorId, proofHash),
      // Only under the proof that owns the id: two browsers racing for a new id cannot both write.
      db
        .prepare(
          `INSERT INTO sync_entries (org_seq, vacancy_key, item_key, assessor_id, revision, iv, ciphertext, submitted_at, expires_at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE EXISTS (SELECT 1 FROM sync_assessors
             WHERE org_seq = ?1 AND vacancy_key = ?2 AND assessor_id = ?4 AND proof_hash = ?10)`,
        )
        .bind(slot.orgSeq, slot.vacancyKey, slot.itemKey, slot.assessorId, w.revision, w.iv, w.ciphertext, nowIso, expiresAt, proofHash),
    ]);
    if ((inserted!.meta.changes ?? 0) === 0) return { kind: "wrongProof" };
  } catch (e) {
    // The primary key: a concurrent write of the same revision got there first.
    if (String((e as Error).message).includes("UNIQUE")) return { kind: "conflict", latest: w.revision, message: `Revision ${w.revision} was just submitted by another request; it cannot be replaced.` };
    throw e;
  }
  return { kind: "written", status: "created", revision: w.revision, expiresAt };
}

export type ReadOutcome = { kind: "entries"; entries: SyncEntry[] } | { kind: "wrongProof" } | { kind: "submitFirst"; othersSubmitted: number };

interface EntryRow {
  assessor_id: string;
  revision: number;
  iv: string;
  ciphertext: string;
  submitted_at: string;
  expires_at: string;
}

export async function readEntries(db: D1Database, slot: Slot, proof: string, now = new Date()): Promise<ReadOutcome> {
  const nowIso = now.toISOString();
  const [assessorResult, entriesResult] = await db.batch([
    assessorStatement(db, slot.orgSeq, slot.vacancyKey, slot.assessorId),
    db
      .prepare(
        `SELECT assessor_id, revision, iv, ciphertext, submitted_at, expires_at FROM sync_entries
         WHERE org_seq = ? AND vacancy_key = ? AND item_key = ? AND expires_at > ? ORDER BY submitted_at, assessor_id, revision`,
      )
      .bind(slot.orgSeq, slot.vacancyKey, slot.itemKey, nowIso),
  ]);
  const rows = entriesResult!.results as unknown as EntryRow[];
  const check = checkOf(assessorResult!.results[0] as { proof_hash: string } | undefined, await sha256Hex(proof));
  if (check === "wrongProof") return { kind: "wrongProof" };
  const others = new Set(rows.filter((r) => r.assessor_id !== slot.assessorId).map((r) => r.assessor_id)).size;
  // Released only to an assessor who has committed their own entry for this item.
  if (check === "unknown" || !rows.some((r) => r.assessor_id === slot.assessorId)) return { kind: "submitFirst", othersSubmitted: others };
  return {
    kind: "entries",
    entries: rows.map((r) => ({ assessorId: r.assessor_id, revision: r.revision, iv: r.iv, ciphertext: r.ciphertext, submittedAt: r.submitted_at, expiresAt: r.expires_at })),
  };
}

/** The panel deletes a vacancy's entries (every item, every assessor): any assessor of the vacancy may. */
export async function deleteVacancyEntries(db: D1Database, orgSeq: number, vacancyKey: string, assessorId: string, proof: string): Promise<number | "wrongProof" | "unknown"> {
  const row = await assessorStatement(db, orgSeq, vacancyKey, assessorId).first<{ proof_hash: string }>();
  const check = checkOf(row ?? undefined, await sha256Hex(proof));
  if (check !== "ok") return check;
  const [entries, guides] = await db.batch([
    db.prepare("DELETE FROM sync_entries WHERE org_seq = ? AND vacancy_key = ?").bind(orgSeq, vacancyKey),
    db.prepare("DELETE FROM sync_guides WHERE org_seq = ? AND vacancy_key = ?").bind(orgSeq, vacancyKey),
    db.prepare("DELETE FROM sync_assessors WHERE org_seq = ? AND vacancy_key = ?").bind(orgSeq, vacancyKey),
  ]);
  return (entries!.meta.changes ?? 0) + (guides!.meta.changes ?? 0);
}

// ---------------------------------------------------------------- the vacancy's review guide

export type GuideWriteOutcome =
  | { kind: "written"; status: "created" | "replaced" | "unchanged"; revision: number; expiresAt: string }
  | { kind: "wrongProof" }
  | { kind: "otherAuthor" }
  | { kind: "conflict"; latest: number; message: string };

interface GuideRow {
  author_id: string;
  revision: number;
  iv: string;
  ciphertext: string;
  submitted_at: string;
  expires_at: string;
}

const guideStatement = (db: D1Database, orgSeq: number, vacancyKey: string, nowIso: string) =>
  db
    .prepare("SELECT author_id, revision, iv, ciphertext, submitted_at, expires_at FROM sync_guides WHERE org_seq = ? AND vacancy_key = ? AND expires_at > ?")
    .bind(orgSeq, vacancyKey, nowIso);

/**
 * The guide is published by one browser (the first to publish it for the vacancy, bound by its
 * proof as an assessor id is); each later revision from that browser replaces it, with the next
 * revision number. Nothing here touches sync_entries: publishing a guide submits no entry, so it
 * releases nobody's scores.
 */
export async function writeGuide(db: D1Database, orgSeq: number, vacancyKey: string, w: SyncGuideWrite, now = new Date()): Promise<GuideWriteOutcome> {
  const nowIso = now.toISOString();
  const proofHash = await sha256Hex(w.proof);
  const [, , , assessorResult, guideResult] = await db.batch([
    ...purgeStatements(db, orgSeq, nowIso),
    assessorStatement(db, orgSeq, vacancyKey, w.assessorId),
    guideStatement(db, orgSeq, vacancyKey, nowIso),
  ]);
  if (checkOf(assessorResult!.results[0] as { proof_hash: string } | undefined, proofHash) === "wrongProof") return { kind: "wrongProof" };
  const held = guideResult!.results[0] as GuideRow | undefined;
  if (held && held.author_id !== w.assessorId) return { kind: "otherAuthor" };
  const heldRevision = held?.revision ?? 0;
  if (held && w.revision === heldRevision && w.iv === held.iv && w.ciphertext === held.ciphertext) {
    return { kind: "written", status: "unchanged", revision: heldRevision, expiresAt: held.expires_at };
  }
  if (w.revision !== heldRevision + 1) {
    return { kind: "conflict", latest: heldRevision, message: `The next revision of this vacancy's review guide is ${heldRevision + 1}, not ${w.revision}.` };
  }
  const expiresAt = expiryFor(w.closingDate, now);
  const owns = `EXISTS (SELECT 1 FROM sync_assessors WHERE org_seq = ?1 AND vacancy_key = ?2 AND assessor_id = ?3 AND proof_hash = ?9)`;
  try {
    const [, written] = await db.batch([
      db
        .prepare("INSERT INTO sync_assessors (org_seq, vacancy_key, assessor_id, proof_hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(orgSeq, vacancyKey, w.assessorId, proofHash),
      held
        ? db
            .prepare(
              `UPDATE sync_guides SET revision = ?4, iv = ?5, ciphertext = ?6, submitted_at = ?7, expires_at = ?8
               WHERE org_seq = ?1 AND vacancy_key = ?2 AND author_id = ?3 AND revision = ?10 AND ${owns}`,
            )
            .bind(orgSeq, vacancyKey, w.assessorId, w.revision, w.iv, w.ciphertext, nowIso, expiresAt, proofHash, heldRevision)
        : db
            .prepare(
              `INSERT INTO sync_guides (org_seq, vacancy_key, author_id, revision, iv, ciphertext, submitted_at, expires_at)
               SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE ${owns}`,
            )
            .bind(orgSeq, vacancyKey, w.assessorId, w.revision, w.iv, w.ciphertext, nowIso, expiresAt, proofHash),
    ]);
    if ((written!.meta.changes ?? 0) === 0) {
      // Either the proof does not own the id, or another request moved the revision on first.
      return held ? { kind: "conflict", latest: heldRevision, message: "The review guide was just changed by another request; fetch it and try again." } : { kind: "wrongProof" };
    }
  } catch (e) {
    if (String((e as Error).message).includes("UNIQUE")) return { kind: "otherAuthor" };
    throw e;
  }
  return { kind: "written", status: held ? "replaced" : "created", revision: w.revision, expiresAt };
}

export async function readGuide(db: D1Database, orgSeq: number, vacancyKey: string, now = new Date()): Promise<SyncGuide | null> {
  const row = await guideStatement(db, orgSeq, vacancyKey, now.toISOString()).first<GuideRow>();
  return row ? { authorId: row.author_id, revision: row.revision, iv: row.iv, ciphertext: row.ciphertext, submittedAt: row.submitted_at, expiresAt: row.expires_at } : null;
}
