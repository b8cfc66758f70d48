/**
 * Private helpers shared by the analytics models: the summary-row shape and the Wilson
 * score interval for shares and conversion rates (Wilson 1927; the same interval as R's
 * `prop.test(correct = FALSE)` and statsmodels `proportion_confint(method="wilson")`).
 *
 * @module
 */
import { normalQuantile } from "../math/mod.ts";

/** One row of a model summary: an estimate with its interval and level. */
export interface SummaryRow {
  /** What the row measures, e.g. `share:important-value` or `conversion:activated`. */
  readonly name: string;
  /** Point estimate. */
  readonly estimate: number;
  /** Lower bound of the interval (NaN when the model gives none). */
  readonly lower: number;
  /** Upper bound of the interval (NaN when the model gives none). */
  readonly upper: number;
  /** Confidence level of the interval, e.g. 0.95. */
  readonly level: number;
}

/**
 * Wilson score interval for `successes` out of `n`; NaN bounds when `n` is 0.
 *
 * @example
 * ```ts
 * import { wilsonInterval } from "./_interval.ts";
 * const [lo, hi] = wilsonInterval(10, 100, 0.95);
 * if (Math.abs(lo - 0.05522914) > 1e-6 || Math.abs(hi - 0.17436566) > 1e-6) throw new Error();
 * ```
 */
export function wilsonInterval(successes: number, n: number, level: number): [number, number] {
  if (n <= 0) return [NaN, NaN];
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
