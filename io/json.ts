/**
 * JSON output helpers.
 *
 * @module
 */

/**
 * A `JSON.stringify` replacer: JSON has no NaN or infinity, so they become null.
 *
 * @example
 * ```ts
 * import { jsonNumbers } from "./json.ts";
 * if (JSON.stringify({ x: NaN, y: 1 }, jsonNumbers) !== '{"x":null,"y":1}') throw new Error();
 * ```
 */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
