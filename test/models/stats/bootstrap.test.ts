import { describe, expect, test } from "vitest";
import { binomialBand, bootstrapDifference } from "../../../models/stats/mod.ts";
import { exponential, streamSeed, Xoshiro128 } from "../../../random/mod.ts";

const control = [3.1, 0.4, 7.9, 1.2, 2.2, 0.9, 12.5, 1.8, 4.4, 0.3, 2.9, 6.1, 1.1, 0.7, 3.6];
const treatment = [
  4.2,
  1.5,
  9.8,
  2.6,
  0.8,
  5.5,
  15.1,
  3.3,
  2.0,
  7.4,
  1.9,
  4.8,
  11.2,
  2.7,
  0.6,
  3.9,
];

describe("bootstrapDifference", () => {
  // Reference: SciPy 1.17 stats.bootstrap((control, treatment), mean difference,
  // n_resamples=400,000): BCa [-0.9403, 4.1558], percentile [-0.9796, 4.1238], SE 1.299.
  // We draw 20,000 replicates (seed 506); the Monte Carlo error of a 2.5% quantile is
  // about 0.03, so the bounds must agree within 0.1. The acceleration is deterministic:
  // the two-sample jackknife value NumPy gives, 0.004426916356073401.
  test("agrees with SciPy's BCa and percentile intervals within Monte Carlo error", () => {
    const rng = () => Xoshiro128.from(streamSeed(new Uint32Array([506, 0, 0, 0]), 0));
    const bca = bootstrapDifference(control, treatment, rng(), { replicates: 20000 });
    if (!bca.ok) throw new Error(bca.message);
    expect(bca.model).toBe("bootstrap BCa interval");
    expect(bca.estimate).toBeCloseTo(1.5579166666666664, 12);
    expect(bca.acceleration).toBeCloseTo(0.004426916356073401, 14);
    expect(Math.abs(bca.lower - -0.9403063405495569)).toBeLessThan(0.1);
    expect(Math.abs(bca.upper - 4.155833333333334)).toBeLessThan(0.1);
    expect(Math.abs(bca.se - 1.2986573340142606)).toBeLessThan(0.03);
    const percentile = bootstrapDifference(control, treatment, rng(), {
      replicates: 20000,
      method: "percentile",
    });
    if (!percentile.ok) throw new Error(percentile.message);
    expect(percentile.acceleration).toBe(0);
    expect(Math.abs(percentile.lower - -0.9795833333333333)).toBeLessThan(0.1);
    expect(Math.abs(percentile.upper - 4.123760416666678)).toBeLessThan(0.1);
  });

  test("gives the same interval for the same seed", () => {
    const run = () =>
      bootstrapDifference(control, treatment, new Xoshiro128(9, 8, 7, 6), { replicates: 500 });
    const [a, b] = [run(), run()];
    if (!a.ok || !b.ok) throw new Error("unexpected failure");
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.summary()).toEqual(b.summary());
  });

  test("fails rather than reporting a zero-width interval on constant data", () => {
    const r = bootstrapDifference([1, 1, 1], [2, 2, 2], new Xoshiro128(1, 2, 3, 4));
    expect(r).toMatchObject({ ok: false, code: "zero-variance" });
    expect(bootstrapDifference([1], [2, 3], new Xoshiro128(1, 2, 3, 4))).toMatchObject({
      ok: false,
      code: "too-few-units",
    });
  });

  // Simulation (seed 507): 400 replications of 60 exponential members per arm with a true
  // mean difference of 0.5, 1,000 bootstrap replicates each; BCa 95% coverage must fall
  // in the 99% binomial band around 0.95.
  test("covers the true difference at 95% with BCa on skewed data", () => {
    const replications = 400, n = 60, shift = 0.5;
    let covered = 0;
    for (let rep = 0; rep < replications; rep++) {
      const rng = Xoshiro128.from(streamSeed(new Uint32Array([507, 0, 0, 0]), rep));
      const c = Array.from({ length: n }, () => exponential(rng));
      const t = Array.from({ length: n }, () => exponential(rng) + shift);
      const r = bootstrapDifference(c, t, rng, { replicates: 1000 });
      if (!r.ok) throw new Error(r.message);
      if (r.lower <= shift && shift <= r.upper) covered++;
    }
    const [lo, hi] = binomialBand(replications, 0.95);
    expect(covered / replications).toBeGreaterThanOrEqual(lo);
    expect(covered / replications).toBeLessThanOrEqual(hi);
  });
});
