/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while active a
 * customer buys at a gamma(r, α) Poisson rate; lifetimes are exponential with a
 * gamma(s, β) rate.
 *
 * Likelihood: Fader, Hardie & Lee (2005), "A note on deriving the Pareto/NBD model
 * and related expressions", eq. 22, with ₂F₁ taken on the side where its argument is
 * in [0, 1). Predictions: P(alive) (eq. 13 there), E[X(t)] (eq. 17),
 * E[Y(t) | x, t_x, T] (eq. 21) and P(X(t) = x) (Fader, Hardie & Lee's expression: alive
 * throughout, NBD·(β/(β+t))^s, plus dropped out at τ ≤ t after x purchases, in ₂F₁
 * terms; checked against mpmath quadrature of its defining integral). Checked against
 * FHL's CDNOW estimates (r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0).
 * Times are in the unit of the data (`fit.unit`).
 *
 * @module
 */
import { hyp2f1, logBeta, logGamma } from "../math/mod.ts";
import { checkCount } from "./_nbd.ts";
import { type CompressedRfm, compressRfm, type RfmData } from "./_rfm.ts";
import { maximizeLikelihood } from "./_mle.ts";
import { CLV_FIT_DEFAULTS } from "./bg_nbd.ts";
import type {
  AliveProbability,
  ClvFit,
  PurchaseCountProbability,
  PurchaseForecast,
} from "./fit_result.ts";

/** Pareto/NBD parameter names. */
export type ParetoNbdParameter = "r" | "alpha" | "s" | "beta";

/** A fitted Pareto/NBD model with its predictions. */
export interface ParetoNbdFit
  extends
    ClvFit<ParetoNbdParameter>,
    AliveProbability,
    PurchaseForecast,
    PurchaseCountProbability {}

/** Options of {@link fitParetoNbd}. */
export interface ParetoNbdOptions {
  /** Confidence level of the parameter intervals (default 0.95). */
  readonly level?: number;
  /** Starting points (r, α, s, β); defaults scale α and β with the mean T. */
  readonly starts?: readonly (readonly number[])[];
}

/**
 * Fits Pareto/NBD to recency/frequency data by maximum likelihood.
 *
 * @example Fit simulated customers
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { fitParetoNbd } from "./pareto_nbd.ts";
 * import { simulateBgNbd } from "./simulate.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const data = simulateBgNbd(rng, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 2000, T: 39 });
 * const fit = fitParetoNbd(data);
 * if (!(fit.probabilityAlive(0, 0, 39) < 1)) throw new Error("unexpected");
 * ```
 */
export function fitParetoNbd(data: RfmData, options: ParetoNbdOptions = {}): ParetoNbdFit {
  const rows = compressRfm("Pareto/NBD", data);
  let meanT = 0;
  for (let i = 0; i < rows.x.length; i++) meanT += rows.w[i] * rows.T[i] / rows.n;
  const fit = maximizeLikelihood<ParetoNbdParameter>({
    model: "Pareto/NBD",
    names: ["r", "alpha", "s", "beta"],
    negLogLik: (p) => {
      try {
        return -paretoLogLikelihood(rows, p);
      } catch {
        // Trial points far from the optimum can push ₂F₁ to z = 1; reject them.
        return Infinity;
      }
    },
    starts: options.starts ?? [[1, meanT / 4, 1, meanT / 4], [0.3, meanT / 10, 0.3, meanT]],
    n: rows.n,
    level: options.level ?? CLV_FIT_DEFAULTS.level,
    unit: data.unit ?? null,
  });
  const { r, alpha, s, beta } = fit.params;
  // [1 − (β/(β+t))^(s−1)] / (s − 1), with its limit log(1 + t/β) at s = 1.
  const decay = (t: number, base: number) =>
    Math.abs(s - 1) < 1e-9
      ? Math.log1p(t / base)
      : -Math.expm1((s - 1) * Math.log(base / (base + t))) / (s - 1);
  const alive = (x: number, tx: number, T: number) => {
    const [logLead, logRest] = logTerms(r, alpha, s, beta, x, tx, T);
    return 1 / (1 + Math.exp(logRest - logLead));
  };
  return Object.freeze({
    ...fit,
    probabilityAlive: alive,
    expectedPurchases: (t: number) => r * beta / alpha * decay(t, beta),
    conditionalExpectedPurchases: (t: number, x: number, tx: number, T: number) =>
      (r + x) * (beta + T) / (alpha + T) * decay(t, beta + T) * alive(x, tx, T),
    probabilityOfPurchases: (count: number, t: number) => {
      checkCount("Pareto/NBD", count, t);
      return t === 0 ? (count === 0 ? 1 : 0) : paretoCountProbability(fit.params, count, t);
    },
  });
}

/**
 * P(X(t) = x) under Pareto/NBD (t > 0): NBD(x; r, α, t)·(β/(β+t))^s for customers alive
 * throughout, plus α^r β^s B(r+x, s+1)/B(r, s)·[B₁ − Σᵢ₌₀ˣ Γ(r+s+i)/(Γ(r+s) i!) tⁱ B₂ᵢ]
 * for those who dropped out at τ ≤ t, with B₁ and B₂ᵢ the ₂F₁ terms on the side of
 * max(α, β), where the argument lies in [0, 1).
 */
function paretoCountProbability(
  params: Readonly<Record<ParetoNbdParameter, number>>,
  x: number,
  t: number,
): number {
  const { r, alpha, s, beta } = params;
  const alive = Math.exp(
    logGamma(r + x) - logGamma(r) - logGamma(x + 1) + r * Math.log(alpha / (alpha + t)) +
      x * Math.log(t / (alpha + t)) + s * Math.log(beta / (beta + t)),
  );
  const [base, second] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const diff = Math.abs(alpha - beta);
  const c = r + s + x + 1;
  const b1 = hyp2f1(r + s, second, c, diff / base) * Math.exp(-(r + s) * Math.log(base));
  let sum = 0;
  for (let i = 0; i <= x; i++) {
    sum += hyp2f1(r + s + i, second, c, diff / (base + t)) * Math.exp(
      logGamma(r + s + i) - logGamma(r + s) - logGamma(i + 1) +
        i * Math.log(t / (base + t)) - (r + s) * Math.log(base + t),
    );
  }
  const scale = Math.exp(
    r * Math.log(alpha) + s * Math.log(beta) + logBeta(r + x, s + 1) - logBeta(r, s),
  );
  return alive + scale * Math.max(0, b1 - sum);
}

/**
 * log of the two parts of L / [Γ(r+x)α^r β^s / Γ(r)]: the "still alive at T" part
 * −(r+x)ln(α+T) − s ln(β+T), and log(s/(r+s+x) · A₀), −∞ when t_x = T.
 */
function logTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): [number, number] {
  const lead = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const big = r + s + x;
  const [base, second] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const diff = Math.abs(alpha - beta);
  const at = (time: number) =>
    Math.log(hyp2f1(big, second, big + 1, diff / (base + time))) - big * Math.log(base + time);
  const upper = at(tx);
  const lower = at(T);
  const rest = Math.log(s / big) + upper + Math.log(-Math.expm1(lower - upper));
  return [lead, rest];
}

function paretoLogLikelihood(rows: CompressedRfm, logParams: Float64Array): number {
  const r = Math.exp(logParams[0]), alpha = Math.exp(logParams[1]);
  const s = Math.exp(logParams[2]), beta = Math.exp(logParams[3]);
  const head = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  let ll = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const x = rows.x[i];
    const [lead, rest] = logTerms(r, alpha, s, beta, x, rows.tx[i], rows.T[i]);
    const top = Math.max(lead, rest);
    const mix = top + Math.log(Math.exp(lead - top) + Math.exp(rest - top));
    ll += rows.w[i] * (logGamma(r + x) + head + mix);
  }
  return ll;
}
