/**
 * Summable sufficient statistics, the input of every test in `models/stats/`.
 *
 * As in GrowthBook's gbstats, tests take per-arm sums rather than rows: a count, a
 * sum and a sum of squares (plus a second variable and the sum of cross-products
 * for ratio metrics, cluster designs and CUPED). Sums from days, shards or workers
 * add up with {@link addSampleStats} and {@link addJointStats}, so a daily look
 * never re-reads the members.
 *
 * @example
 * ```ts
 * import { addSampleStats, sampleMean, summarizeSample } from "./sample_stats.ts";
 * const total = addSampleStats(summarizeSample([1, 2]), summarizeSample([3]));
 * if (sampleMean(total) !== 2) throw new Error("unexpected");
 * ```
 *
 * @module
 */

/** Sums of one variable over the units of an arm: a sum and a sum of squares. */
export interface MomentSums {
  /** Σ value. */
  readonly sum: number;
  /** Σ value². */
  readonly sumSquares: number;
}

/** Sufficient statistics of one metric in one arm. */
export interface SampleStats extends MomentSums {
  /** Number of units (members, or clusters). */
  readonly n: number;
}

/**
 * Sufficient statistics of two variables measured on the same units: a ratio metric
 * (numerator and denominator, e.g. revenue and orders per member), a cluster design
 * (cluster total and cluster size) or a metric with its pre-period covariate (CUPED).
 */
export interface JointStats {
  /** Number of units. */
  readonly n: number;
  /** Sums of the first variable (the numerator, cluster total or metric). */
  readonly y: MomentSums;
  /** Sums of the second variable (the denominator, cluster size or covariate). */
  readonly x: MomentSums;
  /** Σ y·x over units. */
  readonly sumProducts: number;
}

/**
 * Summarizes one arm's per-unit values into sufficient statistics.
 *
 * @example
 * ```ts
 * import { summarizeSample } from "./sample_stats.ts";
 * const s = summarizeSample([1, 0, 1]);
 * if (s.n !== 3 || s.sum !== 2 || s.sumSquares !== 2) throw new Error("unexpected");
 * ```
 */
export function summarizeSample(values: ArrayLike<number>): SampleStats {
  let sum = 0, sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new RangeError(`Cannot summarize sample: value at row ${i} is ${v}; expected a number`);
    }
    sum += v;
    sumSquares += v * v;
  }
  return Object.freeze({ n: values.length, sum, sumSquares });
}

/**
 * Sufficient statistics of a binary metric (e.g. activated or not) from its counts.
 *
 * @example
 * ```ts
 * import { proportionStats } from "./sample_stats.ts";
 * if (proportionStats(100, 7).sumSquares !== 7) throw new Error("unexpected");
 * ```
 */
export function proportionStats(n: number, successes: number): SampleStats {
  return Object.freeze({ n, sum: successes, sumSquares: successes });
}

/**
 * Summarizes paired per-unit values (`y[i]`, `x[i]`) into joint sufficient statistics.
 *
 * @example Revenue and orders per member
 * ```ts
 * import { summarizeJoint } from "./sample_stats.ts";
 * const s = summarizeJoint([10, 0, 30], [1, 0, 2]);
 * if (s.sumProducts !== 70) throw new Error("unexpected");
 * ```
 */
export function summarizeJoint(y: ArrayLike<number>, x: ArrayLike<number>): JointStats {
  if (y.length !== x.length) {
    throw new RangeError(
      `Cannot summarize paired values: y has ${y.length} rows but x has ${x.length}`,
    );
  }
  let sumProducts = 0;
  for (let i = 0; i < y.length; i++) sumProducts += y[i] * x[i];
  const ys = summarizeSample(y), xs = summarizeSample(x);
  return Object.freeze({
    n: y.length,
    y: Object.freeze({ sum: ys.sum, sumSquares: ys.sumSquares }),
    x: Object.freeze({ sum: xs.sum, sumSquares: xs.sumSquares }),
    sumProducts,
  });
}

/**
 * Adds the statistics of two disjoint sets of units (days, shards, workers).
 *
 * @example
 * ```ts
 * import { addSampleStats } from "./sample_stats.ts";
 * const s = addSampleStats({ n: 1, sum: 2, sumSquares: 4 }, { n: 1, sum: 3, sumSquares: 9 });
 * if (s.n !== 2 || s.sum !== 5) throw new Error("unexpected");
 * ```
 */
export function addSampleStats(a: SampleStats, b: SampleStats): SampleStats {
  return Object.freeze({
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
  });
}

/**
 * Adds the joint statistics of two disjoint sets of units.
 *
 * @example
 * ```ts
 * import { addJointStats, summarizeJoint } from "./sample_stats.ts";
 * const s = addJointStats(summarizeJoint([1], [2]), summarizeJoint([3], [4]));
 * if (s.sumProducts !== 14) throw new Error("unexpected");
 * ```
 */
export function addJointStats(a: JointStats, b: JointStats): JointStats {
  return Object.freeze({
    n: a.n + b.n,
    y: Object.freeze({ sum: a.y.sum + b.y.sum, sumSquares: a.y.sumSquares + b.y.sumSquares }),
    x: Object.freeze({ sum: a.x.sum + b.x.sum, sumSquares: a.x.sumSquares + b.x.sumSquares }),
    sumProducts: a.sumProducts + b.sumProducts,
  });
}

/**
 * Mean of a sample from its sums (NaN when n is 0).
 *
 * @example
 * ```ts
 * import { sampleMean } from "./sample_stats.ts";
 * if (sampleMean({ n: 4, sum: 10 }) !== 2.5) throw new Error("unexpected");
 * ```
 */
export function sampleMean(s: { readonly n: number; readonly sum: number }): number {
  return s.sum / s.n;
}

/**
 * Unbiased sample variance (n − 1 denominator) from the sums; never negative, NaN when
 * n < 2.
 *
 * @example
 * ```ts
 * import { sampleVariance } from "./sample_stats.ts";
 * if (sampleVariance({ n: 3, sum: 6, sumSquares: 14 }) !== 1) throw new Error("unexpected");
 * ```
 */
export function sampleVariance(s: SampleStats): number {
  if (s.n < 2) return NaN;
  return Math.max(0, (s.sumSquares - s.sum * s.sum / s.n) / (s.n - 1));
}

/**
 * Unbiased sample covariance of y and x (n − 1 denominator), NaN when n < 2.
 *
 * @example
 * ```ts
 * import { sampleCovariance, summarizeJoint } from "./sample_stats.ts";
 * if (sampleCovariance(summarizeJoint([1, 2, 3], [2, 4, 6])) !== 2) throw new Error("unexpected");
 * ```
 */
export function sampleCovariance(s: JointStats): number {
  if (s.n < 2) return NaN;
  return (s.sumProducts - s.y.sum * s.x.sum / s.n) / (s.n - 1);
}

/**
 * The p-quantile of sorted values, interpolating linearly between order statistics
 * (type 7, the default of R and NumPy); NaN for no values.
 *
 * @example
 * ```ts
 * import { sortedQuantile } from "./sample_stats.ts";
 * if (sortedQuantile([1, 2, 3, 4], 0.5) !== 2.5) throw new Error("unexpected");
 * ```
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p, lo = Math.floor(h);
  if (h === lo) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}
