/**
 * The MBG/NBD model (Batislam, Denizel & Filiztekin 2007): BG/NBD in which a
 * customer may also drop out right after the first purchase, so customers with
 * x = 0 are not assumed alive.
 *
 * Likelihood: Batislam et al. (2007) eq. 5 (the form `lifetimes` implements),
 * maximized over log-parameters. Predictions: P(alive), E[X(t)] and
 * E[Y(t) | x, t_x, T] as in `lifetimes`' ModifiedBetaGeoFitter (the conditional ₂F₁
 * factor in Euler's form, finite for customers with thousands of purchases), and
 * P(X(t) = n) = B(a, b+n+1)/B(a,b)·NBD(n) + B(a+1, b+n)/B(a,b)·P(NBD ≥ n) (drop-out
 * chances at the first purchase and after each repeat purchase). Checked against the
 * BTYDplus/lifetimes CDNOW estimates (r = 0.525, α = 6.183, a = 0.891, b = 1.614;
 * `lifetimes` test suite, test_params_out_is_close_to_BTYDplus).
 *
 * @module
 */
import { hyp2f1, logBeta, logGamma } from "../math/mod.ts";
import { checkCount, nbdProbabilities } from "./_nbd.ts";
import { type CompressedRfm, compressRfm, type RfmData } from "./_rfm.ts";
import { maximizeLikelihood } from "./_mle.ts";
import { CLV_FIT_DEFAULTS } from "./bg_nbd.ts";
import type {
  AliveProbability,
  ClvFit,
  PurchaseCountProbability,
  PurchaseForecast,
} from "./fit_result.ts";

/** MBG/NBD parameter names. */
export type MbgNbdParameter = "r" | "alpha" | "a" | "b";

/** A fitted MBG/NBD model with its predictions. */
export interface MbgNbdFit
  extends ClvFit<MbgNbdParameter>, AliveProbability, PurchaseForecast, PurchaseCountProbability {}

/** Options of {@link fitMbgNbd}. */
export interface MbgNbdOptions {
  /** Confidence level of the parameter intervals (default 0.95). */
  readonly level?: number;
  /** Starting points (r, α, a, b). */
  readonly starts?: readonly (readonly number[])[];
}

/**
 * Fits MBG/NBD to recency/frequency data by maximum likelihood.
 *
 * @example Fit simulated customers
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { fitMbgNbd } from "./mbg_nbd.ts";
 * import { simulateBgNbd } from "./simulate.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const data = simulateBgNbd(rng, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 2000, T: 39 });
 * const fit = fitMbgNbd(data);
 * if (!(fit.probabilityAlive(0, 0, 39) < 1)) throw new Error("x = 0 customers may be gone");
 * ```
 */
export function fitMbgNbd(data: RfmData, options: MbgNbdOptions = {}): MbgNbdFit {
  const rows = compressRfm("MBG/NBD", data);
  let meanT = 0;
  for (let i = 0; i < rows.x.length; i++) meanT += rows.w[i] * rows.T[i] / rows.n;
  const fit = maximizeLikelihood<MbgNbdParameter>({
    model: "MBG/NBD",
    names: ["r", "alpha", "a", "b"],
    negLogLik: (p) => -mbgLogLikelihood(rows, p),
    starts: options.starts ?? [[1, meanT / 4, 1, 1], [0.3, meanT / 10, 0.5, 3]],
    n: rows.n,
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: data.unit ?? null,
  });
  const { r, alpha, a, b } = fit.params;
  const odds = (x: number, tx: number, T: number) =>
    a / (b + x) * Math.pow((alpha + T) / (alpha + tx), r + x);
  return Object.freeze({
    ...fit,
    probabilityAlive: (x: number, tx: number, T: number) => 1 / (1 + odds(x, tx, T)),
    expectedPurchases: (t: number) =>
      b / (a - 1) *
      (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b + 1, a + b, t / (alpha + t))),
    conditionalExpectedPurchases: (t: number, x: number, tx: number, T: number) =>
      (a + b + x) / (a - 1) *
      (1 - Math.pow((alpha + T) / (alpha + T + t), a - 1) *
          hyp2f1(a + b - r, a - 1, a + b + x, t / (alpha + T + t))) /
      (1 + odds(x, tx, T)),
    probabilityOfPurchases: (count: number, t: number) => {
      checkCount("MBG/NBD", count, t);
      const nbd = nbdProbabilities(r, alpha, t, count);
      const base = logBeta(a, b);
      let below = 0;
      for (let j = 0; j < count; j++) below += nbd[j];
      return Math.exp(logBeta(a, b + count + 1) - base) * nbd[count] +
        Math.exp(logBeta(a + 1, b + count) - base) * Math.max(0, 1 - below);
    },
  });
}

function mbgLogLikelihood(rows: CompressedRfm, logParams: Float64Array): number {
  const r = Math.exp(logParams[0]), alpha = Math.exp(logParams[1]);
  const a = Math.exp(logParams[2]), b = Math.exp(logParams[3]);
  const head = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
  let ll = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const x = rows.x[i];
    const logT = Math.log(alpha + rows.T[i]);
    const a4 = Math.log(a) - Math.log(b + x) + (r + x) * (logT - Math.log(alpha + rows.tx[i]));
    const mix = a4 > 0 ? a4 + Math.log1p(Math.exp(-a4)) : Math.log1p(Math.exp(a4));
    ll += rows.w[i] * (logGamma(r + x) + head + logGamma(b + x + 1) - logGamma(a + b + x + 1) -
      (r + x) * logT + mix);
  }
  return ll;
}
