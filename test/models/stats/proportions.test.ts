import { describe, expect, test } from "vitest";
import { binomialBand, compareProportions } from "../../../models/stats/mod.ts";
import { streamSeed, Xoshiro128 } from "../../../random/mod.ts";

describe("compareProportions", () => {
  // Reference: SciPy 1.17 chi2_contingency([[50, 950], [75, 925]], correction=False)
  // (the pooled z-test's p-value, z = √χ²); the Wald interval evaluated in NumPy,
  // as R's prop.test(correct = FALSE) reports it.
  test("matches the uncorrected chi-square test and the Wald interval", () => {
    const r = compareProportions({ n: 1000, sum: 50 }, { n: 1000, sum: 75 });
    if (!r.ok) throw new Error(r.message);
    expect(r.model).toBe("two-proportion z-test");
    expect(r.estimate).toBeCloseTo(0.025, 15);
    expect(r.pValue).toBeCloseTo(0.020921335337794035, 12);
    expect(r.statistic).toBeCloseTo(2.309401076758503, 12);
    expect(r.se).toBeCloseTo(0.010810874155219826, 14);
    expect(r.lower).toBeCloseTo(0.003811076014374252, 12);
    expect(r.upper).toBeCloseTo(0.04618892398562574, 12);
    expect(r.df).toBe(Infinity);
    expect(r.n).toBe(2000);
  });

  test("gives the relative lift with its delta-method error", () => {
    const r = compareProportions({ n: 1000, sum: 50 }, { n: 1000, sum: 75 }, {
      scale: "relative",
    });
    if (!r.ok) throw new Error(r.message);
    // NumPy evaluation of Var = v_t/p_c² + p_t² v_c/p_c⁴ and SciPy norm.sf.
    expect(r.estimate).toBeCloseTo(0.5, 14);
    expect(r.se).toBeCloseTo(0.265518360947035, 13);
    expect(r.pValue).toBeCloseTo(0.05968560553242635, 12);
    expect(r.summary().map((row) => row.term)).toEqual([
      "control mean",
      "treatment mean",
      "relative effect",
    ]);
  });

  test("returns a failure without an estimate when nothing varies or an arm is empty", () => {
    const none = compareProportions({ n: 500, sum: 0 }, { n: 400, sum: 0 });
    expect(none).toMatchObject({ ok: false, code: "zero-variance" });
    expect("estimate" in none).toBe(false);
    expect(compareProportions({ n: 0, sum: 0 }, { n: 10, sum: 3 })).toMatchObject({
      ok: false,
      code: "too-few-units",
    });
    expect(compareProportions({ n: 100, sum: 0 }, { n: 100, sum: 5 }, { scale: "relative" }))
      .toMatchObject({ ok: false, code: "zero-control-mean" });
  });

  test("throws on impossible counts, naming the field", () => {
    expect(() => compareProportions({ n: 10, sum: 11 }, { n: 10, sum: 1 })).toThrow(
      /control\.sum is 11 but control\.n is 10/,
    );
    expect(() => compareProportions({ n: 10.5, sum: 1 }, { n: 10, sum: 1 })).toThrow(RangeError);
  });

  // Simulation: 2,000 A/A replications of 2,000 members per arm at 10% conversion
  // (seed 501); the share of p < 0.05 must fall in the 99% binomial band around 0.05.
  test("keeps the A/A false-positive rate at α and covers the true difference", () => {
    const replications = 2000, n = 2000, rate = 0.1, lift = 0.02;
    let falsePositives = 0, covered = 0;
    for (let rep = 0; rep < replications; rep++) {
      const rng = Xoshiro128.from(streamSeed(new Uint32Array([501, 0, 0, 0]), rep));
      const draw = (p: number) => {
        let k = 0;
        for (let i = 0; i < n; i++) if (rng.next() < p) k++;
        return { n, sum: k };
      };
      const control = draw(rate);
      const aa = compareProportions(control, draw(rate));
      const ab = compareProportions(control, draw(rate + lift));
      if (!aa.ok || !ab.ok) throw new Error("unexpected failure");
      if (aa.pValue < 0.05) falsePositives++;
      if (ab.lower <= lift && lift <= ab.upper) covered++;
    }
    const [lo, hi] = binomialBand(replications, 0.05);
    expect(falsePositives / replications).toBeGreaterThanOrEqual(lo);
    expect(falsePositives / replications).toBeLessThanOrEqual(hi);
    const [clo, chi] = binomialBand(replications, 0.95);
    expect(covered / replications).toBeGreaterThanOrEqual(clo);
    expect(covered / replications).toBeLessThanOrEqual(chi);
  });
});
