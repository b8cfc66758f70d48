import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { hyp2f1 } from "../../../models/math/mod.ts";

// Reference values: SciPy 1.17 scipy.special.hyp2f1.
const SCIPY: [number, number, number, number, number][] = [
  [0.243, 2.426, 2.219, 0.5, 1.2070970070440417],
  [0.243, 2.426, 2.219, 0.9, 1.9476311698186006],
  [0.243, 2.426, 2.219, 0.999, 11.09650428868049],
  [1.5, 2.3, 4.1, 0.95, 5.636267817220106],
  [2.5, 1.5, 3.5, -3.0, 0.19971166974921128],
  [20.3, 1.6, 21.3, 0.2, 1.4029945249858677],
  [3.2, 1.7, 4.2, 0.99, 98.90908242627128],
  [0.5, 0.5, 1.5, -20.0, 0.49266955850824407],
  [2.0, 3.0, 4.0, 0.9, 21.78942310292968],
  [1.0, 2.426, 3.219, 0.98, 9.17835701864054],
];

describe("hyp2f1", () => {
  test("hyp2f1 matches SciPy to 1e-12 relative across series, Pfaff and 1 − z regions", () => {
    for (const [a, b, c, z, expected] of SCIPY) {
      expect(Math.abs(hyp2f1(a, b, c, z) / expected - 1)).toBeLessThan(1e-12);
    }
  });

  test("hyp2f1 matches −ln(1 − z)/z near z = 1, where c − a − b is an integer", () => {
    for (const z of [0.5, 0.9, 0.99, 0.999, 0.99999]) {
      expect(Math.abs(hyp2f1(1, 1, 2, z) / (-Math.log1p(-z) / z) - 1)).toBeLessThan(1e-6);
    }
  });

  test("hyp2f1 equals Gauss's sum at z = 1", () => {
    // ₂F₁(a, b; c; 1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)); for (1, 1; 3) that is 2.
    expect(hyp2f1(1, 1, 3, 1)).toBeCloseTo(2, 12);
  });

  test("hyp2f1 is symmetric in a and b (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 8, noNaN: true }),
        fc.double({ min: -5, max: 0.97, noNaN: true }),
        (a, b, c, z) => {
          const x = hyp2f1(a, b, c, z), y = hyp2f1(b, a, c, z);
          return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  test("hyp2f1 refuses z > 1", () => {
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow("Cannot evaluate 2F1: z must be ≤ 1, got 1.5");
  });
});
