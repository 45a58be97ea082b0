// What `npm start` prints of wrangler dev's output. wrangler dev logs every request with its
// path; a vacancy key (or, by mistake, a raw reference) in an /v1/outcomes/… path must not reach
// the terminal or a saved log, so the value is replaced by the route's shape.

/** "GET /v1/outcomes/C9-2031-0042 404" -> "GET /v1/outcomes/:vacancyKey 404" (the batch route kept). */
export function redactLog(text) {
  return text
    .replace(/(\/v1\/outcomes\/)(?!batch(?=[\s?#"']|$))[^\s?#"']+/g, "$1:vacancyKey")
    .replace(/(\/v1\/vacancies\/)(?!(?:panel|scoring|guaranteed-interview)(?=[\s?#"']|$))[^\s?#"']+/g, "$1:vacancyKey")
    .replace(/(\/v1\/sync\/)[^\s?#"']+/g, "$1:vacancyKey/…")
    // A token sent in a URL (query string or path) is never printed.
    .replace(/fs_(submit|read|report)_[A-Za-z0-9_-]+/g, "fs_$1_…");
}

/** A writer that redacts whole lines, so a path split across two chunks is still caught. */
export function redactingLines(write) {
  let pending = "";
  return {
    push(chunk) {
      pending += String(chunk);
      const end = pending.lastIndexOf("\n");
      if (end === -1) return;
      write(redactLog(pending.slice(0, end + 1)));
      pending = pending.slice(end + 1);
    },
    flush() {
      if (pending) write(redactLog(pending));
      pending = "";
    },
  };
}
