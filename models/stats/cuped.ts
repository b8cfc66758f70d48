/**
 * CUPED: variance reduction with a pre-period covariate (Deng, Xu, Kohavi & Walker
 * 2013, "Improving the Sensitivity of Online Controlled Experiments by Utilizing
 * Pre-Experiment Data").
 *
 * θ = Cov(Y, X) / Var(X) from both arms pooled (as gbstats does); each arm's adjusted
 * mean is ȳ − θ(x̄ − x̄_pooled), with per-unit variance s²_y + θ² s²_x − 2θ s_yx. The
 * comparison is then Welch's test on the adjusted means. The reported variance
 * reduction is 1 − Var(adjusted effect) / Var(unadjusted effect): for correlation ρ
 * between metric and covariate the adjusted variance tends to (1 − ρ²) times the
 * unadjusted, a reduction of ρ² (checked by simulation).
 *
 * @example
 * ```ts
 * import { compareMeansWithCuped } from "./cuped.ts";
 * import { summarizeJoint } from "./sample_stats.ts";
 * const control = summarizeJoint([3, 5, 4, 6], [2, 4, 3, 5]);
 * const treatment = summarizeJoint([5, 6, 8, 7], [3, 4, 6, 5]);
 * const r = compareMeansWithCuped(control, treatment);
 * if (!r.ok || !(r.varianceReduction > 0.5)) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { buildEffect, checkCount, checkFinite, checkLevel, failure } from "./_effect.ts";
import type { EffectResult, EffectScale, StatsFailure } from "./result.ts";
import {
  addJointStats,
  type JointStats,
  sampleCovariance,
  sampleVariance,
} from "./sample_stats.ts";

/** Options of {@link compareMeansWithCuped}. */
export interface CupedOptions {
  /** Effect scale: treatment − control, or treatment / control − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link compareMeansWithCuped}. */
export const CUPED_DEFAULTS: Required<CupedOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

/** A CUPED comparison: the adjusted effect plus θ and the variance reduction achieved. */
export interface CupedResult extends EffectResult {
  /** Regression coefficient of the metric on the covariate, pooled over arms. */
  readonly theta: number;
  /** 1 − Var(adjusted effect) / Var(unadjusted effect). */
  readonly varianceReduction: number;
}

const MODEL = "CUPED-adjusted Welch t-test";

/**
 * Compares a metric between arms after CUPED adjustment with a pre-period covariate;
 * `y` is the metric, `x` the covariate (e.g. orders in the 30 days before the test).
 *
 * @param control Joint statistics of metric and covariate, control arm.
 * @param treatment The same for the treatment arm.
 * @returns The adjusted effect with θ and the variance reduction, or a failure
 *   (fewer than 2 units in an arm, a covariate without variance, zero variance).
 *
 * @example
 * ```ts
 * import { compareMeansWithCuped, summarizeJoint } from "./mod.ts";
 * const r = compareMeansWithCuped(
 *   summarizeJoint([3, 5, 4, 6], [2, 4, 3, 5]),
 *   summarizeJoint([5, 6, 8, 7], [3, 4, 6, 5]),
 * );
 * if (!r.ok) throw new Error(r.message);
 * ```
 */
export function compareMeansWithCuped(
  control: JointStats,
  treatment: JointStats,
  options: CupedOptions = {},
): CupedResult | StatsFailure {
  const { scale, level } = { ...CUPED_DEFAULTS, ...options };
  checkLevel("compare means with CUPED", level);
  for (const [name, arm] of [["control", control], ["treatment", treatment]] as const) {
    checkCount("compare means with CUPED", `${name}.n`, arm.n);
    checkFinite("compare means with CUPED", `${name}.y.sum`, arm.y.sum);
    checkFinite("compare means with CUPED", `${name}.x.sum`, arm.x.sum);
    checkFinite("compare means with CUPED", `${name}.sumProducts`, arm.sumProducts);
    if (arm.n < 2) {
      return failure(
        MODEL,
        "too-few-units",
        `Cannot compare means with CUPED: the ${name} arm has ${arm.n} units; expected at least 2`,
      );
    }
  }
  const pooled = addJointStats(control, treatment);
  const pooledX = moments(pooled.n, pooled.x.sum, pooled.x.sumSquares);
  if (!(pooledX.variance > 0)) {
    return failure(
      MODEL,
      "zero-covariate-variance",
      "Cannot compare means with CUPED: the covariate has zero variance over both arms",
    );
  }
  const theta = sampleCovariance(pooled) / pooledX.variance;
  let unadjusted = 0;
  const adjust = (s: JointStats) => {
    const y = moments(s.n, s.y.sum, s.y.sumSquares), x = moments(s.n, s.x.sum, s.x.sumSquares);
    const perUnit = y.variance + theta * theta * x.variance - 2 * theta * sampleCovariance(s);
    unadjusted += y.variance / s.n;
    return {
      n: s.n,
      mean: y.mean - theta * (x.mean - pooledX.mean),
      variance: Math.max(0, perUnit) / s.n,
    };
  };
  const c = adjust(control), t = adjust(treatment);
  const df = (c.variance + t.variance) ** 2 /
    (c.variance ** 2 / (c.n - 1) + t.variance ** 2 / (t.n - 1));
  const result = buildEffect({
    model: MODEL,
    scale,
    level,
    df: Number.isFinite(df) ? df : Infinity,
    control: { n: c.n, mean: c.mean, meanVariance: c.variance },
    treatment: { n: t.n, mean: t.mean, meanVariance: t.variance },
  });
  if (!result.ok) return result;
  const varianceReduction = 1 - (c.variance + t.variance) / unadjusted;
  return Object.freeze({ ...result, theta, varianceReduction });
}

function moments(n: number, sum: number, sumSquares: number) {
  return { mean: sum / n, variance: sampleVariance({ n, sum, sumSquares }) };
}
