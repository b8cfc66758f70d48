/**
 * Customer lifetime value from a purchase model and a spend model, discounted per
 * period: CLV = Σₖ E[spend] · (E[Y(kΔ) | history] − E[Y((k−1)Δ) | history]) / (1 + d)^k
 * for k = 1..horizon/Δ (the discrete-period form of Fader, Hardie & Lee 2005, "RFM
 * and CLV", as the `lifetimes` library computes it). All times are in the unit of
 * the summary the models were fitted on; the discount rate is per period Δ.
 *
 * @module
 */
import type { PurchaseForecast } from "./fit_result.ts";
import type { SpendForecast } from "./gamma_gamma.ts";

/** Options of {@link computeClv}; times in the unit of the fitted summary. */
export interface ClvOptions {
  /** Length of the forecast, e.g. 52 (weeks). Must be a whole number of periods. */
  readonly horizon: number;
  /** Length of one discounting period, e.g. 4.348 weeks for a month of 30.4375 days. */
  readonly period: number;
  /** Discount rate per period, e.g. 0.01 per month. */
  readonly discountRate: number;
}

/** Customer histories: frequency, recency, T and mean repeat spend. */
export interface ClvCustomers {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

/**
 * Discounted CLV per customer over a horizon.
 *
 * @example Expected purchases 0.1 per week, spend 20, one 4-week period, no discount
 * ```ts
 * import { computeClv } from "./lifetime_value.ts";
 * const purchases = {
 *   expectedPurchases: (t: number) => 0.1 * t,
 *   conditionalExpectedPurchases: (t: number) => 0.1 * t,
 * };
 * const spend = { expectedSpend: () => 20, populationMeanSpend: 20 };
 * const clv = computeClv(purchases, spend, { frequency: [1], recency: [2], T: [5], monetary: [20] }, {
 *   horizon: 4, period: 4, discountRate: 0,
 * });
 * if (Math.abs(clv[0] - 8) > 1e-12) throw new Error("unexpected");
 * ```
 */
export function computeClv(
  purchases: PurchaseForecast,
  spend: SpendForecast,
  customers: ClvCustomers,
  options: ClvOptions,
): Float64Array {
  const { horizon, period, discountRate } = options;
  if (!(period > 0)) throw new RangeError(`Cannot compute CLV: period must be > 0, got ${period}`);
  const steps = Math.round(horizon / period);
  if (!(steps >= 1 && Math.abs(steps * period - horizon) <= 1e-9 * horizon)) {
    throw new RangeError(
      `Cannot compute CLV: horizon ${horizon} is not a whole number (≥ 1) of periods of ${period}`,
    );
  }
  if (!(discountRate > -1 && Number.isFinite(discountRate))) {
    throw new RangeError(`Cannot compute CLV: discountRate must be > -1, got ${discountRate}`);
  }
  const n = customers.frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i], tx = customers.recency[i], T = customers.T[i];
    const value = spend.expectedSpend(x, customers.monetary[i]);
    let previous = 0, total = 0;
    for (let k = 1; k <= steps; k++) {
      const current = purchases.conditionalExpectedPurchases(k * period, x, tx, T);
      total += (current - previous) / Math.pow(1 + discountRate, k);
      previous = current;
    }
    out[i] = value * total;
  }
  return out;
}
