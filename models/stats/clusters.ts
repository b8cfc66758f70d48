/**
 * Cluster-robust comparison of member means when whole clusters (groups, mentors,
 * referral trees) are randomized.
 *
 * The estimate is the difference of member-level means, Σ totals / Σ sizes per arm,
 * i.e. OLS of the metric on a treatment dummy. Its variance is the cluster sandwich
 * (Liang & Zeger 1986) with the CR1 small-sample factor G/(G − 1) · (N − 1)/(N − 2)
 * (G clusters, N members in both arms) and a t(G − 1) reference, as Stata's
 * `vce(cluster)` and statsmodels' `cov_type="cluster"` compute it (Cameron & Miller
 * 2015). Per arm the CR0 variance of the mean is Σ_g (Y_g − m·n_g)² / N_arm², so the
 * test only needs each cluster's size and total, summed as {@link JointStats}.
 * Checked against a NumPy evaluation of the full sandwich (X'X)⁻¹ Σ X_g'e_g e_g'X_g (X'X)⁻¹.
 *
 * @example
 * ```ts
 * import { compareClusteredMeans, summarizeClusters } from "./clusters.ts";
 * const control = summarizeClusters([0, 0, 1, 1, 2], [1, 0, 1, 1, 0]);
 * const treatment = summarizeClusters([0, 1, 1, 2, 2], [1, 1, 1, 0, 1]);
 * const r = compareClusteredMeans(control, treatment);
 * if (!r.ok || r.df !== 5) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { buildEffect, checkCount, checkFinite, checkLevel, failure } from "./_effect.ts";
import type { EffectOutcome, EffectScale } from "./result.ts";
import { type JointStats, summarizeJoint } from "./sample_stats.ts";

/** Options of {@link compareClusteredMeans}. */
export interface ClusterTestOptions {
  /** Effect scale: treatment − control, or treatment / control − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link compareClusteredMeans}. */
export const CLUSTER_TEST_DEFAULTS: Required<ClusterTestOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

const MODEL = "cluster-robust mean comparison (CR1)";

/**
 * Sums member values by cluster into the statistics {@link compareClusteredMeans} takes:
 * one unit per cluster, `y` its total, `x` its size (members).
 *
 * @param clusters Cluster id of each member (any integers).
 * @param values The metric of each member.
 *
 * @example Two groups of two members
 * ```ts
 * import { summarizeClusters } from "./clusters.ts";
 * const s = summarizeClusters([7, 7, 9, 9], [1, 2, 3, 4]);
 * if (s.n !== 2 || s.x.sum !== 4 || s.y.sumSquares !== 9 + 49) throw new Error("unexpected");
 * ```
 */
export function summarizeClusters(
  clusters: ArrayLike<number>,
  values: ArrayLike<number>,
): JointStats {
  if (clusters.length !== values.length) {
    throw new RangeError(
      `Cannot summarize clusters: ${clusters.length} cluster ids but ${values.length} values`,
    );
  }
  const index = new Map<number, number>();
  const sizes: number[] = [], totals: number[] = [];
  for (let i = 0; i < clusters.length; i++) {
    let k = index.get(clusters[i]);
    if (k === undefined) {
      k = sizes.length;
      index.set(clusters[i], k);
      sizes.push(0);
      totals.push(0);
    }
    sizes[k]++;
    totals[k] += values[i];
  }
  return summarizeJoint(totals, sizes);
}

/**
 * Compares member means between arms randomized by cluster, with cluster-robust
 * (CR1) standard errors.
 *
 * @param control One unit per control cluster: `y` the cluster total, `x` its size.
 * @param treatment The same for the treatment clusters.
 * @returns The effect per member, or a failure (fewer than 2 clusters in an arm, no
 *   variation, or a relative effect over a zero control mean).
 *
 * @example
 * ```ts
 * import { compareClusteredMeans, summarizeJoint } from "./mod.ts";
 * const control = summarizeJoint([3, 5, 2], [10, 12, 8]); // totals, sizes
 * const treatment = summarizeJoint([6, 4, 7], [11, 9, 10]);
 * const r = compareClusteredMeans(control, treatment);
 * if (!r.ok || r.df !== 5) throw new Error("unexpected");
 * ```
 */
export function compareClusteredMeans(
  control: JointStats,
  treatment: JointStats,
  options: ClusterTestOptions = {},
): EffectOutcome {
  const { scale, level } = { ...CLUSTER_TEST_DEFAULTS, ...options };
  checkLevel("compare clustered means", level);
  for (const [name, arm] of [["control", control], ["treatment", treatment]] as const) {
    checkCount("compare clustered means", `${name}.n`, arm.n);
    checkFinite("compare clustered means", `${name}.y.sum`, arm.y.sum);
    checkFinite("compare clustered means", `${name}.sumProducts`, arm.sumProducts);
    if (arm.n < 2) {
      return failure(
        MODEL,
        "too-few-clusters",
        `Cannot compare clustered means: the ${name} arm has ${arm.n} clusters; ` +
          "expected at least 2",
      );
    }
    if (!(arm.x.sum > 0)) {
      throw new RangeError(
        `Cannot compare clustered means: ${name}.x.sum (members) is ${arm.x.sum}; expected > 0`,
      );
    }
  }
  const clusters = control.n + treatment.n, members = control.x.sum + treatment.x.sum;
  const factor = clusters / (clusters - 1) * (members - 1) / (members - 2);
  const arm = (s: JointStats) => {
    const mean = s.y.sum / s.x.sum;
    const squares = s.y.sumSquares - 2 * mean * s.sumProducts + mean * mean * s.x.sumSquares;
    return { n: s.n, mean, meanVariance: factor * Math.max(0, squares) / (s.x.sum * s.x.sum) };
  };
  return buildEffect({
    model: MODEL,
    scale,
    level,
    df: clusters - 1,
    control: arm(control),
    treatment: arm(treatment),
  });
}
