/**
 * Customer-lifetime-value models: recency/frequency summaries from transactions,
 * BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma spend, shifted-beta-geometric retention
 * and BG/BB, each fitted by maximum likelihood with standard errors, and discounted
 * CLV. Every fit has the same shape ({@link ClvFit}); predictions are separate
 * capabilities.
 *
 * @example Fit BG/NBD to simulated customers and predict
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { fitBgNbd, simulateBgNbd } from "./mod.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const data = simulateBgNbd(rng, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, { customers: 2000, T: 39 });
 * const fit = fitBgNbd(data);
 * if (!(fit.conditionalExpectedPurchases(10, 2, 30, 39) > 0)) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./fit_result.ts";
export * from "./summary.ts";
export * from "./bg_nbd.ts";
export * from "./pareto_nbd.ts";
export * from "./mbg_nbd.ts";
export * from "./gamma_gamma.ts";
export * from "./sbg.ts";
export * from "./bg_bb.ts";
export * from "./lifetime_value.ts";
export * from "./opportunities.ts";
export * from "./simulate.ts";
export type { RfmData } from "./_rfm.ts";
