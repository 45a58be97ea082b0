/**
 * Messages between the dashboard page and the import Web Worker (worker.ts). The page hands the
 * worker the File itself (structured clone, no copy on the main thread); the worker reads,
 * parses and counts, and answers with progress and plain-data results.
 */
import type { ColumnMapping } from "./columns";
import type { ImportChoices, ImportResult } from "./importer";

export type ToImportWorker =
  | { type: "open"; file: File; sheet?: string }
  | { type: "count"; id: number; mapping: ColumnMapping; choices: ImportChoices };

export interface OpenedFile {
  kind: "csv" | "xlsx";
  header: string[];
  /** Excel only: every sheet's name, and the one read. */
  sheets: string[];
  sheet: string | null;
  /** First non-empty value of each column, for the column-mapping hints. */
  samples: string[];
  rows: number;
  mapping: ColumnMapping;
  /** Structural problems of the file itself (an unclosed quote). */
  problems: { line: number; message: string }[];
  /** Rows above the column headings (a report's title and filters), left out. */
  skippedAbove: { rows: number; headerLine: number; first: string } | null;
  /** Rows that repeat the column headings further down (page breaks), left out. */
  repeatedHeadings: number;
}

export type FromImportWorker =
  | { type: "progress"; phase: "reading" | "counting"; fraction: number }
  | { type: "opened"; file: OpenedFile }
  | { type: "counted"; id: number; result: ImportResult }
  | { type: "error"; message: string };
