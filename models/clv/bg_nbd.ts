/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way"): while active a customer buys at a gamma(r, α)-distributed Poisson rate and
 * drops out after each purchase with a beta(a, b)-distributed probability.
 *
 * Likelihood: FHL (2005) eq. 6, maximized over log-parameters with the analytic
 * gradient over weighted unique (x, t_x, T) rows. Predictions: P(alive) (eq. 7 of
 * Fader, Hardie & Lee's note on it), E[X(t)] (eq. 9), E[Y(t) | x, t_x, T] (eq. 10),
 * P(X(t) = n) (eq. 8). Checked against the paper's CDNOW estimates (r = 0.243,
 * α = 4.414, a = 0.793, b = 2.426, LL = −9582.4).
 *
 * @module
 */
import { hyp2f1, logBeta, logGamma } from "../math/mod.ts";
import { compressRfm, type RfmData } from "./_rfm.ts";
import { maximizeLikelihood } from "./_mle.ts";
import type {
  AliveProbability,
  ClvFit,
  PurchaseCountProbability,
  PurchaseForecast,
} from "./fit_result.ts";

/** BG/NBD parameter names. */
export type BgNbdParameter = "r" | "alpha" | "a" | "b";

/** A fitted BG/NBD model with its predictions. */
export interface BgNbdFit
  extends ClvFit<BgNbdParameter>, AliveProbability, PurchaseForecast, PurchaseCountProbability {}

/** Options of {@link fitBgNbd}. */
export interface BgNbdOptions {
  /** Confidence level of the parameter intervals (default 0.95). */
  readonly level?: number;
  /** Starting points (r, α, a, b); defaults scale α with the mean T. */
  readonly starts?: readonly (readonly number[])[];
}

/** Defaults of the CLV model fits. */
export const CLV_FIT_DEFAULTS = { level: 0.95 } as const;

/**
 * Fits BG/NBD to recency/frequency data by maximum likelihood.
 *
 * @example Fit simulated customers
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { fitBgNbd } from "./bg_nbd.ts";
 * import { simulateBgNbd } from "./simulate.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const data = simulateBgNbd(rng, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 2000, T: 39 });
 * const fit = fitBgNbd(data);
 * if (!(fit.params.r > 0) || fit.summary().length !== 4) throw new Error("unexpected");
 * ```
 */
export function fitBgNbd(data: RfmData, options: BgNbdOptions = {}): BgNbdFit {
  const rows = compressRfm("BG/NBD", data);
  let meanT = 0;
  for (let i = 0; i < rows.x.length; i++) meanT += rows.w[i] * rows.T[i] / rows.n;
  const gradient = new Float64Array(4);
  const fit = maximizeLikelihood<BgNbdParameter>({
    model: "BG/NBD",
    names: ["r", "alpha", "a", "b"],
    negLogLik: (p) => -bgNbdLogLikelihood(rows, p, null),
    gradient: (p, out) => {
      const ll = bgNbdLogLikelihood(rows, p, gradient);
      for (let i = 0; i < 4; i++) out[i] = -gradient[i];
      return -ll;
    },
    starts: options.starts ??
      [[1, meanT / 4, 1, 1], [0.3, meanT / 10, 0.5, 3], [3, meanT, 2, 8]],
    n: rows.n,
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: data.unit ?? null,
  });
  const { r, alpha, a, b } = fit.params;
  return Object.freeze({
    ...fit,
    probabilityAlive: (x: number, tx: number, T: number) =>
      x === 0 ? 1 : 1 / (1 + a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x)),
    expectedPurchases: (t: number) =>
      (a + b - 1) / (a - 1) *
      (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t))),
    conditionalExpectedPurchases: (t: number, x: number, tx: number, T: number) => {
      const head = (a + b + x - 1) / (a - 1) *
        (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) *
            hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
      const alive = x === 0 ? 0 : a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x);
      return head / (1 + alive);
    },
    probabilityOfPurchases: (count: number, t: number) => {
      const p = alpha / (alpha + t), q = t / (alpha + t);
      const base = logBeta(a, b);
      const nbd = (j: number) =>
        Math.exp(
          logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * Math.log(p) + j * Math.log(q),
        );
      let value = Math.exp(logBeta(a, b + count) - base) * nbd(count);
      if (count > 0) {
        let cdf = 0;
        for (let j = 0; j < count; j++) cdf += nbd(j);
        value += Math.exp(logBeta(a + 1, b + count - 1) - base) * (1 - cdf);
      }
      return value;
    },
  });
}

/**
 * BG/NBD log-likelihood of compressed rows at log-parameters (log r, log α, log a,
 * log b); fills `gradient` (with respect to the log-parameters) when given.
 */
function bgNbdLogLikelihood(
  rows: ReturnType<typeof compressRfm>,
  logParams: Float64Array,
  gradient: Float64Array | null,
): number {
  const r = Math.exp(logParams[0]), alpha = Math.exp(logParams[1]);
  const a = Math.exp(logParams[2]), b = Math.exp(logParams[3]);
  const m = rows.maxX + 1;
  // Terms that depend on x only, by recurrence: lnΓ(r+x)−lnΓ(r), lnB(a,b+x)−lnB(a,b)
  // and their derivatives.
  const gammaTerm = new Float64Array(m), betaTerm = new Float64Array(m);
  const dGammaR = new Float64Array(m), dBetaA = new Float64Array(m), dBetaB = new Float64Array(m);
  const logDrop = new Float64Array(m);
  for (let x = 1; x < m; x++) {
    gammaTerm[x] = gammaTerm[x - 1] + Math.log(r + x - 1);
    betaTerm[x] = betaTerm[x - 1] + Math.log(b + x - 1) - Math.log(a + b + x - 1);
    dGammaR[x] = dGammaR[x - 1] + 1 / (r + x - 1);
    dBetaA[x] = dBetaA[x - 1] - 1 / (a + b + x - 1);
    dBetaB[x] = dBetaB[x - 1] + 1 / (b + x - 1) - 1 / (a + b + x - 1);
    logDrop[x] = Math.log(a) - Math.log(b + x - 1);
  }
  const logAlpha = Math.log(alpha);
  // log(α + T) and log(α + t_x) once per distinct value, not once per row.
  const { tValues, txValues, tCode, txCode } = rows;
  const logT = new Float64Array(tValues.length), logTx = new Float64Array(txValues.length);
  const invT = new Float64Array(tValues.length), invTx = new Float64Array(txValues.length);
  for (let k = 0; k < tValues.length; k++) {
    logT[k] = Math.log(alpha + tValues[k]);
    invT[k] = 1 / (alpha + tValues[k]);
  }
  for (let k = 0; k < txValues.length; k++) {
    logTx[k] = Math.log(alpha + txValues[k]);
    invTx[k] = 1 / (alpha + txValues[k]);
  }
  const { x: xs, w } = rows;
  let ll = 0, gr = 0, ga = 0, gA = 0, gB = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], ct = tCode[i], cr = txCode[i];
    const a3 = -(r + x) * logT[ct];
    let mix = a3, share = 0;
    if (x > 0) {
      const a4 = logDrop[x] - (r + x) * logTx[cr];
      const top = a3 > a4 ? a3 : a4;
      mix = top + Math.log(Math.exp(a3 - top) + Math.exp(a4 - top));
      share = Math.exp(a4 - mix);
    }
    const wi = w[i];
    ll += wi * (gammaTerm[x] + betaTerm[x] + mix);
    if (gradient !== null) {
      gr += wi * (dGammaR[x] - (1 - share) * logT[ct] - share * logTx[cr]);
      ga += wi * (r + x) * ((1 - share) * invT[ct] + share * invTx[cr]);
      gA += wi * (dBetaA[x] + share / a);
      gB += wi * (dBetaB[x] - (x > 0 ? share / (b + x - 1) : 0));
    }
  }
  // Terms shared by every row: r log α in the value, log α and r/α in the gradient.
  ll += rows.n * r * logAlpha;
  gr += rows.n * logAlpha;
  ga = rows.n * r / alpha - ga;
  if (gradient !== null) {
    gradient[0] = gr * r;
    gradient[1] = ga * alpha;
    gradient[2] = gA * a;
    gradient[3] = gB * b;
  }
  return ll;
}
