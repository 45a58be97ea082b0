import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler, ValidationTargets } from "hono";
import type { AppEnv } from "../app";
import type { z } from "zod";
import { authenticate } from "../middleware/auth";
import { ApiError, invalid } from "./errors";

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

/**
 * For routes that take no query string: any query is a 400, so nothing rides along in a URL (which
 * proxies and request logs record), a token least of all. Neither the names nor the values are
 * repeated in the answer. Put it after the route's auth middleware: a bad token is still a 401 first.
 */
export const noQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (new URL(c.req.url).search !== "") {
    if (c.get("pendingAuth")) await authenticate(c);
    throw new ApiError(400, "invalid_request", "This route takes no query string: send nothing after the path (a token goes in the Authorization header, never in the URL)", [
      { path: "", message: "no query parameters are allowed on this route" },
    ]);
  }
  await next();
};
