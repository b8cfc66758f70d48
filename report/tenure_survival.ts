/**
 * Member survival of a run from its tenure table: the Kaplan–Meier fit of
 * `models/analytics/survival.ts`, with each tenure day's churned and censored counts as
 * weights (the same estimate as one row per member, without building the rows).
 *
 * @module
 */
import { fitKaplanMeier, type KaplanMeierFit } from "../models/analytics/survival.ts";
import type { TenureTable } from "../sim/run_result.ts";

/** Options of {@link fitTenureSurvival}. */
export interface TenureSurvivalOptions {
  /** Confidence level of the pointwise band; default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link fitTenureSurvival}. */
export const TENURE_SURVIVAL_DEFAULTS = { level: 0.95 } as const satisfies Required<
  TenureSurvivalOptions
>;

/**
 * Fits Kaplan–Meier survival to a run's tenure table (churned at tenure t: events;
 * still live at tenure t at the end: censored).
 *
 * @example
 * ```ts
 * import { fitTenureSurvival } from "./tenure_survival.ts";
 * const fit = fitTenureSurvival({
 *   churned: Int32Array.of(0, 2, 0),
 *   censored: Int32Array.of(0, 0, 8),
 * });
 * if (fit.survivalAt(1).estimate !== 0.8) throw new Error("unexpected");
 * ```
 */
export function fitTenureSurvival(
  tenure: TenureTable,
  options: TenureSurvivalOptions = {},
): KaplanMeierFit {
  const level = options.level ?? TENURE_SURVIVAL_DEFAULTS.level;
  if (tenure.churned.length !== tenure.censored.length) {
    throw new RangeError(
      `Cannot fit tenure survival: churned has ${tenure.churned.length} days and censored ` +
        `${tenure.censored.length}, expected the same length`,
    );
  }
  const durations: number[] = [];
  const observed: number[] = [];
  const weights: number[] = [];
  for (let t = 0; t < tenure.churned.length; t++) {
    for (const [count, event] of [[tenure.churned[t], 1], [tenure.censored[t], 0]]) {
      if (count === 0) continue;
      durations.push(t);
      observed.push(event);
      weights.push(count);
    }
  }
  if (durations.length === 0) {
    throw new RangeError("Cannot fit tenure survival: the tenure table has no members");
  }
  return fitKaplanMeier(durations, observed, { weights, alpha: 1 - level, label: "members" });
}
