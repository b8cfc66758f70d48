/**
 * Numerical building blocks shared by the models: special functions and
 * distribution functions.
 *
 * @example
 * ```ts
 * import { normalQuantile } from "./mod.ts";
 * if (Math.abs(normalQuantile(0.5)) > 1e-15) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./special.ts";
export * from "./distributions.ts";
