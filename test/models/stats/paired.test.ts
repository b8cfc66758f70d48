import { describe, expect, test } from "vitest";
import { comparePaired } from "../../../models/stats/mod.ts";

const base = [100, 120, 90, 105, 98];
const changed = [110, 131, 97, 118, 103];

describe("comparePaired", () => {
  // Reference: SciPy ttest_rel(changed, base) and t.ppf(0.975, 4).
  test("matches SciPy's paired t-test and its interval", () => {
    const r = comparePaired(base, changed);
    if (!r.ok) throw new Error(r.message);
    expect(r.estimate).toBeCloseTo(9.2, 12);
    expect(r.statistic).toBeCloseTo(6.441288386528845, 10);
    expect(r.pValue).toBeCloseTo(0.002988900704215797, 10);
    expect(r.lower).toBeCloseTo(5.234443199090366, 9);
    expect(r.upper).toBeCloseTo(13.165556800909632, 9);
    expect(r.df).toBe(4);
  });

  // Reference: NumPy evaluation of the paired delta method with np.cov(ddof=1).
  test("gives the relative change with the paired delta-method error", () => {
    const r = comparePaired(base, changed, { scale: "relative" });
    if (!r.ok) throw new Error(r.message);
    expect(r.estimate).toBeCloseTo(0.08966861598440556, 12);
    expect(r.se).toBeCloseTo(0.011830414922352596, 10);
  });

  test("fails with zero-variance when every pair differs by the same amount", () => {
    expect(comparePaired([1, 2, 3], [2, 3, 4])).toMatchObject({ ok: false, code: "zero-variance" });
    expect(comparePaired([1], [2])).toMatchObject({ ok: false, code: "too-few-units" });
  });
});
