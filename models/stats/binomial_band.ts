/**
 * The central band of a binomial share: where the share of successes in n independent
 * trials with probability p falls with probability `level`. The harness uses it to say
 * whether a simulated false-positive rate or coverage agrees with its nominal value
 * (α, 0.95) given the number of replications, rather than by eye.
 *
 * @module
 */
import { logGamma } from "../math/mod.ts";

/**
 * The shares [lo/n, hi/n] with P(X < lo) ≤ (1 − level)/2 and P(X > hi) ≤ (1 − level)/2
 * for X ~ Binomial(n, p), from the exact probability mass function.
 *
 * @example 1,000 A/A replications at α = 0.05: a false-positive rate in [3.3%, 6.9%] agrees
 * ```ts
 * import { binomialBand } from "./binomial_band.ts";
 * const [lo, hi] = binomialBand(1000, 0.05);
 * if (lo !== 0.033 || hi !== 0.069) throw new Error(`unexpected ${lo} ${hi}`);
 * ```
 */
export function binomialBand(n: number, p: number, level = 0.99): [number, number] {
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`Cannot compute a binomial band: n is ${n}; expected an integer ≥ 1`);
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`Cannot compute a binomial band: p is ${p}; expected [0, 1]`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot compute a binomial band: level is ${level}; expected (0, 1)`);
  }
  if (p === 0) return [0, 0];
  if (p === 1) return [1, 1];
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
