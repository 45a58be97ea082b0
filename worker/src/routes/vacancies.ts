import { Hono } from "hono";
import * as z from "zod";
import { GuaranteedInterviewFactSchema, PanelFactSchema, ScoringFactSchema, VacancyKeySchema } from "@fair-shortlist/shared/schemas/api";
import type { AppEnv } from "../app";
import { findVacancy, MoreInvitedThanShortlisted, recordGuaranteedInterviewFact, recordPanelFact, recordScoringFact } from "../db/facts";
import { ApiError } from "../http/errors";
import { noQuery, validate } from "../http/validate";
import { authenticate, deferScope, requireScope } from "../middleware/auth";
import { requireJson } from "../middleware/requestShape";

const KeyParam = z.strictObject({ vacancyKey: VacancyKeySchema });

/**
 * /v1/vacancies: facts about one vacancy sent from wherever they happen (submit token), and the
 * vacancy joined back together for the organisation's own analysts (read token).
 */
export const vacancies = new Hono<AppEnv>()
  .post("/panel", requireScope("submit"), noQuery, requireJson, validate("json", PanelFactSchema), async (c) => {
    const f = c.req.valid("json");
    const status = await recordPanelFact(c.env.DB, c.var.auth.org.seq, f);
    return c.json({ vacancyKey: f.vacancyKey, fact: "panel" as const, status }, status === "created" ? 201 : 200);
  })
  .post("/scoring", requireScope("submit"), noQuery, requireJson, validate("json", ScoringFactSchema), async (c) => {
    const f = c.req.valid("json");
    const status = await recordScoringFact(c.env.DB, c.var.auth.org.seq, f);
    return c.json({ vacancyKey: f.vacancyKey, fact: "scoring" as const, status }, status === "created" ? 201 : 200);
  })
  .post("/guaranteed-interview", requireScope("submit"), noQuery, requireJson, validate("json", GuaranteedInterviewFactSchema), async (c) => {
    const f = c.req.valid("json");
    const status = await recordGuaranteedInterviewFact(c.env.DB, c.var.auth.org.seq, f).catch((e) => {
      if (!(e instanceof MoreInvitedThanShortlisted)) throw e;
      throw new ApiError(400, "invalid_request", `The request body is invalid: counts.interviewed: cannot exceed the ${e.shortlisted} applicants this vacancy's outcome records as shortlisted`, [
        { path: "counts.interviewed", message: `cannot exceed the ${e.shortlisted} applicants this vacancy's outcome records as shortlisted` },
      ]);
    });
    return c.json({ vacancyKey: f.vacancyKey, fact: "guaranteedInterview" as const, status }, status === "created" ? 201 : 200);
  })
  .get("/:vacancyKey", deferScope("read"), noQuery, validate("param", KeyParam), async (c) => {
    const { org } = await authenticate(c);
    const { vacancyKey } = c.req.valid("param");
    const view = await findVacancy(c.env.DB, org.seq, vacancyKey);
    // Another organisation's key is "not found" too (keys are per organisation).
    if (!view) throw new ApiError(404, "not_found", `Nothing is held for vacancyKey ${vacancyKey} in this organisation`);
    return c.json(view);
  });
