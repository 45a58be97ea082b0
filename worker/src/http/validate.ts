import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { invalid } from "./errors";

/**
 * zValidator with the shared error hook: a failed parse becomes a 400 in the one error
 * shape, with one issue per problem (never a 500, never a bare zod dump).
 */
export function validate<Target extends keyof ValidationTargets & ("json" | "query" | "param"), Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw invalid(result.error, target === "json" ? "body" : target === "query" ? "query" : "path");
    }
  });
}
