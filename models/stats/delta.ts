/**
 * The delta method for any smooth function of several means, compared between two
 * arms: LTV/CAC = (revenue/churns) / (cost/new members), a ratio of ratios, or any
 * other metric built from per-unit sums.
 *
 * Per arm, with μ̂ the vector of sample means of k per-unit variables and S their
 * sample covariance (n − 1), f(μ̂) has Var ≈ ∇f(μ̂)ᵀ S ∇f(μ̂) / n (Deng, Knoblich & Lu
 * 2018, "Applying the Delta Method in Metric Analytics", §2); normal reference. For
 * f = μ_y / μ_x it is exactly the ratio variance of `ratios.ts` (a test checks it).
 *
 * @example
 * ```ts
 * import { compareMeanFunction, summarizeMoments } from "./delta.ts";
 * const ratio = {
 *   value: (m: ArrayLike<number>) => m[0] / m[1],
 *   gradient: (m: ArrayLike<number>, out: Float64Array) => {
 *     out[0] = 1 / m[1];
 *     out[1] = -m[0] / (m[1] * m[1]);
 *   },
 * };
 * const control = summarizeMoments([[10, 0, 30, 5], [1, 1, 2, 1]]);
 * const treatment = summarizeMoments([[20, 5, 30, 9], [1, 1, 2, 1]]);
 * const r = compareMeanFunction(control, treatment, ratio);
 * if (!r.ok || !(r.estimate > 0)) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { buildEffect, checkCount, checkFinite, checkLevel, failure } from "./_effect.ts";
import type { EffectOutcome, EffectScale } from "./result.ts";

/** Sufficient statistics of k variables on the same n units: sums and all cross-products. */
export interface MomentMatrix {
  readonly n: number;
  /** Σ v_i, i = 0..k−1. */
  readonly sums: readonly number[];
  /** Σ v_i·v_j, row-major k × k (symmetric). */
  readonly products: readonly number[];
}

/** A smooth function of k means and its gradient. */
export interface MeanFunction {
  /** f(μ). */
  value(means: ArrayLike<number>): number;
  /** Writes ∇f(μ) into `out` (length k). */
  gradient(means: ArrayLike<number>, out: Float64Array): void;
}

/** Options of {@link compareMeanFunction}. */
export interface MeanFunctionOptions {
  /** Effect scale: treatment − control, or treatment / control − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link compareMeanFunction}. */
export const MEAN_FUNCTION_DEFAULTS: Required<MeanFunctionOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

const MODEL = "delta-method function of means";

/**
 * Sums per-unit values of k variables (one array per variable) into a {@link MomentMatrix}.
 *
 * @example
 * ```ts
 * import { summarizeMoments } from "./delta.ts";
 * const m = summarizeMoments([[1, 2], [3, 4]]);
 * if (m.products[1] !== 1 * 3 + 2 * 4) throw new Error("unexpected");
 * ```
 */
export function summarizeMoments(variables: readonly ArrayLike<number>[]): MomentMatrix {
  const k = variables.length, n = k > 0 ? variables[0].length : 0;
  variables.forEach((v, i) => {
    if (v.length !== n) {
      throw new RangeError(
        `Cannot summarize moments: variable ${i} has ${v.length} units, expected ${n}`,
      );
    }
  });
  const sums = new Array<number>(k).fill(0), products = new Array<number>(k * k).fill(0);
  for (let u = 0; u < n; u++) {
    for (let i = 0; i < k; i++) {
      sums[i] += variables[i][u];
      for (let j = 0; j < k; j++) products[i * k + j] += variables[i][u] * variables[j][u];
    }
  }
  return Object.freeze({ n, sums, products });
}

/**
 * Compares f(means) between control and treatment by the delta method.
 *
 * @param control Moments of the k variables in the control arm.
 * @param treatment The same for the treatment arm.
 * @param f The function and its gradient.
 * @returns The effect on f, or a failure (fewer than 2 units, f not finite, zero variance).
 *
 * @example Revenue per order, as a function of two means
 * ```ts
 * import { compareMeanFunction } from "./delta.ts";
 * const arm = (revenue: number) => ({ n: 3, sums: [revenue, 3], products: [revenue * revenue, revenue, revenue, 5] });
 * const f = {
 *   value: (m: ArrayLike<number>) => m[0] / m[1],
 *   gradient: (m: ArrayLike<number>, out: Float64Array) => {
 *     out[0] = 1 / m[1];
 *     out[1] = -m[0] / (m[1] * m[1]);
 *   },
 * };
 * const r = compareMeanFunction(arm(30), arm(36), f, { scale: "relative" });
 * if (!r.ok || Math.abs(r.estimate - 0.2) > 1e-12) throw new Error("unexpected");
 * ```
 */
export function compareMeanFunction(
  control: MomentMatrix,
  treatment: MomentMatrix,
  f: MeanFunction,
  options: MeanFunctionOptions = {},
): EffectOutcome {
  const { scale, level } = { ...MEAN_FUNCTION_DEFAULTS, ...options };
  checkLevel("compare a function of means", level);
  const arms = [["control", control], ["treatment", treatment]] as const;
  const estimates = [];
  for (const [name, arm] of arms) {
    checkCount("compare a function of means", `${name}.n`, arm.n);
    const k = arm.sums.length;
    if (arm.products.length !== k * k || k !== control.sums.length) {
      throw new RangeError(
        `Cannot compare a function of means: ${name} has ${k} sums and ${arm.products.length} ` +
          `products; expected the same k in both arms and k² products`,
      );
    }
    arm.sums.forEach((s, i) => checkFinite("compare a function of means", `${name}.sums[${i}]`, s));
    if (arm.n < 2) {
      return failure(
        MODEL,
        "too-few-units",
        `Cannot compare a function of means: the ${name} arm has ${arm.n} units; expected at least 2`,
      );
    }
    const means = arm.sums.map((s) => s / arm.n);
    const value = f.value(means);
    if (!Number.isFinite(value)) {
      return failure(
        MODEL,
        "zero-denominator",
        `Cannot compare a function of means: f is ${value} in the ${name} arm (means ${
          means.map((m) => m.toPrecision(4)).join(", ")
        })`,
      );
    }
    const g = new Float64Array(k);
    f.gradient(means, g);
    let variance = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const cov = (arm.products[i * k + j] - arm.n * means[i] * means[j]) / (arm.n - 1);
        variance += g[i] * g[j] * cov;
      }
    }
    estimates.push({ n: arm.n, mean: value, meanVariance: Math.max(0, variance) / arm.n });
  }
  return buildEffect({
    model: MODEL,
    scale,
    level,
    df: Infinity,
    control: estimates[0],
    treatment: estimates[1],
  });
}
