import type { BenchmarkResponse, OutcomeCounts } from "@fair-shortlist/shared/schemas/api";
import { pooledRelativeLikelihood } from "@fair-shortlist/shared/pooled";
import { hasSmallCell } from "@fair-shortlist/shared/suppression";
import { criticalValue, relativeLikelihood } from "@fair-shortlist/shared/wres2";
import type { OrgTotals } from "../db/aggregates";
import { SUPPRESSION_THRESHOLD } from "./figures";

/**
 * The national picture for a funnel plot (Spiegelhalter 2005): each organisation's relative
 * likelihood against its precision, 1 / SE(ln RR) with the Katz SE, around a centre with
 * control limits centre × exp(±z / precision). Anonymised: points carry no name or id, are
 * sorted by precision (not by organisation), rounded, and only organisations with enough data
 * appear; with fewer than MIN_ORGANISATIONS organisations nothing national is shown at all.
 */
export const MIN_ORGANISATIONS = 5;
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
  // Ordered by organisation so the result does not depend on the database's row order.
  const withData = all
    .filter((o) => o.counts.white.shortlisted + o.counts.bme.shortlisted > 0)
    .sort((a, b) => a.orgSeq - b.orgSeq);
  const enough = withData.length >= MIN_ORGANISATIONS;
  const included = enough ? withData.filter((o) => eligible(o.counts)) : [];
  const own = all.find((o) => o.orgSeq === ownSeq);

  // pooledRelativeLikelihood also gives the crude figure (all counts added): the one NHS England publishes.
  const pooled = enough ? pooledRelativeLikelihood(withData.map((o) => o.counts), { level }) : null;
  const crude = pooled?.crude ?? null;
  const centre = pooled?.relativeLikelihood ?? crude?.relativeLikelihood ?? null;

  const points = included
    .map((o) => ({ ...point(o.counts), you: o.orgSeq === ownSeq }))
    .sort((p, q) => p.precision - q.precision || p.rr - q.rr)
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
  if (own && included.includes(own) && centre !== null && centre > 0) {
    const p = point(own.counts);
    const r = relativeLikelihood(own.counts, { level });
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
      organisations: withData.length,
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
      minimumOrganisations: MIN_ORGANISATIONS,
      minimumShortlistedPerGroup: MIN_SHORTLISTED_PER_GROUP,
      minimumAppointedPerGroup: MIN_APPOINTED_PER_GROUP,
      organisationsIncluded: included.length,
    },
    you,
    points,
    funnel: { centre, limits },
  };
}
