import { describe, expect, test } from "vitest";
import {
  invertSymmetric,
  minimize,
  minimizeBfgs,
  minimizeNelderMead,
  numericalHessian,
} from "../../../models/math/mod.ts";

const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

describe("optimizers", () => {
  test("minimizeBfgs finds the Rosenbrock minimum at (1, 1)", () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  test("minimizeBfgs uses an analytic gradient when given", () => {
    let calls = 0;
    const f = (x: Float64Array) => {
      calls++;
      return (x[0] - 3) ** 2 + 2 * (x[1] + 1) ** 2;
    };
    const result = minimizeBfgs(f, [0, 0], {
      gradient: (x, out) => {
        out[0] = 2 * (x[0] - 3);
        out[1] = 4 * (x[1] + 1);
        return (x[0] - 3) ** 2 + 2 * (x[1] + 1) ** 2;
      },
    });
    expect(result.x[0]).toBeCloseTo(3, 8);
    expect(calls).toBeLessThan(30);
  });

  test("minimizeNelderMead finds the Rosenbrock minimum without derivatives", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
  });

  test("minimize falls back to Nelder–Mead when the objective has a kink", () => {
    const result = minimize((x) => Math.abs(x[0] - 2) + Math.abs(x[1] + 1), [[0, 0]]);
    expect(result.x[0]).toBeCloseTo(2, 4);
    expect(result.x[1]).toBeCloseTo(-1, 4);
  });

  test("minimize keeps the lowest of several local minima", () => {
    const f = (x: Float64Array) => (x[0] * x[0] - 1) ** 2 + 0.3 * x[0];
    const result = minimize(f, [[0.9], [-1.1]]);
    expect(result.x[0]).toBeLessThan(0);
    expect(result.value).toBeLessThan(minimizeBfgs(f, [0.9]).value);
  });

  test("numericalHessian and invertSymmetric recover a quadratic form's covariance", () => {
    // f = ½ xᵀAx with A = [[4, 1], [1, 3]]; A⁻¹ = [[3, −1], [−1, 4]]/11.
    const f = (x: Float64Array) => 0.5 * (4 * x[0] ** 2 + 2 * x[0] * x[1] + 3 * x[1] ** 2);
    const h = numericalHessian(f, [0.3, -0.2]);
    expect(Array.from(h).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([4, 1, 1, 3]);
    const inverse = invertSymmetric(h);
    [3 / 11, -1 / 11, -1 / 11, 4 / 11].forEach((v, i) => expect(inverse[i]).toBeCloseTo(v, 6));
  });

  test("invertSymmetric refuses a matrix that is not positive definite", () => {
    expect(() => invertSymmetric([1, 2, 2, 1])).toThrow("not positive definite");
  });
});
