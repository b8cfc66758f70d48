import { describe, expect, test } from "vitest";
import { binomialBand } from "../../../models/stats/mod.ts";

describe("binomialBand", () => {
  // Reference: scipy.stats.binom.ppf(0.005, n, p) and binom.isf(0.005, n, p).
  test("matches SciPy's binomial quantiles at 0.5% and 99.5%", () => {
    expect(binomialBand(1000, 0.05)).toEqual([0.033, 0.069]);
    expect(binomialBand(1000, 0.95)).toEqual([0.931, 0.967]);
    expect(binomialBand(400, 0.05)).toEqual([0.025, 0.08]);
  });

  test("is degenerate at p = 0 and 1 and rejects bad input, naming it", () => {
    expect(binomialBand(10, 0)).toEqual([0, 0]);
    expect(binomialBand(10, 1)).toEqual([1, 1]);
    expect(() => binomialBand(0, 0.5)).toThrow(/n is 0/);
    expect(() => binomialBand(10, 1.5)).toThrow(/p is 1.5/);
  });
});
