import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { core } from "zod";

type ZodLikeError = { issues: readonly core.$ZodIssue[] };

/** One problem with a request, `path` dotted from the body or query root ("outcomes.3.band"). */
export interface ApiIssue {
  path: string;
  message: string;
}

export type ApiErrorCode =
  | "invalid_request"
  | "invalid_json"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "admin_disabled"
  | "internal";

/** Thrown anywhere in a handler; the app's error handler turns it into the one JSON error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 411 | 413 | 415 | 429 | 500 | 503,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * An unknown field's name as it may be repeated: a name that is itself a token or a key (a client
 * that put `?fs_read_…` in a URL, say) is not sent back.
 */
function echoableKey(name: string): string {
  return /^fs_/i.test(name) || name.length > 40 ? "(a name that looks like a token or a key, not repeated)" : name;
}

export function issuesFromZod(error: ZodLikeError): ApiIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    let message = issue.message;
    // zod reports unknown keys on the parent object; name them so the client knows what to drop.
    if (issue.code === "unrecognized_keys") message = `unknown field(s) not allowed: ${issue.keys.map(echoableKey).join(", ")}`;
    return { path, message };
  });
}

export function invalid(error: ZodLikeError, where: "body" | "query" | "path"): ApiError {
  const issues = issuesFromZod(error);
  const message =
    where === "body" ? "The request body is invalid" : where === "query" ? "The query string is invalid" : "The URL is invalid";
  return new ApiError(400, "invalid_request", `${message}: ${issues.map((i) => `${i.path || where}: ${i.message}`).slice(0, 3).join("; ")}`, issues);
}

export function errorBody(code: ApiErrorCode, message: string, issues?: ApiIssue[]) {
  return { error: issues ? { code, message, issues } : { code, message } };
}

function respond(c: Context, err: ApiError) {
  for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
  return c.json(errorBody(err.code, err.message, err.issues), err.status);
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return respond(c, err);
  if (err instanceof HTTPException) {
    // Hono's own exceptions: malformed JSON from the validator, body-limit, etc.
    const status = err.status;
    if (status === 400) return respond(c, new ApiError(400, "invalid_json", "The request body is not valid JSON"));
    if (status === 413) return respond(c, new ApiError(413, "payload_too_large", "The request body is too large"));
    if (status === 401) return respond(c, new ApiError(401, "unauthorized", "Missing or invalid bearer token"));
    if (status === 404) return respond(c, new ApiError(404, "not_found", "Not found"));
    if (status < 500) return c.json(errorBody("invalid_request", err.message || "Bad request"), status);
  }
  // Never echo internals to the client; the log keeps the detail, but names the route's pattern
  // ("/v1/outcomes/:vacancyKey"), never the path itself: path values stay out of logs.
  console.error("unexpected error", c.req.method, c.req.routePath, err);
  return respond(c, new ApiError(500, "internal", "Something went wrong on our side"));
};

/**
 * A path as it may be echoed: under /v1/outcomes/ whatever follows is a value (a vacancy key, or
 * by mistake a reference), so only the route's shape is given back.
 */
export function echoablePath(pathname: string): string {
  if (pathname.startsWith("/v1/outcomes/") && pathname !== "/v1/outcomes/batch") return "/v1/outcomes/:vacancyKey";
  // Under /v1/vacancies/ (but for the fact routes) and /v1/sync/ the next segments are keys too.
  const facts = /^\/v1\/vacancies\/(panel|scoring|guaranteed-interview)$/;
  if (pathname.startsWith("/v1/vacancies/") && !facts.test(pathname)) return "/v1/vacancies/:vacancyKey";
  if (pathname.startsWith("/v1/sync/")) return "/v1/sync/:vacancyKey/…";
  // A token pasted into a path is never repeated either.
  return pathname.replace(/fs_(submit|read|report)_[^/]*/gi, "fs_$1_…");
}

export const notFound: NotFoundHandler = (c) =>
  c.json(errorBody("not_found", `No route for ${c.req.method} ${echoablePath(new URL(c.req.url).pathname)}`), 404);
