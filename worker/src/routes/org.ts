import { Hono, type Context } from "hono";
import * as z from "zod";
import { PublicationSettingsSchema } from "@fair-shortlist/shared/schemas/api";
import { isCompleteYear } from "@fair-shortlist/shared/publication";
import type { AppEnv } from "../app";
import { setPublicationThreshold } from "../db/orgs";
import { dataSummary } from "../db/outcomes";
import { ApiError } from "../http/errors";
import { noQuery, validate } from "../http/validate";
import { requireScope } from "../middleware/auth";
import { requireJson } from "../middleware/requestShape";
import { todayIso } from "./report";

async function orgInfo(c: Context<AppEnv>) {
  const { org, scope } = c.var.auth;
  const data = await dataSummary(c.env.DB, org.seq);
  // A report token reads published tables only: complete years, and no running vacancy count (two
  // copies of it a day apart would say a vacancy was added, and when).
  const shown =
    scope === "report"
      ? { vacancies: null, financialYears: data.financialYears.filter((y) => isCompleteYear(Number(y.slice(0, 4)), todayIso())) }
      : data;
  return c.json({
    org: { id: org.id, name: org.name, odsCode: org.odsCode },
    scope,
    data: shown,
    publication: { threshold: org.publicationThreshold },
  });
}

/**
 * /v1/org and /v1/orgs/:id: who a token belongs to, and which years hold data. PUT /v1/org/publication:
 * the threshold the organisation publishes at, chosen by its own analysts (read token).
 */
export const org = new Hono<AppEnv>()
  .get("/org", requireScope("read", "submit", "report"), noQuery, (c) => orgInfo(c))
  .put("/org/publication", requireScope("read"), noQuery, requireJson, validate("json", PublicationSettingsSchema), async (c) => {
    const { threshold } = c.req.valid("json");
    await setPublicationThreshold(c.env.DB, c.var.auth.org.seq, threshold);
    return c.json({ threshold });
  })
  .get("/orgs/:id", requireScope("read", "submit", "report"), noQuery, validate("param", z.strictObject({ id: z.string().max(64) })), (c) => {
    if (c.req.valid("param").id !== c.var.auth.org.id) {
      throw new ApiError(403, "forbidden", "This token belongs to another organisation");
    }
    return orgInfo(c);
  });
