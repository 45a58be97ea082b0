/**
 * The views WRES indicator 2 and WDES metric 2 share: the headline block, the counts table, the
 * breakdowns (forest plot and table) and the trend. The statistics are the same (shared/src/wdes2.ts
 * runs WDES on WRES arithmetic); only the groups' names and where their counts sit differ, and a
 * `Standard` says both.
 */
import { bandLabel, staffGroupLabel, type Band, type StaffGroup } from "@fair-shortlist/shared/bands";
import { relativeLikelihoodChange, WRES_LABELS, type ComparisonLabels } from "@fair-shortlist/shared/wres2";
import { WDES_LABELS } from "@fair-shortlist/shared/wdes2";
import { h, table } from "./dom";
import { intervalChart, trendChart, type IntervalRow } from "./charts";
import { formatRatio, fourFifthsPosition, headline, isComplementary, percent, plural, ratioCell, suppressedLabel, type RatioFigures } from "./headline";
import type { Wdes2Figures, Wres2Figures } from "./types";

export interface GroupCounts {
  shortlisted: number | null;
  appointed: number | null;
}

/** The two compared groups and the one left out, in the standard's order of reading. */
export interface Groups {
  reference?: GroupCounts | undefined;
  focus?: GroupCounts | undefined;
  excluded?: GroupCounts | undefined;
}

/** A figure as the views read it: overall or one breakdown row, of either standard. */
export type ShownFigures = RatioFigures & { key?: string; label?: string };

export interface Standard<F extends ShownFigures> {
  id: "wres" | "wdes";
  /** Prefix of element ids, so both standards' views can live on the page at once. */
  prefix: string;
  /** "WRES indicator 2", "WDES metric 2". */
  name: string;
  labels: ComparisonLabels;
  /** Column and row names: "White", "BME", "Not stated (excluded from the indicator)". */
  groupNames: Record<keyof Groups, string>;
  /** What the groups are of: "ethnic group", "disability". */
  attribute: string;
  counts(f: F): Groups;
  likelihood(f: F): Partial<Record<keyof Groups, number | null | undefined>>;
  /** A figure whose vacancies recorded none of the standard's counts: "not recorded", never zero. */
  notRecorded(f: F): boolean;
  /** Further table columns after the standard ones. */
  extraColumns: { head: string; cell(f: F): string }[];
  /** One sentence under the counts table: what the figure divides by what. */
  definition: string;
}

export const WRES: Standard<Wres2Figures> = {
  id: "wres",
  prefix: "",
  name: "WRES indicator 2",
  labels: WRES_LABELS,
  groupNames: { reference: "White", focus: "BME", excluded: "Not stated (excluded from the indicator)" },
  attribute: "ethnic group",
  counts: (f) => ({ reference: f.counts?.white, focus: f.counts?.bme, excluded: f.counts?.notStated }),
  likelihood: (f) => ({ reference: f.likelihood?.white, focus: f.likelihood?.bme, excluded: f.likelihood?.notStated }),
  notRecorded: () => false,
  extraColumns: [],
  definition: "WRES indicator 2: the likelihood of white shortlisted applicants being appointed divided by that of BME shortlisted applicants. 1.00 means equal likelihood.",
};

/** "3 of 4": vacancies that recorded disability against all vacancies in the period or row. */
export function recordedOf(f: Pick<Wdes2Figures, "vacancies" | "vacanciesInPeriod">): string {
  return `${f.vacancies} of ${f.vacanciesInPeriod}`;
}

export const WDES: Standard<Wdes2Figures & { key?: string; label?: string }> = {
  id: "wdes",
  prefix: "wdes-",
  name: "WDES metric 2",
  labels: WDES_LABELS,
  groupNames: { reference: "Non-disabled", focus: "Disabled", excluded: "Not declared (excluded from the metric)" },
  attribute: "disability",
  counts: (f) => ({ reference: f.counts.notDisabled, focus: f.counts.disabled, excluded: f.counts.notDeclared }),
  likelihood: (f) => ({ reference: f.likelihood.notDisabled, focus: f.likelihood.disabled, excluded: f.likelihood.notDeclared }),
  notRecorded: (f) => f.vacancies === 0,
  extraColumns: [{ head: "Vacancies with disability recorded", cell: (f) => recordedOf(f) }],
  definition:
    "WDES metric 2: the likelihood of non-disabled shortlisted applicants being appointed divided by that of Disabled shortlisted applicants. 1.00 means equal likelihood; above 1.00 favours non-disabled applicants.",
};

/** What every view needs to know about the page: the asked level and year, the trust's threshold. */
export interface ViewContext {
  level: number;
  threshold: number | undefined;
  year: string | null;
  /** The year in words for a heading: "2024/25 (year to date)". */
  period: string | undefined;
}

export const NOT_RECORDED = "not recorded";

export function rowOf<F extends ShownFigures>(std: Standard<F>, ctx: ViewContext, f: F, label: string): IntervalRow {
  if (f.suppressed) {
    const note = suppressedLabel(ctx.threshold, f.suppressionCode);
    return { label, value: null, lower: null, upper: null, note, shortNote: isComplementary(f.suppressionCode) ? "withheld to protect a small count" : note };
  }
  const note = std.notRecorded(f) ? `${std.attribute} ${NOT_RECORDED}` : f.relativeLikelihood === null ? "not available" : undefined;
  return { label, value: f.relativeLikelihood, lower: f.ci?.lower ?? null, upper: f.ci?.upper ?? null, note };
}

export function labelOf(f: ShownFigures, kind: string): string {
  if (f.label) return f.label;
  if (kind === "band" && f.key) return bandLabel(f.key as Band);
  if (kind === "staff group" && f.key) return staffGroupLabel(f.key as StaffGroup);
  return f.key ?? "";
}

export function countsTable<F extends ShownFigures>(std: Standard<F>, ctx: ViewContext, f: F): HTMLTableElement {
  const withheld = std.notRecorded(f) ? NOT_RECORDED : suppressedLabel(ctx.threshold, f.suppressionCode);
  const hide = f.suppressed || std.notRecorded(f);
  const cell = (v: number | null | undefined) => (hide || v === null || v === undefined ? withheld : String(v));
  const counts = std.counts(f);
  const likelihood = std.likelihood(f);
  const groups = (["reference", "focus", "excluded"] as const).map((g) => [std.groupNames[g], counts[g], likelihood[g]] as const);
  return table(
    `Shortlisted and appointed applicants by ${std.attribute}`,
    ["Group", "Shortlisted", "Appointed", "Likelihood of appointment"],
    groups
      .filter(([, c]) => c !== undefined || f.suppressed)
      .map(([name, c, l]) => [name, cell(c?.shortlisted), cell(c?.appointed), hide || c?.shortlisted === null ? withheld : percent(l)]),
  );
}

export function fourFifthsCell(value: number | null): string {
  switch (fourFifthsPosition(value)) {
    case "above":
      return "Outside: above 1.25";
    case "below":
      return "Outside: below 0.80";
    case "within":
      return "Within";
    default:
      return "not available";
  }
}

export function breakdownTable<F extends ShownFigures>(std: Standard<F>, ctx: ViewContext, caption: string, items: F[], kind: string): HTMLTableElement {
  const first = kind === "year" ? "Financial year" : kind === "band" ? "Band" : kind === "group" ? "Vacancies" : "Staff group";
  return table(
    caption,
    [
      first,
      `${std.groupNames.reference} shortlisted / appointed`,
      `${std.groupNames.focus} shortlisted / appointed`,
      `Relative likelihood (${ctx.level}% interval)`,
      "Four-fifths range",
      ...std.extraColumns.map((c) => c.head),
    ],
    items.map((f) => {
      const missing = std.notRecorded(f);
      const sup = f.suppressed;
      const withheld = missing ? NOT_RECORDED : suppressedLabel(ctx.threshold, f.suppressionCode);
      const pair = (c?: GroupCounts) => (sup || missing || !c || c.shortlisted === null ? withheld : `${c.shortlisted} / ${c.appointed}`);
      const counts = std.counts(f);
      return [
        f.smallNumbers ? `${labelOf(f, kind)} (small numbers: treat with caution)` : labelOf(f, kind),
        pair(counts.reference),
        pair(counts.focus),
        h("span", { class: sup ? "suppressed" : "" }, missing ? NOT_RECORDED : ratioCell(f, ctx.threshold)),
        sup || missing ? withheld : fourFifthsCell(f.relativeLikelihood),
        ...std.extraColumns.map((c) => c.cell(f)),
      ];
    }),
  );
}

/** The forest plot and table of one breakdown (band, staff group), with a note on withheld rows. */
export function breakdownView<F extends ShownFigures>(std: Standard<F>, ctx: ViewContext, id: string, items: F[], kind: "band" | "staff group", width: number): Node[] {
  if (items.length === 0) return [h("p", {}, `No figures by ${kind} for this period.`)];
  const rows = items.map((f) => rowOf(std, ctx, f, labelOf(f, kind)));
  const suppressed = items.filter((f) => f.suppressed);
  const protecting = suppressed.filter((f) => isComplementary(f.suppressionCode)).length;
  const small = suppressed.length - protecting;
  const chart = intervalChart(rows, {
    width,
    axis: `${std.labels.reference} ÷ ${std.labels.focus}`,
    title: `${std.name}: relative likelihood by ${kind}, ${ctx.year ?? "all years"}`,
    desc: `${rows
      .map((r) => `${r.label}: ${r.value === null ? r.note : `${formatRatio(r.value)}${r.lower !== null ? `, interval ${formatRatio(r.lower)} to ${r.upper === null ? "no upper limit" : formatRatio(r.upper)}` : ""}`}`)
      .join("; ")}. The shaded range is 0.80 to 1.25.`,
  });
  return [
    h("figure", { class: "chart-figure" }, chart, h("figcaption", {}, `Points are the relative likelihood; lines are the ${ctx.level}% interval. Shaded: the four-fifths range (0.80–1.25).`)),
    suppressed.length > 0
      ? h(
          "p",
          { class: "hint", id: `${id}-suppression` },
          [
            small > 0 ? `${plural(small, "row")} ${small === 1 ? "has" : "have"} fewer than ${ctx.threshold ?? "a few"} applicants in a group and ${small === 1 ? "is" : "are"} suppressed.` : "",
            protecting > 0
              ? `${plural(protecting, "more row")} ${protecting === 1 ? "is" : "are"} withheld so that a small count elsewhere cannot be worked out by subtracting the rows shown from the total.`
              : "",
          ]
            .filter(Boolean)
            .join(" "),
        )
      : null,
    breakdownTable(std, ctx, `${std.name}: relative likelihood by ${kind}`, items, kind),
  ].filter((n): n is HTMLElement => n !== null);
}

/** The trend chart across financial years, with a published national series where there is one, and its table. */
export function trendView<F extends ShownFigures>(
  std: Standard<F>,
  ctx: ViewContext,
  items: F[],
  national: ReadonlyArray<{ label: string; value: number; year: string }>,
  width: number,
): Node[] {
  const points = items.map((f) => rowOf(std, ctx, f, f.key ?? f.label ?? ""));
  const nationalText = national.length ? ` Published national figures: ${national.map((n) => `${n.label} ${n.value.toFixed(2)}`).join("; ")}.` : "";
  const chart = trendChart(points, national, {
    width,
    title: `${std.name}: relative likelihood by financial year${national.length ? ", with published national figures" : ""}`,
    desc: `Your organisation: ${points.map((p) => `${p.label} ${p.value === null ? p.note : formatRatio(p.value)}`).join("; ") || "no data"}.${nationalText} Shaded: the four-fifths range 0.80 to 1.25.`,
  });
  const caption = `Dots with whiskers: your organisation with its ${ctx.level}% interval.${
    national.length ? " Diamonds: national values published by NHS England (WRES reports), placed at the financial year each report describes." : ""
  } Shaded: the four-fifths range.`;
  return [
    h("figure", { class: "chart-figure" }, chart, h("figcaption", {}, caption)),
    items.length > 0 ? breakdownTable(std, ctx, `${std.name}: relative likelihood by financial year`, items, "year") : h("p", {}, "No yearly figures yet."),
  ];
}

/** "Change since 2023/24: from 1.62 to 1.46, a ratio of 0.90 (95% interval 0.71–1.14): …" or "". */
export function changePhrase<F extends ShownFigures>(std: Standard<F>, level: number, years: F[], year: string | null): string {
  if (!year) return "";
  const i = years.findIndex((y) => y.key === year);
  const now = years[i];
  const before = years[i - 1];
  if (!now || !before || now.suppressed || before.suppressed || std.notRecorded(now) || std.notRecorded(before)) return "";
  // The change statistic is WRES arithmetic on the reference (white's place) and focus (BME's place) groups.
  const counts = (f: F) => {
    const c = std.counts(f);
    const whole = (g?: GroupCounts) => ({ shortlisted: g?.shortlisted ?? 0, appointed: g?.appointed ?? 0 });
    return { white: whole(c.reference), bme: whole(c.focus) };
  };
  const change = relativeLikelihoodChange(counts(before), counts(now), { level });
  if (!change || before.relativeLikelihood === null || now.relativeLikelihood === null) return "";
  return (
    `Change since ${before.key}: from ${formatRatio(before.relativeLikelihood)} to ${formatRatio(now.relativeLikelihood)}, ` +
    `a ratio of ${change.ratio.toFixed(2)} (${level}% interval ${change.lower.toFixed(2)}–${change.upper.toFixed(2)}): ` +
    (change.significant ? "a change larger than chance alone would explain." : "the interval includes 1.00, so the data cannot tell whether it has really changed.")
  );
}

/** The headline block: the figure in words, caution, significance, change since last year, shortfall and counts. */
export function headlineView<F extends ShownFigures>(std: Standard<F>, ctx: ViewContext, f: F, years: F[], ytd: boolean): (Node | null)[] {
  const p = std.prefix;
  const hl = headline(f, { period: ctx.period, threshold: ctx.threshold, labels: std.labels });
  const change = changePhrase(std, ctx.level, years, ctx.year);
  return [
    ytd ? h("p", { class: "ytd", id: `${p}headline-ytd` }, `${ctx.year} has not ended: these are figures for the year to date and will change as vacancies close.`) : null,
    h("p", { class: `headline headline--${hl.position}`, id: `${p}headline-text` }, hl.main),
    hl.caution ? h("p", { class: "caution", id: `${p}headline-caution` }, hl.caution) : null,
    hl.significance ? h("p", { id: `${p}headline-significance` }, hl.significance) : null,
    change ? h("p", { id: `${p}headline-change` }, change) : null,
    hl.shortfall ? h("p", { id: `${p}headline-shortfall`, class: "shortfall" }, hl.shortfall) : null,
  ];
}

// ---------------------------------------------------------------------------
// Publication tables (/v1/report/wres2, /v1/report/wdes2): the rows the API may publish, worded by suppressionCode.

/** One publication row of either standard, as the table reads it. */
export interface PublicationRowLike extends RatioFigures {
  year: string;
  label: string;
  vacancies: number | null;
  interpretation: { verdict: "adverseImpact" | "cannotTell" | "noAdverseImpact" | null; category: string; text: string };
}

/** The group names a publication table needs (any standard's). */
export type StandardWords = Pick<Standard<ShownFigures>, "name" | "groupNames" | "labels">;

/** Where each standard's publication rows keep the compared groups' counts. */
export const WRES_PUB_COUNTS = (r: { counts: { white: GroupCounts; bme: GroupCounts } }): Groups => ({ reference: r.counts.white, focus: r.counts.bme });
export const WDES_PUB_COUNTS = (r: { counts: { notDisabled: GroupCounts; disabled: GroupCounts } }): Groups => ({ reference: r.counts.notDisabled, focus: r.counts.disabled });

/** How a row withheld from publication reads: never a number. */
export function withheldText(code: string | null | undefined, threshold: number | undefined): string {
  return code === "complementary" ? "withheld to protect a small number elsewhere" : `withheld: fewer than ${threshold ?? 5} in a group`;
}

/** Categories where the reference group (white, non-disabled) was favoured: adverse impact on the focus group. */
const REFERENCE_FAVOURED = new Set(["favoursWhite", "favoursNonDisabled"]);

export function verdictText(std: StandardWords, r: PublicationRowLike): string {
  switch (r.interpretation.verdict) {
    case "adverseImpact":
      return REFERENCE_FAVOURED.has(r.interpretation.category) ? `Adverse impact on ${std.labels.focus} applicants` : `Adverse impact on ${std.labels.reference} applicants`;
    case "cannotTell":
      return "Outside the four-fifths range; the data cannot tell";
    case "noAdverseImpact":
      return "Within the four-fifths range";
    default:
      return "not available";
  }
}

export function publicationTable<R extends PublicationRowLike>(std: StandardWords, ctx: ViewContext, caption: string, first: string, rows: R[], countsOf: (r: R) => Groups): HTMLTableElement {
  return table(
    caption,
    [first, `${std.groupNames.reference} shortlisted / appointed`, `${std.groupNames.focus} shortlisted / appointed`, `Relative likelihood (${ctx.level}% interval)`, "Reading", "Vacancies"],
    rows.map((r) => {
      const name = r.label === "All posts" ? r.year : r.label;
      if (r.suppressed) {
        const w = withheldText(r.suppressionCode, ctx.threshold);
        return [name, w, w, h("span", { class: "suppressed" }, w), w, w];
      }
      const c = countsOf(r);
      const pair = (g?: GroupCounts) => `${g?.shortlisted ?? "–"} / ${g?.appointed ?? "–"}`;
      return [name, pair(c.reference), pair(c.focus), ratioCell(r, ctx.threshold), verdictText(std, r), String(r.vacancies)];
    }),
  );
}
