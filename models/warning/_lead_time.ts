/**
 * Private: the distribution of lead times (days from the first timely alert to churn):
 * quantiles by linear interpolation (type 7, R's default), the median's distribution-free
 * interval from order statistics (the sign-test interval: ranks k and n − k + 1 where
 * k is the largest rank with P(B ≤ k − 1) ≤ (1 − level)/2 for B ~ Binomial(n, ½)), and a
 * histogram with fixed bin width.
 *
 * @module
 */
import { logGamma } from "../math/mod.ts";
import { sortedQuantile } from "../stats/sample_stats.ts";

/** Summary of lead times in days. */
export interface LeadTimeSummary {
  /** Churns with a timely alert. */
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly max: number;
  /** Order-statistic interval of the median; NaN when n is too small for the level. */
  readonly medianLower: number;
  readonly medianUpper: number;
  /** Counts by bin: lead times in [from, to). */
  readonly histogram: readonly {
    readonly from: number;
    readonly to: number;
    readonly count: number;
  }[];
}

/**
 * Summarizes lead times; every statistic is NaN (and the histogram empty) when there are none.
 *
 * @example
 * ```ts
 * import { summarizeLeadTimes } from "./_lead_time.ts";
 * const s = summarizeLeadTimes(Int32Array.of(4, 10, 6), 0.95, 7);
 * if (s.median !== 6 || s.histogram[0].count !== 2) throw new Error("unexpected");
 * ```
 */
export function summarizeLeadTimes(
  leads: Int32Array,
  level: number,
  binDays: number,
): LeadTimeSummary {
  const x = Float64Array.from(leads).sort();
  const n = x.length;
  if (n === 0) {
    return {
      n,
      mean: NaN,
      min: NaN,
      q25: NaN,
      median: NaN,
      q75: NaN,
      max: NaN,
      medianLower: NaN,
      medianUpper: NaN,
      histogram: [],
    };
  }
  let sum = 0;
  for (const v of x) sum += v;
  const k = signTestRank(n, level);
  const histogram: { from: number; to: number; count: number }[] = [];
  const first = Math.floor(x[0] / binDays) * binDays;
  for (let lo = first; lo <= x[n - 1]; lo += binDays) {
    histogram.push({ from: lo, to: lo + binDays, count: 0 });
  }
  for (const v of x) histogram[Math.floor((v - first) / binDays)].count++;
  return {
    n,
    mean: sum / n,
    min: x[0],
    q25: sortedQuantile(x, 0.25),
    median: sortedQuantile(x, 0.5),
    q75: sortedQuantile(x, 0.75),
    max: x[n - 1],
    medianLower: k >= 1 ? x[k - 1] : NaN,
    medianUpper: k >= 1 ? x[n - k] : NaN,
    histogram,
  };
}

/** Largest k with P(B ≤ k − 1) ≤ (1 − level)/2, B ~ Binomial(n, ½); 0 when none. */
function signTestRank(n: number, level: number): number {
  const tail = (1 - level) / 2;
  const logHalf = n * Math.log(0.5);
  let cdf = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    cdf += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + logHalf);
    if (cdf > tail) break;
    k = i + 1;
  }
  return k;
}
