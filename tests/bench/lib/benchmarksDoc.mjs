// Writes one benchmark's figures into docs/benchmarks.md between its own markers
// (`<!-- NAME-bench:start -->` … `<!-- NAME-bench:end -->`), leaving other sections alone.
// Lives in lib/ so that run.mjs, which runs every tests/bench/*.mjs, does not take it for a benchmark.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * @param {{root: string, name: string, heading: string, intro?: string, content: string}} section
 *   `content` goes between the markers; a new section gets `## heading` and `intro` above them.
 */
export function writeBenchmarkSection({ root, name, heading, intro = "", content }) {
  const file = path.join(root, "docs/benchmarks.md");
  const start = `<!-- ${name}-bench:start -->`;
  const end = `<!-- ${name}-bench:end -->`;
  const body = `${start}\n${content}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + body + text.slice(text.indexOf(end) + end.length);
  } else {
    text = text.trimEnd() + `\n\n## ${heading}\n\n${intro ? `${intro}\n\n` : ""}${body}\n`;
  }
  writeFileSync(file, text);
  console.log(`\n  wrote the figures to ${path.relative(root, file)}`);
}
