import { Hono } from "hono";
import * as z from "zod";
import { CreateOrgSchema, OdsCodeSchema, TokenScopeSchema, type TokenScope } from "@fair-shortlist/shared/schemas/api";
import type { AppEnv } from "../app";
import { newId, newToken, tokenHash, tokenPrefix } from "../auth/tokens";
import { findOrg, insertOrgWithTokens, listOrgs, OdsCodeTaken, publicOrg, type NewToken } from "../db/orgs";
import { listTokens, revokeTokens, rotateToken } from "../db/tokens";
import { ApiError } from "../http/errors";
import { noQuery, validate } from "../http/validate";
import { requireAdmin } from "../middleware/auth";
import { requireJson } from "../middleware/requestShape";

async function mintToken(scope: TokenScope): Promise<{ plain: string; record: NewToken }> {
  const plain = newToken(scope);
  return { plain, record: { id: newId("tok"), scope, hash: await tokenHash(plain), prefix: tokenPrefix(plain) } };
}

const OrgParam = z.strictObject({ id: z.string().regex(/^org_[0-9a-f]{20}$/, "must be an organisation id (org_…)") });
const OrgScopeParam = OrgParam.extend({ scope: TokenScopeSchema });

async function orgOr404(db: D1Database, id: string) {
  const org = await findOrg(db, id);
  if (!org) throw new ApiError(404, "not_found", `No organisation ${id}`);
  return org;
}

/** /v1/admin: organisations and their tokens. Plain tokens are returned once and never stored. */
export const admin = new Hono<AppEnv>()
  .use("*", requireAdmin)
  .post("/orgs", noQuery, requireJson, validate("json", CreateOrgSchema), async (c) => {
    const body = c.req.valid("json");
    const submit = await mintToken("submit");
    const read = await mintToken("read");
    try {
      const org = await insertOrgWithTokens(c.env.DB, { id: newId("org"), name: body.name, odsCode: body.odsCode }, [
        submit.record,
        read.record,
      ]);
      return c.json({ org: publicOrg(org), tokens: { submit: submit.plain, read: read.plain } }, 201);
    } catch (e) {
      if (e instanceof OdsCodeTaken) {
        throw new ApiError(409, "conflict", `An organisation with ODS code ${body.odsCode} already exists`, [
          { path: "odsCode", message: "already registered" },
        ]);
      }
      throw e;
    }
  })
  .get("/orgs", validate("query", z.strictObject({ odsCode: OdsCodeSchema.optional() })), async (c) => {
    const orgs = await listOrgs(c.env.DB, c.req.valid("query").odsCode);
    return c.json({ orgs: orgs.map(publicOrg) });
  })
  .get("/orgs/:id/tokens", noQuery, validate("param", OrgParam), async (c) => {
    const org = await orgOr404(c.env.DB, c.req.valid("param").id);
    return c.json({ tokens: await listTokens(c.env.DB, org.seq) });
  })
  .post("/orgs/:id/tokens/:scope/rotate", noQuery, validate("param", OrgScopeParam), async (c) => {
    const { id, scope } = c.req.valid("param");
    const org = await orgOr404(c.env.DB, id);
    const minted = await mintToken(scope);
    const revoked = await rotateToken(c.env.DB, org.seq, minted.record);
    return c.json({ orgId: org.id, scope, token: minted.plain, revoked }, 201);
  })
  .delete("/orgs/:id/tokens/:scope", noQuery, validate("param", OrgScopeParam), async (c) => {
    const { id, scope } = c.req.valid("param");
    const org = await orgOr404(c.env.DB, id);
    return c.json({ orgId: org.id, scope, revoked: await revokeTokens(c.env.DB, org.seq, scope) });
  });
