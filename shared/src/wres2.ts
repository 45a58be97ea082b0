/**
 * WRES indicator 2: "Relative likelihood of staff being appointed from shortlisting
 * across all posts" (docs/domain.md). Likelihood for a group = appointed / shortlisted;
 * the indicator = likelihood(white) / likelihood(BME). Above 1.00, white shortlisted
 * applicants are the more likely to be appointed.
 *
 * Everything here returns plain JSON-safe numbers: an undefined quantity is `null`
 * with the reason in `interpretation.text`, never NaN or Infinity (the Worker sends
 * the result as JSON, validated by `Wres2ResultSchema` in ./schemas/wres2).
 */

// ---------------------------------------------------------------------------
// Counts

/** Shortlisted and appointed counts for one ethnic group. */
export interface GroupCounts {
  shortlisted: number;
  appointed: number;
}

/**
 * Counts per group for one period (and optionally one band, staff group or organisation).
 * `notStated` (NHS ethnic category Z, 99 or blank) is reported alongside but excluded from
 * the indicator, as WRES excludes it (docs/domain.md).
 */
export interface Wres2Counts {
  white: GroupCounts;
  bme: GroupCounts;
  notStated?: GroupCounts | undefined;
}

/** What is wrong with one group's counts, each problem prefixed by `name` (empty when nothing is). */
export function groupProblems(group: unknown, name: string): string[] {
  if (typeof group !== "object" || group === null) return [`${name}: must be an object with shortlisted and appointed counts`];
  const g = group as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ["shortlisted", "appointed"] as const) {
    const v = g[key];
    if (typeof v !== "number" || !Number.isFinite(v)) problems.push(`${name}.${key}: must be a number`);
    else if (!Number.isInteger(v)) problems.push(`${name}.${key}: must be a whole number`);
    else if (v < 0) problems.push(`${name}.${key}: cannot be negative`);
  }
  if (!problems.length && (g.appointed as number) > (g.shortlisted as number)) problems.push(`${name}.appointed: appointed cannot exceed shortlisted`);
  return problems;
}

/**
 * Throws a RangeError listing what is wrong with the counts (negative, fractional, appointed >
 * shortlisted). The calculators accept objects that carry other keys too (a band label, a vacancy
 * hash): they check the numbers, not the envelope; the payload schemas (./schemas/wres2) are strict.
 */
export function assertValidCounts(counts: unknown, what = "WRES indicator 2 counts"): asserts counts is Wres2Counts {
  const problems =
    typeof counts !== "object" || counts === null
      ? ["counts: must be an object"]
      : [
          ...groupProblems((counts as Record<string, unknown>).white, "white"),
          ...groupProblems((counts as Record<string, unknown>).bme, "bme"),
          ...((counts as Record<string, unknown>).notStated === undefined ? [] : groupProblems((counts as Record<string, unknown>).notStated, "notStated")),
        ];
  if (problems.length) throw new RangeError(`Invalid ${what}: ${problems.join("; ")}`);
}

// ---------------------------------------------------------------------------
// Constants

/** The four-fifths rule band used across HR practice: 0.80 to 1.25 (= 1/0.8) is "no adverse impact" (docs/domain.md). */
export const FOUR_FIFTHS_BAND = { lower: 0.8, upper: 1.25 } as const;

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/** Names used in `ci.method`, so the dashboard can say how an interval was made. */
export const CI_METHODS = {
  katz: "katz-log",
  koopman: "koopman-score",
  koopmanUpperUnbounded: "koopman-score (upper bound infinite, reported as null)",
  none: "none",
  suppressed: "suppressed",
} as const;

// ---------------------------------------------------------------------------
// Result (Wres2ResultSchema in ./schemas/wres2 validates it; every number is finite or null)

/** Counts as output: each may be null once small-cell suppression has withheld it. */
export interface ReportedGroupCounts {
  shortlisted: number | null;
  appointed: number | null;
}

export const INTERPRETATION_CATEGORIES = ["noAdverseImpact", "favoursWhite", "favoursBme", "insufficientData"] as const;
export type InterpretationCategory = (typeof INTERPRETATION_CATEGORIES)[number];

/**
 * What the figure lets a reader conclude, which needs both the four-fifths band and the interval:
 * - `adverseImpact`: outside the band and the interval excludes 1.00;
 * - `cannotTell`: outside the band, but the interval includes 1.00 (or there is none), so the data
 *   are consistent both with no difference and with a large one;
 * - `noAdverseImpact`: within the band;
 * - null: no figure (insufficient data or withheld).
 */
export const VERDICTS = ["adverseImpact", "cannotTell", "noAdverseImpact"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The verdict for a four-fifths category and whether the interval excludes 1.00. */
export function verdictOf(category: InterpretationCategory, significant: boolean | null): Verdict | null {
  if (category === "insufficientData") return null;
  if (category === "noAdverseImpact") return "noAdverseImpact";
  return significant === true ? "adverseImpact" : "cannotTell";
}

export const PLAUSIBILITY_WARNING_CODES = [
  "invalidCount",
  "appointedExceedsShortlisted",
  "noShortlisted",
  "extremeRelativeLikelihood",
  "noBmeAppointed",
  "noWhiteAppointed",
  "allAppointed",
  "highNotStated",
  "reportedValueMismatch",
] as const;
export type PlausibilityWarningCode = (typeof PLAUSIBILITY_WARNING_CODES)[number];

export interface PlausibilityWarning {
  code: PlausibilityWarningCode;
  /** "error": the counts cannot be right; "warning": possible, but check the data entry. */
  severity: "error" | "warning";
  group?: "white" | "bme" | "notStated" | undefined;
  message: string;
}

export interface ConfidenceInterval {
  lower: number | null;
  /** null when the bound is infinite (no BME appointments) or undefined. */
  upper: number | null;
  /** As a proportion, e.g. 0.95. */
  level: number;
  method: string;
}

export interface Wres2Result {
  counts: { white: ReportedGroupCounts; bme: ReportedGroupCounts; notStated?: ReportedGroupCounts | undefined };
  likelihood: { white: number | null; bme: number | null; notStated?: number | null | undefined };
  /** WRES indicator 2: likelihood(white) / likelihood(BME). */
  relativeLikelihood: number | null;
  ci: ConfidenceInterval;
  /** Whether the interval excludes 1; null when there is no interval. */
  significant: boolean | null;
  /** Two-sided Fisher exact test of equal likelihoods, for small samples. */
  fisherP: number | null;
  interpretation: {
    category: InterpretationCategory;
    withinFourFifths: boolean | null;
    /** Band and interval together: "adverseImpact" only when both say so (see VERDICTS). */
    verdict: Verdict | null;
    text: string;
  };
  /** Extra BME appointments (same BME shortlist) needed to bring the ratio to 1.00 / 1.25. */
  shortfall: { toParity: number | null; toFourFifths: number | null };
  warnings: PlausibilityWarning[];
  /** True when small-cell suppression withheld the counts and the indicator. */
  suppressed: boolean;
  /** Why something was withheld; also set when only the not-stated counts were. */
  suppressionReason?: string | undefined;
}

export interface ConfidenceOptions {
  /** Confidence level as a proportion (0.95) or a percentage (95). Default 0.95. */
  level?: number;
  /** How the wording names the groups; WRES by default (WDES metric 2 reuses the arithmetic, ./wdes2). */
  labels?: ComparisonLabels;
  /**
   * Compute Fisher's exact p (default true). A caller that does not show it turns it off
   * (`fisherP` is then null): at national totals it is the most expensive step of the figure.
   */
  fisher?: boolean;
}

/**
 * Names for the two compared groups and the excluded one, as they read mid-sentence: the
 * reference group (numerator of the ratio, "white"), the focus group (denominator, "BME") and
 * the group left out of the ratio ("not-stated").
 */
export interface ComparisonLabels {
  reference: string;
  focus: string;
  excluded: string;
  /** What the excluded group did not state, for the high-share warning ("ethnicity"). */
  excludedAttribute: string;
}

export const WRES_LABELS: ComparisonLabels = { reference: "white", focus: "BME", excluded: "not-stated", excludedAttribute: "ethnicity" };

// ---------------------------------------------------------------------------
// Numerical building blocks

/**
 * Accepts a confidence level as a proportion in (0, 1) or a percentage in (1, 100) and
 * returns the proportion. The research behind the mission screened at 95, 90 and 80 %
 * (docs/domain.md), so users choose; 1 itself is ambiguous and rejected.
 */
export function normalizeConfidenceLevel(level: number = DEFAULT_CONFIDENCE_LEVEL): number {
  if (Number.isFinite(level)) {
    if (level > 0 && level < 1) return level;
    if (level > 1 && level < 100) return level / 100;
  }
  throw new RangeError(
    `Confidence level must be a proportion in (0, 1) such as 0.95, or a percentage in (1, 100) such as 95; got ${level}`,
  );
}

// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3):477-484, 1988: rational
// approximations accurate to about 1 part in 1e16, well inside the 1e-9 we need. Chosen
// over Acklam's (relative error 1.15e-9) because it needs no refinement step.
const AS241_CENTRAL_NUM = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_CENTRAL_DEN = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const AS241_NEAR_NUM = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_NEAR_DEN = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_TAIL_NUM = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_TAIL_DEN = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + coefficients[i]!;
  return sum;
}

/** Inverse of the standard normal CDF: the z with P(Z <= z) = p. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseNormalCdf needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(AS241_CENTRAL_NUM, r)) / polynomial(AS241_CENTRAL_DEN, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = polynomial(AS241_NEAR_NUM, r) / polynomial(AS241_NEAR_DEN, r);
  } else {
    r -= 5;
    z = polynomial(AS241_TAIL_NUM, r) / polynomial(AS241_TAIL_DEN, r);
  }
  return q < 0 ? -z : z;
}

/** The two-sided critical value z for a confidence level (1.959964 for 95 %). */
export function criticalValue(level: number): number {
  const proportion = normalizeConfidenceLevel(level);
  // Computed from the small tail area rather than 1 - tail, which would lose digits.
  return -inverseNormalCdf((1 - proportion) / 2);
}

// Lanczos approximation (g = 7, 9 terms), relative error ~1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of the gamma function, for x > 0 (ln n! = logGamma(n + 1)). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of applicants (0 or more), got ${value}`);
  }
}

/** Relative tolerance SciPy's `fisher_exact` uses for ties (R's `fisher.test` uses 1e-7). */
export const FISHER_TIE_TOLERANCE = 1e-14;

/**
 * Whether table x is at most (1 + FISHER_TIE_TOLERANCE) times as likely as table a, decided in
 * exact integer arithmetic: f(x) / f(a) is a product of the hypergeometric step ratios
 * (row1 - i)(column1 - i) / ((i + 1)(row2 - column1 + i + 1)). Used only when floating point
 * cannot tell (|log f(x) - log f(a)| below 1e-9), which is a handful of tables at most.
 */
function exactlyAsExtreme(x: number, a: number, row1: number, row2: number, column1: number): boolean {
  let num = 1n;
  let den = 1n;
  const lo = Math.min(x, a);
  const hi = Math.max(x, a);
  for (let i = lo; i < hi; i++) {
    num *= BigInt((row1 - i) * (column1 - i));
    den *= BigInt((i + 1) * (row2 - column1 + i + 1));
  }
  // Ratio r = f(hi) / f(lo) = num / den. We need f(x) <= f(a)(1 + tol), tol = 1e-14 = 1 / 10^14.
  const scale = 100_000_000_000_000n;
  // x above a: f(x)/f(a) = num/den; x below a: f(x)/f(a) = den/num.
  return x > a ? num * scale <= den * (scale + 1n) : den * scale <= num * (scale + 1n);
}

/**
 * Two-sided Fisher exact test for a 2x2 table `[[a, b], [c, d]]` (rows: groups; columns:
 * appointed, not appointed). The p-value sums the hypergeometric probabilities of all tables
 * with the same margins that are no more likely than the observed one, counting a table as
 * "no more likely" when its probability is within a relative 1e-14 of the observed one, as
 * SciPy's `fisher_exact` does (R's `fisher.test` allows 1e-7, which counts near-ties that are
 * not ties and can give a p-value several per cent too high). Tables that floating point cannot
 * separate from the observed one are compared exactly, in integers, so tied tables are never
 * split by rounding and near-ties are never merged by it. Work is in log space so thousands of
 * applicants do not underflow. Tea-tasting table [[3,1],[1,3]] gives 0.4857.
 */
export function fisherExactP(table: readonly [readonly [number, number], readonly [number, number]]): number {
  const [[a, b], [c, d]] = table;
  assertCount(a, "table[0][0]");
  assertCount(b, "table[0][1]");
  assertCount(c, "table[1][0]");
  assertCount(d, "table[1][1]");
  const row1 = a + b;
  const row2 = c + d;
  const column1 = a + c;
  const minX = Math.max(0, column1 - row2);
  const maxX = Math.min(row1, column1);
  if (minX === maxX) return 1; // only one table has these margins

  const row2MinusColumn1 = row2 - column1;
  const stepUp = (x: number) => Math.log(((row1 - x) * (column1 - x)) / ((x + 1) * (row2MinusColumn1 + x + 1)));
  // The hypergeometric is unimodal: start at its mode (the peak) and walk outwards with the
  // ratio f(x+1)/f(x), stopping once a table's weight underflows to 0. Only the ~40 standard
  // deviations around the mode carry weight, so national totals (~10^5 tables) cost thousands
  // of steps, not 10^5 log-gammas; the tables skipped would each have added exactly 0. Every
  // log-probability comes from the same walk, so its rounding error (~1e-16 a step) is far
  // below the 1e-9 band inside which the exact comparison decides.
  const mode = Math.min(maxX, Math.max(minX, Math.floor(((row1 + 1) * (column1 + 1)) / (row1 + row2 + 2))));
  const logs = new Map<number, number>([[mode, 0]]);
  for (let x = mode, logP = 0; x < maxX; x++) {
    logP += stepUp(x);
    logs.set(x + 1, logP);
    if (Math.exp(logP) === 0) break;
  }
  for (let x = mode, logP = 0; x > minX; x--) {
    logP -= stepUp(x - 1);
    logs.set(x - 1, logP);
    if (Math.exp(logP) === 0) break;
  }
  // An observed table beyond the walk has weight 0 next to the peak: only the tables as far out
  // on its side are as extreme, and they weigh 0 too, so the p-value is 0 to double precision.
  const observed = logs.get(a);
  if (observed === undefined) return 0;
  let total = 0;
  let asExtreme = 0;
  for (const [x, logP] of logs) {
    const weight = Math.exp(logP);
    total += weight;
    const gap = logP - observed;
    const extreme = x === a || (Math.abs(gap) < 1e-9 ? exactlyAsExtreme(x, a, row1, row2, column1) : gap < 0);
    if (extreme) asExtreme += weight;
  }
  // Normalising by the summed support rather than C(N, k) keeps rounding error self-cancelling.
  return Math.min(1, asExtreme / total);
}

// ---------------------------------------------------------------------------
// Confidence intervals for the relative likelihood

interface Interval {
  lower: number | null;
  upper: number | null;
  method: string;
}

/**
 * Katz log interval (Katz et al. 1978): SE(ln RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2)
 * (docs/domain.md). SciPy's `relative_risk` documents 10/75 vs 12/225 -> 2.5 (1.1262, 5.5499).
 */
function katzInterval(a: number, n1: number, c: number, n2: number, z: number): Interval {
  const estimate = (a * n2) / (c * n1);
  const se = Math.sqrt(1 / a - 1 / n1 + (1 / c - 1 / n2));
  return { lower: estimate * Math.exp(-z * se), upper: estimate * Math.exp(z * se), method: CI_METHODS.katz };
}

/**
 * Koopman's (1984) score statistic for H0: p1 / p2 = theta. p1 and p2 are the maximum
 * likelihood estimates under that constraint, from the quadratic
 * N·theta·p2² − (theta·(n1 + x2) + x1 + n2)·p2 + (x1 + x2) = 0 (its smaller root), and the
 * statistic is the Pearson chi-square of observed against those expected counts.
 */
function koopmanStatistic(theta: number, x1: number, n1: number, x2: number, n2: number): number {
  const total = n1 + n2;
  const appointed = x1 + x2;
  const b = theta * (n1 + x2) + x1 + n2;
  const discriminant = Math.max(0, b * b - 4 * total * theta * appointed);
  // Smaller root written as 2c / (b + sqrt(disc)) to avoid cancellation.
  const p2 = Math.min(1, appointed === 0 ? 0 : (2 * appointed) / (b + Math.sqrt(discriminant)));
  const p1 = Math.min(1, theta * p2);
  return pearsonTerm(x1, n1, p1) + pearsonTerm(x2, n2, p2);
}

function pearsonTerm(observed: number, n: number, p: number): number {
  const difference = observed - n * p;
  const variance = n * p * (1 - p);
  if (variance > 0) return (difference * difference) / variance;
  // On the boundary (p = 0 or 1) the term is 0 if the data sit there too, else impossible.
  return Math.abs(difference) <= 1e-9 * Math.max(1, n) ? 0 : Number.POSITIVE_INFINITY;
}

/**
 * Finds, by bisection on ln(theta), where the Koopman statistic crosses z². `inside` is a
 * ln(theta) inside the interval (statistic <= z²); `direction` is −1 for the lower bound,
 * +1 for the upper. Returns null if the statistic never reaches z² (an unbounded side).
 */
function koopmanBound(
  counts: [number, number, number, number],
  zSquared: number,
  inside: number,
  direction: -1 | 1,
): number | null {
  const excess = (logTheta: number) => koopmanStatistic(Math.exp(logTheta), ...counts) - zSquared;
  let near = inside;
  let step = 1;
  let far = inside + direction * step;
  while (excess(far) <= 0) {
    near = far;
    step *= 2;
    far = inside + direction * step;
    if (Math.abs(far) > 700) return null; // beyond e^700 the bound is, for us, infinite
  }
  for (let i = 0; i < 200 && Math.abs(far - near) > 1e-13; i++) {
    const middle = (near + far) / 2;
    if (excess(middle) <= 0) near = middle;
    else far = middle;
  }
  return Math.exp((near + far) / 2);
}

/**
 * Koopman (1984) asymptotic score interval, found by root-finding. Used for the counts where
 * the Katz interval breaks: an appointed count of 0 (ln 0) or everyone appointed in both
 * groups (SE = 0, a zero-width interval that claims certainty). Matches Nam's (1995)
 * closed-form solution as implemented in R's PropCIs::riskscoreci, e.g. Koopman's example
 * 36/40 vs 16/80 -> (2.9396, 7.1522).
 */
function koopmanInterval(a: number, n1: number, c: number, n2: number, z: number): Interval {
  const counts: [number, number, number, number] = [a, n1, c, n2];
  const zSquared = z * z;
  // A ln(theta) inside the interval: the estimate when it is finite and positive; otherwise
  // a point far on the open side, where the statistic tends to 0.
  const inside = a === 0 ? -50 : c === 0 ? 50 : Math.log((a * n2) / (c * n1));
  const lower = a === 0 ? 0 : koopmanBound(counts, zSquared, inside, -1);
  const upper = c === 0 ? null : koopmanBound(counts, zSquared, inside, 1);
  return { lower, upper, method: upper === null ? CI_METHODS.koopmanUpperUnbounded : CI_METHODS.koopman };
}

/**
 * The interval for white vs BME. Katz where it is defined and non-degenerate (it is what
 * HR analysts and the adverse-impact libraries use, and SciPy documents it); Koopman's
 * score interval otherwise.
 *
 * Why Koopman for zero cells rather than Katz with 0.5 added to each cell: the 0.5
 * correction invents half an applicant, so the interval (and for c = 0 its finite upper
 * bound) depends on an arbitrary constant, and it can exclude 1 when the data do not.
 * The score interval inverts a proper test, needs no correction, has coverage close to
 * nominal in small samples (Koopman 1984; Fagerland, Lydersen & Laake 2015 recommend it
 * for the ratio of two proportions) and reports honestly that the upper bound is infinite
 * when no BME applicant was appointed.
 */
function relativeLikelihoodInterval(a: number, n1: number, c: number, n2: number, z: number): Interval {
  if (n1 === 0 || n2 === 0 || (a === 0 && c === 0)) return { lower: null, upper: null, method: CI_METHODS.none };
  const everyoneAppointed = a === n1 && c === n2;
  if (a > 0 && c > 0 && !everyoneAppointed) return katzInterval(a, n1, c, n2, z);
  return koopmanInterval(a, n1, c, n2, z);
}

// ---------------------------------------------------------------------------
// Shortfall

/**
 * Fewest extra BME appointments x (0 <= c + x <= n2, same BME shortlist) with
 * (a / n1) / ((c + x) / n2) <= target, for target = numerator / denominator. Integer
 * arithmetic — (c + x)·n1·numerator >= a·n2·denominator — so exact parity is not lost to
 * rounding. Null when a group has nobody shortlisted or the target cannot be reached.
 */
function extraBmeAppointments(
  a: number,
  n1: number,
  c: number,
  n2: number,
  numerator: number,
  denominator: number,
): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const required = a * n2 * denominator;
  const perAppointment = n1 * numerator;
  const neededAppointments = Math.ceil(required / perAppointment);
  // Guard the float division: step to the exact smallest integer meeting the inequality.
  let needed = neededAppointments;
  while (needed > 0 && (needed - 1) * perAppointment >= required) needed--;
  while (needed * perAppointment < required) needed++;
  if (needed > n2) return null;
  return Math.max(0, needed - c);
}

// ---------------------------------------------------------------------------
// Plausibility

export interface PlausibilityOptions {
  /**
   * Both groups need at least this many shortlisted before an extreme ratio is called
   * implausible rather than small-sample noise. Default 20: a heuristic; with fewer,
   * one appointment moves the likelihood by 5 points or more.
   */
  adequateShortlisted?: number;
  /**
   * Relative likelihoods beyond these are flagged. Default 5 and 0.2: national values ran
   * 1.45-1.61 in 2016-2023, a high trust value is about 3 (The Christie 2022-23, 3.2), and a
   * published "17.16" was almost surely a data-entry error (docs/domain.md).
   */
  extremeAbove?: number;
  extremeBelow?: number;
  /** Flag when more than this share of shortlisted applicants did not state ethnicity. Default 0.2. */
  notStatedShareAbove?: number;
  /** A relative likelihood already written in a report, checked against the counts (to 2 dp). */
  reportedRelativeLikelihood?: number;
  labels?: ComparisonLabels;
}

type GroupName = "white" | "bme" | "notStated";

function groupLabels(labels: ComparisonLabels): Record<GroupName, string> {
  return { white: labels.reference, bme: labels.focus, notStated: labels.excluded };
}

/**
 * Checks counts for data-entry problems before (or alongside) calculating the indicator.
 * Accepts impossible counts (it is what reports them) and never throws on them.
 */
export function plausibilityWarnings(counts: Wres2Counts, options: PlausibilityOptions = {}): PlausibilityWarning[] {
  const adequate = options.adequateShortlisted ?? 20;
  const extremeAbove = options.extremeAbove ?? 5;
  const extremeBelow = options.extremeBelow ?? 0.2;
  const notStatedShareAbove = options.notStatedShareAbove ?? 0.2;
  const L = options.labels ?? WRES_LABELS;
  const GROUP_LABELS = groupLabels(L);
  const warnings: PlausibilityWarning[] = [];

  const groups: GroupName[] = counts.notStated ? ["white", "bme", "notStated"] : ["white", "bme"];
  for (const group of groups) {
    const { shortlisted, appointed } = counts[group]!;
    const label = GROUP_LABELS[group];
    for (const [field, value] of [
      ["shortlisted", shortlisted],
      ["appointed", appointed],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 0) {
        warnings.push({
          code: "invalidCount",
          severity: "error",
          group,
          message: `The ${label} ${field} count (${value}) must be a whole number, 0 or more.`,
        });
      }
    }
    if (appointed > shortlisted) {
      warnings.push({
        code: "appointedExceedsShortlisted",
        severity: "error",
        group,
        message:
          `${capitalise(label)} appointed (${appointed}) is more than ${label} shortlisted (${shortlisted}): ` +
          "impossible, as only shortlisted applicants can be appointed. Check the columns have not been swapped.",
      });
    }
  }
  if (warnings.length > 0) return warnings;

  const { white, bme } = counts;
  for (const group of ["white", "bme"] as const) {
    const { shortlisted, appointed } = counts[group];
    if (shortlisted === 0) {
      warnings.push({
        code: "noShortlisted",
        severity: "warning",
        group,
        message: `No ${GROUP_LABELS[group]} shortlisted applicants: the indicator cannot be calculated. Check the column is not blank by mistake.`,
      });
    } else if (appointed === shortlisted && shortlisted >= adequate) {
      warnings.push({
        code: "allAppointed",
        severity: "warning",
        group,
        message:
          `All ${shortlisted} ${GROUP_LABELS[group]} shortlisted applicants were appointed. ` +
          "Check that the shortlisted column does not hold appointments.",
      });
    }
  }

  const adequateCounts = white.shortlisted >= adequate && bme.shortlisted >= adequate;
  if (adequateCounts && white.appointed > 0 && bme.appointed > 0) {
    const ratio = (white.appointed * bme.shortlisted) / (bme.appointed * white.shortlisted);
    if (ratio > extremeAbove || ratio < extremeBelow) {
      warnings.push({
        code: "extremeRelativeLikelihood",
        severity: "warning",
        message:
          `A relative likelihood of ${ratio.toFixed(2)} is far outside what NHS trusts report ` +
          `(national values 1.45-1.61; above ${extremeAbove} or below ${extremeBelow} is rare). ` +
          "Check the counts for a data-entry error.",
      });
    }
  } else if (adequateCounts && white.appointed > 0 && bme.appointed === 0) {
    warnings.push({
      code: "noBmeAppointed",
      severity: "warning",
      group: "bme",
      message: `None of ${bme.shortlisted} ${L.focus} shortlisted applicants was appointed while ${white.appointed} ${L.reference} applicants were. Check the ${L.focus} appointed count.`,
    });
  } else if (adequateCounts && white.appointed === 0 && bme.appointed > 0) {
    warnings.push({
      code: "noWhiteAppointed",
      severity: "warning",
      group: "white",
      message: `None of ${white.shortlisted} ${L.reference} shortlisted applicants was appointed while ${bme.appointed} ${L.focus} applicants were. Check the ${L.reference} appointed count.`,
    });
  }

  if (counts.notStated) {
    const total = white.shortlisted + bme.shortlisted + counts.notStated.shortlisted;
    const share = total === 0 ? 0 : counts.notStated.shortlisted / total;
    if (share > notStatedShareAbove && total >= adequate) {
      warnings.push({
        code: "highNotStated",
        severity: "warning",
        group: "notStated",
        message:
          `${(share * 100).toFixed(0)}% of shortlisted applicants did not state their ${L.excludedAttribute}; ` +
          "the indicator leaves them out, so it rests on a smaller share of applicants than usual.",
      });
    }
  }

  const reported = options.reportedRelativeLikelihood;
  if (reported !== undefined && white.shortlisted > 0 && bme.shortlisted > 0 && bme.appointed > 0) {
    const ratio = (white.appointed * bme.shortlisted) / (bme.appointed * white.shortlisted);
    // A report rounds to 2 dp, so anything within half a hundredth agrees.
    if (!(Math.abs(reported - ratio) <= 0.005 + 1e-9)) {
      warnings.push({
        code: "reportedValueMismatch",
        severity: "warning",
        message: `The reported relative likelihood ${reported} does not match ${ratio.toFixed(2)} calculated from the counts.`,
      });
    }
  }
  return warnings;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------
// Interpretation

function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(4))}%`;
}

function formatPercent(proportion: number): string {
  return `${(proportion * 100).toFixed(1)}%`;
}

/**
 * A number rounded for display so that it never lands on the wrong side of a boundary it is
 * read against: `decimals` places (2, as WRES publishes), and more, up to 12, while the rounded
 * text would equal a boundary the exact value is not on (1.25042 -> "1.2504", 0.79960 ->
 * "0.7996", 0.99996 against 1.00 -> "0.99996"). The decision is always made on the exact value;
 * this only keeps the printed number from contradicting it.
 */
export function formatAgainst(value: number, boundaries: readonly number[], decimals = 2): string {
  for (let places = decimals; places < 12; places++) {
    const text = value.toFixed(places);
    const rounded = Number(text);
    if (!boundaries.some((b) => rounded === b && value !== b)) return text;
  }
  return value.toFixed(12);
}

/** The four-fifths boundaries and parity: the values a relative likelihood is read against. */
export const RELATIVE_LIKELIHOOD_BOUNDARIES = [FOUR_FIFTHS_BAND.lower, 1, FOUR_FIFTHS_BAND.upper] as const;

/** Two decimals as WRES publishes, with more where two would round onto 0.80, 1.00 or 1.25. */
export function formatRelativeLikelihood(value: number): string {
  return formatAgainst(value, RELATIVE_LIKELIHOOD_BOUNDARIES);
}

function intervalText(interval: Interval, level: number): string {
  const name = `${formatLevel(level)} confidence interval`;
  if (interval.lower === null) return "";
  if (interval.upper === null) return `${name} ${formatRelativeLikelihood(interval.lower)} to infinity`;
  return `${name} ${formatRelativeLikelihood(interval.lower)} to ${formatRelativeLikelihood(interval.upper)}`;
}

function significanceText(significant: boolean | null, level: number): string {
  if (significant === null) return "";
  return significant
    ? ` The interval excludes 1.00, so the difference is statistically significant at the ${formatLevel(level)} level.`
    : ` The interval includes 1.00, so at the ${formatLevel(level)} level the data are consistent with no difference.`;
}

/** The closing sentence: the band and the interval read together (see VerdictSchema). */
function verdictText(category: Exclude<InterpretationCategory, "insufficientData">, significant: boolean | null, L: ComparisonLabels): string {
  if (category === "noAdverseImpact") return " This is within the four-fifths band (0.80 to 1.25): no adverse impact.";
  const side = category === "favoursWhite" ? "above 1.25" : "below 0.80";
  const on = category === "favoursWhite" ? L.focus : L.reference;
  if (significant === true) {
    return ` This is ${side}, outside the four-fifths band (0.80 to 1.25), and the interval excludes 1.00: adverse impact on ${on} applicants.`;
  }
  return (
    ` This is ${side}, outside the four-fifths band (0.80 to 1.25), but the interval ` +
    `${significant === false ? "includes 1.00" : "could not be calculated"}: the data cannot tell whether there is adverse impact on ${on} applicants.`
  );
}

// ---------------------------------------------------------------------------
// Main entry

/**
 * WRES indicator 2 for one set of counts: likelihoods, relative likelihood (white / BME),
 * confidence interval at the chosen level, significance, Fisher exact p, four-fifths
 * interpretation in plain English, shortfall and plausibility warnings.
 * Throws a RangeError on impossible counts (negative, fractional, appointed > shortlisted);
 * run `plausibilityWarnings` first to show those to a user.
 */
export function relativeLikelihood(counts: Wres2Counts, options: ConfidenceOptions = {}): Wres2Result {
  assertValidCounts(counts);
  const level = normalizeConfidenceLevel(options.level ?? DEFAULT_CONFIDENCE_LEVEL);
  const z = criticalValue(level);
  const L = options.labels ?? WRES_LABELS;
  const R = L.reference;
  const F = L.focus;

  const { shortlisted: n1, appointed: a } = counts.white;
  const { shortlisted: n2, appointed: c } = counts.bme;
  const whiteLikelihood = n1 > 0 ? a / n1 : null;
  const bmeLikelihood = n2 > 0 ? c / n2 : null;
  const defined = n1 > 0 && n2 > 0 && c > 0;
  // One division of exact integer products, so parity gives exactly 1.
  const ratio = defined ? (a * n2) / (c * n1) : null;
  const interval = relativeLikelihoodInterval(a, n1, c, n2, z);
  const significant =
    interval.lower === null ? null : interval.lower > 1 || (interval.upper !== null && interval.upper < 1);

  let category: InterpretationCategory;
  let text: string;
  if (n1 === 0 || n2 === 0) {
    category = "insufficientData";
    const missing = n1 === 0 && n2 === 0 ? `${R} or ${F}` : n1 === 0 ? R : F;
    text = `No ${missing} shortlisted applicants: the relative likelihood cannot be calculated.`;
  } else if (a === 0 && c === 0) {
    category = "insufficientData";
    text =
      `None of the ${n1} ${R} or ${n2} ${F} shortlisted applicants was appointed: ` +
      "the relative likelihood (0 divided by 0) is undefined.";
  } else if (c === 0) {
    category = "favoursWhite";
    text =
      `No ${F} shortlisted applicants were appointed (0 of ${n2}), against ${formatPercent(a / n1)} of ${R} ` +
      "shortlisted applicants: the relative likelihood is infinitely large, so it is not given as a number " +
      `(${intervalText(interval, level)}).` +
      significanceText(significant, level) +
      verdictText("favoursWhite", significant, L);
  } else {
    // 4·a·n2 vs 5·c·n1 compares the ratio with 5/4 (and 4/5) exactly, in integers.
    category =
      4 * a * n2 > 5 * c * n1 ? "favoursWhite" : 5 * a * n2 < 4 * c * n1 ? "favoursBme" : "noAdverseImpact";
    const value = formatRelativeLikelihood(ratio!);
    const ci = intervalText(interval, level);
    if (a === 0) {
      text =
        `No ${R} shortlisted applicants were appointed (0 of ${n1}), against ${formatPercent(c / n2)} of ${F} ` +
        `shortlisted applicants: relative likelihood ${value} (${ci}).`;
    } else if (ratio === 1) {
      text = `${capitalise(R)} and ${F} shortlisted applicants were equally likely to be appointed: relative likelihood ${value} (${ci}).`;
    } else if (ratio! > 1) {
      text = `${capitalise(R)} shortlisted applicants were ${value} times as likely to be appointed as ${F} shortlisted applicants (${ci}).`;
    } else {
      text =
        `${capitalise(R)} shortlisted applicants were ${value} times as likely to be appointed as ${F} shortlisted applicants ` +
        `(${ci}); put the other way, ${F} shortlisted applicants were ${formatRelativeLikelihood(1 / ratio!)} ` +
        `times as likely to be appointed as ${R} shortlisted applicants.`;
    }
    text += significanceText(significant, level) + verdictText(category, significant, L);
  }

  const result: Wres2Result = {
    counts: {
      white: { shortlisted: n1, appointed: a },
      bme: { shortlisted: n2, appointed: c },
      ...(counts.notStated ? { notStated: { ...counts.notStated } } : {}),
    },
    likelihood: {
      white: whiteLikelihood,
      bme: bmeLikelihood,
      ...(counts.notStated
        ? {
            notStated:
              counts.notStated.shortlisted > 0 ? counts.notStated.appointed / counts.notStated.shortlisted : null,
          }
        : {}),
    },
    relativeLikelihood: ratio,
    ci: { lower: interval.lower, upper: interval.upper, level, method: interval.method },
    significant,
    fisherP: options.fisher !== false && n1 > 0 && n2 > 0 ? fisherExactP([[a, n1 - a], [c, n2 - c]]) : null,
    interpretation: {
      category,
      withinFourFifths: category === "insufficientData" ? null : category === "noAdverseImpact",
      verdict: verdictOf(category, significant),
      text,
    },
    shortfall: {
      toParity: extraBmeAppointments(a, n1, c, n2, 1, 1),
      toFourFifths: extraBmeAppointments(a, n1, c, n2, 5, 4),
    },
    warnings: plausibilityWarnings(counts, { labels: L }),
    suppressed: false,
  };
  return result;
}

// ---------------------------------------------------------------------------
// Change between two periods

export interface RelativeLikelihoodChange {
  /** This period's relative likelihood divided by the earlier one's (below 1: closer to parity from above). */
  ratio: number;
  /** This period's minus the earlier one's. */
  difference: number;
  /** Interval for `ratio`, on the log scale: the two periods' Katz variances added (independent applicants). */
  lower: number;
  upper: number;
  level: number;
  /** Whether the interval excludes 1: a change larger than chance alone would explain. */
  significant: boolean;
}

/**
 * Change in WRES indicator 2 from an earlier period to a later one, with an interval: ln(RR2 / RR1)
 * has variance Var(ln RR1) + Var(ln RR2) when different applicants are counted in each. Null unless
 * both periods have a Katz interval (someone appointed in each group, not everyone).
 */
export function relativeLikelihoodChange(
  earlier: Wres2Counts,
  later: Wres2Counts,
  options: ConfidenceOptions = {},
): RelativeLikelihoodChange | null {
  assertValidCounts(earlier);
  assertValidCounts(later);
  const level = normalizeConfidenceLevel(options.level ?? DEFAULT_CONFIDENCE_LEVEL);
  const z = criticalValue(level);
  const parts = [earlier, later].map(({ white, bme }) => {
    const { shortlisted: n1, appointed: a } = white;
    const { shortlisted: n2, appointed: c } = bme;
    if (n1 === 0 || n2 === 0 || a === 0 || c === 0 || (a === n1 && c === n2)) return null;
    return { rr: (a * n2) / (c * n1), variance: 1 / a - 1 / n1 + (1 / c - 1 / n2) };
  });
  const [p1, p2] = parts;
  if (!p1 || !p2) return null;
  const ratio = p2.rr / p1.rr;
  const se = Math.sqrt(p1.variance + p2.variance);
  const lower = ratio * Math.exp(-z * se);
  const upper = ratio * Math.exp(z * se);
  return { ratio, difference: p2.rr - p1.rr, lower, upper, level, significant: lower > 1 || upper < 1 };
}
