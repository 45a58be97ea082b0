/**
 * The import Web Worker: reads the chosen file, parses it (CSV or Excel) and counts it, off the
 * page's main thread so the page keeps answering. Bundled on its own (worker/scripts/
 * build-dashboard.mjs) and served from the Worker's origin, as the page's CSP requires.
 */
import { detectColumns } from "./columns";
import { aggregateApplicants } from "./importer";
import type { FromImportWorker, ToImportWorker } from "./protocol";
import { columnScorer } from "./sampleScore";
import { readSource, samplesOf, SourceError, type SourceTable } from "./source";

/** The few members of a dedicated worker's global scope used here (the client compiles with DOM types). */
interface WorkerScope {
  postMessage(message: FromImportWorker): void;
  addEventListener(type: "message", listener: (ev: MessageEvent<ToImportWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;

let table: SourceTable | null = null;

function progress(phase: "reading" | "counting") {
  let last = -1;
  return (fraction: number) => {
    const f = Math.round(fraction * 100) / 100;
    if (f !== last) scope.postMessage({ type: "progress", phase, fraction: (last = f) });
  };
}

scope.addEventListener("message", async (ev) => {
  const msg = ev.data;
  try {
    if (msg.type === "open") {
      const onProgress = progress("reading");
      onProgress(0);
      const bytes = new Uint8Array(await msg.file.arrayBuffer());
      table = readSource(bytes, msg.file.name, { sheet: msg.sheet, onProgress });
      scope.postMessage({
        type: "opened",
        file: { kind: table.kind, header: table.header, sheets: table.sheets, sheet: table.sheet, samples: samplesOf(table), rows: table.rows.length, mapping: detectColumns(table.header, columnScorer(table.rows)), problems: table.problems, skippedAbove: table.skippedAbove, repeatedHeadings: table.repeatedHeadings },
      });
    } else if (msg.type === "count") {
      if (!table) throw new SourceError("No file is open.");
      const result = aggregateApplicants(table.rows, msg.mapping, msg.choices, { headerLength: table.headerLength, onProgress: progress("counting") });
      scope.postMessage({ type: "counted", id: msg.id, result });
    }
  } catch (e) {
    scope.postMessage({ type: "error", message: e instanceof SourceError ? e.message : `The file could not be read: ${(e as Error).message}` });
  }
});
