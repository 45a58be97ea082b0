import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../app";

export const MAX_BODY_BYTES = 16 * 1024;
/** 500 outcomes of ~400 bytes each fit with room to spare. */
export const MAX_BATCH_BODY_BYTES = 512 * 1024;
/** One assessor's encrypted scores and notes for one candidate (notes up to 5,000 characters each). */
export const MAX_SYNC_BODY_BYTES = 64 * 1024;

const JSON_MEDIA = /^application\/json$/i;

function hasBody(headers: Headers): boolean {
  const length = headers.get("Content-Length");
  return headers.has("Transfer-Encoding") || (length !== null && length !== "0");
}

/**
 * 415 for a request body that is not JSON. Routes that take a body also require the header
 * (`requireJson`), so a body sent as text/plain or form data never reaches a handler.
 */
export const rejectNonJsonBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method === "POST" || method === "PUT" || method === "PATCH" || method === "DELETE") {
    const type = c.req.header("Content-Type");
    const media = type?.split(";")[0]!.trim() ?? "";
    if ((type !== undefined && !JSON_MEDIA.test(media)) || (type === undefined && hasBody(c.req.raw.headers))) {
      throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
    }
  }
  await next();
};

export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const media = c.req.header("Content-Type")?.split(";")[0]!.trim() ?? "";
  if (!JSON_MEDIA.test(media)) {
    throw new ApiError(415, "unsupported_media_type", "This route takes a JSON body: set Content-Type: application/json");
  }
  await next();
};

export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The request body is larger than ${Math.round(maxSize / 1024)} KiB`);
    },
  });
}
