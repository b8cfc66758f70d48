/**
 * The precision of numbers written into calibrated scenarios.
 *
 * @module
 */

/** Significant digits kept in scenario numbers: far below the fits' standard errors. */
const DIGITS = 6;

/**
 * Rounds a scenario number to six significant digits.
 *
 * @example
 * ```ts
 * import { round } from "./_round.ts";
 * if (round(0.0078567891234) !== 0.00785679) throw new Error("unexpected");
 * ```
 */
export function round(value: number): number {
  return Number(value.toPrecision(DIGITS));
}
