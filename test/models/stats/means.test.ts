import { describe, expect, test } from "vitest";
import { binomialBand, compareMeans, summarizeSample } from "../../../models/stats/mod.ts";
import { gamma, streamSeed, Xoshiro128 } from "../../../random/mod.ts";

const control = [12.1, 9.4, 15.2, 11.0, 8.7, 13.3, 10.9, 14.8, 9.9, 12.6];
const treatment = [14.2, 11.8, 16.9, 13.1, 15.5, 12.4, 18.0, 13.7];

describe("compareMeans", () => {
  // Reference: SciPy 1.17 stats.ttest_ind(treatment, control, equal_var=False) and its
  // confidence_interval(0.95).
  test("matches SciPy's Welch test, degrees of freedom and interval", () => {
    const r = compareMeans(summarizeSample(control), summarizeSample(treatment));
    if (!r.ok) throw new Error(r.message);
    expect(r.model).toBe("Welch t-test");
    expect(r.statistic).toBeCloseTo(2.554133884375158, 11);
    expect(r.pValue).toBeCloseTo(0.021830301585506206, 10);
    expect(r.df).toBeCloseTo(15.22308368168485, 10);
    expect(r.lower).toBeCloseTo(0.4430340249121758, 8);
    expect(r.upper).toBeCloseTo(4.8769659750878205, 8);
  });

  test("relative effect equals the mean ratio minus one", () => {
    const r = compareMeans(summarizeSample(control), summarizeSample(treatment), {
      scale: "relative",
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.estimate).toBeCloseTo((115.6 / 8) / (117.9 / 10) - 1, 12);
    expect(r.lower).toBeLessThan(r.estimate);
    expect(r.upper).toBeGreaterThan(r.estimate);
  });

  test("returns failures with stable codes for one unit or constant arms", () => {
    expect(compareMeans(summarizeSample([1]), summarizeSample([1, 2]))).toMatchObject({
      ok: false,
      code: "too-few-units",
    });
    expect(compareMeans(summarizeSample([2, 2]), summarizeSample([3, 3]))).toMatchObject({
      ok: false,
      code: "zero-variance",
    });
  });

  // Simulation: 2,000 replications, 200 members per arm of gamma(2)-distributed revenue
  // (skewed), seed 502. A/A false-positive rate in the 99% band around 0.05; with a
  // true difference of 0.3 the 95% interval covers it within the 99% band around 0.95.
  test("keeps the A/A false-positive rate at α and 95% coverage on skewed revenue", () => {
    const replications = 2000, n = 200, shift = 0.3;
    let falsePositives = 0, covered = 0;
    for (let rep = 0; rep < replications; rep++) {
      const rng = Xoshiro128.from(streamSeed(new Uint32Array([502, 0, 0, 0]), rep));
      const draw = (offset: number) =>
        summarizeSample(Array.from({ length: n }, () => gamma(rng, 2) + offset));
      const c = draw(0);
      const aa = compareMeans(c, draw(0));
      const ab = compareMeans(c, draw(shift));
      if (!aa.ok || !ab.ok) throw new Error("unexpected failure");
      if (aa.pValue < 0.05) falsePositives++;
      if (ab.lower <= shift && shift <= ab.upper) covered++;
    }
    const [lo, hi] = binomialBand(replications, 0.05);
    expect(falsePositives / replications).toBeGreaterThanOrEqual(lo);
    expect(falsePositives / replications).toBeLessThanOrEqual(hi);
    const [clo, chi] = binomialBand(replications, 0.95);
    expect(covered / replications).toBeGreaterThanOrEqual(clo);
    expect(covered / replications).toBeLessThanOrEqual(chi);
  });
});
