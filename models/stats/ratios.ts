/**
 * Ratio metrics by the delta method: revenue per order, orders per active member,
 * any Σ numerator / Σ denominator where both vary by unit.
 *
 * Per arm R = ȳ / x̄ with Var(R) ≈ (s²_y / x̄² − 2 ȳ s_yx / x̄³ + ȳ² s²_x / x̄⁴) / n
 * (Deng, Knoblich & Lu 2018, "Applying the Delta Method in Metric Analytics", eq. 2),
 * sample moments with n − 1; normal reference. Checked against a NumPy evaluation of
 * the same formula and, in the simulation tests, against the spread of R over seeds.
 *
 * @example
 * ```ts
 * import { compareRatios } from "./ratios.ts";
 * import { summarizeJoint } from "./sample_stats.ts";
 * const control = summarizeJoint([10, 0, 30], [1, 1, 2]); // revenue, orders
 * const r = compareRatios(control, summarizeJoint([20, 5, 30], [1, 1, 2]));
 * if (!r.ok || Math.abs(r.estimate - 3.75) > 1e-12) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import {
  type ArmEstimate,
  buildEffect,
  checkCount,
  checkFinite,
  checkLevel,
  failure,
} from "./_effect.ts";
import type { EffectOutcome, EffectScale, StatsFailure } from "./result.ts";
import type { JointStats } from "./sample_stats.ts";

/** Options of {@link compareRatios}. */
export interface RatioTestOptions {
  /** Effect scale: treatment − control, or treatment / control − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link compareRatios}. */
export const RATIO_TEST_DEFAULTS: Required<RatioTestOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

const MODEL = "delta-method ratio test";

/**
 * Compares a ratio metric between arms; `y` holds the numerator, `x` the denominator.
 *
 * @param control Joint statistics of numerator and denominator per unit, control arm.
 * @param treatment The same for the treatment arm.
 * @returns The effect on the ratio, or a failure (fewer than 2 units, a zero mean
 *   denominator, zero variance).
 *
 * @example Revenue per order
 * ```ts
 * import { compareRatios, summarizeJoint } from "./mod.ts";
 * const control = summarizeJoint([10, 25, 0, 40], [1, 2, 0, 2]);
 * const treatment = summarizeJoint([30, 20, 15, 45], [2, 1, 1, 2]);
 * const r = compareRatios(control, treatment, { scale: "relative" });
 * if (!r.ok) throw new Error(r.message);
 * ```
 */
export function compareRatios(
  control: JointStats,
  treatment: JointStats,
  options: RatioTestOptions = {},
): EffectOutcome {
  const { scale, level } = { ...RATIO_TEST_DEFAULTS, ...options };
  checkLevel("compare ratios", level);
  const c = ratioEstimate("control", control);
  if ("ok" in c) return c;
  const t = ratioEstimate("treatment", treatment);
  if ("ok" in t) return t;
  return buildEffect({ model: MODEL, scale, level, df: Infinity, control: c, treatment: t });
}

function ratioEstimate(name: string, s: JointStats): ArmEstimate | StatsFailure {
  checkCount("compare ratios", `${name}.n`, s.n);
  for (
    const [field, value] of Object.entries({
      "y.sum": s.y.sum,
      "x.sum": s.x.sum,
      sumProducts: s.sumProducts,
    })
  ) {
    checkFinite("compare ratios", `${name}.${field}`, value);
  }
  if (s.n < 2) {
    return failure(
      MODEL,
      "too-few-units",
      `Cannot compare ratios: the ${name} arm has ${s.n} units; expected at least 2`,
    );
  }
  const n = s.n, my = s.y.sum / n, mx = s.x.sum / n;
  if (mx === 0) {
    return failure(
      MODEL,
      "zero-denominator",
      `Cannot compare ratios: the ${name} denominator sums to 0`,
    );
  }
  const vy = (s.y.sumSquares - n * my * my) / (n - 1);
  const vx = (s.x.sumSquares - n * mx * mx) / (n - 1);
  const cyx = (s.sumProducts - n * my * mx) / (n - 1);
  const ratio = my / mx;
  const variance = (vy / (mx * mx) - 2 * my * cyx / mx ** 3 + my * my * vx / mx ** 4) / n;
  return { n, mean: ratio, meanVariance: Math.max(0, variance) };
}
