/**
 * Sequential testing with always-valid inference for daily looks: the mixture
 * sequential probability ratio test (mSPRT) with a normal mixture over the effect
 * (Johari, Koomen, Pekelis & Walsh 2022, "Always Valid Inference: Continuous
 * Monitoring of A/B Tests", Operations Research 70(3)).
 *
 * At each look the difference of means θ̂ has variance V = s²_t/n_t + s²_c/n_c. With
 * mixing variance τ² = ρ² N V (ρ² per unit of the per-unit variance N·V, N units in
 * both arms) and r = τ²/V = ρ²N, the mixture likelihood ratio against θ = 0 is
 * Λ = (1 + r)^(−1/2) exp(r θ̂² / (2V(1 + r))). The always-valid p-value is the running
 * minimum of 1/Λ; the confidence sequence inverts the same test,
 * θ̂ ± √(V (1 + r)/r · (2 ln(1/α) + ln(1 + r))), intersected over looks (each look's own
 * interval is kept too: when the effect drifts between looks, as a cumulative metric's
 * does, the intersection assumes what is not so and only the look's own interval
 * covers that look's effect). That interval
 * is exactly the asymptotic confidence sequence of Waudby-Smith, Arnold, Wu, Howard &
 * Ramdas (2023, "Time-uniform central limit theory and asymptotic confidence
 * sequences") that gbstats uses, so both readings agree. Variances are plugged in,
 * so validity is asymptotic; the simulation tests check the false-positive rate
 * with 5 and 10 looks stays at or below α.
 *
 * @example
 * ```ts
 * import { summarizeSample, testSequentially } from "./mod.ts";
 * const control = summarizeSample([1, 2, 3, 4]);
 * const look = { control, treatment: summarizeSample([2, 3, 4, 5]) };
 * const r = testSequentially([look]);
 * if (!r.ok || r.stoppedAt !== null) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { checkCount, failure } from "./_effect.ts";
import type { StatsFailure, SummaryRow } from "./result.ts";
import { sampleMean, type SampleStats, sampleVariance } from "./sample_stats.ts";

/**
 * The mixing variance ρ² that makes the confidence sequence tightest near a planned
 * total of `totalUnits` (Waudby-Smith et al. 2023; gbstats' `sequential_tuning_parameter`).
 * ρ² = (−2 ln α + ln(1 − 2 ln α)) / N*.
 *
 * @example
 * ```ts
 * import { mixingVarianceForHorizon } from "./sequential.ts";
 * const rho2 = mixingVarianceForHorizon(5000, 0.05);
 * if (Math.abs(rho2 - 0.0015871) > 1e-6) throw new Error("unexpected");
 * ```
 */
export function mixingVarianceForHorizon(totalUnits: number, alpha: number): number {
  if (!(totalUnits > 0)) {
    throw new RangeError(`Cannot tune mixing variance: totalUnits is ${totalUnits}; expected > 0`);
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Cannot tune mixing variance: alpha is ${alpha}; expected (0, 1)`);
  }
  const a = -2 * Math.log(alpha);
  return (a + Math.log(a + 1)) / totalUnits;
}

/** Options of {@link testSequentially}. */
export interface SequentialOptions {
  /** Significance level, valid over all looks. Default 0.05. */
  readonly alpha?: number;
  /**
   * ρ²: the mixture variance over the effect in units of the per-unit variance N·V.
   * Default: tuned for 5,000 units in total at α = 0.05 (gbstats' default), 0.001587.
   * Use {@link mixingVarianceForHorizon} to tune it for the planned size.
   */
  readonly mixingVariance?: number;
}

/** Defaults of {@link testSequentially}. */
export const SEQUENTIAL_DEFAULTS: Required<SequentialOptions> = Object.freeze({
  alpha: 0.05,
  mixingVariance: mixingVarianceForHorizon(5000, 0.05),
});

/** Cumulative sufficient statistics of both arms at one look. */
export interface Look {
  readonly control: SampleStats;
  readonly treatment: SampleStats;
}

/** The always-valid inference at one look. */
export interface SequentialLook {
  /** 1-based look number. */
  readonly look: number;
  /** Units over both arms so far. */
  readonly n: number;
  /** Treatment − control mean at this look. */
  readonly estimate: number;
  /** Standard error √V of the estimate at this look. */
  readonly se: number;
  /** ln Λ, the log mixture likelihood ratio against no effect. */
  readonly logLikelihoodRatio: number;
  /** Always-valid p-value: running minimum of 1/Λ. */
  readonly pValue: number;
  /** Confidence sequence so far (intersection over looks): for an effect that stays put. */
  readonly lower: number;
  readonly upper: number;
  /** This look's own interval of the sequence: for an effect that drifts between looks. */
  readonly lookLower: number;
  readonly lookUpper: number;
}

/** A sequential analysis over the looks given. */
export interface SequentialResult {
  readonly ok: true;
  readonly model: "mSPRT (normal mixture), always-valid";
  readonly alpha: number;
  /** 1 − α: the level of the confidence sequence, uniformly over looks. */
  readonly level: number;
  readonly mixingVariance: number;
  /** Units over both arms at the last look. */
  readonly n: number;
  readonly looks: readonly SequentialLook[];
  /** First look (1-based) with p < α, or null if the test never stopped. */
  readonly stoppedAt: number | null;
  /** One row per look: estimate, se and the confidence sequence. */
  summary(): readonly SummaryRow[];
}

const MODEL = "mSPRT (normal mixture), always-valid";

/**
 * Runs the mSPRT over cumulative looks (e.g. one per day) of the difference in means.
 * Stop at `stoppedAt`; the p-values and intervals stay valid however often one looks.
 *
 * @param looks Cumulative statistics per look; counts must not decrease.
 * @returns Per-look p-values and confidence sequence, or a failure naming the first
 *   look with fewer than 2 units in an arm or no variance.
 *
 * @example
 * ```ts
 * import { proportionStats, testSequentially } from "./mod.ts";
 * const looks = [1000, 2000, 3000].map((n) => ({
 *   control: proportionStats(n, 0.10 * n),
 *   treatment: proportionStats(n, 0.13 * n),
 * }));
 * const r = testSequentially(looks);
 * if (!r.ok || r.stoppedAt === null) throw new Error("expected to stop");
 * ```
 */
export function testSequentially(
  looks: readonly Look[],
  options: SequentialOptions = {},
): SequentialResult | StatsFailure {
  const { alpha, mixingVariance } = { ...SEQUENTIAL_DEFAULTS, ...options };
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Cannot test sequentially: alpha is ${alpha}; expected (0, 1)`);
  }
  if (!(mixingVariance > 0 && Number.isFinite(mixingVariance))) {
    throw new RangeError(
      `Cannot test sequentially: mixingVariance is ${mixingVariance}; expected > 0`,
    );
  }
  if (looks.length === 0) {
    throw new RangeError("Cannot test sequentially: no looks given; expected at least 1");
  }
  const out: SequentialLook[] = [];
  let pValue = 1, lower = -Infinity, upper = Infinity, stoppedAt: number | null = null;
  for (let k = 0; k < looks.length; k++) {
    const { control, treatment } = looks[k];
    for (const [name, arm] of [["control", control], ["treatment", treatment]] as const) {
      checkCount("test sequentially", `looks[${k}].${name}.n`, arm.n);
      if (k > 0 && arm.n < looks[k - 1][name].n) {
        throw new RangeError(
          `Cannot test sequentially: looks[${k}].${name}.n is ${arm.n}, fewer than ` +
            `${looks[k - 1][name].n} at the previous look; expected cumulative statistics`,
        );
      }
      if (arm.n < 2) {
        return failure(
          MODEL,
          "too-few-units",
          `Cannot test sequentially: look ${k + 1} has ${arm.n} ${name} units; expected at least 2`,
        );
      }
    }
    const variance = sampleVariance(control) / control.n + sampleVariance(treatment) / treatment.n;
    if (!(variance > 0)) {
      return failure(
        MODEL,
        "zero-variance",
        `Cannot test sequentially: look ${k + 1} has zero variance in both arms`,
      );
    }
    const n = control.n + treatment.n;
    const estimate = sampleMean(treatment) - sampleMean(control);
    const r = mixingVariance * n;
    const logLikelihoodRatio = -0.5 * Math.log1p(r) +
      r * estimate * estimate / (2 * variance * (1 + r));
    pValue = Math.min(pValue, Math.exp(-logLikelihoodRatio));
    const half = Math.sqrt(variance * (1 + r) / r * (2 * Math.log(1 / alpha) + Math.log1p(r)));
    lower = Math.max(lower, estimate - half);
    upper = Math.min(upper, estimate + half);
    if (stoppedAt === null && pValue < alpha) stoppedAt = k + 1;
    out.push(Object.freeze({
      look: k + 1,
      n,
      estimate,
      se: Math.sqrt(variance),
      logLikelihoodRatio,
      pValue,
      lower,
      upper,
      lookLower: estimate - half,
      lookUpper: estimate + half,
    }));
  }
  const rows = Object.freeze(out.map((l) =>
    Object.freeze({
      term: `look ${l.look}`,
      estimate: l.estimate,
      se: l.se,
      lower: l.lower,
      upper: l.upper,
      level: 1 - alpha,
    })
  ));
  return Object.freeze({
    ok: true as const,
    model: MODEL,
    alpha,
    level: 1 - alpha,
    mixingVariance,
    n: out[out.length - 1].n,
    looks: Object.freeze(out),
    stoppedAt,
    summary: () => rows,
  });
}
