/**
 * Chart geometry, kept pure so it can be tested without a browser. Relative likelihoods are
 * ratios, so they are drawn on a log scale: 0.5 and 2 sit the same distance from 1.
 */
import { FOUR_FIFTHS_BAND } from "@fair-shortlist/shared/wres2";

export interface LogScale {
  readonly min: number;
  readonly max: number;
  /** Position for a value: inside [rangeStart, rangeEnd] for values in [min, max]. */
  (value: number): number;
  readonly ticks: readonly number[];
}

const CANDIDATE_TICKS = [0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 10, 20];

/**
 * A log scale covering every value given plus the four-fifths band and 1.00, padded by 10 %,
 * mapped onto [rangeStart, rangeEnd] (for a y axis give them bottom-to-top: 300, 20).
 */
export function logScale(values: ReadonlyArray<number | null | undefined>, rangeStart: number, rangeEnd: number): LogScale {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
  let min = Math.min(FOUR_FIFTHS_BAND.lower, ...finite);
  let max = Math.max(FOUR_FIFTHS_BAND.upper, ...finite);
  min = Math.max(0.05, min / 1.1);
  max = Math.min(50, max * 1.1);
  const lmin = Math.log(min);
  const lmax = Math.log(max);
  // Not clamped: a funnel limit beyond the domain must keep its slope (the chart clips it).
  const scale = ((value: number) => {
    const v = Math.max(1e-6, value);
    return rangeStart + ((Math.log(v) - lmin) / (lmax - lmin)) * (rangeEnd - rangeStart);
  }) as LogScale;
  const inside = CANDIDATE_TICKS.filter((t) => t >= min && t <= max);
  // Keep about six ticks; 1, 0.8 and 1.25 always stay, they are what the chart is about.
  const essential = new Set([0.8, 1, 1.25]);
  const step = Math.max(1, Math.ceil(inside.length / 7));
  const ticks = inside.filter((t, i) => essential.has(t) || i % step === 0);
  return Object.assign(scale, { min, max, ticks });
}

export function linearScale(domainMin: number, domainMax: number, rangeStart: number, rangeEnd: number): (v: number) => number {
  const span = domainMax - domainMin || 1;
  return (v) => rangeStart + ((v - domainMin) / span) * (rangeEnd - rangeStart);
}

/** Round numbers for a linear axis from 0 to about max. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toFixed(10)));
  return ticks;
}

/**
 * Funnel-plot control limits around a centre value when the API does not send them:
 * centre × exp(±z / precision), precision = 1 / SE(ln RR) (docs/api.md, Spiegelhalter 2005).
 */
export function funnelLimits(centre: number, precisions: readonly number[], z: number): { precision: number; lower: number; upper: number }[] {
  return precisions.map((precision) => ({
    precision,
    lower: centre * Math.exp(-z / precision),
    upper: centre * Math.exp(z / precision),
  }));
}

/** Evenly spaced precisions from just above 0 to max, for drawing smooth limit curves. */
export function precisionGrid(max: number, steps = 40): number[] {
  const top = max > 0 ? max : 1;
  return Array.from({ length: steps }, (_, i) => (top * (i + 1)) / steps);
}

/**
 * National WRES indicator 2 values published by NHS England (docs/domain.md), labelled as
 * published. `year` places each on a financial-year axis: a WRES report of year Y describes
 * the financial year ending in Y, so "2016" sits at 2015/16; "2018/19" is already a
 * financial year. The placement is approximate and the chart says so.
 */
export const NATIONAL_WRES2: ReadonlyArray<{ readonly label: string; readonly value: number; readonly year: string }> = [
  { label: "2016", value: 1.57, year: "2015/16" },
  { label: "2018", value: 1.45, year: "2017/18" },
  { label: "2018/19", value: 1.46, year: "2018/19" },
  { label: "2020", value: 1.61, year: "2019/20" },
  { label: "2022", value: 1.54, year: "2021/22" },
  { label: "2023", value: 1.59, year: "2022/23" },
];
