/**
 * Two-proportion z-test for a binary metric (activation, D30 retention, conversion).
 *
 * The p-value uses the pooled standard error under no effect,
 * √(p̂(1 − p̂)(1/n_c + 1/n_t)); the interval uses the unpooled (Wald) standard error
 * √(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t). This is R's `prop.test(correct = FALSE)`
 * (its χ² equals z²); tests check it against SciPy's `chi2_contingency`. Relative
 * effects (lift) use the delta method.
 *
 * @example
 * ```ts
 * import { compareProportions } from "./proportions.ts";
 * const r = compareProportions({ n: 1000, sum: 50 }, { n: 1000, sum: 75 });
 * if (!r.ok || !(r.pValue < 0.05)) throw new Error("expected a significant lift");
 * ```
 *
 * @module
 */
import { buildEffect, checkCount, checkLevel, failure } from "./_effect.ts";
import type { EffectOutcome, EffectScale } from "./result.ts";

/** Options of {@link compareProportions}. */
export interface ProportionTestOptions {
  /** Effect scale: treatment − control, or treatment / control − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link compareProportions}. */
export const PROPORTION_TEST_DEFAULTS: Required<ProportionTestOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

/** Conversions in one arm: units and successes (a {@link SampleStats} fits too). */
export interface ProportionCounts {
  readonly n: number;
  /** Number of units with the event. */
  readonly sum: number;
}

const MODEL = "two-proportion z-test";

/**
 * Compares a binary metric between control and treatment with the two-proportion z-test.
 *
 * @param control Units and successes in the control arm.
 * @param treatment Units and successes in the treatment arm.
 * @returns The effect with interval and p-value, or a failure (an empty arm, or no
 *   variation at all: both arms at 0% or both at 100%).
 *
 * @example 5.0% vs 7.5% of 1,000 members each
 * ```ts
 * import { compareProportions } from "./proportions.ts";
 * const r = compareProportions({ n: 1000, sum: 50 }, { n: 1000, sum: 75 }, { scale: "relative" });
 * if (!r.ok || Math.abs(r.estimate - 0.5) > 1e-12) throw new Error("expected +50% lift");
 * ```
 */
export function compareProportions(
  control: ProportionCounts,
  treatment: ProportionCounts,
  options: ProportionTestOptions = {},
): EffectOutcome {
  const { scale, level } = { ...PROPORTION_TEST_DEFAULTS, ...options };
  checkLevel("compare proportions", level);
  for (const [name, arm] of [["control", control], ["treatment", treatment]] as const) {
    checkCount("compare proportions", `${name}.n`, arm.n);
    checkCount("compare proportions", `${name}.sum`, arm.sum);
    if (arm.sum > arm.n) {
      throw new RangeError(
        `Cannot compare proportions: ${name}.sum is ${arm.sum} but ${name}.n is ${arm.n}; ` +
          "expected successes ≤ units",
      );
    }
    if (arm.n === 0) {
      return failure(
        MODEL,
        "too-few-units",
        `Cannot compare proportions: the ${name} arm is empty`,
      );
    }
  }
  const pc = control.sum / control.n, pt = treatment.sum / treatment.n;
  const pooled = (control.sum + treatment.sum) / (control.n + treatment.n);
  const nullSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  return buildEffect({
    model: MODEL,
    scale,
    level,
    df: Infinity,
    control: { n: control.n, mean: pc, meanVariance: pc * (1 - pc) / control.n },
    treatment: { n: treatment.n, mean: pt, meanVariance: pt * (1 - pt) / treatment.n },
    nullSe,
  });
}
