import { Hono } from "hono";
import * as z from "zod";
import { SyncAssessorSchema, SyncEntryWriteSchema, SyncItemKeySchema, VacancyKeySchema } from "@fair-shortlist/shared/schemas/api";
import type { AppEnv } from "../app";
import { deleteVacancyEntries, readEntries, writeEntry } from "../db/sync";
import { ApiError } from "../http/errors";
import { validate } from "../http/validate";
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
  .delete("/:vacancyKey", requireJson, validate("param", VacancyParam), validate("json", SyncAssessorSchema), async (c) => {
    const { vacancyKey } = c.req.valid("param");
    const { assessorId, proof } = c.req.valid("json");
    const r = await deleteVacancyEntries(c.env.DB, c.var.auth.org.seq, vacancyKey, assessorId, proof);
    if (r === "wrongProof") throw wrongProof();
    if (r === "unknown") throw new ApiError(403, "forbidden", "Only an assessor who has submitted for this vacancy can delete its entries.");
    return c.json({ vacancyKey, deleted: r });
  });
