import { describe, expect, test } from "vitest";
import { fitKaplanMeier } from "../../models/analytics/survival.ts";
import { fitTenureSurvival } from "../../report/tenure_survival.ts";
import { handBuiltRun } from "./_fixture.ts";

describe("fitTenureSurvival", () => {
  test("fitTenureSurvival matches the hand-computed Kaplan–Meier curve and log-log band", () => {
    // 10 members: 2 churn at tenure 1, 3 censored at 2, 1 churns at 3, 4 censored at 3.
    // Reference: Greenwood variance with log-log bounds (R survfit conf.type = "log-log",
    // lifelines' default), computed in NumPy with SciPy 1.17 norm.ppf(0.975).
    const fit = fitTenureSurvival({
      churned: Int32Array.of(0, 2, 0, 1),
      censored: Int32Array.of(0, 0, 3, 4),
    });
    const s1 = fit.survivalAt(1), s3 = fit.survivalAt(3);
    expect(fit.n).toBe(10);
    expect(fit.confidenceLevel).toBe(0.95);
    expect(s1.estimate).toBeCloseTo(0.8, 12);
    expect(s1.lower).toBeCloseTo(0.40869078163340417, 10);
    expect(s1.upper).toBeCloseTo(0.9458726458389117, 10);
    expect(s3.estimate).toBeCloseTo(0.64, 12);
    expect(s3.lower).toBeCloseTo(0.22633014240405722, 10);
    expect(s3.upper).toBeCloseTo(0.8745428175680418, 10);
  });

  test("fitTenureSurvival equals the fit on one row per member", async () => {
    const { tenure } = await handBuiltRun(300, 40);
    const durations: number[] = [], observed: number[] = [];
    tenure.churned.forEach((n, t) => {
      for (let i = 0; i < n; i++) [durations.push(t), observed.push(1)];
    });
    tenure.censored.forEach((n, t) => {
      for (let i = 0; i < n; i++) [durations.push(t), observed.push(0)];
    });
    const rows = fitKaplanMeier(durations, observed).table;
    const weighted = fitTenureSurvival(tenure).table;
    expect(weighted).toHaveLength(rows.length);
    weighted.forEach((row, i) => {
      expect(row.time).toBe(rows[i].time);
      expect(row.estimate).toBeCloseTo(rows[i].estimate, 12);
      expect(row.lower).toBeCloseTo(rows[i].lower, 12);
    });
  });

  test("fitTenureSurvival gives a curve that never rises, with its band around it", async () => {
    const fit = fitTenureSurvival((await handBuiltRun()).tenure, { level: 0.9 });
    expect(fit.confidenceLevel).toBeCloseTo(0.9, 12);
    fit.table.forEach((row, i) => {
      if (i > 0) expect(row.estimate).toBeLessThanOrEqual(fit.table[i - 1].estimate);
      expect(row.lower).toBeLessThanOrEqual(row.estimate);
      expect(row.upper).toBeGreaterThanOrEqual(row.estimate);
    });
  });

  test("fitTenureSurvival rejects tables of different lengths and tables without members", () => {
    expect(() => fitTenureSurvival({ churned: new Int32Array(3), censored: new Int32Array(2) }))
      .toThrow("Cannot fit tenure survival: churned has 3 days and censored 2");
    expect(() => fitTenureSurvival({ churned: new Int32Array(3), censored: new Int32Array(3) }))
      .toThrow(RangeError);
  });
});
