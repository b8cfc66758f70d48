/**
 * Maximum likelihood over log-parameters: multi-start minimization of the negative
 * log-likelihood (BFGS, Nelder–Mead where BFGS fails), a check that no parameter ran
 * off towards 0 or ∞ along a flat likelihood, standard errors from the inverse
 * numerical Hessian, delta method back to the natural scale, and the immutable fit.
 *
 * @module
 */
import {
  type Gradient,
  invertSymmetric,
  minimize,
  normalQuantile,
  numericalHessian,
} from "../math/mod.ts";
import { type ClvFit, ConvergenceError, type ParameterRow } from "./fit_result.ts";
import type { TimeUnit } from "./summary.ts";

const LOG_BOUND = 25;
/**
 * A parameter this far out on the log scale (beyond ×e^±7, about 1100 or 1/1100) is
 * checked for a flat profile likelihood: moved PROFILE_STEP further out (×20) with the
 * others re-optimized, a log-likelihood within FLAT_PROFILE of the maximum means the
 * data do not bound it. Identified scale parameters (α in days, γ in cents) pass.
 */
const FAR_OUT = 7;
const PROFILE_STEP = 3;
const FLAT_PROFILE = 0.05;

/** What a model supplies to be fitted. */
export interface LikelihoodProblem<P extends string> {
  readonly model: string;
  readonly names: readonly P[];
  /** Negative log-likelihood at log-parameters. */
  readonly negLogLik: (logParams: Float64Array) => number;
  /** Gradient of negLogLik with respect to log-parameters, when cheap. */
  readonly gradient?: Gradient;
  /** Starting points on the natural scale. */
  readonly starts: readonly (readonly number[])[];
  readonly n: number;
  readonly level: number;
  /** Time unit of the data, recorded on the fit (null: not stated). */
  readonly unit: TimeUnit | null;
}

/** Fits the problem; throws {@link ConvergenceError} when it cannot. */
export function maximizeLikelihood<P extends string>(problem: LikelihoodProblem<P>): ClvFit<P> {
  const { model, names, negLogLik, level } = problem;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot fit ${model}: level must be in (0, 1), got ${level}`);
  }
  const starts = problem.starts.map((s) => s.map(Math.log));
  // Parameters beyond e^±LOG_BOUND are outside any sensible model and make the
  // closed-form likelihoods overflow into meaningless values; treat them as +∞.
  const objective = (p: Float64Array) => {
    for (let i = 0; i < p.length; i++) if (Math.abs(p[i]) > LOG_BOUND) return Infinity;
    return negLogLik(p);
  };
  const best = minimize(objective, starts, { gradient: problem.gradient });
  if (!best.converged || !Number.isFinite(best.value)) {
    // A parameter running off along a flat ridge also stops the optimizer: name it.
    if (Number.isFinite(best.value)) checkIdentified(model, names, objective, best.x, best.value);
    throw new ConvergenceError(
      `Cannot fit ${model}: the likelihood did not converge from ${starts.length} starting ` +
        `points (best negative log-likelihood ${best.value}); check the data for degenerate rows`,
    );
  }
  checkIdentified(model, names, objective, best.x, best.value);
  let covariance: Float64Array;
  try {
    covariance = invertSymmetric(numericalHessian(negLogLik, best.x, problem.gradient));
  } catch {
    throw new ConvergenceError(
      `Cannot fit ${model}: the Hessian at the optimum is not positive definite ` +
        `(parameters not identified by these data)`,
    );
  }
  const k = names.length;
  const z = normalQuantile(0.5 + level / 2);
  const params = {} as Record<P, number>;
  const se = {} as Record<P, number>;
  const rows: ParameterRow[] = [];
  for (let i = 0; i < k; i++) {
    const estimate = Math.exp(best.x[i]);
    const logSe = Math.sqrt(covariance[i * k + i]);
    params[names[i]] = estimate;
    se[names[i]] = estimate * logSe;
    rows.push(Object.freeze({
      parameter: names[i],
      estimate,
      se: estimate * logSe,
      lower: Math.exp(best.x[i] - z * logSe),
      upper: Math.exp(best.x[i] + z * logSe),
      level,
    }));
  }
  return Object.freeze({
    model,
    n: problem.n,
    level,
    unit: problem.unit,
    params: Object.freeze(params),
    se: Object.freeze(se),
    logLikelihood: -best.value,
    method: best.method,
    summary: () => rows.slice(),
  });
}

/**
 * Throws a {@link ConvergenceError} naming a parameter that the likelihood does not
 * bound: the maximum found lies on a ridge running to 0 or ∞ (e.g. Gamma-Gamma q when
 * customers' spend rates do not vary), where the optimizer merely stopped.
 */
function checkIdentified<P extends string>(
  model: string,
  names: readonly P[],
  objective: (p: Float64Array) => number,
  at: Float64Array,
  value: number,
): void {
  for (let i = 0; i < at.length; i++) {
    if (Math.abs(at[i]) < FAR_OUT) continue;
    const direction = Math.sign(at[i]);
    const shifted = at[i] + direction * PROFILE_STEP;
    const rest = Float64Array.from(at.filter((_, j) => j !== i));
    const full = new Float64Array(at.length);
    const profile = (q: Float64Array) => {
      for (let j = 0, k = 0; j < full.length; j++) full[j] = j === i ? shifted : q[k++];
      return objective(full);
    };
    const further = Math.abs(shifted) > LOG_BOUND
      ? -Infinity
      : rest.length === 0
      ? profile(rest)
      : minimize(profile, [rest]).value;
    if (further <= value + FLAT_PROFILE) {
      const g = (v: number) => Math.exp(v).toPrecision(3);
      throw new ConvergenceError(
        `Cannot fit ${model}: ${names[i]} is not identified by these data: the likelihood ` +
          `keeps rising (or stays flat) as ${names[i]} goes to ${direction > 0 ? "∞" : "0"} ` +
          `(${names[i]} = ${g(shifted)} fits as well as ${g(at[i])}); the model's ` +
          `heterogeneity cannot be estimated from so few or so uniform customers`,
      );
    }
  }
}
