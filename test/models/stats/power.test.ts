import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  computePower,
  minimumDetectableEffect,
  planSampleSize,
  powerCurve,
} from "../../../models/stats/mod.ts";

describe("planSampleSize", () => {
  // Reference: the table (per arm, α = 0.05 two-sided, power 0.8), asserted exactly.
  test("matches the required sample sizes for proportions exactly", () => {
    const cases: [number, number, number][] = [
      [0.05, 0.01, 8158],
      [0.10, 0.01, 14751],
      [0.20, 0.02, 6510],
      [0.05, 0.005, 31234],
    ];
    for (const [baseline, mde, expected] of cases) {
      const plan = planSampleSize({ kind: "proportion", baseline }, mde, {
        alpha: 0.05,
        power: 0.8,
      });
      expect(plan.nPerArm).toBe(expected);
    }
  });

  test("reads a relative MDE against the baseline", () => {
    expect(planSampleSize({ kind: "proportion", baseline: 0.05 }, 0.2, { scale: "relative" }))
      .toMatchObject({ nPerArm: 8158, scale: "relative" });
    expect(
      planSampleSize({ kind: "proportion", baseline: 0.1 }, 0.1, { scale: "relative" }).nPerArm,
    )
      .toBe(14751);
  });

  // Reference: 2σ²(z₀.₉₇₅ + z₀.₈)²/δ² with SciPy 1.17 norm.ppf: σ = 5, δ = 1 → 392.44399.
  test("uses the normal-approximation formula for means", () => {
    const plan = planSampleSize({ kind: "mean", baseline: 10, sd: 5 }, 1);
    expect(plan.exactNPerArm).toBeCloseTo(392.44398671745444, 9);
    expect(plan.nPerArm).toBe(393);
  });

  test("throws when the target leaves (0, 1) or an input is out of range", () => {
    expect(() => planSampleSize({ kind: "proportion", baseline: 0.95 }, 0.1)).toThrow(
      /baseline 0.95 \+ effect 0.1/,
    );
    expect(() => planSampleSize({ kind: "proportion", baseline: 0.1 }, 0.01, { power: 1 }))
      .toThrow(/power is 1/);
    expect(() => planSampleSize({ kind: "mean", baseline: 1, sd: 0 }, 0.1)).toThrow(/sd is 0/);
  });
});

describe("computePower, powerCurve and minimumDetectableEffect", () => {
  test("power at the exact planned size is the target power", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.double({ min: 0.55, max: 0.99, noNaN: true }),
        (baseline, relative, power) => {
          const metric = { kind: "proportion", baseline } as const;
          const plan = planSampleSize(metric, relative, { scale: "relative", power });
          const achieved = computePower(metric, relative, plan.exactNPerArm, {
            scale: "relative",
          });
          expect(achieved).toBeCloseTo(power, 9);
        },
      ),
    );
  });

  test("the minimum detectable effect at the planned size is the planned effect", () => {
    const metric = { kind: "proportion", baseline: 0.05 } as const;
    expect(minimumDetectableEffect(metric, 8157.73144784928)).toBeCloseTo(0.01, 10);
    expect(minimumDetectableEffect(metric, 31233.437940130043, { scale: "relative" }))
      .toBeCloseTo(0.1, 9);
    const mean = { kind: "mean", baseline: 10, sd: 5 } as const;
    expect(minimumDetectableEffect(mean, 392.44398671745444)).toBeCloseTo(1, 10);
    expect(() => minimumDetectableEffect(metric, 1)).toThrow(/cannot detect any increase/);
  });

  test("the power curve rises with n from α/2 towards 1", () => {
    const curve = powerCurve({ kind: "proportion", baseline: 0.1 }, 0.01, [
      10,
      1000,
      5000,
      14751,
      50000,
    ]);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].power).toBeGreaterThan(curve[i - 1].power);
    }
    expect(curve[0].power).toBeLessThan(0.05);
    expect(curve[3].power).toBeGreaterThanOrEqual(0.8);
    expect(curve[4].power).toBeGreaterThan(0.99);
  });
});
