/**
 * Numerical building blocks shared by the models: special functions and
 * distribution functions, the Gauss hypergeometric function, and the optimizers
 * behind the maximum-likelihood fits.
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
export * from "./optimize.ts";
export * from "./hypergeometric.ts";
