import type { Context } from "hono";
import type { AppEnv } from "../app";

/**
 * A CSV download (RFC 4180 line ends) with the headers every export carries: a file name, and
 * no-store, since it holds the organisation's figures.
 */
export function csvDownload(c: Context<AppEnv>, lines: readonly string[], fileName: string) {
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="${fileName}"`);
  c.header("Cache-Control", "no-store");
  return c.body(lines.join("\r\n") + "\r\n");
}
