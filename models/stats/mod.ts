/**
 * Experiment statistics on summable sufficient statistics (n, sums, sums of squares
 * and cross-products), one entry point per test, in the shape of GrowthBook's gbstats:
 *
 * - {@link compareProportions}: two-proportion z-test; {@link compareMeans}: Welch t-test;
 *   {@link compareRatios}: delta method for ratio metrics; {@link compareClusteredMeans}:
 *   cluster-robust (CR1) errors for cluster randomization; {@link compareMeansWithCuped}:
 *   CUPED with a pre-period covariate; {@link bootstrapDifference}: percentile and BCa.
 *   Each returns an {@link EffectResult}-like value or a {@link StatsFailure} with a
 *   stable code and no estimate.
 * - {@link compareMeanFunction}: delta method for any function of several means (LTV/CAC);
 *   {@link comparePaired}: paired replications of two scenarios (what-ifs).
 * - {@link checkSampleRatio}: sample-ratio mismatch; {@link adjustPValues}: Holm and
 *   Benjamini–Hochberg; {@link testSequentially}: mSPRT always-valid p-values and
 *   confidence sequences for daily looks.
 * - {@link planSampleSize}, {@link computePower}, {@link powerCurve},
 *   {@link minimumDetectableEffect}: planning for proportions and means.
 * - {@link binomialBand}: the band a simulated rate (false positives, coverage) should
 *   fall in, for checking the statistics against the simulator.
 *
 * @example
 * ```ts
 * import { compareProportions, planSampleSize } from "./mod.ts";
 * const plan = planSampleSize({ kind: "proportion", baseline: 0.2 }, 0.02);
 * if (plan.nPerArm !== 6510) throw new Error("unexpected");
 * const r = compareProportions({ n: 6510, sum: 1302 }, { n: 6510, sum: 1432 });
 * if (!r.ok || !(r.pValue < 0.05)) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./sample_stats.ts";
export * from "./result.ts";
export * from "./proportions.ts";
export * from "./means.ts";
export * from "./ratios.ts";
export * from "./delta.ts";
export * from "./paired.ts";
export * from "./clusters.ts";
export * from "./cuped.ts";
export * from "./bootstrap.ts";
export * from "./srm.ts";
export * from "./adjust.ts";
export * from "./sequential.ts";
export * from "./power.ts";
export * from "./binomial_band.ts";
