import { Hono } from "hono";
import * as z from "zod";
import { SyncAssessorSchema, SyncEntryWriteSchema, SyncGuideWriteSchema, SyncItemKeySchema, VacancyKeySchema } from "@fair-shortlist/shared/schemas/api";
import type { AppEnv } from "../app";
import { deleteVacancyEntries, readEntries, readGuide, writeEntry, writeGuide } from "../db/sync";
import { ApiError } from "../http/errors";
import { noQuery, validate } from "../http/validate";
import { requireScope } from "../middleware/auth";
import { requireJson } from "../middleware/requestShape";

const ItemParams = z.strictObject({ vacancyKey: VacancyKeySchema, itemKey: SyncItemKeySchema });
const VacancyParam = z.strictObject({ vacancyKey: VacancyKeySchema });

const wrongProof = () =>
  new ApiError(403, "forbidden", "This assessor id belongs to another browser: the proof does not match the one it first submitted with.");

/**
 * /v1/sync: encrypted panel and shortlister entries (submit token, which every browser of the
 * organisation holds). The assessor is proven by a per-browser secret, not by the token.
 */
export const sync = new Hono<AppEnv>()
  .use("*", requireScope("submit"))
  .use("*", noQuery)
  .post("/:vacancyKey/:itemKey/entries", requireJson, validate("param", ItemParams), validate("json", SyncEntryWriteSchema), async (c) => {
    const { vacancyKey, itemKey } = c.req.valid("param");
    const w = c.req.valid("json");
    const r = await writeEntry(c.env.DB, { orgSeq: c.var.auth.org.seq, vacancyKey, itemKey, assessorId: w.assessorId }, w);
    if (r.kind === "wrongProof") throw wrongProof();
    if (r.kind === "conflict") throw new ApiError(409, "conflict", r.message);
    return c.json({ vacancyKey, itemKey, assessorId: w.assessorId, revision: r.revision, status: r.status, expiresAt: r.expiresAt }, r.status === "created" ? 201 : 200);
  })
  .post("/:vacancyKey/:itemKey/read", requireJson, validate("param", ItemParams), validate("json", SyncAssessorSchema), async (c) => {
    const { vacancyKey, itemKey } = c.req.valid("param");
    const { assessorId, proof } = c.req.valid("json");
    const r = await readEntries(c.env.DB, { orgSeq: c.var.auth.org.seq, vacancyKey, itemKey, assessorId }, proof);
    if (r.kind === "wrongProof") throw wrongProof();
    if (r.kind === "submitFirst") {
      throw new ApiError(
        403,
        "forbidden",
        `Submit your own entry first: colleagues' entries are released only to an assessor who has submitted (${r.othersSubmitted} colleague${r.othersSubmitted === 1 ? " has" : "s have"} submitted).`,
      );
    }
    return c.json({ vacancyKey, itemKey, entries: r.entries });
  })
  // The vacancy's review guide: its own kind (own table, route and size limit). Any assessor reads
  // it before scoring; it never holds or releases a score entry.
  .post("/:vacancyKey/guide", requireJson, validate("param", VacancyParam), validate("json", SyncGuideWriteSchema), async (c) => {
    const { vacancyKey } = c.req.valid("param");
    const w = c.req.valid("json");
    const r = await writeGuide(c.env.DB, c.var.auth.org.seq, vacancyKey, w);
    if (r.kind === "wrongProof") throw wrongProof();
    if (r.kind === "otherAuthor") {
      throw new ApiError(409, "conflict", "This vacancy's review guide was published from another browser: only that browser can publish a new revision of it.");
    }
    if (r.kind === "conflict") throw new ApiError(409, "conflict", r.message);
    return c.json({ vacancyKey, authorId: w.assessorId, revision: r.revision, status: r.status, expiresAt: r.expiresAt }, r.status === "created" ? 201 : 200);
  })
  .get("/:vacancyKey/guide", validate("param", VacancyParam), async (c) => {
    const { vacancyKey } = c.req.valid("param");
    return c.json({ vacancyKey, guide: await readGuide(c.env.DB, c.var.auth.org.seq, vacancyKey) });
  })
  .delete("/:vacancyKey", requireJson, validate("param", VacancyParam), validate("json", SyncAssessorSchema), async (c) => {
    const { vacancyKey } = c.req.valid("param");
    const { assessorId, proof } = c.req.valid("json");
    const r = await deleteVacancyEntries(c.env.DB, c.var.auth.org.seq, vacancyKey, assessorId, proof);
    if (r === "wrongProof") throw wrongProof();
    if (r === "unknown") throw new ApiError(403, "forbidden", "Only an assessor who has submitted for this vacancy can delete its entries.");
    return c.json({ vacancyKey, deleted: r });
  });
