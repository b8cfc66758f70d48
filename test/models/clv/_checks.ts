/**
 * Shared checks of the CLV model tests: agreement with a reference value computed at the
 * fitted parameters, and the moments of a purchase-count distribution.
 *
 * @module
 */
import { expect } from "vitest";
import type { PurchaseCountProbability } from "../../../models/clv/mod.ts";

/**
 * Agreement with a reference computed at the fitted parameters, which the optimizer finds
 * to about 1e-8 relative: 1e-6 relative, far tighter than any formula error.
 */
export function near(value: number, reference: number): void {
  expect(Math.abs(value / reference - 1)).toBeLessThan(1e-6);
}

/** Σ P(X(t) = n) and Σ n·P(X(t) = n) over n = 0..last. */
export function countMoments(
  fit: PurchaseCountProbability,
  t: number,
  last: number,
): { total: number; mean: number } {
  let total = 0, mean = 0;
  for (let n = 0; n <= last; n++) {
    const p = fit.probabilityOfPurchases(n, t);
    total += p;
    mean += n * p;
  }
  return { total, mean };
}
