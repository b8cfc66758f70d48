/**
 * The BG/BB model of discrete-time non-contractual behaviour (Fader, Hardie &
 * Shang 2010, "Customer-base analysis in a discrete-time noncontractual setting"):
 * at each of n opportunities an active customer transacts with probability
 * p ~ beta(α, β) and becomes inactive with probability θ ~ beta(γ, δ).
 *
 * Likelihood: FHS (2010) eq. 5 over (x, t_x, n) patterns with counts, maximized
 * over log-parameters. Predictions: P(alive) (eq. 11), E[X(n)] (eq. 9),
 * P(X(n) = x) (eq. 7) and E[X(n, n + n*) | x, t_x, n] (eq. 13). Checked against
 * FHS's donations estimates (α = 1.204, β = 0.750, γ = 0.657, δ = 2.783).
 *
 * @module
 */
import { logBeta, logGamma } from "../math/mod.ts";
import { maximizeLikelihood } from "./_mle.ts";
import { CLV_FIT_DEFAULTS } from "./bg_nbd.ts";
import type { ClvFit } from "./fit_result.ts";
import type { TimeUnit } from "./summary.ts";

/** BG/BB parameter names. */
export type BgBbParameter = "alpha" | "beta" | "gamma" | "delta";

/** Transaction patterns over n discrete opportunities, with counts. */
export interface BgBbData {
  /** Repeat transactions x. */
  readonly frequency: ArrayLike<number>;
  /** Opportunity of the last transaction t_x (0 when x = 0). */
  readonly recency: ArrayLike<number>;
  /** Number of opportunities n. */
  readonly periods: ArrayLike<number>;
  /** Customers with each pattern (default 1). */
  readonly weights?: ArrayLike<number>;
  /** Length of one opportunity, recorded on the fit (`summarizeOpportunities` sets it). */
  readonly unit?: TimeUnit;
}

/** A fitted BG/BB model with its predictions (times in opportunities). */
export interface BgBbFit extends ClvFit<BgBbParameter> {
  /** P(alive at opportunity n + 1 | x, t_x, n). */
  probabilityAlive(frequency: number, recency: number, periods: number): number;
  /** E[X(n)]: expected transactions of a new customer in n opportunities. */
  expectedPurchases(periods: number): number;
  /** P(X(n) = count) for a new customer. */
  probabilityOfPurchases(count: number, periods: number): number;
  /** Expected transactions in the next `future` opportunities given the history. */
  conditionalExpectedPurchases(
    future: number,
    frequency: number,
    recency: number,
    periods: number,
  ): number;
}

/** Options of {@link fitBgBb}. */
export interface BgBbOptions {
  /** Confidence level of the parameter intervals (default 0.95). */
  readonly level?: number;
}

/**
 * Fits BG/BB by maximum likelihood.
 *
 * @example
 * ```ts
 * import { fitBgBb } from "./bg_bb.ts";
 * const fit = fitBgBb({
 *   frequency: [0, 1, 1, 2, 2, 3], recency: [0, 1, 3, 2, 3, 3], periods: [3, 3, 3, 3, 3, 3],
 *   weights: [40, 10, 12, 8, 15, 20],
 * });
 * if (!(fit.probabilityAlive(3, 3, 3) > fit.probabilityAlive(0, 0, 3))) throw new Error("unexpected");
 * ```
 */
export function fitBgBb(data: BgBbData, options: BgBbOptions = {}): BgBbFit {
  const { frequency, recency, periods, weights } = data;
  const rows = frequency.length;
  if (recency.length !== rows || periods.length !== rows || (weights && weights.length !== rows)) {
    throw new RangeError(
      `Cannot fit BG/BB: frequency, recency, periods and weights differ in length`,
    );
  }
  let n = 0, repeat = 0;
  for (let i = 0; i < rows; i++) {
    const x = frequency[i], tx = recency[i], m = periods[i], w = weights ? weights[i] : 1;
    if (!(Number.isInteger(m) && m >= 1)) {
      throw new RangeError(
        `Cannot fit BG/BB: periods at row ${i} is ${m}; expected an integer ≥ 1`,
      );
    }
    if (!(Number.isInteger(x) && x >= 0 && x <= m)) {
      throw new RangeError(
        `Cannot fit BG/BB: frequency at row ${i} is ${x}; expected an integer in [0, ${m}]`,
      );
    }
    if (!(Number.isInteger(tx) && tx >= x && tx <= m && (x > 0 || tx === 0))) {
      throw new RangeError(
        `Cannot fit BG/BB: recency at row ${i} is ${tx}; expected an integer in [${x}, ${m}] (0 when x = 0)`,
      );
    }
    if (!(w >= 0 && Number.isFinite(w))) {
      throw new RangeError(
        `Cannot fit BG/BB: weight at row ${i} is ${w}; expected a finite number ≥ 0`,
      );
    }
    n += w;
    if (x > 0) repeat += w;
  }
  if (n < 2) throw new RangeError(`Cannot fit BG/BB: needs at least 2 customers, got ${n}`);
  if (repeat === 0) throw new RangeError(`Cannot fit BG/BB: every customer has frequency 0`);
  const fit = maximizeLikelihood<BgBbParameter>({
    model: "BG/BB",
    names: ["alpha", "beta", "gamma", "delta"],
    negLogLik: (logParams) => {
      const [alpha, beta, gamma, delta] = Array.from(logParams, Math.exp);
      let ll = 0;
      for (let i = 0; i < rows; i++) {
        const w = weights ? weights[i] : 1;
        if (w > 0) {
          ll += w * logLikelihood(alpha, beta, gamma, delta, frequency[i], recency[i], periods[i]);
        }
      }
      return -ll;
    },
    starts: [[1, 1, 1, 1], [0.5, 2, 0.5, 3]],
    n,
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: data.unit ?? null,
  });
  const { alpha, beta, gamma, delta } = fit.params;
  const bAB = logBeta(alpha, beta), bGD = logBeta(gamma, delta);
  // Γ(1+δ+m)/Γ(γ+δ+m): the chance-of-still-alive factor after m opportunities.
  const aliveFactor = (m: number) =>
    Math.exp(logGamma(1 + delta + m) - logGamma(gamma + delta + m));
  const logChoose = (m: number, k: number) =>
    logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
  return Object.freeze({
    ...fit,
    probabilityAlive: (x: number, tx: number, m: number) =>
      Math.exp(
        logBeta(alpha + x, beta + m - x) - bAB + logBeta(gamma, delta + m + 1) - bGD -
          logLikelihood(alpha, beta, gamma, delta, x, tx, m),
      ),
    expectedPurchases: (m: number) =>
      alpha / (alpha + beta) * delta / (gamma - 1) *
      (1 - Math.exp(logGamma(gamma + delta) - logGamma(1 + delta)) * aliveFactor(m)),
    probabilityOfPurchases: (x: number, m: number) => {
      let p = Math.exp(
        logChoose(m, x) + logBeta(alpha + x, beta + m - x) - bAB + logBeta(gamma, delta + m) - bGD,
      );
      for (let i = x; i < m; i++) {
        p += Math.exp(
          logChoose(i, x) + logBeta(alpha + x, beta + i - x) - bAB + logBeta(gamma + 1, delta + i) -
            bGD,
        );
      }
      return p;
    },
    conditionalExpectedPurchases: (future: number, x: number, tx: number, m: number) =>
      Math.exp(
        logBeta(alpha + x + 1, beta + m - x) - bAB -
          logLikelihood(alpha, beta, gamma, delta, x, tx, m) +
          logGamma(gamma + delta) - logGamma(1 + delta),
      ) * delta / (gamma - 1) * (aliveFactor(m) - aliveFactor(m + future)),
  });
}

/** log L(α, β, γ, δ | x, t_x, n), FHS (2010) eq. 5, summed in log space. */
function logLikelihood(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  tx: number,
  n: number,
): number {
  const bAB = logBeta(alpha, beta), bGD = logBeta(gamma, delta);
  const terms = [logBeta(alpha + x, beta + n - x) - bAB + logBeta(gamma, delta + n) - bGD];
  for (let i = 0; i < n - tx; i++) {
    terms.push(
      logBeta(alpha + x, beta + tx - x + i) - bAB + logBeta(gamma + 1, delta + tx + i) - bGD,
    );
  }
  const top = Math.max(...terms);
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - top);
  return top + Math.log(sum);
}
