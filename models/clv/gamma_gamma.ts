/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo &
 * Jiang 1999): each transaction value is gamma(p, ν) with the customer's ν drawn
 * from gamma(q, γ); fitted to customers' mean repeat-transaction values.
 *
 * Likelihood: Fader & Hardie (2013), "The Gamma-Gamma model of monetary value",
 * eq. 4, for customers with x > 0, maximized over log-parameters. Prediction:
 * E[M | x, m̄] = (γ + m̄x)p / (px + q − 1) (eq. 5). Checked against the note's
 * CDNOW estimates (p = 6.25, q = 3.74, γ = 15.44).
 *
 * @module
 */
import { logGamma } from "../math/mod.ts";
import { maximizeLikelihood } from "./_mle.ts";
import { CLV_FIT_DEFAULTS } from "./bg_nbd.ts";
import type { ClvFit } from "./fit_result.ts";

/** Gamma-Gamma parameter names. */
export type GammaGammaParameter = "p" | "q" | "gamma";

/** Spend data: repeat purchases and the mean value of the repeat purchases. */
export interface SpendData {
  /** Repeat purchases x; rows with x = 0 are ignored. */
  readonly frequency: ArrayLike<number>;
  /** Mean value of the repeat purchases m̄. */
  readonly monetary: ArrayLike<number>;
}

/** Models that forecast spend per transaction. */
export interface SpendForecast {
  /** E[M | x, m̄]: expected value of a future transaction given the history. */
  expectedSpend(frequency: number, monetary: number): number;
  /** Mean spend per transaction of a customer with no history: pγ/(q − 1). */
  readonly populationMeanSpend: number;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit extends ClvFit<GammaGammaParameter>, SpendForecast {}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaOptions {
  /** Confidence level of the parameter intervals (default 0.95). */
  readonly level?: number;
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood to customers with repeat
 * purchases.
 *
 * @example Fit simulated customers' mean repeat spend
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { fitGammaGamma } from "./gamma_gamma.ts";
 * import { simulateBgNbd } from "./simulate.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const truth = { r: 0.5, alpha: 6, a: 0.8, b: 2.5, spend: { p: 6, q: 4, gamma: 15 } };
 * const fit = fitGammaGamma(simulateBgNbd(rng, truth, { customers: 3000, T: 39 }));
 * if (!(fit.expectedSpend(2, 30) > 0)) throw new Error("unexpected");
 * ```
 */
export function fitGammaGamma(data: SpendData, options: GammaGammaOptions = {}): GammaGammaFit {
  const { frequency, monetary } = data;
  if (monetary.length !== frequency.length) {
    throw new RangeError(
      `Cannot fit Gamma-Gamma: frequency and monetary differ in length ` +
        `(${frequency.length}, ${monetary.length})`,
    );
  }
  const xs: number[] = [], ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i], m = monetary[i];
    if (!(Number.isInteger(x) && x >= 0)) {
      throw new RangeError(
        `Cannot fit Gamma-Gamma: frequency at row ${i} is ${x}; expected an integer ≥ 0`,
      );
    }
    if (x === 0) continue;
    if (!(m > 0 && Number.isFinite(m))) {
      throw new RangeError(
        `Cannot fit Gamma-Gamma: monetary at row ${i} is ${m}; expected a finite amount > 0`,
      );
    }
    xs.push(x);
    ms.push(m);
  }
  if (xs.length < 2) {
    throw new RangeError(
      `Cannot fit Gamma-Gamma: needs at least 2 customers with repeat purchases, got ${xs.length}`,
    );
  }
  const x = Float64Array.from(xs), m = Float64Array.from(ms);
  let mean = 0, lowest = Infinity, highest = -Infinity;
  for (let i = 0; i < m.length; i++) {
    mean += m[i] / m.length;
    lowest = Math.min(lowest, m[i]);
    highest = Math.max(highest, m[i]);
  }
  if (highest - lowest <= 1e-12 * highest) {
    throw new RangeError(
      `Cannot fit Gamma-Gamma: every customer's mean repeat spend is ${highest}, so spend ` +
        `does not vary between customers and p, q, γ cannot be told apart; use a fixed spend`,
    );
  }
  const fit = maximizeLikelihood<GammaGammaParameter>({
    model: "Gamma-Gamma",
    names: ["p", "q", "gamma"],
    negLogLik: (logParams) => {
      const p = Math.exp(logParams[0]), q = Math.exp(logParams[1]), g = Math.exp(logParams[2]);
      let ll = 0;
      const head = q * Math.log(g) - logGamma(q);
      for (let i = 0; i < x.length; i++) {
        const px = p * x[i];
        ll += logGamma(px + q) - logGamma(px) + head + (px - 1) * Math.log(m[i]) +
          px * Math.log(x[i]) - (px + q) * Math.log(g + m[i] * x[i]);
      }
      return -ll;
    },
    starts: [[1, 2, mean], [5, 4, mean * 2], [0.5, 1.5, mean / 2]],
    n: x.length,
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: null,
  });
  const { p, q, gamma } = fit.params;
  return Object.freeze({
    ...fit,
    expectedSpend: (frequency: number, monetary: number) =>
      (gamma + monetary * frequency) * p / (p * frequency + q - 1),
    populationMeanSpend: p * gamma / (q - 1),
  });
}
