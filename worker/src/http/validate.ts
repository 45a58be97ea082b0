import { zValidator } from "@hono/zod-validator";
import type { Context, ValidationTargets } from "hono";
import type { AppEnv } from "../app";
import type { z } from "zod";
import { authenticate } from "../middleware/auth";
import { invalid } from "./errors";

/**
 * zValidator with the shared error hook: a failed parse becomes a 400 in the one error
 * shape, with one issue per problem (never a 500, never a bare zod dump).
 * On a deferScope() route the token is checked first, so the error order is as with requireScope.
 */
export function validate<Target extends keyof ValidationTargets & ("json" | "query" | "param"), Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, async (result, c) => {
    if (!result.success) {
      // On a deferScope route the token is not checked yet: a bad token is a 401, not a 400.
      const ctx = c as unknown as Context<AppEnv>;
      if (ctx.get("pendingAuth")) await authenticate(ctx);
      throw invalid(result.error, target === "json" ? "body" : target === "query" ? "query" : "path");
    }
  });
}
