/**
 * Bootstrap intervals for the difference of a statistic between two arms: percentile
 * and BCa (bias-corrected and accelerated; Efron & Tibshirani 1993, "An Introduction
 * to the Bootstrap", ch. 14). Each arm is resampled with replacement separately.
 *
 * BCa: z₀ = Φ⁻¹(share of replicates below the estimate, ties counted half) and the
 * acceleration from the two-sample jackknife, â = Σ(θ̄ⱼ − θ₍ⱼᵢ₎)³ / (6 (Σ(θ̄ⱼ − θ₍ⱼᵢ₎)²)^1.5)
 * summed over the observations i of each arm j, exactly as SciPy's
 * `stats.bootstrap(method="BCa")`; the tests check agreement with it within Monte
 * Carlo error. Quantiles of the replicates interpolate linearly. The jackknife costs
 * one statistic evaluation per observation, so BCa with a costly statistic on large
 * arms is slow; the percentile method is not.
 *
 * @example
 * ```ts
 * import { bootstrapDifference } from "./bootstrap.ts";
 * import { Xoshiro128 } from "../../random/mod.ts";
 * const r = bootstrapDifference([1, 2, 3, 4, 5], [3, 4, 5, 6, 9], new Xoshiro128(1, 2, 3, 4));
 * if (!r.ok || !(r.lower < r.estimate && r.estimate < r.upper)) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { normalCdf, normalQuantile } from "../math/mod.ts";
import type { Rng } from "../../random/mod.ts";
import { checkLevel, failure } from "./_effect.ts";
import type { StatsFailure, SummaryRow } from "./result.ts";
import { sortedQuantile } from "./sample_stats.ts";

/** How the interval is read off the bootstrap replicates. */
export type BootstrapMethod = "percentile" | "bca";

/** Options of {@link bootstrapDifference}. */
export interface BootstrapOptions {
  /** Statistic of one arm's values. Default: the mean. */
  readonly statistic?: (values: Float64Array) => number;
  /** Number of bootstrap replicates. Default 2,000. */
  readonly replicates?: number;
  /** Interval method. Default "bca". */
  readonly method?: BootstrapMethod;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link bootstrapDifference}. */
export const BOOTSTRAP_DEFAULTS: Required<BootstrapOptions> = Object.freeze({
  statistic: mean,
  replicates: 2000,
  method: "bca",
  level: 0.95,
});

/** A bootstrap interval for treatment − control of the statistic. */
export interface BootstrapResult {
  readonly ok: true;
  readonly model: string;
  readonly method: BootstrapMethod;
  /** Units over both arms. */
  readonly n: number;
  readonly level: number;
  readonly replicates: number;
  /** statistic(treatment) − statistic(control) on the observed data. */
  readonly estimate: number;
  /** Standard deviation of the replicates. */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** BCa bias correction z₀ (0 for the percentile method). */
  readonly biasCorrection: number;
  /** BCa acceleration â (0 for the percentile method). */
  readonly acceleration: number;
  summary(): readonly SummaryRow[];
}

/**
 * Bootstraps the difference statistic(treatment) − statistic(control).
 *
 * @param control Per-unit values of the control arm.
 * @param treatment Per-unit values of the treatment arm.
 * @param rng The generator to resample with (see `random/`).
 * @returns The interval, or a failure (fewer than 2 units in an arm, or replicates
 *   that never vary).
 *
 * @example Median revenue difference, percentile interval
 * ```ts
 * import { bootstrapDifference } from "./bootstrap.ts";
 * import { Xoshiro128 } from "../../random/mod.ts";
 * const median = (v: Float64Array) => v.slice().sort()[Math.floor(v.length / 2)];
 * const r = bootstrapDifference([0, 5, 8, 20, 3], [2, 9, 12, 30, 4], new Xoshiro128(5, 6, 7, 8), {
 *   statistic: median,
 *   method: "percentile",
 * });
 * if (!r.ok) throw new Error(r.message);
 * ```
 */
export function bootstrapDifference(
  control: ArrayLike<number>,
  treatment: ArrayLike<number>,
  rng: Rng,
  options: BootstrapOptions = {},
): BootstrapResult | StatsFailure {
  const { statistic, replicates, method, level } = { ...BOOTSTRAP_DEFAULTS, ...options };
  checkLevel("bootstrap", level);
  if (!(Number.isInteger(replicates) && replicates >= 100)) {
    throw new RangeError(
      `Cannot bootstrap: replicates is ${replicates}; expected a whole number ≥ 100`,
    );
  }
  const model = `bootstrap ${method === "bca" ? "BCa" : "percentile"} interval`;
  const arms = [Float64Array.from(control), Float64Array.from(treatment)];
  for (const [j, name] of ["control", "treatment"].entries()) {
    if (arms[j].length < 2) {
      return failure(
        model,
        "too-few-units",
        `Cannot bootstrap: the ${name} arm has ${arms[j].length} units; expected at least 2`,
      );
    }
    const bad = arms[j].findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new RangeError(`Cannot bootstrap: ${name} value at row ${bad} is ${arms[j][bad]}`);
    }
  }
  const estimate = statistic(arms[1]) - statistic(arms[0]);
  const draws = new Float64Array(replicates);
  const scratch = arms.map((a) => new Float64Array(a.length));
  for (let b = 0; b < replicates; b++) {
    for (let j = 0; j < 2; j++) {
      const source = arms[j], target = scratch[j], n = source.length;
      for (let i = 0; i < n; i++) target[i] = source[Math.floor(rng.next() * n)];
    }
    draws[b] = statistic(scratch[1]) - statistic(scratch[0]);
  }
  draws.sort();
  let sum = 0;
  for (const d of draws) sum += d;
  const average = sum / replicates;
  let squares = 0;
  for (const d of draws) squares += (d - average) ** 2;
  const se = Math.sqrt(squares / (replicates - 1));
  if (!(se > 0)) {
    return failure(
      model,
      "zero-variance",
      `Cannot bootstrap: all ${replicates} replicates equal ${draws[0]}`,
    );
  }
  const tail = (1 - level) / 2;
  let lowerP = tail, upperP = 1 - tail, biasCorrection = 0, acceleration = 0;
  if (method === "bca") {
    let below = 0;
    for (const d of draws) below += d < estimate ? 1 : d === estimate ? 0.5 : 0;
    if (below === 0 || below === replicates) {
      return failure(
        model,
        "estimate-outside-replicates",
        `Cannot bootstrap with BCa: the estimate ${estimate} lies outside all ` +
          `${replicates} replicates`,
      );
    }
    biasCorrection = normalQuantile(below / replicates);
    acceleration = jackknifeAcceleration(arms, statistic);
    const adjust = (p: number) => {
      const z = biasCorrection + normalQuantile(p);
      return normalCdf(biasCorrection + z / (1 - acceleration * z));
    };
    lowerP = adjust(tail);
    upperP = adjust(1 - tail);
  }
  const lower = sortedQuantile(draws, lowerP), upper = sortedQuantile(draws, upperP);
  const rows = Object.freeze([
    Object.freeze({ term: "difference", estimate, se, lower, upper, level }),
  ]);
  return Object.freeze({
    ok: true as const,
    model,
    method,
    n: arms[0].length + arms[1].length,
    level,
    replicates,
    estimate,
    se,
    lower,
    upper,
    biasCorrection,
    acceleration,
    summary: () => rows,
  });
}

/** Two-sample jackknife acceleration, as SciPy computes it for several samples. */
function jackknifeAcceleration(
  arms: readonly Float64Array[],
  statistic: (values: Float64Array) => number,
): number {
  let cubes = 0, squares = 0;
  for (const [j, arm] of arms.entries()) {
    // Leaving out a control unit moves the difference opposite to the control statistic.
    const sign = j === 0 ? -1 : 1;
    const n = arm.length, values = new Float64Array(n);
    const leaveOut = new Float64Array(n - 1);
    for (let i = 0; i < n; i++) {
      leaveOut.set(arm.subarray(0, i), 0);
      leaveOut.set(arm.subarray(i + 1), i);
      values[i] = statistic(leaveOut);
    }
    let sum = 0;
    for (const v of values) sum += v;
    const average = sum / n;
    for (const v of values) {
      const d = sign * (average - v);
      cubes += d * d * d;
      squares += d * d;
    }
  }
  return squares > 0 ? cubes / (6 * squares ** 1.5) : 0;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
