import { describe, expect, test } from "vitest";
import { checkSampleRatio } from "../../../models/stats/mod.ts";

describe("checkSampleRatio", () => {
  // Reference: SciPy 1.17 stats.chisquare([5000, 5300]).
  test("alarms on a 5,000 / 5,300 split planned 50/50", () => {
    const r = checkSampleRatio([5000, 5300]);
    if (!r.ok) throw new Error(r.message);
    expect(r.statistic).toBeCloseTo(8.737864077669903, 12);
    expect(r.pValue).toBeCloseTo(0.003116693839866867, 12);
    expect(r.alarm).toBe(false);
    expect(checkSampleRatio([5000, 5500])).toMatchObject({ alarm: true });
  });

  // Reference: SciPy 1.17 stats.chisquare([1950, 2050, 6000], f_exp=[2000, 2000, 6000]).
  test("uses the planned weights of three arms", () => {
    const r = checkSampleRatio([1950, 2050, 6000], { weights: [1, 1, 3] });
    if (!r.ok) throw new Error(r.message);
    expect(r.expected).toEqual([2000, 2000, 6000]);
    expect(r.df).toBe(2);
    expect(r.statistic).toBeCloseTo(2.5, 12);
    expect(r.pValue).toBeCloseTo(0.2865047968601901, 12);
    expect(r.alarm).toBe(false);
  });

  test("fails when no units were assigned and throws on mismatched weights", () => {
    expect(checkSampleRatio([0, 0])).toMatchObject({ ok: false, code: "too-few-units" });
    expect(() => checkSampleRatio([10, 20], { weights: [1] })).toThrow(/1 weights for 2 arms/);
    expect(() => checkSampleRatio([10, 20], { weights: [1, 0] })).toThrow(/weights\[1\] is 0/);
  });
});
