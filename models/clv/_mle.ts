/**
 * Maximum likelihood over log-parameters: multi-start minimization of the negative
 * log-likelihood, standard errors from the inverse numerical Hessian, delta method
 * back to the natural scale, and the immutable fit object.
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
    throw new ConvergenceError(
      `Cannot fit ${model}: the likelihood did not converge from ${starts.length} starting ` +
        `points (best negative log-likelihood ${best.value}); check the data for degenerate rows`,
    );
  }
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
