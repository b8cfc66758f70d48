/**
 * The shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie
 * 2007, "How to project customer retention"): each customer renews every period
 * with a constant probability 1 − θ, θ ~ beta(α, β) across customers.
 *
 * Likelihood: FH (2007) eq. 5 from a cohort's survivor counts, maximized over
 * log-parameters. Predictions: survival S(t) (eq. 3), retention rate r_t (eq. 4),
 * and discounted expected (residual) lifetime (Fader & Hardie 2010, "Customer-base
 * valuation in a contractual setting", eqs. 5–6). Checked against FH (2007) Table 2:
 * regular α = 0.704, β = 1.182; high end α = 0.668, β = 3.806.
 *
 * @module
 */
import { hyp2f1, logBeta } from "../math/mod.ts";
import { maximizeLikelihood } from "./_mle.ts";
import { CLV_FIT_DEFAULTS } from "./bg_nbd.ts";
import type { ClvFit } from "./fit_result.ts";
import type { TimeUnit } from "./summary.ts";

/** sBG parameter names. */
export type SbgParameter = "alpha" | "beta";

/** A fitted sBG model with its predictions; t counts periods since acquisition. */
export interface SbgFit extends ClvFit<SbgParameter> {
  /** S(t): share of the cohort still a customer after t periods. */
  survival(t: number): number;
  /** r_t = S(t)/S(t − 1): share of period t − 1 survivors who renew in period t (t ≥ 1). */
  retentionRate(t: number): number;
  /** Discounted expected lifetime of a new customer, in payments (discount rate per period). */
  discountedExpectedLifetime(discountRate: number): number;
  /** Discounted expected residual lifetime of a customer who has made `renewals` renewals. */
  discountedExpectedResidualLifetime(renewals: number, discountRate: number): number;
}

/** Options of {@link fitSbg}. */
export interface SbgOptions {
  /** Confidence level of the parameter intervals (default 0.95). */
  readonly level?: number;
  /** Length of one period (e.g. a year of 365.25 days), recorded on the fit; default null. */
  readonly unit?: TimeUnit;
}

/**
 * Fits sBG to a cohort's survivor counts at periods 0, 1, ..., k.
 *
 * @example Fader & Hardie (2007), regular customers
 * ```ts
 * import { fitSbg } from "./sbg.ts";
 * const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
 * if (Math.abs(fit.params.alpha - 0.704) > 0.001) throw new Error("unexpected");
 * ```
 */
export function fitSbg(survivors: ArrayLike<number>, options: SbgOptions = {}): SbgFit {
  const k = survivors.length - 1;
  if (k < 1) {
    throw new RangeError(
      `Cannot fit sBG: needs survivor counts for at least 2 periods, got ${survivors.length}`,
    );
  }
  if (!(survivors[0] > 0 && Number.isFinite(survivors[0]))) {
    throw new RangeError(`Cannot fit sBG: survivors at period 0 is ${survivors[0]}; expected > 0`);
  }
  for (let t = 1; t <= k; t++) {
    if (!(survivors[t] >= 0 && survivors[t] <= survivors[t - 1])) {
      throw new RangeError(
        `Cannot fit sBG: survivors at period ${t} is ${survivors[t]}; expected a number in ` +
          `[0, ${survivors[t - 1]}] (counts never rise)`,
      );
    }
  }
  if (survivors[k] === survivors[0]) {
    throw new RangeError(`Cannot fit sBG: no customer churned in ${k} periods`);
  }
  const fit = maximizeLikelihood<SbgParameter>({
    model: "sBG",
    names: ["alpha", "beta"],
    negLogLik: (logParams) => {
      const alpha = Math.exp(logParams[0]), beta = Math.exp(logParams[1]);
      let ll = 0;
      let logChurn = Math.log(alpha / (alpha + beta));
      let logSurvival = Math.log(beta / (alpha + beta));
      for (let t = 1; t <= k; t++) {
        if (t > 1) {
          // P(T = t) = P(T = t − 1)(β + t − 2)/(α + β + t − 1); S likewise.
          logChurn += Math.log((beta + t - 2) / (alpha + beta + t - 1));
          logSurvival += Math.log((beta + t - 1) / (alpha + beta + t - 1));
        }
        const lost = survivors[t - 1] - survivors[t];
        if (lost > 0) ll += lost * logChurn;
      }
      if (survivors[k] > 0) ll += survivors[k] * logSurvival;
      return -ll;
    },
    starts: [[1, 1], [0.5, 3], [3, 0.5]],
    n: survivors[0],
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: options.unit ?? null,
  });
  const { alpha, beta } = fit.params;
  const base = logBeta(alpha, beta);
  return Object.freeze({
    ...fit,
    survival: (t: number) => Math.exp(logBeta(alpha, beta + t) - base),
    retentionRate: (t: number) => (beta + t - 1) / (alpha + beta + t - 1),
    discountedExpectedLifetime: (d: number) => hyp2f1(1, beta, alpha + beta, 1 / (1 + d)),
    discountedExpectedResidualLifetime: (renewals: number, d: number) => {
      const n = renewals + 1;
      return (beta + n - 1) / (alpha + beta + n - 1) *
        hyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + d));
    },
  });
}
