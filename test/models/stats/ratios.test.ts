import { describe, expect, test } from "vitest";
import { binomialBand, compareRatios, summarizeJoint } from "../../../models/stats/mod.ts";
import { gamma, poisson, streamSeed, Xoshiro128 } from "../../../random/mod.ts";

// Revenue (y) and orders (x) per member.
const control = summarizeJoint(
  [10, 25, 0, 40, 12, 0, 33, 18, 7, 21],
  [1, 2, 0, 2, 1, 0, 3, 1, 1, 2],
);
const treatment = summarizeJoint(
  [30, 20, 15, 45, 0, 26, 38, 9, 22, 50, 14],
  [2, 1, 1, 2, 0, 2, 3, 1, 1, 3, 1],
);

describe("compareRatios", () => {
  // Reference: NumPy evaluation of Deng, Knoblich & Lu (2018) eq. 2 with np.cov(ddof=1)
  // and SciPy norm quantiles.
  test("matches the delta-method variance of revenue per order", () => {
    const r = compareRatios(control, treatment);
    if (!r.ok) throw new Error(r.message);
    expect(r.control.mean).toBeCloseTo(12.76923076923077, 12);
    expect(r.treatment.mean).toBeCloseTo(15.823529411764705, 12);
    expect(r.estimate).toBeCloseTo(3.0542986425339347, 12);
    expect(r.se).toBeCloseTo(1.9315055870741893, 12);
    expect(r.pValue).toBeCloseTo(0.1138084115642931, 12);
    expect(r.lower).toBeCloseTo(-0.7313827440693697, 11);
    expect(r.upper).toBeCloseTo(6.839980029137239, 11);
  });

  test("fails with zero-denominator when an arm has no orders", () => {
    const empty = summarizeJoint([0, 0, 0], [0, 0, 0]);
    expect(compareRatios(empty, treatment)).toMatchObject({ ok: false, code: "zero-denominator" });
  });

  // Simulation: 2,000 replications, 300 members per arm, orders ~ Poisson(1.2), revenue
  // per order ~ 20·gamma(2)/2 in control and +10% in treatment (seed 503). The 95%
  // interval covers the true difference of revenue per order (2.0) within the 99% band.
  test("covers the true ratio difference at 95%", () => {
    const replications = 2000, n = 300, truth = 2;
    let covered = 0;
    for (let rep = 0; rep < replications; rep++) {
      const rng = Xoshiro128.from(streamSeed(new Uint32Array([503, 0, 0, 0]), rep));
      const arm = (perOrder: number) => {
        const y = new Float64Array(n), x = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          x[i] = poisson(rng, 1.2);
          for (let k = 0; k < x[i]; k++) y[i] += perOrder * gamma(rng, 2) / 2;
        }
        return summarizeJoint(y, x);
      };
      const r = compareRatios(arm(20), arm(22));
      if (!r.ok) throw new Error(r.message);
      if (r.lower <= truth && truth <= r.upper) covered++;
    }
    const [lo, hi] = binomialBand(replications, 0.95);
    expect(covered / replications).toBeGreaterThanOrEqual(lo);
    expect(covered / replications).toBeLessThanOrEqual(hi);
  });
});
