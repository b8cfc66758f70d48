/**
 * Power, sample size and minimum detectable effect for a two-arm test of proportions
 * or means, two-sided at level α, equal arms.
 *
 * Proportions (Fleiss, Levin & Paik 2003, eq. 4.14 without continuity correction):
 * n = (z_{1−α/2} √(2 p̄ q̄) + z_{1−β} √(p₁q₁ + p₂q₂))² / δ², p̄ = (p₁ + p₂)/2 — the null
 * variance pooled, the alternative's unpooled, matching the z-test in `proportions.ts`.
 * Means (normal approximation): n = 2σ²(z_{1−α/2} + z_{1−β})² / δ². Power at n inverts
 * these (the far rejection tail, below α/2, is ignored as in the formulas). Checked
 * against the table: 5%→6%: 8,158; 10%→11%: 14,751; 20%→22%: 6,510;
 * 5%→5.5%: 31,234 per arm.
 *
 * @example
 * ```ts
 * import { planSampleSize } from "./power.ts";
 * const plan = planSampleSize({ kind: "proportion", baseline: 0.05 }, 0.01);
 * if (plan.nPerArm !== 8158) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { normalCdf, normalQuantile } from "../math/mod.ts";
import type { EffectScale } from "./result.ts";

/** The metric being planned for: a proportion, or a mean with its per-unit SD. */
export type PowerMetric =
  | { readonly kind: "proportion"; readonly baseline: number }
  | { readonly kind: "mean"; readonly baseline: number; readonly sd: number };

/** Options of the planning functions. */
export interface PowerOptions {
  /** MDE scale: absolute (0.01 = one point) or relative to the baseline. Default "absolute". */
  readonly scale?: EffectScale;
  /** Two-sided significance level. Default 0.05. */
  readonly alpha?: number;
  /** Target power (1 − β). Default 0.8. */
  readonly power?: number;
}

/** Defaults of the planning functions. */
export const POWER_DEFAULTS: Required<PowerOptions> = Object.freeze({
  scale: "absolute",
  alpha: 0.05,
  power: 0.8,
});

/** A sample-size plan. */
export interface SamplePlan {
  readonly model: string;
  readonly metric: PowerMetric;
  /** The MDE as given, on `scale`. */
  readonly mde: number;
  readonly scale: EffectScale;
  /** The absolute difference to detect. */
  readonly effect: number;
  /** The treatment value the plan detects: baseline + effect. */
  readonly treatment: number;
  readonly alpha: number;
  readonly power: number;
  /** Units per arm, rounded up. */
  readonly nPerArm: number;
  /** Units per arm before rounding. */
  readonly exactNPerArm: number;
}

/** One point of a power curve. */
export interface PowerPoint {
  readonly nPerArm: number;
  readonly power: number;
}

/**
 * Units per arm needed to detect `mde` with the given power.
 *
 * @example 10% → 11%
 * ```ts
 * import { planSampleSize } from "./power.ts";
 * const plan = planSampleSize({ kind: "proportion", baseline: 0.1 }, 0.1, { scale: "relative" });
 * if (plan.nPerArm !== 14751) throw new Error("unexpected");
 * ```
 */
export function planSampleSize(
  metric: PowerMetric,
  mde: number,
  options: PowerOptions = {},
): SamplePlan {
  const { scale, alpha, power } = { ...POWER_DEFAULTS, ...options };
  checkProbability("alpha", alpha);
  checkProbability("power", power);
  const effect = absoluteEffect(metric, mde, scale);
  const exactNPerArm = exactSampleSize(metric, effect, alpha, power);
  return Object.freeze({
    model: metric.kind === "proportion"
      ? "two-proportion z-test sample size (pooled null variance)"
      : "two-sample mean sample size (normal approximation)",
    metric: Object.freeze({ ...metric }),
    mde,
    scale,
    effect,
    treatment: metric.baseline + effect,
    alpha,
    power,
    nPerArm: Math.ceil(exactNPerArm - 1e-9),
    exactNPerArm,
  });
}

/**
 * Power of the two-sided test with `nPerArm` units per arm to detect `mde`.
 *
 * @example
 * ```ts
 * import { computePower } from "./power.ts";
 * const p = computePower({ kind: "mean", baseline: 10, sd: 5 }, 1, 393);
 * if (Math.abs(p - 0.8) > 0.001) throw new Error("unexpected");
 * ```
 */
export function computePower(
  metric: PowerMetric,
  mde: number,
  nPerArm: number,
  options: Omit<PowerOptions, "power"> = {},
): number {
  const { scale, alpha } = { ...POWER_DEFAULTS, ...options };
  checkProbability("alpha", alpha);
  if (!(nPerArm > 0)) {
    throw new RangeError(`Cannot compute power: nPerArm is ${nPerArm}; expected > 0`);
  }
  const effect = Math.abs(absoluteEffect(metric, mde, scale));
  const za = normalQuantile(1 - alpha / 2);
  if (metric.kind === "mean") return normalCdf(effect * Math.sqrt(nPerArm / 2) / metric.sd - za);
  const p1 = metric.baseline, p2 = p1 + absoluteEffect(metric, mde, scale), pm = (p1 + p2) / 2;
  const nullSd = Math.sqrt(2 * pm * (1 - pm)), altSd = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return normalCdf((effect * Math.sqrt(nPerArm) - za * nullSd) / altSd);
}

/**
 * Power at each sample size, for power curves.
 *
 * @example
 * ```ts
 * import { powerCurve } from "./power.ts";
 * const curve = powerCurve({ kind: "proportion", baseline: 0.05 }, 0.01, [1000, 8158, 20000]);
 * if (!(curve[0].power < curve[1].power && curve[1].power < curve[2].power)) throw new Error("");
 * ```
 */
export function powerCurve(
  metric: PowerMetric,
  mde: number,
  sizes: readonly number[],
  options: Omit<PowerOptions, "power"> = {},
): readonly PowerPoint[] {
  return Object.freeze(
    sizes.map((nPerArm) =>
      Object.freeze({ nPerArm, power: computePower(metric, mde, nPerArm, options) })
    ),
  );
}

/**
 * Smallest increase detectable with `nPerArm` units per arm, on the options' scale.
 * For proportions it solves the sample-size formula for δ by bisection.
 *
 * @example
 * ```ts
 * import { minimumDetectableEffect } from "./power.ts";
 * const mde = minimumDetectableEffect({ kind: "proportion", baseline: 0.05 }, 8158);
 * if (Math.abs(mde - 0.01) > 1e-5) throw new Error("unexpected");
 * ```
 */
export function minimumDetectableEffect(
  metric: PowerMetric,
  nPerArm: number,
  options: PowerOptions = {},
): number {
  const { scale, alpha, power } = { ...POWER_DEFAULTS, ...options };
  checkProbability("alpha", alpha);
  checkProbability("power", power);
  checkMetric(metric);
  if (!(nPerArm > 0)) {
    throw new RangeError(
      `Cannot compute minimum detectable effect: nPerArm is ${nPerArm}; expected > 0`,
    );
  }
  let effect: number;
  if (metric.kind === "mean") {
    const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
    effect = z * metric.sd * Math.sqrt(2 / nPerArm);
  } else {
    let lo = 0, hi = 1 - metric.baseline;
    if (exactSampleSize(metric, hi * (1 - 1e-12), alpha, power) > nPerArm) {
      throw new RangeError(
        `Cannot compute minimum detectable effect: ${nPerArm} units per arm cannot detect ` +
          `any increase from baseline ${metric.baseline}`,
      );
    }
    for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
      const mid = (lo + hi) / 2;
      if (exactSampleSize(metric, mid, alpha, power) > nPerArm) lo = mid;
      else hi = mid;
    }
    effect = (lo + hi) / 2;
  }
  if (scale === "absolute") return effect;
  if (metric.baseline === 0) {
    throw new RangeError("Cannot compute a relative minimum detectable effect: baseline is 0");
  }
  return effect / Math.abs(metric.baseline);
}

function exactSampleSize(metric: PowerMetric, effect: number, alpha: number, power: number) {
  const za = normalQuantile(1 - alpha / 2), zb = normalQuantile(power);
  if (metric.kind === "mean") return 2 * metric.sd ** 2 * (za + zb) ** 2 / (effect * effect);
  const p1 = metric.baseline, p2 = p1 + effect, pm = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * pm * (1 - pm)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return root * root / (effect * effect);
}

function absoluteEffect(metric: PowerMetric, mde: number, scale: EffectScale): number {
  checkMetric(metric);
  if (!(Number.isFinite(mde) && mde !== 0)) {
    throw new RangeError(`Cannot plan: mde is ${mde}; expected a non-zero number`);
  }
  if (scale === "relative" && metric.baseline === 0) {
    throw new RangeError("Cannot plan a relative effect: baseline is 0; use an absolute mde");
  }
  const effect = scale === "absolute" ? mde : mde * Math.abs(metric.baseline);
  if (metric.kind === "proportion") {
    const target = metric.baseline + effect;
    if (!(target > 0 && target < 1)) {
      throw new RangeError(
        `Cannot plan: baseline ${metric.baseline} + effect ${effect} = ${target}; ` +
          "expected a proportion in (0, 1)",
      );
    }
  }
  return effect;
}

function checkMetric(metric: PowerMetric): void {
  if (metric.kind === "proportion") {
    if (!(metric.baseline > 0 && metric.baseline < 1)) {
      throw new RangeError(
        `Cannot plan: baseline is ${metric.baseline}; expected a proportion in (0, 1)`,
      );
    }
  } else {
    if (!Number.isFinite(metric.baseline)) {
      throw new RangeError(`Cannot plan: baseline is ${metric.baseline}; expected a finite number`);
    }
    if (!(metric.sd > 0 && Number.isFinite(metric.sd))) {
      throw new RangeError(`Cannot plan: sd is ${metric.sd}; expected a positive number`);
    }
  }
}

function checkProbability(field: string, value: number): void {
  if (!(value > 0 && value < 1)) {
    throw new RangeError(`Cannot plan: ${field} is ${value}; expected a number in (0, 1)`);
  }
}
