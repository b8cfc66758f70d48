/**
 * The shape every CLV model fit shares, the optional prediction capabilities as
 * separate interfaces, and the error thrown when a fit does not converge.
 *
 * @module
 */
import type { MinimizeMethod } from "../math/mod.ts";
import type { TimeUnit } from "./summary.ts";

/** One row of a fit summary: a parameter with its standard error and interval. */
export interface ParameterRow {
  /** Parameter name as in the model's paper (r, alpha, a, b, ...). */
  readonly parameter: string;
  /** Maximum-likelihood estimate. */
  readonly estimate: number;
  /** Standard error (inverse Hessian, delta method from the log scale). */
  readonly se: number;
  /** Lower interval bound (Wald interval on the log scale, so always > 0). */
  readonly lower: number;
  /** Upper interval bound. */
  readonly upper: number;
  /** Confidence level of the interval, e.g. 0.95. */
  readonly level: number;
}

/** A fitted CLV model: parameters, standard errors, log-likelihood and summary. */
export interface ClvFit<P extends string = string> {
  /** Model name, e.g. "BG/NBD". */
  readonly model: string;
  /** Number of customers (sum of weights) the model was fitted to. */
  readonly n: number;
  /** Confidence level of the intervals. */
  readonly level: number;
  /**
   * Time unit of the data and of every time a prediction takes or returns (recency, T,
   * horizons; BG/BB: one opportunity; sBG: one period), or null when the data did not
   * state one (plain arrays, and Gamma-Gamma, which has no time).
   */
  readonly unit: TimeUnit | null;
  /** Parameter estimates by name. */
  readonly params: Readonly<Record<P, number>>;
  /** Standard errors by name. */
  readonly se: Readonly<Record<P, number>>;
  /** Maximized log-likelihood. */
  readonly logLikelihood: number;
  /** Which optimizer produced the estimate. */
  readonly method: MinimizeMethod;
  /** One row per parameter: estimate, se, lower, upper, level. */
  summary(): ParameterRow[];
}

/** Models that give the probability a customer is still active. */
export interface AliveProbability {
  /** P(alive at T | x, t_x, T). */
  probabilityAlive(frequency: number, recency: number, T: number): number;
}

/** Models that forecast purchase counts, unconditionally and given a history. */
export interface PurchaseForecast {
  /** E[X(t)]: expected purchases of a new customer in (0, t]. */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] given the history. */
  conditionalExpectedPurchases(t: number, frequency: number, recency: number, T: number): number;
}

/** Models that give the distribution of the purchase count. */
export interface PurchaseCountProbability {
  /** P(X(t) = count) for a new customer. */
  probabilityOfPurchases(count: number, t: number): number;
}

/** Thrown when a likelihood cannot be maximized; callers may catch it and report. */
export class ConvergenceError extends Error {
  override name = "ConvergenceError";
}
