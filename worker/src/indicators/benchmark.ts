import type { BenchmarkResponse, OutcomeCounts } from "@fair-shortlist/shared/schemas/api";
import { pooledRelativeLikelihood } from "@fair-shortlist/shared/pooled";
import { hasSmallCell } from "@fair-shortlist/shared/suppression";
import { criticalValue, relativeLikelihood } from "@fair-shortlist/shared/wres2";
import type { OrgTotals } from "../db/aggregates";
import { SUPPRESSION_THRESHOLD } from "./figures";

/**
 * The national picture for a funnel plot (Spiegelhalter 2005): each organisation's relative
 * likelihood against its precision, 1 / SE(ln RR) with the Katz SE, around a centre with
 * control limits centre × exp(±z / precision).
 *
 * Safe by construction against a caller who reads, writes and deletes to learn about others
 * (docs/privacy.md, "The national benchmark"):
 *  - everything made from others' data (national figures, centre, their points) leaves the
 *    caller out, so the caller's own writes cannot move it: probing learns nothing;
 *  - every other organisation's counts are rounded to a multiple of BENCHMARK_ROUNDING before
 *    anything (eligibility included) is computed from them, so the response is a function of
 *    rounded counts only and one vacancy, mostly, changes nothing at all;
 *  - only peers with enough data (rounded) count, and with fewer than MIN_PEERS of them the
 *    response holds nothing made from others' data: no national figure, no centre, no points.
 * Points carry no name or id and are ordered by precision, so nothing ties one to a peer.
 */
export const MIN_PEERS = 5;
export const BENCHMARK_ROUNDING = 5;
export const MIN_SHORTLISTED_PER_GROUP = 20;
export const MIN_APPOINTED_PER_GROUP = SUPPRESSION_THRESHOLD;
const CONTROL_LEVELS = [95, 99.8] as const;

function eligible(c: OutcomeCounts): boolean {
  const { white, bme } = c;
  return (
    white.shortlisted >= MIN_SHORTLISTED_PER_GROUP &&
    bme.shortlisted >= MIN_SHORTLISTED_PER_GROUP &&
    white.appointed >= MIN_APPOINTED_PER_GROUP &&
    bme.appointed >= MIN_APPOINTED_PER_GROUP &&
    !hasSmallCell(white, SUPPRESSION_THRESHOLD) &&
    !hasSmallCell(bme, SUPPRESSION_THRESHOLD) &&
    // Katz SE needs someone not appointed in some group.
    white.appointed + bme.appointed < white.shortlisted + bme.shortlisted
  );
}

const roundCount = (n: number) => Math.round(n / BENCHMARK_ROUNDING) * BENCHMARK_ROUNDING;
function roundedCounts(c: OutcomeCounts): OutcomeCounts {
  const group = (g: { shortlisted: number; appointed: number }) => {
    const shortlisted = roundCount(g.shortlisted);
    return { shortlisted, appointed: Math.min(shortlisted, roundCount(g.appointed)) };
  };
  return { white: group(c.white), bme: group(c.bme), notStated: group(c.notStated) };
}
const hasData = (c: OutcomeCounts) => c.white.shortlisted + c.bme.shortlisted + c.notStated.shortlisted > 0;
/** A canonical order of count sets: the result then depends on the peers' rounded counts alone, not on their row order or ids. */
const countsKey = (c: OutcomeCounts) =>
  [c.white.shortlisted, c.white.appointed, c.bme.shortlisted, c.bme.appointed, c.notStated.shortlisted, c.notStated.appointed]
    .map((n) => String(n).padStart(8, "0"))
    .join(",");

function point(c: OutcomeCounts) {
  const { shortlisted: n1, appointed: a } = c.white;
  const { shortlisted: n2, appointed: b } = c.bme;
  const rr = (a * n2) / (b * n1);
  const se = Math.sqrt(1 / a - 1 / n1 + (1 / b - 1 / n2));
  return { rr, precision: 1 / se };
}

const round = (x: number, places: number) => Number(x.toFixed(places));

function nullInterval(level: number) {
  return { lower: null, upper: null, level: level / 100, method: "none" };
}

export function benchmark(all: OrgTotals[], ownSeq: number, year: string | null, level: number): BenchmarkResponse {
  const own = all.find((o) => o.orgSeq === ownSeq);
  const peers = all
    .filter((o) => o.orgSeq !== ownSeq && hasData(o.counts))
    .map((o) => roundedCounts(o.counts))
    .filter(eligible)
    .map((c) => ({ c, key: countsKey(c) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.c);
  const shown = peers.length >= MIN_PEERS ? peers : [];
  const enough = shown.length > 0;

  // pooledRelativeLikelihood also gives the crude figure (all counts added): the one NHS England publishes.
  const pooled = enough ? pooledRelativeLikelihood(shown, { level }) : null;
  const crude = pooled?.crude ?? null;
  const centre = pooled?.relativeLikelihood ?? crude?.relativeLikelihood ?? null;
  // The caller's own point is from its exact counts: they are its own.
  const ownIncluded = enough && own !== undefined && eligible(own.counts) && centre !== null && centre > 0;

  const points = [
    ...shown.map((c) => ({ ...point(c), you: false })),
    ...(ownIncluded ? [{ ...point(own!.counts), you: true }] : []),
  ]
    .sort((p, q) => p.precision - q.precision || p.rr - q.rr || Number(p.you) - Number(q.you))
    .map((p) => ({ relativeLikelihood: round(p.rr, 3), precision: round(p.precision, 2), you: p.you }));
  const limits =
    centre !== null && centre > 0 && points.length > 0
      ? CONTROL_LEVELS.map((lvl) => {
          const z = criticalValue(lvl);
          const maxP = Math.max(...points.map((p) => p.precision)) * 1.1;
          const minP = Math.max(0.5, Math.min(...points.map((p) => p.precision)) * 0.8);
          const steps = 40;
          return {
            level: lvl,
            z: round(z, 4),
            points: Array.from({ length: steps + 1 }, (_, i) => {
              const precision = minP + ((maxP - minP) * i) / steps;
              return {
                precision: round(precision, 3),
                lower: round(centre * Math.exp(-z / precision), 4),
                upper: round(centre * Math.exp(z / precision), 4),
              };
            }),
          };
        })
      : [];

  let you: BenchmarkResponse["you"] = {
    included: false,
    relativeLikelihood: null,
    ci: null,
    precision: null,
    position: "notIncluded",
  };
  if (ownIncluded && centre !== null) {
    const p = point(own!.counts);
    const r = relativeLikelihood(own!.counts, { level });
    const deviation = Math.log(p.rr / centre) * p.precision; // z-score of ln RR against the centre
    const [z95, z998] = [criticalValue(95), criticalValue(99.8)];
    const position =
      deviation > z998
        ? "aboveUpper998"
        : deviation > z95
          ? "aboveUpper95"
          : deviation < -z998
            ? "belowLower998"
            : deviation < -z95
              ? "belowLower95"
              : "withinLimits";
    you = { included: true, relativeLikelihood: r.relativeLikelihood, ci: r.ci, precision: round(p.precision, 2), position };
  }

  return {
    year,
    level,
    national: {
      organisations: shown.length,
      relativeLikelihood: crude?.relativeLikelihood ?? null,
      ci: crude?.ci ?? nullInterval(level),
      pooled: {
        relativeLikelihood: pooled?.relativeLikelihood ?? null,
        ci: pooled?.ci ?? nullInterval(level),
        method: pooled?.method ?? "none",
        strataUsed: pooled?.strataUsed ?? 0,
      },
    },
    inclusion: {
      minimumOrganisations: MIN_PEERS,
      minimumShortlistedPerGroup: MIN_SHORTLISTED_PER_GROUP,
      minimumAppointedPerGroup: MIN_APPOINTED_PER_GROUP,
      organisationsIncluded: shown.length,
    },
    you,
    points,
    funnel: { centre, limits },
  };
}
