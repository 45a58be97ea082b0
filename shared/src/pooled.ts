import {
  assertValidCounts,
  criticalValue,
  DEFAULT_CONFIDENCE_LEVEL,
  formatRelativeLikelihood,
  verdictOf,
  logGamma,
  normalizeConfidenceLevel,
  relativeLikelihood,
  WRES_LABELS,
  type ComparisonLabels,
  type ConfidenceInterval,
  type ConfidenceOptions,
  type InterpretationCategory,
  type Verdict,
  type Wres2Counts,
} from "./wres2";

/**
 * WRES indicator 2 pooled across strata (pay bands, staff groups or organisations), so a
 * trust can ask "is the gap explained by band mix?". If BME applicants are shortlisted more
 * often for posts where few shortlisted applicants are appointed, the crude ratio over all
 * posts overstates the gap within each post type; the Mantel-Haenszel ratio compares like
 * with like and then averages.
 */

export const POOLED_METHODS = {
  mantelHaenszel: "mantel-haenszel (greenland-robins interval)",
  none: "none",
} as const;

export interface Heterogeneity {
  /** Cochran's Q of the stratum log ratios around the pooled log ratio. */
  q: number;
  df: number;
  p: number;
  /** Share of the variation between strata beyond chance (Higgins & Thompson 2002), 0-1. */
  iSquared: number;
  strataUsed: number;
}

/** PooledWres2ResultSchema in ./schemas/pooled validates it. */
export interface PooledWres2Result {
  /** Mantel-Haenszel relative likelihood (white / BME), adjusted for strata. */
  relativeLikelihood: number | null;
  ci: ConfidenceInterval;
  significant: boolean | null;
  method: string;
  /** Strata with someone shortlisted in both groups and someone appointed: they carry information. */
  strataUsed: number;
  strataTotal: number;
  /** All strata added together, ignoring them: the figure WRES publishes. */
  crude: { relativeLikelihood: number | null; ci: ConfidenceInterval; significant: boolean | null };
  /** Null with fewer than two strata where each stratum's own ratio and Katz variance are defined. */
  heterogeneity: Heterogeneity | null;
  interpretation: { category: InterpretationCategory; withinFourFifths: boolean | null; verdict: Verdict | null; text: string };
}

/**
 * Upper tail of the chi-square distribution, Q(df/2, x/2), by the series or Lentz continued
 * fraction for the regularised incomplete gamma function (Numerical Recipes, 6.2).
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (!(x > 0)) return 1;
  const s = df / 2;
  const half = x / 2;
  const logPrefix = -half + s * Math.log(half) - logGamma(s);
  if (half < s + 1) {
    let term = 1 / s;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= half / (s + n);
      sum += term;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(logPrefix)));
  }
  const tiny = 1e-300;
  let b = half + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.max(0, Math.exp(logPrefix) * h));
}

function categoryOf(ratio: number | null, upperUnbounded: boolean): InterpretationCategory {
  if (ratio === null) return upperUnbounded ? "favoursWhite" : "insufficientData";
  if (ratio > 1.25) return "favoursWhite";
  if (ratio < 0.8) return "favoursBme";
  return "noAdverseImpact";
}

function levelText(level: number): string {
  return `${Number((level * 100).toFixed(4))}%`;
}

function describeInterval(lower: number | null, upper: number | null, level: number): string {
  if (lower === null) return "";
  const upperText = upper === null ? "infinity" : formatRelativeLikelihood(upper);
  return ` (${levelText(level)} confidence interval ${formatRelativeLikelihood(lower)} to ${upperText})`;
}

/**
 * Mantel-Haenszel relative likelihood across strata with the Greenland & Robins (1985)
 * variance of its log, which stays valid both with many small strata (one per band) and
 * with a few large ones (one per organisation):
 *
 *   RR_MH = R / S,  R = Σ a·n2/N,  S = Σ c·n1/N
 *   Var(ln RR_MH) = Σ((a + c)·n1·n2/N² − a·c/N) / (R·S)
 *
 * where per stratum a, n1 are white appointed and shortlisted, c, n2 BME, N = n1 + n2.
 * With one stratum this is exactly the Katz interval. Strata where a group has nobody
 * shortlisted, or nobody was appointed, add nothing to R, S or the variance and are not
 * counted as used. The interval is null where it is undefined (R or S zero: no white, or
 * no BME, appointments in the informative strata; or zero variance: everyone appointed).
 *
 * Heterogeneity: Cochran's Q of the stratum log ratios around ln RR_MH with inverse Katz
 * variance weights, as RevMan does for the Mantel-Haenszel method (Cochrane Handbook 10.10),
 * over strata where the stratum's own Katz interval is defined. Breslow-Day is for odds
 * ratios; this is its cheap analogue for a ratio of proportions.
 */
export function pooledRelativeLikelihood(
  strata: readonly Wres2Counts[],
  options: ConfidenceOptions = {},
): PooledWres2Result {
  strata.forEach((stratum, i) => assertValidCounts(stratum, `counts for stratum ${i + 1}`));
  const level = normalizeConfidenceLevel(options.level ?? DEFAULT_CONFIDENCE_LEVEL);
  const z = criticalValue(level);

  let r = 0;
  let s = 0;
  let varianceNumerator = 0;
  let strataUsed = 0;
  for (const { white, bme } of strata) {
    const { shortlisted: n1, appointed: a } = white;
    const { shortlisted: n2, appointed: c } = bme;
    const n = n1 + n2;
    if (n1 === 0 || n2 === 0 || a + c === 0) continue;
    strataUsed++;
    r += (a * n2) / n;
    s += (c * n1) / n;
    varianceNumerator += ((a + c) * n1 * n2) / (n * n) - (a * c) / n;
  }

  const ratio = s > 0 ? r / s : null;
  let lower: number | null = null;
  let upper: number | null = null;
  let method: string = POOLED_METHODS.none;
  if (r > 0 && s > 0 && varianceNumerator > 0) {
    const se = Math.sqrt(varianceNumerator / (r * s));
    lower = ratio! * Math.exp(-z * se);
    upper = ratio! * Math.exp(z * se);
    method = POOLED_METHODS.mantelHaenszel;
  }
  const significant = lower === null || upper === null ? null : lower > 1 || upper < 1;

  const total = strata.reduce(
    (sum, { white, bme }) => ({
      white: {
        shortlisted: sum.white.shortlisted + white.shortlisted,
        appointed: sum.white.appointed + white.appointed,
      },
      bme: { shortlisted: sum.bme.shortlisted + bme.shortlisted, appointed: sum.bme.appointed + bme.appointed },
    }),
    { white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 } },
  );
  // The crude figure carries no p-value: skip Fisher's exact test, the costly part at national totals.
  const crudeResult = relativeLikelihood(total, { level, fisher: false });
  const crude = {
    relativeLikelihood: crudeResult.relativeLikelihood,
    ci: crudeResult.ci,
    significant: crudeResult.significant,
  };

  const heterogeneity = ratio !== null && ratio > 0 ? cochranQ(strata, Math.log(ratio)) : null;

  // No BME appointments in any informative stratum while some white: infinitely large.
  const upperUnbounded = strataUsed > 0 && s === 0 && r > 0;
  const category = categoryOf(ratio, upperUnbounded);
  const text = pooledText({
    ratio,
    lower,
    upper,
    level,
    significant,
    strataUsed,
    strataTotal: strata.length,
    crude: crude.relativeLikelihood,
    heterogeneity,
    upperUnbounded,
    labels: options.labels ?? WRES_LABELS,
  });

  return {
    relativeLikelihood: ratio,
    ci: { lower, upper, level, method },
    significant,
    method: POOLED_METHODS.mantelHaenszel,
    strataUsed,
    strataTotal: strata.length,
    crude,
    heterogeneity,
    interpretation: {
      category,
      withinFourFifths: category === "insufficientData" ? null : category === "noAdverseImpact",
      verdict: verdictOf(category, significant),
      text,
    },
  };
}

function cochranQ(strata: readonly Wres2Counts[], pooledLog: number): Heterogeneity | null {
  let q = 0;
  let used = 0;
  for (const { white, bme } of strata) {
    const { shortlisted: n1, appointed: a } = white;
    const { shortlisted: n2, appointed: c } = bme;
    if (a === 0 || c === 0 || (a === n1 && c === n2)) continue; // Katz variance undefined or zero
    const variance = 1 / a - 1 / n1 + (1 / c - 1 / n2);
    const deviation = Math.log((a * n2) / (c * n1)) - pooledLog;
    q += (deviation * deviation) / variance;
    used++;
  }
  if (used < 2) return null;
  const df = used - 1;
  return {
    q,
    df,
    p: chiSquareSurvival(q, df),
    iSquared: q > df ? (q - df) / q : 0,
    strataUsed: used,
  };
}

interface PooledTextInput {
  ratio: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  significant: boolean | null;
  strataUsed: number;
  strataTotal: number;
  crude: number | null;
  heterogeneity: Heterogeneity | null;
  upperUnbounded: boolean;
  /** Names of the compared groups (WRES by default; WDES metric 2 passes its own). */
  labels: ComparisonLabels;
}

function pooledText(input: PooledTextInput): string {
  const { ratio, lower, upper, level, significant, strataUsed, strataTotal, crude, heterogeneity } = input;
  const { reference, focus } = input.labels;
  const standard = input.labels.excludedAttribute === "ethnicity" ? "WRES" : "WDES";
  const strataWord = `${strataUsed} of ${strataTotal} ${strataTotal === 1 ? "stratum" : "strata"}`;
  if (ratio === null) {
    if (input.upperUnbounded) {
      return `No ${focus} shortlisted applicants were appointed in the ${strataWord} that could be compared, while ${reference} applicants were: the pooled relative likelihood is infinitely large.`;
    }
    return strataUsed === 0
      ? `No stratum had both ${reference} and ${focus} shortlisted applicants and at least one appointment: the pooled relative likelihood cannot be calculated.`
      : `No appointments could be compared across the ${strataWord} used: the pooled relative likelihood cannot be calculated.`;
  }
  let text =
    `Allowing for differences between strata (Mantel-Haenszel over ${strataWord}), ${reference} shortlisted applicants ` +
    `were ${formatRelativeLikelihood(ratio)} times as likely to be appointed as ${focus} shortlisted applicants` +
    `${describeInterval(lower, upper, level)}.`;
  if (significant !== null) {
    text += significant
      ? ` The interval excludes 1: significant at the ${levelText(level)} level.`
      : ` The interval includes 1: not significant at the ${levelText(level)} level.`;
  }
  if (crude !== null && crude > 0 && ratio > 0) {
    text += ` All strata added together (the crude figure, as ${standard} publishes it) give ${formatRelativeLikelihood(crude)}.`;
    const crudeDistance = Math.abs(Math.log(crude));
    const pooledDistance = Math.abs(Math.log(ratio));
    // Within 5% of each other on the ratio scale counts as "about the same".
    if (Math.abs(Math.log(ratio / crude)) < Math.log(1.05)) {
      text += " Allowing for strata changes the ratio little: the mix of strata does not explain it.";
    } else if (pooledDistance < crudeDistance) {
      text +=
        ` Allowing for strata moves the ratio towards 1.00: part of the crude gap reflects how ${reference} and ${focus} applicants are spread across strata.`;
    } else {
      text +=
        " Allowing for strata moves the ratio away from 1.00: the mix of strata hides part of the gap within strata.";
    }
  }
  if (heterogeneity !== null && heterogeneity.p < 0.1) {
    text += ` The ratio differs between strata more than chance would suggest (Cochran's Q, p ${heterogeneity.p < 0.001 ? "< 0.001" : `= ${heterogeneity.p.toFixed(3)}`}): look at strata separately as well as at the pooled figure.`;
  }
  return text;
}
