/**
 * Welch's t-test for a continuous metric (orders or revenue per member, ARPU).
 *
 * Unequal variances, Welch–Satterthwaite degrees of freedom
 * ν = (v_t + v_c)² / (v_t²/(n_t − 1) + v_c²/(n_c − 1)) with v = s²/n. Checked against
 * SciPy's `ttest_ind_from_stats(equal_var=False)`. Relative effects use the delta
 * method with the same ν, as gbstats does.
 *
 * @example
 * ```ts
 * import { compareMeans } from "./means.ts";
 * const r = compareMeans({ n: 3, sum: 6, sumSquares: 14 }, { n: 3, sum: 12, sumSquares: 50 });
 * if (!r.ok || r.estimate !== 2) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { buildEffect, checkCount, checkFinite, checkLevel, failure } from "./_effect.ts";
import type { EffectOutcome, EffectScale } from "./result.ts";
import { sampleMean, type SampleStats, sampleVariance } from "./sample_stats.ts";

/** Options of {@link compareMeans}. */
export interface MeanTestOptions {
  /** Effect scale: treatment − control, or treatment / control − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link compareMeans}. */
export const MEAN_TEST_DEFAULTS: Required<MeanTestOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

const MODEL = "Welch t-test";

/**
 * Compares a metric's mean between control and treatment with Welch's t-test.
 *
 * @param control Sufficient statistics of the control arm.
 * @param treatment Sufficient statistics of the treatment arm.
 * @returns The effect with interval and p-value, or a failure (fewer than 2 units in
 *   an arm, zero variance in both, or a relative effect over a zero control mean).
 *
 * @example
 * ```ts
 * import { compareMeans, summarizeSample } from "./mod.ts";
 * const r = compareMeans(summarizeSample([1, 2, 3, 4]), summarizeSample([2, 3, 4, 6]));
 * if (!r.ok || !(r.pValue > 0.05)) throw new Error("unexpected");
 * ```
 */
export function compareMeans(
  control: SampleStats,
  treatment: SampleStats,
  options: MeanTestOptions = {},
): EffectOutcome {
  const { scale, level } = { ...MEAN_TEST_DEFAULTS, ...options };
  checkLevel("compare means", level);
  for (const [name, arm] of [["control", control], ["treatment", treatment]] as const) {
    checkCount("compare means", `${name}.n`, arm.n);
    checkFinite("compare means", `${name}.sum`, arm.sum);
    checkFinite("compare means", `${name}.sumSquares`, arm.sumSquares);
    if (arm.n < 2) {
      return failure(
        MODEL,
        "too-few-units",
        `Cannot compare means: the ${name} arm has ${arm.n} units; expected at least 2`,
      );
    }
  }
  const vc = sampleVariance(control) / control.n, vt = sampleVariance(treatment) / treatment.n;
  const df = (vc + vt) ** 2 / (vc * vc / (control.n - 1) + vt * vt / (treatment.n - 1));
  return buildEffect({
    model: MODEL,
    scale,
    level,
    df,
    control: { n: control.n, mean: sampleMean(control), meanVariance: vc },
    treatment: { n: treatment.n, mean: sampleMean(treatment), meanVariance: vt },
  });
}
