/**
 * Test helper: the central 99% band of a binomial share, for simulation checks of
 * rates (false positives, coverage) over a fixed number of replications.
 *
 * @module
 */
import { logGamma } from "../../../models/math/mod.ts";

/**
 * The shares [lo/n, hi/n] with P(X < lo) ≤ 0.005 and P(X > hi) ≤ 0.005 for
 * X ~ Binomial(n, p), from the exact probability mass function.
 */
export function binomialBand(n: number, p: number, level = 0.99): [number, number] {
  const tail = (1 - level) / 2;
  const pmf = (k: number) =>
    Math.exp(
      logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) +
        (n - k) * Math.log1p(-p),
    );
  let lo = 0, cdf = pmf(0);
  while (cdf + pmf(lo + 1) <= tail) cdf += pmf(++lo);
  if (cdf <= tail) lo++;
  let hi = n, sf = pmf(n);
  while (sf + pmf(hi - 1) <= tail) sf += pmf(--hi);
  if (sf <= tail) hi--;
  return [lo / n, hi / n];
}
