import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { adjustPValues } from "../../../models/stats/mod.ts";

const raw = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04];

describe("adjustPValues", () => {
  // Reference: direct NumPy evaluation of Holm's step-down formula (as R p.adjust "holm").
  test("Holm matches the step-down adjusted p-values", () => {
    const holm = adjustPValues(raw, { method: "holm" });
    [0.05, 0.12, 0.12, 0.03, 0.2, 0.12].forEach((p, i) => expect(holm[i]).toBeCloseTo(p, 15));
  });

  // Reference: SciPy 1.17 stats.false_discovery_control(raw) (method "bh").
  test("Benjamini–Hochberg matches SciPy's false_discovery_control", () => {
    const bh = adjustPValues(raw, { method: "benjamini-hochberg" });
    [0.03, 0.048, 0.048, 0.03, 0.2, 0.048].forEach((p, i) => expect(bh[i]).toBeCloseTo(p, 15));
  });

  test("adjusted p-values never fall below the raw ones and keep their order", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        for (const method of ["holm", "benjamini-hochberg"] as const) {
          const adjusted = adjustPValues(ps, { method });
          ps.forEach((p, i) => {
            expect(adjusted[i]).toBeGreaterThanOrEqual(p);
            expect(adjusted[i]).toBeLessThanOrEqual(1);
            ps.forEach((q, j) => {
              if (p < q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]);
            });
          });
        }
      }),
    );
  });

  test("throws on a p-value outside [0, 1], naming its position", () => {
    expect(() => adjustPValues([0.1, 1.2])).toThrow(/pValues\[1\] is 1.2/);
  });
});
