import { Hono } from "hono";
import * as z from "zod";
import { OutcomeBatchSchema, OutcomeSubmissionSchema, VacancyKeySchema, type OutcomeHeld } from "@fair-shortlist/shared/schemas/api";
import { financialYearOf } from "@fair-shortlist/shared/periods";
import type { AppEnv } from "../app";
import { deleteOutcome, findOutcomeMeta, upsertOutcome, upsertOutcomes } from "../db/outcomes";
import { ApiError } from "../http/errors";
import { noQuery, validate } from "../http/validate";
import { requireScope } from "../middleware/auth";
import { requireJson } from "../middleware/requestShape";

const KeyParam = z.strictObject({ vacancyKey: VacancyKeySchema });

// Another organisation's vacancy is "not found" too: keys are per organisation, and saying
// "forbidden" would confirm that someone else holds that key. The key is not echoed: path values
// stay out of error bodies (and so out of any log that records them).
const notFound = () => new ApiError(404, "not_found", "No outcome with this vacancyKey for this organisation");

/** /v1/outcomes: anonymised counts in (submit token); one vacancy's record read back (submit or read). */
export const outcomes = new Hono<AppEnv>()
  .post("/", requireScope("submit"), noQuery, requireJson, validate("json", OutcomeSubmissionSchema), async (c) => {
    const o = c.req.valid("json");
    const status = await upsertOutcome(c.env.DB, c.var.auth.org.seq, o);
    return c.json(
      { vacancyKey: o.vacancyKey, status, financialYear: financialYearOf(o.closingDate) },
      status === "created" ? 201 : 200,
    );
  })
  .post("/batch", requireScope("submit"), noQuery, requireJson, validate("json", OutcomeBatchSchema), async (c) => {
    const { outcomes: list } = c.req.valid("json");
    const statuses = await upsertOutcomes(c.env.DB, c.var.auth.org.seq, list);
    const results = list.map((o, i) => ({
      vacancyKey: o.vacancyKey,
      status: statuses[i]!,
      financialYear: financialYearOf(o.closingDate),
    }));
    const created = statuses.filter((s) => s === "created").length;
    return c.json({ created, replaced: statuses.length - created, results }, 200);
  })
  // The owner's analysts (read token) see exactly what it stored, counts included: they hold them in their own system already.
  .get("/:vacancyKey", requireScope("submit", "read"), noQuery, validate("param", KeyParam), async (c) => {
    const { vacancyKey } = c.req.valid("param");
    const meta = await findOutcomeMeta(c.env.DB, c.var.auth.org.seq, vacancyKey);
    if (!meta) throw notFound();
    if (c.var.auth.scope === "read") return c.json(meta);
    // The submit token is in every browser of the organisation: it learns that the vacancy is held, never its counts.
    const held: OutcomeHeld = {
      vacancyKey: meta.vacancyKey,
      closingDate: meta.closingDate,
      financialYear: meta.financialYear,
      band: meta.band,
      staffGroup: meta.staffGroup,
      hasPanel: meta.hasPanel,
      updatedAt: meta.updatedAt,
    };
    return c.json(held);
  })
  .delete("/:vacancyKey", requireScope("submit"), noQuery, validate("param", KeyParam), async (c) => {
    const { vacancyKey } = c.req.valid("param");
    if (!(await deleteOutcome(c.env.DB, c.var.auth.org.seq, vacancyKey))) throw notFound();
    return c.json({ vacancyKey, deleted: true as const });
  });
