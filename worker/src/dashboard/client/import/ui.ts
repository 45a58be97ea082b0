/**
 * The import section of the dashboard: choose a CSV or Excel export, check the columns, map each
 * value the vocabulary does not know once for the whole file, and send only the counts.
 *
 * Parsing and counting run in a Web Worker (worker.ts) with a progress bar and a cancel button,
 * so the page keeps answering. The analyst's value choices are remembered in localStorage (the
 * words of stage, staff group, band, closing date, ethnicity and disability cells: category
 * words, never a name, reference or applicant ID), so the next export of the same system needs
 * none of them again.
 */
import { bandLabel, BAND_IDS, staffGroupLabel, type Band } from "@fair-shortlist/shared/bands";
import { DISABILITY_GROUP_LABELS, DISABILITY_GROUPS } from "@fair-shortlist/shared/disability";
import { orgSecretProblem, vacancyKeyMaker } from "@fair-shortlist/shared/vacancyKey";
import { byId, h, replaceChildren, table } from "../dom";
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS, missingFields, STAGE_DATE_FIELDS, type ColumnMapping, type ImportField } from "./columns";
import { STAGE_CHOICES, VALUE_FIELDS, type ValueField } from "./choices";
import type { HeldVacancy, ImportChoices, ImportResult, ValueGroup, VacancyFix, VacancyFixField } from "./importer";
import { submissionOf } from "./submission";
import type { FromImportWorker, OpenedFile, ToImportWorker } from "./protocol";

export const CHOICES_KEY = "fair-shortlist.importChoices.v1";
const MAX_FILE_BYTES = 100 * 1024 * 1024;
const BATCH_SIZE = 500; // MAX_BATCH in shared/src/schemas/api.ts

export interface ImportDeps {
  /** The import worker's script URL (served by the Worker, fingerprinted). */
  workerUrl: string;
  /** POSTs one batch with the submit token; rejects with an Error carrying the API's message and issues. */
  sendBatch(outcomes: unknown[], submitToken: string): Promise<{ created: number; replaced: number }>;
  /** After a successful send: reload figures. */
  afterSend(): Promise<void>;
}

const FIELD_WORDS: Readonly<Record<ValueField, string>> = {
  stage: "stage",
  staffGroup: "staff group",
  band: "band",
  closingDate: "closing date",
  ethnicity: "ethnicity",
  disability: "disability",
};

const ETHNIC_CHOICES = [
  ["white", "White"],
  ["bme", "BME (ethnic minority)"],
  ["notStated", "Not stated (left out of the indicator)"],
] as const;

function optionsFor(field: ValueField): ReadonlyArray<readonly [string, string]> {
  switch (field) {
    case "stage":
      return STAGE_CHOICES;
    case "staffGroup":
      return [
        ["clinical", staffGroupLabel("clinical")],
        ["nonClinical", staffGroupLabel("nonClinical")],
      ];
    case "band":
      return BAND_IDS.map((b) => [b, bandLabel(b as Band)] as const);
    case "ethnicity":
      return ETHNIC_CHOICES;
    case "disability":
      return DISABILITY_GROUPS.map((g) => [g, DISABILITY_GROUP_LABELS[g]] as const);
    default:
      return [];
  }
}

/** Remembered choices, checked field by field: a hand-edited or older entry cannot inject a meaning we do not have. */
/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The names the column choices show: a heading used twice ("Status" for the requisition and for
 * the applicant) and a blank heading get their spreadsheet column letter, so the two can be told apart.
 */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const name of header) seen.set(name.trim().toLowerCase(), (seen.get(name.trim().toLowerCase()) ?? 0) + 1);
  return header.map((name, i) => (!name.trim() ? `Column ${columnLetter(i)}` : seen.get(name.trim().toLowerCase())! > 1 ? `${name.trim()} (column ${columnLetter(i)})` : name));
}

export function loadChoices(storage: Pick<Storage, "getItem"> = localStorage): ImportChoices {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(CHOICES_KEY) ?? "{}");
  } catch {
    return {};
  }
  if (!raw || typeof raw !== "object") return {};
  const out: ImportChoices = {};
  for (const field of VALUE_FIELDS) {
    const entries = (raw as Record<string, unknown>)[field];
    if (!entries || typeof entries !== "object") continue;
    const allowed = new Set(optionsFor(field).map(([v]) => v));
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof v !== "string" || k.length > 200) continue;
      if (field === "closingDate" ? /^\d{4}-\d{2}-\d{2}$/.test(v) : allowed.has(v)) kept[k] = v;
    }
    (out as Record<string, Record<string, string>>)[field] = kept;
  }
  return out;
}

function saveChoices(choices: ImportChoices): void {
  try {
    localStorage.setItem(CHOICES_KEY, JSON.stringify(choices));
  } catch {
    // Storage full or blocked: the choices still hold for this file.
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

interface Session {
  file: File;
  opened: OpenedFile;
  mapping: ColumnMapping;
  result: ImportResult | null;
  /** Per-vacancy values chosen for fields none of its rows gives: this file only, never remembered. */
  fixes: Record<string, VacancyFix>;
  /** Count rows without a reference under the vacancy above them (a report grouped by vacancy): this file only. */
  fillDown: boolean;
}

const FIX_WORDS: Readonly<Record<VacancyFixField, string>> = { band: "Band", closingDate: "Closing date", staffGroup: "Staff group" };

export function initImport(deps: ImportDeps): void {
  let worker: Worker | null = null;
  let session: Session | null = null;
  let choices = loadChoices();
  let countSeq = 0;
  // The worker answers in the order it is asked, so answers go to the oldest waiting question.
  const waiting: Array<(m: FromImportWorker) => void> = [];

  const fileInput = byId<HTMLInputElement>("import-file");
  const progressBox = byId("import-progress");
  const bar = byId<HTMLProgressElement>("import-progress-bar");
  const progressLabel = byId("import-progress-label");
  const out = byId("import-preview");
  const send = byId("import-send");
  const result = byId("import-result");

  const getWorker = (): Worker => {
    if (worker) return worker;
    worker = new Worker(deps.workerUrl, { type: "module", name: "fair-shortlist-import" });
    worker.addEventListener("message", (ev: MessageEvent<FromImportWorker>) => {
      const msg = ev.data;
      if (msg.type === "progress") {
        bar.value = msg.fraction;
        bar.textContent = `${Math.round(msg.fraction * 100)}%`;
        progressLabel.textContent = `${msg.phase === "reading" ? "Reading" : "Counting"} ${session?.file.name ?? "the file"}: ${Math.round(msg.fraction * 100)}%`;
        return;
      }
      waiting.shift()?.(msg);
      if (waiting.length === 0) progressBox.hidden = true;
    });
    worker.addEventListener("error", () => {
      worker?.terminate();
      worker = null;
      settleAll("The import stopped unexpectedly. Try again, or export a smaller file.");
    });
    return worker;
  };

  const settleAll = (message: string) => {
    for (const resolve of waiting.splice(0)) resolve({ type: "error", message });
    progressBox.hidden = true;
  };

  const ask = (msg: ToImportWorker, label: string): Promise<FromImportWorker> => {
    progressBox.hidden = false;
    bar.value = 0;
    progressLabel.textContent = label;
    return new Promise((resolve) => {
      waiting.push(resolve);
      getWorker().postMessage(msg);
    });
  };

  // Cancel stops the worker outright (a parse in progress cannot be interrupted any other way);
  // the next file starts a fresh one.
  const cancel = () => {
    if (waiting.length === 0) return;
    worker?.terminate();
    worker = null;
    session = null;
    settleAll("Cancelled: the file was not read. Choose it again to start over.");
    fileInput.value = "";
    fileInput.focus();
  };
  byId("import-cancel").addEventListener("click", cancel);

  const showError = (message: string) => replaceChildren(out, h("p", { class: "error-message", role: "alert" }, message));

  async function open(file: File, sheet?: string): Promise<void> {
    replaceChildren(out);
    replaceChildren(result);
    send.hidden = true;
    byId("import-mapping").hidden = true;
    byId("import-sheet-box").hidden = true;
    if (file.size > MAX_FILE_BYTES) return showError("The file is over 100 MB. Export one financial year at a time.");
    session = null;
    const answer = await ask({ type: "open", file, sheet }, `Reading ${file.name}…`);
    if (answer.type === "error") return showError(answer.message);
    if (answer.type !== "opened") return;
    if (answer.file.header.length === 0) return showError("The file is empty, or its first row is not a header row.");
    session = { file, opened: answer.file, mapping: { ...answer.file.mapping }, result: null, fixes: {}, fillDown: false };
    renderSheets();
    renderMapping();
    await recount();
  }

  async function recount(focusKey?: string): Promise<void> {
    const s = session;
    if (!s) return;
    if (missingFields(s.mapping).length > 0) {
      s.result = null;
      return renderPreview();
    }
    const id = ++countSeq;
    const answer = await ask({ type: "count", id, mapping: s.mapping, choices: { ...choices, vacancy: s.fixes, fillDown: s.fillDown } }, `Counting ${s.file.name}…`);
    if (session !== s || id !== countSeq) return;
    if (answer.type === "error") return showError(answer.message);
    if (answer.type !== "counted") return;
    s.result = answer.result;
    renderPreview();
    if (focusKey) {
      // Keep the analyst where they were: the choice just made, now perhaps in the closed "check" list.
      const control = out.querySelector<HTMLElement>(`[data-choice="${CSS.escape(focusKey)}"], [data-fix="${CSS.escape(focusKey)}"]`);
      const details = control?.closest("details");
      if (details) details.open = true;
      if (control) control.focus();
      else if (focusKey.includes("\u0000")) {
        // A vacancy given what it lacked has left the waiting list: the summary says where it went.
        const summary = out.querySelector<HTMLElement>("#import-summary");
        summary?.setAttribute("tabindex", "-1");
        summary?.focus();
      }
    }
  }

  function renderSheets(): void {
    const s = session!;
    const box = byId("import-sheet-box");
    const select = byId<HTMLSelectElement>("import-sheet");
    box.hidden = s.opened.sheets.length < 2;
    replaceChildren(select, ...s.opened.sheets.map((name) => h("option", { value: name }, name)));
    select.value = s.opened.sheet ?? "";
  }
  byId<HTMLSelectElement>("import-sheet").addEventListener("change", (ev) => {
    if (session) void open(session.file, (ev.target as HTMLSelectElement).value);
  });

  function renderMapping(): void {
    const s = session!;
    const box = byId("import-mapping");
    box.hidden = false;
    const names = columnNames(s.opened.header);
    const selects = IMPORT_FIELDS.map((field: ImportField) => {
      const id = `map-${field}`;
      const select = h(
        "select",
        { id, name: field, class: "select" },
        h("option", { value: "" }, "(not in this file)"),
        ...names.map((name, i) => h("option", { value: String(i) }, name)),
      );
      select.value = s.mapping[field] === null ? "" : String(s.mapping[field]);
      const sample = h("p", { class: "hint", id: `${id}-sample` });
      const showSample = () => {
        const index = s.mapping[field];
        const value = index === null ? "" : (s.opened.samples[index] ?? "");
        sample.textContent = value ? `First value: ${value}` : "";
      };
      showSample();
      select.setAttribute("aria-describedby", sample.id);
      select.addEventListener("change", () => {
        s.mapping[field] = select.value === "" ? null : Number(select.value);
        showSample();
        showStageDates();
        void recount();
      });
      return h("div", { class: "form-group mapping-field", "data-field": field }, h("label", { for: id, class: "label" }, IMPORT_FIELD_LABELS[field]), select, sample);
    });
    // The per-stage date columns matter only without a stage column: shown when there is none, or one is chosen.
    const stageDates = selects.filter((el) => (STAGE_DATE_FIELDS as readonly string[]).includes(el.getAttribute("data-field") ?? ""));
    function showStageDates(): void {
      const show = s.mapping.stage === null || STAGE_DATE_FIELDS.some((f) => s.mapping[f] !== null);
      for (const el of stageDates) el.hidden = !show;
    }
    showStageDates();
    replaceChildren(
      box,
      h("legend", { class: "legend" }, `Columns in ${s.file.name}${s.opened.sheet ? ` (sheet "${s.opened.sheet}")` : ""}`),
      h("p", { class: "hint" }, `${plural(s.opened.rows, "applicant row")}. We guessed which column holds what from the header row. Check each one.`),
      ...(s.opened.skippedAbove
        ? [
            h(
              "p",
              { class: "hint", id: "import-skipped-above" },
              `The column headings are on ${s.opened.kind === "xlsx" ? "row" : "line"} ${s.opened.skippedAbove.headerLine}; ` +
                `the ${plural(s.opened.skippedAbove.rows, "row")} above them ("${s.opened.skippedAbove.first}"${s.opened.skippedAbove.rows > 1 ? " …" : ""}) look like the report's title and are not counted.`,
            ),
          ]
        : []),
      ...(s.opened.repeatedHeadings
        ? [h("p", { class: "hint", id: "import-repeated-headings" }, `${plural(s.opened.repeatedHeadings, "more row")} further down ${s.opened.repeatedHeadings === 1 ? "repeats" : "repeat"} the column headings (a report's page breaks) and ${s.opened.repeatedHeadings === 1 ? "is" : "are"} not counted.`)]
        : []),
      h("div", { class: "mapping-grid" }, ...selects),
    );
  }

  function choose(group: ValueGroup, value: string): void {
    const field = group.field;
    const map = { ...((choices[field] as Record<string, string> | undefined) ?? {}) };
    if (value === "") delete map[group.key];
    else map[group.key] = value;
    choices = { ...choices, [field]: map };
    saveChoices(choices);
    void recount(`${field}:${group.key}`);
  }

  function valueControl(group: ValueGroup, index: number): HTMLElement {
    const id = `choice-${group.field}-${index}`;
    const described = `${id}-text`;
    const current = group.meaning ?? "";
    let control: HTMLInputElement | HTMLSelectElement;
    if (group.field === "closingDate") {
      control = h("input", { type: "date", id, class: "input input--date", value: current, "aria-describedby": described, "data-choice": `${group.field}:${group.key}` });
      control.addEventListener("change", () => choose(group, (control as HTMLInputElement).value));
    } else {
      control = h(
        "select",
        { id, class: "select", "aria-describedby": described, "data-choice": `${group.field}:${group.key}` },
        h("option", { value: "" }, group.status === "unknown" ? "Choose…" : "(as read)"),
        ...optionsFor(group.field).map(([v, words]) => h("option", { value: v }, words)),
      );
      control.value = group.status === "chosen" ? current : group.status === "unknown" ? "" : current;
      control.addEventListener("change", () => choose(group, (control as HTMLSelectElement).value));
    }
    const status = group.status === "unknown" ? `not known${group.note ? ` (${group.note.replace(/: choose one$/, "")})` : ""}: nothing is read from these cells until you choose` : group.status === "guessed" ? `read by a guess${group.note ? ` (${group.note})` : ""}: confirm or change` : "your choice, remembered for next time";
    return h(
      "li",
      { class: `value-group value-group--${group.status}`, "data-field": group.field },
      h("span", { id: described }, `${plural(group.rows, "row")}: ${FIELD_WORDS[group.field]} "${group.text || "(blank)"}" — `),
      h("label", { for: id }, "treat as: "),
      control,
      h("span", { class: "hint value-group__status" }, ` ${status}`),
    );
  }

  /** For a held vacancy, a control per field none of its rows gives (band, closing date, staff group). */
  function fixControls(v: HeldVacancy, index: number): HTMLElement[] {
    const s = session!;
    return v.missing.map((field) => {
      const id = `fix-${index}-${field}`;
      const mark = `${v.reference}\u0000${field}`;
      const set = (value: string) => {
        const next = { ...(s.fixes[v.reference] ?? {}) } as Record<string, string>;
        if (value) next[field] = value;
        else delete next[field];
        s.fixes = { ...s.fixes, [v.reference]: next as VacancyFix };
        void recount(mark);
      };
      let control: HTMLInputElement | HTMLSelectElement;
      if (field === "closingDate") {
        control = h("input", { type: "date", id, class: "input input--date", "data-fix": mark, min: "2000-01-01" });
        control.addEventListener("change", () => set((control as HTMLInputElement).value));
      } else {
        control = h("select", { id, class: "select", "data-fix": mark }, h("option", { value: "" }, "Choose…"), ...optionsFor(field).map(([value, words]) => h("option", { value }, words)));
        control.addEventListener("change", () => set((control as HTMLSelectElement).value));
      }
      return h("div", { class: "form-group vacancy-fix" }, h("label", { for: id, class: "label" }, `${FIX_WORDS[field]} for ${v.reference}`), control);
    });
  }

  function renderPreview(): void {
    const s = session!;
    const missing = missingFields(s.mapping);
    if (missing.length > 0 || !s.result) {
      send.hidden = true;
      return showError(`Choose a column for: ${missing.map((f) => IMPORT_FIELD_LABELS[f]).join(", ")}.`);
    }
    const r = s.result;
    const t = r.totals;
    const unknown = r.values.filter((v) => v.status === "unknown");
    const toCheck = r.values.filter((v) => v.status !== "unknown");
    const structural = s.opened.problems.map((p) => ({ reason: p.message, lines: [p.line] }));
    const rowProblems = [...structural, ...r.rowProblems];
    const leftOutRows = r.rowProblems.reduce((n, g) => n + g.lines.length, 0);
    const shown = 100;
    const groupList = (groups: ValueGroup[], offset: number, cls: string) =>
      h("ul", { class: `value-groups ${cls}` }, ...groups.slice(0, shown).map((g, i) => valueControl(g, offset + i)), groups.length > shown ? h("li", {}, `and ${plural(groups.length - shown, "more value")}: choose the ones above first`) : null);

    replaceChildren(
      out,
      h("h3", {}, "Preview"),
      h(
        "p",
        { id: "import-summary" },
        `${plural(t.rows, "applicant row")} read: ${plural(r.vacancies.length, "vacancy", "vacancies")} ready to send` +
          (r.held.length ? `, ${plural(r.held.length, "vacancy", "vacancies")} waiting for your choices` : "") +
          (r.nothingToSend.length ? `, ${plural(r.nothingToSend.length, "vacancy", "vacancies")} with nobody shortlisted (nothing to send)` : "") +
          (leftOutRows ? `, ${plural(leftOutRows, "row")} that ${leftOutRows === 1 ? "belongs" : "belong"} to no vacancy` : "") +
          ". " +
          `Shortlisted: ${t.shortlisted.white} white, ${t.shortlisted.bme} BME, ${t.shortlisted.notStated} not stated. ` +
          `Appointed: ${t.appointed.white} white, ${t.appointed.bme} BME, ${t.appointed.notStated} not stated. ` +
          `Not counted, as WRES indicator 2 requires: ${t.notShortlisted} not shortlisted, ${t.declinedOffer} who declined an offer, ${t.withdrawn} who withdrew` +
          (t.leftOutByChoice ? `, ${t.leftOutByChoice} you chose to leave out` : "") +
          ".",
      ),
      t.byYear.length ? h("p", { id: "import-years" }, `By financial year of the closing date: ${t.byYear.map((y) => `${y.year}: ${plural(y.vacancies, "vacancy", "vacancies")}`).join("; ")}.`) : null,
      unknown.length
        ? h("div", { class: "value-problems", id: "import-unknown" }, h("h4", {}, `Values to map (${unknown.length})`), h("p", { class: "hint" }, "Each choice applies to every row with that value in this file, and is remembered for your next import."), groupList(unknown, 0, "value-groups--unknown"))
        : h("p", { id: "import-all-known" }, "Every stage, staff group, band and closing date in the file was read."),
      toCheck.length ? h("details", { class: "value-check", id: "import-check", open: unknown.length === 0 }, h("summary", {}, `Values read by a guess or by your earlier choices (${toCheck.length}): check them`), groupList(toCheck, unknown.length, "value-groups--check")) : null,
      r.held.length
        ? table(
            "Vacancies waiting: not sent until the values above are mapped, or what their rows lack is chosen here",
            ["Vacancy (stays on this computer)", "Rows", "Why"],
            r.held.slice(0, 200).map((v, i) => [v.reference, String(v.rows), h("div", {}, h("p", {}, v.reasons.join("; ")), ...fixControls(v, i))]),
            { className: "data-table held-vacancies" },
          )
        : null,
      r.groupedRows
        ? h(
            "div",
            { class: "form-group import-grouped" },
            h(
              "label",
              { class: "checkbox" },
              h("input", { type: "checkbox", id: "import-fill-down", "data-choice": "fillDown", checked: s.fillDown }),
              ` Count the ${plural(r.groupedRows, "row")} without a vacancy reference, band, closing date or staff group under the vacancy listed above ${r.groupedRows === 1 ? "it" : "them"} (the report is grouped by vacancy)`,
            ),
            h("p", { class: "hint" }, "For this file only. Leave it unticked if those rows are applicants whose vacancy the system did not record."),
          )
        : null,
      rowProblems.length
        ? table("Rows that belong to no vacancy", ["Rows", "Lines", "Why"], rowProblems.map((g) => [String(g.lines.length), g.lines.slice(0, 30).join(", ") + (g.lines.length > 30 ? ", …" : ""), g.reason]), { className: "data-table bad-rows" })
        : null,
      r.notes.length ? h("div", { class: "import-notes" }, h("h4", {}, "Read with an assumption"), h("ul", {}, ...r.notes.slice(0, 100).map((n) => h("li", {}, n)))) : null,
      r.vacancies.length
        ? table(
            `Counts per vacancy${r.vacancies.length > 50 ? ` (first 50 of ${r.vacancies.length})` : ""}: only these numbers are sent, with the reference replaced by a keyed hash`,
            ["Vacancy (stays on this computer)", "Closing date", "Band", "Staff group", "White shortlisted / appointed", "BME shortlisted / appointed", "Not stated shortlisted / appointed"],
            r.vacancies.slice(0, 50).map((v) => [
              v.reference,
              v.closingDate,
              bandLabel(v.band),
              staffGroupLabel(v.staffGroup),
              `${v.counts.white.shortlisted} / ${v.counts.white.appointed}`,
              `${v.counts.bme.shortlisted} / ${v.counts.bme.appointed}`,
              `${v.counts.notStated.shortlisted} / ${v.counts.notStated.appointed}`,
            ]),
            { className: "data-table vacancies-preview" },
          )
        : null,
      s.mapping.disability !== null
        ? table(
            "By disability (WDES metric 2): sent with the counts",
            ["Group", "Shortlisted", "Appointed"],
            DISABILITY_GROUPS.map((g) => [DISABILITY_GROUP_LABELS[g], String(t.disability[g].shortlisted), String(t.disability[g].appointed)]),
            { className: "data-table disability-totals" },
          )
        : null,
      Object.values(choices).some((m) => m && Object.keys(m).length > 0) ? h("p", {}, h("button", { type: "button", class: "button button--secondary", id: "import-forget" }, "Forget remembered choices")) : null,
    );
    out.querySelector<HTMLInputElement>("#import-fill-down")?.addEventListener("change", (ev) => {
      s.fillDown = (ev.target as HTMLInputElement).checked;
      void recount("fillDown");
    });
    out.querySelector("#import-forget")?.addEventListener("click", () => {
      choices = {};
      try {
        localStorage.removeItem(CHOICES_KEY);
      } catch {}
      void recount();
    });
    send.hidden = r.vacancies.length === 0;
    byId("import-send-button").textContent = `Send counts for ${plural(r.vacancies.length, "vacancy", "vacancies")}`;
    byId("import-send-held").textContent = r.held.length ? `${plural(r.held.length, "vacancy", "vacancies")} waiting for your choices will not be sent.` : "";
  }

  async function sendImport(): Promise<void> {
    const s = session;
    if (!s?.result) return;
    const submitToken = byId<HTMLInputElement>("submit-token").value.trim();
    const secret = byId<HTMLInputElement>("org-secret").value;
    const problem = !submitToken.startsWith("fs_submit_") ? "Enter your organisation's submit token (it starts fs_submit_)." : orgSecretProblem(secret);
    if (problem) return replaceChildren(result, h("p", { class: "error-message", role: "alert" }, problem));
    const button = byId<HTMLButtonElement>("import-send-button");
    button.disabled = true;
    replaceChildren(result, h("p", {}, "Sending…"));
    const vacancies = s.result.vacancies;
    let created = 0;
    let replaced = 0;
    let saved = 0;
    try {
      const keyOf = await vacancyKeyMaker(secret);
      const outcomes = await Promise.all(
        vacancies.map(async (v) => submissionOf(v, await keyOf(v.reference))),
      );
      for (let i = 0; i < outcomes.length; i += BATCH_SIZE) {
        const batch = outcomes.slice(i, i + BATCH_SIZE);
        const body = await deps.sendBatch(batch, submitToken);
        created += body.created;
        replaced += body.replaced;
        saved += batch.length;
      }
      replaceChildren(
        result,
        h("p", { class: "success-message", role: "status", id: "import-done" }, `Sent counts for ${plural(outcomes.length, "vacancy", "vacancies")}: ${created} new, ${replaced} replaced earlier counts. No applicant rows or vacancy references left this computer.`),
      );
      byId<HTMLInputElement>("submit-token").value = "";
      await deps.afterSend();
    } catch (e) {
      const issues = (e as { issues?: { path: string; message: string }[] }).issues?.slice(0, 20) ?? [];
      // Batches are saved one by one: say exactly what is in, so a second send is understood as safe.
      const lead =
        saved === 0
          ? `Nothing was saved: ${(e as Error).message}`
          : `Counts for ${plural(saved, "vacancy", "vacancies")} of ${vacancies.length} were saved (${created} new, ${replaced} replaced); the rest were not: ${(e as Error).message} Sending the file again replaces what was saved rather than counting it twice.`;
      replaceChildren(result, h("div", { class: "error-message", role: "alert" }, h("p", {}, lead), issues.length ? h("ul", {}, ...issues.map((i) => h("li", {}, `${i.path}: ${i.message}`))) : null));
    } finally {
      button.disabled = false;
    }
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (file) void open(file);
  });
  byId("import-send").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void sendImport();
  });
}
