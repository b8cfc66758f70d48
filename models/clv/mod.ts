/**
 * Customer-lifetime-value models: recency/frequency summaries from transactions,
 * BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma spend, shifted-beta-geometric retention
 * and BG/BB, each fitted by maximum likelihood with standard errors, and discounted
 * CLV. Every fit has the same shape ({@link ClvFit}); predictions are separate
 * capabilities.
 *
 * @example Fit BG/NBD to a summary and predict
 * ```ts
 * import { fitBgNbd, summarizeTransactions, WEEK } from "./mod.ts";
 * const summary = summarizeTransactions(
 *   { member: [1, 1, 2, 2, 2, 3, 4, 4], day: [0, 20, 3, 9, 40, 5, 1, 60] },
 *   { calibrationEnd: 70, unit: WEEK },
 * );
 * const fit = fitBgNbd(summary);
 * if (!(fit.probabilityAlive(1, 2, 10) <= 1)) throw new Error("unexpected");
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
