/**
 * The negative binomial distribution of purchase counts shared by the BG/NBD-family
 * models: a Poisson count over a span t whose rate is gamma(r, α) across customers.
 *
 * @module
 */

/**
 * P(N(t) = j) for j = 0..count under NBD(r, α) over a span t, by the recurrence
 * p₀ = (α/(α+t))^r, p_j = p_{j−1} · (r+j−1)/j · t/(α+t), which stays finite where
 * the factorials of a direct formula would overflow.
 */
export function nbdProbabilities(r: number, alpha: number, t: number, count: number): Float64Array {
  const out = new Float64Array(count + 1);
  out[0] = Math.exp(r * Math.log(alpha / (alpha + t)));
  const q = t / (alpha + t);
  for (let j = 1; j <= count; j++) out[j] = out[j - 1] * (r + j - 1) / j * q;
  return out;
}

/** Checks a purchase count and span for P(X(t) = n); names the model and the value. */
export function checkCount(model: string, count: number, t: number): void {
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(
      `Cannot compute ${model} P(X(t) = n): n is ${count}; expected an integer ≥ 0`,
    );
  }
  if (!(t >= 0 && Number.isFinite(t))) {
    throw new RangeError(`Cannot compute ${model} P(X(t) = n): t is ${t}; expected a time ≥ 0`);
  }
}
