/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way"): while active a customer buys at a gamma(r, α)-distributed Poisson rate and
 * drops out after each purchase with a beta(a, b)-distributed probability.
 *
 * Likelihood: FHL (2005) eq. 6, maximized over log-parameters with the analytic
 * gradient over weighted unique (x, t_x, T) rows. Predictions: P(alive) (eq. 7 of
 * Fader, Hardie & Lee's note on it), E[X(t)] (eq. 9), E[Y(t) | x, t_x, T] (eq. 10),
 * P(X(t) = n) (eq. 8). In eqs. 9–10 the factor ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x;
 * a+b+x−1; z) is taken in Euler's form ((α+T)/(α+T+t))^(a−1) ₂F₁(a+b−1−r, a−1;
 * a+b+x−1; z), equal but finite for customers with thousands of purchases. Checked
 * against the paper's CDNOW estimates (r = 0.243, α = 4.414, a = 0.793, b = 2.426,
 * LL = −9582.4). Times are in the unit of the data (`fit.unit`).
 *
 * @module
 */
import { hyp2f1, logBeta, minimize } from "../math/mod.ts";
import { checkCount, nbdProbabilities } from "./_nbd.ts";
import { type CompressedRfm, compressRfm, type RfmData } from "./_rfm.ts";
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
  const logLikelihood = bgNbdLikelihood(rows);
  const gradient = new Float64Array(4);
  const fit = maximizeLikelihood<BgNbdParameter>({
    model: "BG/NBD",
    names: ["r", "alpha", "a", "b"],
    negLogLik: (p) => -logLikelihood(p, null),
    gradient: (p, out) => {
      const ll = logLikelihood(p, gradient);
      for (let i = 0; i < 4; i++) out[i] = -gradient[i];
      return -ll;
    },
    starts: options.starts ?? startingPoints(rows),
    n: rows.n,
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: data.unit ?? null,
  });
  const { r, alpha, a, b } = fit.params;
  // E[Y(t) | x, t_x, T] (FHL eq. 10); with x = t_x = T = 0 it is E[X(t)] (eq. 9).
  const conditional = (t: number, x: number, tx: number, T: number) => {
    const head = (a + b + x - 1) / (a - 1) *
      (1 - Math.pow((alpha + T) / (alpha + T + t), a - 1) *
          hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, t / (alpha + T + t)));
    const alive = x === 0 ? 0 : a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x);
    return head / (1 + alive);
  };
  return Object.freeze({
    ...fit,
    probabilityAlive: (x: number, tx: number, T: number) =>
      x === 0 ? 1 : 1 / (1 + a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x)),
    expectedPurchases: (t: number) => conditional(t, 0, 0, 0),
    conditionalExpectedPurchases: conditional,
    probabilityOfPurchases: (count: number, t: number) => {
      checkCount("BG/NBD", count, t);
      // Still active after `count` purchases with exactly `count` in (0, t], or dropped
      // out right after the count-th with at least `count` purchase chances (FHL eq. 8).
      const nbd = nbdProbabilities(r, alpha, t, count);
      const base = logBeta(a, b);
      let value = Math.exp(logBeta(a, b + count) - base) * nbd[count];
      if (count > 0) {
        let cdf = 0;
        for (let j = 0; j < count; j++) cdf += nbd[j];
        value += Math.exp(logBeta(a + 1, b + count - 1) - base) * Math.max(0, 1 - cdf);
      }
      return value;
    },
  });
}

/** Distinct histories beyond which the starting point comes from a subsample. */
const SUBSAMPLE_ROWS = 20_000;

/**
 * Starting points (r, α, a, b): three spread around α ∝ mean T; for many distinct
 * histories (a million customers, or times recorded to the second rather than the day),
 * the optimum of a systematic subsample of them found from those three, so the full
 * data need only a few BFGS steps from one start.
 */
function startingPoints(rows: CompressedRfm): number[][] {
  let meanT = 0;
  for (let i = 0; i < rows.x.length; i++) meanT += rows.w[i] * rows.T[i] / rows.n;
  const spread = [[1, meanT / 4, 1, 1], [0.3, meanT / 10, 0.5, 3], [3, meanT, 2, 8]];
  if (rows.x.length <= SUBSAMPLE_ROWS) return spread;
  const step = Math.ceil(rows.x.length / SUBSAMPLE_ROWS);
  const pick = (values: Float64Array) => values.filter((_, i) => i % step === 0);
  let sample: CompressedRfm;
  try {
    sample = compressRfm("BG/NBD", {
      frequency: pick(rows.x),
      recency: pick(rows.tx),
      T: pick(rows.T),
      weights: pick(rows.w),
    });
  } catch {
    return spread; // a subsample without repeat purchases: start from the spread
  }
  const logLikelihood = bgNbdLikelihood(sample);
  const best = minimize((p) => -logLikelihood(p, null), spread.map((s) => s.map(Math.log)));
  // The subsample already compared several starts; the full data polish its optimum.
  return best.converged ? [Array.from(best.x, Math.exp)] : spread;
}

/**
 * The BG/NBD log-likelihood of compressed rows as a function of log-parameters
 * (log r, log α, log a, log b) that fills `gradient` (with respect to them) when given;
 * its work arrays are allocated once per fit.
 */
function bgNbdLikelihood(
  rows: CompressedRfm,
): (logParams: Float64Array, gradient: Float64Array | null) => number {
  const perX = () => new Float64Array(rows.maxX + 1);
  // log(α + T) and log(α + t_x) go in tables per distinct value, but are computed per row
  // when nearly every row has its own value (times to the second), where looking them up
  // in tables of a million entries would cost a cache miss each.
  const directT = 4 * rows.tValues.length > rows.x.length;
  const directTx = 4 * rows.txValues.length > rows.x.length;
  const tSize = directT ? 0 : rows.tValues.length, txSize = directTx ? 0 : rows.txValues.length;
  const work: Workspace = {
    gammaTerm: perX(),
    betaTerm: perX(),
    dGammaR: perX(),
    dBetaA: perX(),
    dBetaB: perX(),
    logDrop: perX(),
    directT,
    directTx,
    logT: new Float64Array(tSize),
    logTx: new Float64Array(txSize),
    invT: new Float64Array(tSize),
    invTx: new Float64Array(txSize),
  };
  return (logParams, gradient) => bgNbdLogLikelihood(rows, logParams, gradient, work);
}

/**
 * Work arrays of {@link bgNbdLogLikelihood}: per x, and per distinct T and t_x unless
 * those are computed per row (`directT`, `directTx`).
 */
interface Workspace {
  readonly gammaTerm: Float64Array;
  readonly betaTerm: Float64Array;
  readonly dGammaR: Float64Array;
  readonly dBetaA: Float64Array;
  readonly dBetaB: Float64Array;
  readonly logDrop: Float64Array;
  readonly directT: boolean;
  readonly directTx: boolean;
  readonly logT: Float64Array;
  readonly logTx: Float64Array;
  readonly invT: Float64Array;
  readonly invTx: Float64Array;
}

function bgNbdLogLikelihood(
  rows: CompressedRfm,
  logParams: Float64Array,
  gradient: Float64Array | null,
  work: Workspace,
): number {
  const r = Math.exp(logParams[0]), alpha = Math.exp(logParams[1]);
  const a = Math.exp(logParams[2]), b = Math.exp(logParams[3]);
  const m = rows.maxX + 1;
  // Terms that depend on x only, by recurrence: lnΓ(r+x)−lnΓ(r), lnB(a,b+x)−lnB(a,b)
  // and their derivatives.
  const { gammaTerm, betaTerm, dGammaR, dBetaA, dBetaB, logDrop } = work;
  for (let x = 1; x < m; x++) {
    gammaTerm[x] = gammaTerm[x - 1] + Math.log(r + x - 1);
    betaTerm[x] = betaTerm[x - 1] + Math.log(b + x - 1) - Math.log(a + b + x - 1);
    dGammaR[x] = dGammaR[x - 1] + 1 / (r + x - 1);
    dBetaA[x] = dBetaA[x - 1] - 1 / (a + b + x - 1);
    dBetaB[x] = dBetaB[x - 1] + 1 / (b + x - 1) - 1 / (a + b + x - 1);
    logDrop[x] = Math.log(a) - Math.log(b + x - 1);
  }
  const logAlpha = Math.log(alpha);
  // log(α + T) and log(α + t_x) once per distinct value, or per row (see the workspace).
  const { tValues, txValues, tCode, txCode, T: ts, tx: txs } = rows;
  const { logT, logTx, invT, invTx, directT, directTx } = work;
  const { x: xs, w } = rows;
  if (!directT) {
    for (let k = 0; k < tValues.length; k++) {
      logT[k] = Math.log(alpha + tValues[k]);
      invT[k] = 1 / (alpha + tValues[k]);
    }
  }
  if (!directTx) {
    for (let k = 0; k < txValues.length; k++) {
      logTx[k] = Math.log(alpha + txValues[k]);
      invTx[k] = 1 / (alpha + txValues[k]);
    }
  }
  let ll = 0, gr = 0, ga = 0, gA = 0, gB = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    let lT: number, iT: number;
    if (directT) {
      iT = 1 / (alpha + ts[i]);
      lT = -Math.log(iT);
    } else {
      lT = logT[tCode[i]];
      iT = invT[tCode[i]];
    }
    const a3 = -(r + x) * lT;
    let mix = a3, share = 0, lTx = 0, iTx = 0;
    if (x > 0) {
      if (directTx) {
        iTx = 1 / (alpha + txs[i]);
        lTx = -Math.log(iTx);
      } else {
        lTx = logTx[txCode[i]];
        iTx = invTx[txCode[i]];
      }
      const a4 = logDrop[x] - (r + x) * lTx;
      const top = a3 > a4 ? a3 : a4;
      mix = top + Math.log(Math.exp(a3 - top) + Math.exp(a4 - top));
      share = Math.exp(a4 - mix);
    }
    const wi = w[i];
    ll += wi * (gammaTerm[x] + betaTerm[x] + mix);
    if (gradient !== null) {
      gr += wi * (dGammaR[x] - (1 - share) * lT - share * lTx);
      ga += wi * (r + x) * ((1 - share) * iT + share * iTx);
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
