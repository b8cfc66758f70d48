import { describe, expect, test } from "vitest";
import {
  binomialBand,
  compareClusteredMeans,
  compareMeans,
  summarizeClusters,
  summarizeSample,
} from "../../../models/stats/mod.ts";
import { normal, poisson, streamSeed, Xoshiro128 } from "../../../random/mod.ts";

const controlIds = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3];
const controlValues = [1, 0, 1, 0, 0, 1, 1, 1, 0, 0];
const treatmentIds = [10, 10, 11, 11, 11, 12, 13, 13, 14, 14, 14];
const treatmentValues = [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0];

describe("compareClusteredMeans", () => {
  // Reference: NumPy evaluation of the OLS cluster sandwich (X'X)⁻¹ Σ X_g'e_g e_g'X_g (X'X)⁻¹
  // for y ~ 1 + treatment with CR1 factor G/(G−1)·(N−1)/(N−K), t(G − 1) from SciPy 1.17
  // (what statsmodels' cov_type="cluster" and Stata's vce(cluster) report).
  test("matches the CR1 cluster sandwich of the regression on treatment", () => {
    const r = compareClusteredMeans(
      summarizeClusters(controlIds, controlValues),
      summarizeClusters(treatmentIds, treatmentValues),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.estimate).toBeCloseTo(0.22727272727272702, 13);
    expect(r.se).toBeCloseTo(0.1895102915434201, 13);
    expect(r.df).toBe(8);
    expect(r.pValue).toBeCloseTo(0.26473777507039475, 11);
    expect(r.lower).toBeCloseTo(-0.20973878869014684, 10);
    expect(r.upper).toBeCloseTo(0.6642842432356009, 10);
  });

  test("fails with too-few-clusters when an arm is one cluster", () => {
    const one = summarizeClusters([1, 1, 1], [1, 0, 1]);
    const r = compareClusteredMeans(one, summarizeClusters(treatmentIds, treatmentValues));
    expect(r).toMatchObject({ ok: false, code: "too-few-clusters" });
  });

  // Simulation (seed 504): 1,000 replications of 40 mentor groups per arm, group sizes
  // 1 + Poisson(9), a shared group effect (intra-cluster correlation 0.3). The
  // cluster-robust 95% interval covers the true effect within the 99% binomial band,
  // while the member-level Welch interval that ignores clustering under-covers.
  test("keeps 95% coverage under clustering where the member-level test does not", () => {
    const replications = 1000, groups = 40, effect = 0.2;
    let clusterCovered = 0, naiveCovered = 0;
    for (let rep = 0; rep < replications; rep++) {
      const rng = Xoshiro128.from(streamSeed(new Uint32Array([504, 0, 0, 0]), rep));
      const arm = (shift: number) => {
        const ids: number[] = [], values: number[] = [];
        for (let g = 0; g < groups; g++) {
          const size = 1 + poisson(rng, 9), groupEffect = Math.sqrt(0.3) * normal(rng);
          for (let i = 0; i < size; i++) {
            ids.push(g);
            values.push(shift + groupEffect + Math.sqrt(0.7) * normal(rng));
          }
        }
        return { ids, values };
      };
      const c = arm(0), t = arm(effect);
      const r = compareClusteredMeans(
        summarizeClusters(c.ids, c.values),
        summarizeClusters(t.ids, t.values),
      );
      const naive = compareMeans(summarizeSample(c.values), summarizeSample(t.values));
      if (!r.ok || !naive.ok) throw new Error("unexpected failure");
      if (r.lower <= effect && effect <= r.upper) clusterCovered++;
      if (naive.lower <= effect && effect <= naive.upper) naiveCovered++;
    }
    const [lo, hi] = binomialBand(replications, 0.95);
    expect(clusterCovered / replications).toBeGreaterThanOrEqual(lo);
    expect(clusterCovered / replications).toBeLessThanOrEqual(hi);
    expect(naiveCovered / replications).toBeLessThan(lo);
  });
});
