/**
 * Private argument checks shared by the analytics models. Each error leads with the
 * caller's action, names the field and states the value and what was expected.
 *
 * @module
 */

/**
 * Throws a RangeError unless a day-valued option is an integer.
 *
 * @example
 * ```ts
 * import { checkDay } from "./_checks.ts";
 * checkDay("score RFM", "asOf", 30);
 * ```
 */
export function checkDay(action: string, field: string, value: number): void {
  if (!Number.isInteger(value)) {
    throw new RangeError(`Cannot ${action}: ${field} is ${value}, expected an integer day`);
  }
}

/**
 * Throws a RangeError unless a value is positive and finite.
 *
 * @example
 * ```ts
 * import { checkPositive } from "./_checks.ts";
 * checkPositive("compute LTV", "periodDays", 30);
 * ```
 */
export function checkPositive(action: string, field: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`Cannot ${action}: ${field} is ${value}, expected a positive number`);
  }
}

/**
 * Throws a RangeError unless a value is finite.
 *
 * @example
 * ```ts
 * import { checkFinite } from "./_checks.ts";
 * checkFinite("compute LTV", "arpu", 12.5);
 * ```
 */
export function checkFinite(action: string, field: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot ${action}: ${field} is ${value}, expected a finite number`);
  }
}

/**
 * Throws a RangeError unless a confidence level lies in (0, 1).
 *
 * @example
 * ```ts
 * import { checkLevel } from "./_checks.ts";
 * checkLevel("score RFM", 0.95);
 * ```
 */
export function checkLevel(action: string, level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot ${action}: level is ${level}, expected a number in (0, 1)`);
  }
}
