import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../app";
import { dataSummary } from "../db/outcomes";
import { ApiError } from "../http/errors";
import { validate } from "../http/validate";
import { requireScope } from "../middleware/auth";

async function orgInfo(c: Context<AppEnv>) {
  const { org, scope } = c.var.auth;
  return c.json({
    org: { id: org.id, name: org.name, odsCode: org.odsCode },
    scope,
    data: await dataSummary(c.env.DB, org.seq),
  });
}

/** /v1/org and /v1/orgs/:id: who a token belongs to, and which years hold data. */
export const org = new Hono<AppEnv>()
  .get("/org", requireScope("read", "submit"), (c) => orgInfo(c))
  .get("/orgs/:id", requireScope("read", "submit"), validate("param", z.strictObject({ id: z.string().max(64) })), (c) => {
    if (c.req.valid("param").id !== c.var.auth.org.id) {
      throw new ApiError(403, "forbidden", "This token belongs to another organisation");
    }
    return orgInfo(c);
  });
