import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  addJointStats,
  addSampleStats,
  proportionStats,
  sampleCovariance,
  sampleMean,
  sampleVariance,
  summarizeJoint,
  summarizeSample,
} from "../../../models/stats/mod.ts";

describe("sufficient statistics", () => {
  test("summarizeSample gives mean and variance as NumPy does (ddof 1)", () => {
    const s = summarizeSample([12.1, 9.4, 15.2, 11.0, 8.7]);
    expect(sampleMean(s)).toBeCloseTo(11.28, 13);
    expect(sampleVariance(s)).toBeCloseTo(6.576999999999999, 12); // numpy.var(ddof=1)
    expect(sampleVariance(summarizeSample([1]))).toBeNaN();
  });

  test("summing the statistics of parts equals summarizing the whole", () => {
    const value = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value)), fc.array(fc.tuple(value, value)), (a, b) => {
        const whole = summarizeJoint([...a, ...b].map((p) => p[0]), [...a, ...b].map((p) => p[1]));
        const parts = addJointStats(
          summarizeJoint(a.map((p) => p[0]), a.map((p) => p[1])),
          summarizeJoint(b.map((p) => p[0]), b.map((p) => p[1])),
        );
        expect(parts.n).toBe(whole.n);
        expect(parts.y.sum).toBeCloseTo(whole.y.sum, 6);
        expect(parts.x.sumSquares).toBeCloseTo(whole.x.sumSquares, 3);
        expect(parts.sumProducts).toBeCloseTo(whole.sumProducts, 3);
        const ys = addSampleStats(
          summarizeSample(a.map((p) => p[0])),
          summarizeSample(b.map((p) => p[0])),
        );
        expect(ys.sumSquares).toBeCloseTo(whole.y.sumSquares, 3);
      }),
    );
  });

  test("proportionStats and sampleCovariance agree with their definitions", () => {
    expect(proportionStats(10, 3)).toEqual({ n: 10, sum: 3, sumSquares: 3 });
    const joint = summarizeJoint([1, 2, 3, 4], [2, 1, 4, 3]);
    expect(sampleCovariance(joint)).toBeCloseTo(1, 12); // numpy.cov;
  });

  test("throws on a non-finite value, naming the row", () => {
    expect(() => summarizeSample([1, NaN])).toThrow(/row 1 is NaN/);
    expect(() => summarizeJoint([1, 2], [1])).toThrow(/y has 2 rows but x has 1/);
  });
});
