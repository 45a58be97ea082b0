import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { AppEnv } from "../app";
import { OPERATIONS, openApiDocument } from "../openapi";

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

interface Param {
  name: string;
  in: string;
  required: boolean;
  schema: { type?: string; enum?: unknown[]; pattern?: string; default?: unknown; anyOf?: unknown[] };
}

/** "year (optional): string matching ^\d{4}/\d{2}$" from the generated OpenAPI parameter. */
function describeParam(p: Param): string {
  const s = p.schema;
  const what = s.enum ? s.enum.map((v) => JSON.stringify(v)).join(" | ") : s.pattern ? `${s.type ?? "string"} matching ${s.pattern}` : (s.type ?? "value");
  const dflt = s.default !== undefined ? `, default ${JSON.stringify(s.default)}` : "";
  return `<code>${escape(p.name)}</code> (${p.in}${p.required ? "" : ", optional"}${escape(dflt)}): ${escape(what)}`;
}

// The docs page has one inline stylesheet and nothing else to load; it may not be framed.
const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** /openapi.json and /docs: the contract, machine- and human-readable, from the same table. */
export const docs = new Hono<AppEnv>()
  .get("/openapi.json", (c) => c.json(openApiDocument()))
  .get("/docs", (c) => {
    c.header("Content-Security-Policy", DOCS_CSP);
    const paths = (openApiDocument() as { paths: Record<string, Record<string, { parameters?: Param[] }>> }).paths;
    const rows = OPERATIONS.map(
      (op) => `<section id="${escape(op.method + op.path)}">
  <h2><code class="m ${op.method}">${op.method.toUpperCase()}</code> <code>${escape(op.path)}</code></h2>
  <p><strong>${escape(op.summary)}.</strong> ${escape(op.description)}</p>
  <p class="auth">Token: ${escape(op.auth)}</p>${
    paths[op.path]?.[op.method]?.parameters?.length
      ? `\n  <ul>${paths[op.path]![op.method]!.parameters!.map((p) => `<li>${describeParam(p)}</li>`).join("")}</ul>`
      : ""
  }${
    op.example ? `\n  <p>Example body:</p>\n  <pre><code>${escape(JSON.stringify(op.example, null, 2))}</code></pre>` : ""
  }
  <p>Responses: ${Object.entries(op.responses)
    .map(([s, [d]]) => `<code>${s}</code> ${escape(d)}`)
    .join("; ")}</p>
</section>`,
    ).join("\n");
    return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fair-shortlist API</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; }
  code { font-family: ui-monospace, monospace; background: #f2f2f2; padding: 0 .25em; border-radius: 3px; }
  .m { color: #fff; } .get { background: #005eb8; } .post { background: #007f3b; } .delete { background: #d5281b; }
  pre { background: #f2f2f2; padding: .5rem; overflow-x: auto; } pre code { padding: 0; }
  section { border-top: 1px solid #ccc; padding-top: .5rem; } h2 { font-size: 1.1rem; } .auth { color: #4c6272; }
</style>
</head>
<body>
<h1>fair-shortlist API</h1>
<p>Anonymised recruitment outcomes in, WRES indicator 2 out. Send <code>Authorization: Bearer &lt;token&gt;</code>.
Every error is <code>{"error": {"code", "message", "issues"?}}</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, generated from the same zod schemas the Worker validates with).</p>
${raw(rows)}
</body>
</html>`);
  });
