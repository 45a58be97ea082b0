import type { MiddlewareHandler } from "hono";
import { ApiError } from "../http/errors";
import { duplicateJsonKey } from "../http/json";
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

/** How much of an oversized body is read and thrown away before the connection is given up. */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Reads the whole body (at most `maxSize` bytes kept) before anything answers. An oversized body,
 * chunked or with a Content-Length, is read to its end and discarded, then answered 413: answering
 * with a body half read left `wrangler dev`'s proxy with a dropped connection, which it treats as
 * fatal (the next request got a 500 and the process exited). Past DRAIN_LIMIT_BYTES the stream is
 * cancelled instead. A JSON body that repeats a key within one object is refused (400) here too,
 * since JSON.parse would silently keep one of the two values.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => new ApiError(413, "payload_too_large", `The request body is larger than ${Math.round(maxSize / 1024)} KiB`);
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= maxSize) chunks.push(value);
      else if (size > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
    }
    if (size > maxSize) throw tooLarge();
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    if (JSON_MEDIA.test(c.req.header("Content-Type")?.split(";")[0]!.trim() ?? "")) {
      const text = new TextDecoder().decode(bytes);
      let parsed = false;
      try {
        JSON.parse(text);
        parsed = true;
      } catch {
        // Not JSON: the route's validator answers invalid_json.
      }
      const dup = parsed ? duplicateJsonKey(text) : null;
      if (dup !== null) {
        throw new ApiError(400, "invalid_json", `The request body gives the key ${JSON.stringify(dup)} twice in one object; give each key once`);
      }
    }
    // The stream is used up: hand the rest of the app a request with the same bytes.
    c.req.raw = new Request(c.req.raw, { body: bytes });
    await next();
  };
}
