/**
 * Hand-built SVG charts. Each is an image to assistive technology (role="img", <title> and
 * <desc>) with the same figures in a data table next to it; the charts are drawn at the
 * width of their container so text stays readable at 320 px.
 */
import { financialYearsBetween } from "@fair-shortlist/shared/periods";
import { FOUR_FIFTHS_BAND } from "@fair-shortlist/shared/wres2";
import { s, uniqueId } from "./dom";
import { formatRatio } from "./headline";
import { funnelLimits, linearScale, logScale, niceTicks, precisionGrid } from "./scales";

export const COLOURS = {
  blue: "#005EB8",
  darkBlue: "#003087",
  text: "#212B32",
  secondary: "#4C6272",
  border: "#AEB7BD",
  band: "#E3F0E8",
  bandEdge: "#007F3B",
  national: "#7C2855",
  point: "#768692",
  red: "#D5281B",
};

function frame(width: number, height: number, title: string, desc: string): { svg: SVGElement } {
  const titleId = uniqueId("chart-title");
  const descId = uniqueId("chart-desc");
  const svg = s(
    "svg",
    {
      role: "img",
      "aria-labelledby": `${titleId} ${descId}`,
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      class: "chart",
      focusable: "false",
    },
    s("title", { id: titleId }, title),
    s("desc", { id: descId }, desc),
  );
  return { svg };
}

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): SVGElement {
  return s("text", { x, y, fill: COLOURS.text, "font-size": 13, ...attrs }, content);
}

export interface IntervalRow {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Shown instead of a point, e.g. "suppressed: fewer than 5". */
  note?: string;
  /** Drawn instead of `note` when that does not fit the plot's width (phones); the description keeps `note`. */
  shortNote?: string;
}

/** Log-scale y (or x) band for 0.80-1.25 and a line at 1.00, drawn horizontally across [x0, x1]. */
function bandAndParityY(y: (v: number) => number, x0: number, x1: number): SVGElement[] {
  const top = y(FOUR_FIFTHS_BAND.upper);
  const bottom = y(FOUR_FIFTHS_BAND.lower);
  return [
    s("rect", { x: x0, y: top, width: x1 - x0, height: bottom - top, fill: COLOURS.band, class: "four-fifths-band" }),
    s("line", { x1: x0, x2: x1, y1: y(1), y2: y(1), stroke: COLOURS.bandEdge, "stroke-width": 1.5 }),
  ];
}

/**
 * Horizontal interval chart (a forest plot): one row per band or staff group, the point at
 * the relative likelihood and a whisker for the interval, on a log axis with the
 * four-fifths range shaded.
 */
export function intervalChart(rows: IntervalRow[], opts: { width: number; title: string; desc: string; axis?: string }): SVGElement {
  const narrow = opts.width < 480;
  const labelWidth = narrow ? 0 : 170;
  const rowHeight = narrow ? 44 : 30;
  const top = 30;
  const height = top + rows.length * rowHeight + 40;
  const left = labelWidth + 12;
  const right = opts.width - (narrow ? 16 : 60);
  const values = rows.flatMap((r) => [r.value, r.lower, r.upper]);
  const x = logScale(values, left, right);
  const { svg } = frame(opts.width, height, opts.title, opts.desc);
  const plotBottom = top + rows.length * rowHeight;

  const bandX0 = x(FOUR_FIFTHS_BAND.lower);
  const bandX1 = x(FOUR_FIFTHS_BAND.upper);
  svg.append(
    s("rect", { x: bandX0, y: top - 6, width: bandX1 - bandX0, height: plotBottom - top + 6, fill: COLOURS.band }),
    s("line", { x1: x(1), x2: x(1), y1: top - 6, y2: plotBottom, stroke: COLOURS.bandEdge, "stroke-width": 1.5 }),
    text(bandX0 + 2, top - 12, "four-fifths range", { "font-size": 11, fill: COLOURS.secondary }),
  );
  for (const t of x.ticks) {
    svg.append(
      s("line", { x1: x(t), x2: x(t), y1: plotBottom, y2: plotBottom + 5, stroke: COLOURS.secondary }),
      text(x(t), plotBottom + 18, formatTick(t), { "text-anchor": "middle", "font-size": 11 }),
    );
  }
  svg.append(
    s("line", { x1: left, x2: right, y1: plotBottom, y2: plotBottom, stroke: COLOURS.secondary }),
    text((left + right) / 2, plotBottom + 34, `Relative likelihood (${opts.axis ?? "white ÷ BME"}), log scale`, { "text-anchor": "middle", "font-size": 11, fill: COLOURS.secondary }),
  );

  rows.forEach((row, i) => {
    const yMid = top + i * rowHeight + (narrow ? rowHeight * 0.65 : rowHeight / 2);
    const labelY = narrow ? top + i * rowHeight + 13 : yMid + 4;
    svg.append(text(narrow ? left : 4, labelY, row.label, { "font-weight": 600 }));
    if (row.value === null) {
      const fits = (t: string) => t.length * 7 + 12 <= right - left;
      const full = row.note ?? "not available";
      const note = fits(full) || !row.shortNote ? full : row.shortNote;
      svg.append(
        s("rect", { x: left, y: yMid - 10, width: Math.min(right - left, note.length * 7 + 12), height: 20, fill: "#fff", stroke: COLOURS.border }),
        text(left + 6, yMid + 4, note, { "font-style": "italic", fill: COLOURS.secondary, class: "chart-note" }),
      );
      return;
    }
    if (row.lower !== null) {
      const x2 = row.upper === null ? right : x(row.upper);
      svg.append(s("line", { x1: x(row.lower), x2, y1: yMid, y2: yMid, stroke: COLOURS.darkBlue, "stroke-width": 2 }));
      svg.append(s("line", { x1: x(row.lower), x2: x(row.lower), y1: yMid - 5, y2: yMid + 5, stroke: COLOURS.darkBlue, "stroke-width": 2 }));
      if (row.upper !== null) svg.append(s("line", { x1: x2, x2, y1: yMid - 5, y2: yMid + 5, stroke: COLOURS.darkBlue, "stroke-width": 2 }));
    }
    svg.append(s("circle", { cx: x(row.value), cy: yMid, r: 5, fill: COLOURS.blue, stroke: "#fff", "stroke-width": 1.5 }));
    if (!narrow) svg.append(text(opts.width - 8, yMid + 4, formatRatio(row.value), { "text-anchor": "end", "font-size": 12, "font-weight": 700 }));
  });
  return svg;
}

function formatTick(t: number): string {
  return t >= 1 && Number.isInteger(t) ? `${t}.00` : t.toFixed(2);
}

export interface TrendPoint extends IntervalRow {
  /** Financial year, "2024/25". */
  label: string;
}

/**
 * Trend across financial years: the organisation's value with interval whiskers, the
 * four-fifths range shaded, and NHS England's published national values as reference marks.
 */
export function trendChart(
  points: TrendPoint[],
  national: ReadonlyArray<{ label: string; value: number; year: string }>,
  opts: { width: number; title: string; desc: string },
): SVGElement {
  // Every financial year from the first to the last, so a gap in the data shows as a gap.
  const known = [...new Set([...points.map((p) => p.label), ...national.map((n) => n.year)])].filter((y) => /^\d{4}\/\d{2}$/.test(y)).sort();
  let years = known;
  try {
    if (known.length > 1) years = financialYearsBetween(known[0]!, known[known.length - 1]!);
  } catch {
    // A malformed label: fall back to the years as given rather than lose the chart.
  }
  const left = 48;
  const right = opts.width - 12;
  const top = 16;
  const stepGuess = (right - left) / Math.max(1, years.length);
  const rotateLabels = stepGuess < 56;
  const stackLegend = opts.width < 420;
  const bottom = top + 214;
  const legendTop = bottom + (rotateLabels ? 58 : 30);
  const height = legendTop + (stackLegend ? 40 : 20);
  const y = logScale([...points.flatMap((p) => [p.value, p.lower, p.upper]), ...national.map((n) => n.value)], bottom, top);
  const step = (right - left) / Math.max(1, years.length);
  const xOf = (year: string) => left + step * (years.indexOf(year) + 0.5);
  const { svg } = frame(opts.width, height, opts.title, opts.desc);

  svg.append(...bandAndParityY(y, left, right));
  for (const t of y.ticks) {
    svg.append(
      s("line", { x1: left - 4, x2: left, y1: y(t), y2: y(t), stroke: COLOURS.secondary }),
      text(left - 6, y(t) + 4, formatTick(t), { "text-anchor": "end", "font-size": 11 }),
    );
  }
  svg.append(s("line", { x1: left, x2: left, y1: top, y2: bottom, stroke: COLOURS.secondary }));
  svg.append(s("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: COLOURS.secondary }));
  for (const year of years) {
    const x = xOf(year);
    svg.append(
      rotateLabels
        ? text(x, bottom + 12, year, { "text-anchor": "end", "font-size": 11, transform: `rotate(-45 ${x} ${bottom + 12})` })
        : text(x, bottom + 16, year, { "text-anchor": "middle", "font-size": 11 }),
    );
  }

  svg.append(text(right - 4, y(FOUR_FIFTHS_BAND.lower) - 4, "four-fifths range 0.80–1.25", { "text-anchor": "end", "font-size": 11, fill: COLOURS.bandEdge }));
  const ownYears = new Set(points.filter((p) => p.value !== null).map((p) => p.label));
  for (const n of national) {
    // Beside, not on top of, the organisation's own point for the same year.
    const x = xOf(n.year) - (ownYears.has(n.year) ? Math.min(14, step * 0.25) : 0);
    const yy = y(n.value);
    svg.append(
      s("path", { d: `M${x} ${yy - 6} L${x + 6} ${yy} L${x} ${yy + 6} L${x - 6} ${yy} Z`, fill: "#fff", stroke: COLOURS.national, "stroke-width": 2, class: "national-point" }),
    );
    if (step >= 44) svg.append(text(x, yy - 10, n.value.toFixed(2), { "text-anchor": "middle", "font-size": 10, fill: COLOURS.national }));
  }
  const own = points.filter((p) => p.value !== null);
  if (own.length > 1) {
    svg.append(
      s("polyline", {
        points: own.map((p) => `${xOf(p.label)},${y(p.value!)}`).join(" "),
        fill: "none",
        stroke: COLOURS.blue,
        "stroke-width": 1.5,
        "stroke-dasharray": "4 3",
      }),
    );
  }
  for (const p of points) {
    const x = xOf(p.label);
    if (p.value === null) {
      svg.append(text(x, top + 14, p.note ?? "n/a", { "text-anchor": "middle", "font-size": 10, "font-style": "italic", fill: COLOURS.secondary }));
      continue;
    }
    if (p.lower !== null) {
      const upperY = p.upper === null ? top : y(p.upper);
      svg.append(
        s("line", { x1: x, x2: x, y1: y(p.lower), y2: upperY, stroke: COLOURS.darkBlue, "stroke-width": 2 }),
        s("line", { x1: x - 5, x2: x + 5, y1: y(p.lower), y2: y(p.lower), stroke: COLOURS.darkBlue, "stroke-width": 2 }),
      );
      if (p.upper !== null) svg.append(s("line", { x1: x - 5, x2: x + 5, y1: upperY, y2: upperY, stroke: COLOURS.darkBlue, "stroke-width": 2 }));
    }
    svg.append(s("circle", { cx: x, cy: y(p.value), r: 5, fill: COLOURS.blue, stroke: "#fff", "stroke-width": 1.5, class: "org-point" }));
  }

  // Legend, under the axis labels: side by side, or stacked when narrow.
  const ly = legendTop + 12;
  const legendLeft = Math.max(12, left - 30);
  svg.append(
    s("circle", { cx: legendLeft + 6, cy: ly - 4, r: 5, fill: COLOURS.blue }),
    text(legendLeft + 16, ly, "Your organisation (with interval)", { "font-size": 11 }),
  );
  // A standard with no published national series in the chart (WDES) has no diamond to explain.
  if (national.length === 0) return svg;
  const nx = stackLegend ? legendLeft + 6 : legendLeft + 220;
  const nly = stackLegend ? ly + 20 : ly;
  svg.append(
    s("path", { d: `M${nx} ${nly - 10} L${nx + 6} ${nly - 4} L${nx} ${nly + 2} L${nx - 6} ${nly - 4} Z`, fill: "#fff", stroke: COLOURS.national, "stroke-width": 2 }),
    text(nx + 10, nly, "Published national figure", { "font-size": 11 }),
  );
  return svg;
}

export interface FunnelData {
  centre: number;
  points: { relativeLikelihood: number; precision: number; you: boolean }[];
  limits?: { level: number; z: number; points: { precision: number; lower: number; upper: number }[] }[];
}

/** Funnel plot: every organisation with enough data by precision, control limits around the national value. */
export function funnelChart(data: FunnelData, opts: { width: number; title: string; desc: string }): SVGElement {
  const height = opts.width < 420 ? 338 : 320;
  const left = 48;
  const right = opts.width - 12;
  const top = 16;
  const bottom = 256; // legend below, one or two lines
  const maxPrecision = Math.max(1, ...data.points.map((p) => p.precision)) * 1.08;
  const limits =
    data.limits && data.limits.length > 0
      ? data.limits
      : [
          { level: 95, z: 1.959964, points: funnelLimits(data.centre, precisionGrid(maxPrecision), 1.959964) },
          { level: 99.8, z: 3.090232, points: funnelLimits(data.centre, precisionGrid(maxPrecision), 3.090232) },
        ];
  const x = linearScale(0, maxPrecision, left, right);
  const yValues = [data.centre, ...data.points.map((p) => p.relativeLikelihood)];
  const y = logScale(yValues, bottom, top);
  const { svg } = frame(opts.width, height, opts.title, opts.desc);
  const clip = uniqueId("funnel-clip");
  svg.append(s("defs", {}, s("clipPath", { id: clip }, s("rect", { x: left, y: top, width: right - left, height: bottom - top }))));

  svg.append(...bandAndParityY(y, left, right));
  for (const t of y.ticks) {
    svg.append(
      s("line", { x1: left - 4, x2: left, y1: y(t), y2: y(t), stroke: COLOURS.secondary }),
      text(left - 6, y(t) + 4, formatTick(t), { "text-anchor": "end", "font-size": 11 }),
    );
  }
  for (const t of niceTicks(maxPrecision, opts.width < 420 ? 3 : 5)) {
    if (t > maxPrecision) continue;
    svg.append(text(x(t), bottom + 16, String(t), { "text-anchor": "middle", "font-size": 11 }));
  }
  svg.append(
    s("line", { x1: left, x2: left, y1: top, y2: bottom, stroke: COLOURS.secondary }),
    s("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: COLOURS.secondary }),
    text((left + right) / 2, bottom + 32, opts.width < 480 ? "Precision: more applicants →" : "Precision (1 ÷ standard error): more applicants → further right", { "text-anchor": "middle", "font-size": 11, fill: COLOURS.secondary }),
    s("line", { x1: left, x2: right, y1: y(data.centre), y2: y(data.centre), stroke: COLOURS.national, "stroke-width": 1.5 }),
  );
  const g = s("g", { "clip-path": `url(#${clip})` });
  for (const limit of limits) {
    const dash = limit.level >= 99 ? "2 3" : "6 4";
    const pts = limit.points.filter((p) => p.precision > 0).sort((a, b) => a.precision - b.precision);
    for (const side of ["lower", "upper"] as const) {
      g.append(
        s("polyline", {
          points: pts.map((p) => `${x(p.precision)},${y(p[side])}`).join(" "),
          fill: "none",
          stroke: COLOURS.secondary,
          "stroke-width": 1.5,
          "stroke-dasharray": dash,
          class: `limit-${limit.level}`,
        }),
      );
    }
  }
  for (const p of data.points.filter((q) => !q.you)) {
    g.append(s("circle", { cx: x(p.precision), cy: y(p.relativeLikelihood), r: 3.5, fill: COLOURS.point, "fill-opacity": 0.8 }));
  }
  svg.append(g);
  for (const p of data.points.filter((q) => q.you)) {
    svg.append(
      s("circle", { cx: x(p.precision), cy: y(p.relativeLikelihood), r: 7, fill: COLOURS.blue, stroke: COLOURS.text, "stroke-width": 2, class: "you-point" }),
      text(x(p.precision) + (x(p.precision) > right - 110 ? -10 : 10), y(p.relativeLikelihood) - 10, "Your organisation", {
        "font-weight": 700,
        "font-size": 12,
        "text-anchor": x(p.precision) > right - 110 ? "end" : "start",
      }),
    );
  }
  const ly = opts.width < 420 ? height - 28 : height - 12;
  svg.append(
    s("line", { x1: left, x2: left + 22, y1: ly - 4, y2: ly - 4, stroke: COLOURS.secondary, "stroke-width": 1.5, "stroke-dasharray": "6 4" }),
    text(left + 26, ly, "95% limits", { "font-size": 11 }),
    s("line", { x1: left + 100, x2: left + 122, y1: ly - 4, y2: ly - 4, stroke: COLOURS.secondary, "stroke-width": 1.5, "stroke-dasharray": "2 3" }),
    text(left + 126, ly, "99.8% limits", { "font-size": 11 }),
  );
  const nx = opts.width < 420 ? left : left + 210;
  const ny = opts.width < 420 ? ly + 18 : ly;
  svg.append(
    s("line", { x1: nx, x2: nx + 22, y1: ny - 4, y2: ny - 4, stroke: COLOURS.national, "stroke-width": 1.5 }),
    text(nx + 26, ny, `Organisations using fair-shortlist ${formatRatio(data.centre)}`, { "font-size": 11 }),
  );
  return svg;
}

export interface BarRow {
  label: string;
  /** 0..max; null = suppressed or not available (note shown). */
  value: number | null;
  display: string;
}

/** Horizontal bars, label and figure above each bar: compliance rate by band, failures by rule. */
export function barChart(rows: BarRow[], opts: { width: number; max: number; title: string; desc: string }): SVGElement {
  const rowHeight = 46;
  const top = 4;
  const height = top + rows.length * rowHeight + 4;
  const left = 4;
  const right = opts.width - 8;
  const x = linearScale(0, opts.max || 1, left, right);
  const { svg } = frame(opts.width, height, opts.title, opts.desc);
  rows.forEach((row, i) => {
    const y0 = top + i * rowHeight;
    svg.append(
      text(left, y0 + 15, row.label, { "font-size": 13, "font-weight": 600 }),
      text(right, y0 + 15, row.value === null ? "" : row.display, { "font-size": 13, "text-anchor": "end" }),
    );
    if (row.value === null) {
      svg.append(text(left, y0 + 36, row.display, { "font-style": "italic", "font-size": 12, fill: COLOURS.secondary, class: "chart-note" }));
      return;
    }
    svg.append(
      s("rect", { x: left, y: y0 + 22, width: right - left, height: 16, fill: "#E8EDEE" }),
      s("rect", { x: left, y: y0 + 22, width: Math.max(1, x(row.value) - left), height: 16, fill: COLOURS.blue }),
    );
  });
  return svg;
}
