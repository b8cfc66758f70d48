/**
 * Sample-ratio-mismatch check: Pearson's χ² goodness-of-fit test of the units per arm
 * against the planned allocation weights, df = arms − 1. A mismatch (p below the
 * threshold, 0.001 by default as in Fabijan et al. 2019, "Diagnosing Sample Ratio
 * Mismatch in Online Controlled Experiments") means assignment or logging is broken
 * and the effects cannot be trusted. Checked against SciPy's `stats.chisquare`.
 *
 * @example
 * ```ts
 * import { checkSampleRatio } from "./srm.ts";
 * const r = checkSampleRatio([5000, 5500]);
 * if (!r.ok || !r.alarm) throw new Error("expected an alarm");
 * ```
 *
 * @module
 */
import { chiSquareSf } from "../math/mod.ts";
import { checkCount, failure } from "./_effect.ts";
import type { StatsFailure } from "./result.ts";

/** Options of {@link checkSampleRatio}. */
export interface SampleRatioOptions {
  /** Planned allocation weight of each arm (any positive scale). Default: equal. */
  readonly weights?: readonly number[];
  /** Alarm when the p-value is below this. Default 0.001. */
  readonly threshold?: number;
}

/** Defaults of {@link checkSampleRatio}. */
export const SAMPLE_RATIO_DEFAULTS: { readonly threshold: number } = Object.freeze({
  threshold: 0.001,
});

/** The outcome of a sample-ratio-mismatch check. */
export interface SampleRatioResult {
  readonly ok: true;
  readonly model: "sample-ratio-mismatch χ² test";
  /** Units over all arms. */
  readonly n: number;
  /** Observed units per arm. */
  readonly observed: readonly number[];
  /** Expected units per arm under the planned weights. */
  readonly expected: readonly number[];
  /** Pearson's χ². */
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly threshold: number;
  /** True when pValue < threshold: do not trust the experiment's effects. */
  readonly alarm: boolean;
}

/**
 * Tests whether the units per arm match the planned allocation.
 *
 * @param counts Units assigned to each arm, in arm order.
 * @returns The χ² test and whether it alarms, or a failure when no units were assigned.
 *
 * @example A 20/80 split
 * ```ts
 * import { checkSampleRatio } from "./srm.ts";
 * const r = checkSampleRatio([1990, 8010], { weights: [0.2, 0.8] });
 * if (!r.ok || r.alarm) throw new Error("expected no alarm");
 * ```
 */
export function checkSampleRatio(
  counts: readonly number[],
  options: SampleRatioOptions = {},
): SampleRatioResult | StatsFailure {
  const threshold = options.threshold ?? SAMPLE_RATIO_DEFAULTS.threshold;
  const weights = options.weights ?? counts.map(() => 1);
  if (counts.length < 2) {
    throw new RangeError(`Cannot check sample ratio: ${counts.length} arms; expected at least 2`);
  }
  if (weights.length !== counts.length) {
    throw new RangeError(
      `Cannot check sample ratio: ${weights.length} weights for ${counts.length} arms`,
    );
  }
  if (!(threshold > 0 && threshold < 1)) {
    throw new RangeError(`Cannot check sample ratio: threshold is ${threshold}; expected (0, 1)`);
  }
  counts.forEach((c, i) => checkCount("check sample ratio", `counts[${i}]`, c));
  weights.forEach((w, i) => {
    if (!(w > 0 && Number.isFinite(w))) {
      throw new RangeError(`Cannot check sample ratio: weights[${i}] is ${w}; expected > 0`);
    }
  });
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) {
    return failure(
      "sample-ratio-mismatch χ² test",
      "too-few-units",
      "Cannot check sample ratio: no units assigned",
    );
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => n * w / totalWeight);
  let statistic = 0;
  counts.forEach((c, i) => statistic += (c - expected[i]) ** 2 / expected[i]);
  const df = counts.length - 1;
  const pValue = chiSquareSf(statistic, df);
  return Object.freeze({
    ok: true as const,
    model: "sample-ratio-mismatch χ² test" as const,
    n,
    observed: Object.freeze([...counts]),
    expected: Object.freeze(expected),
    statistic,
    df,
    pValue,
    threshold,
    alarm: pValue < threshold,
  });
}
