/**
 * Analytics models over event logs and member tables: survival until churn, retention
 * by cohort, lifecycle composition, and the strategy models (RFM, labels, group health,
 * unit economics, viral growth, funnels).
 *
 * @example
 * ```ts
 * import { fitKaplanMeier } from "./mod.ts";
 * const fit = fitKaplanMeier([3, 5, 8], [1, 0, 1]);
 * if (fit.survivalAt(4).estimate !== 2 / 3) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./survival.ts";
export * from "./cohorts.ts";
export * from "./composition.ts";
export * from "./rfm.ts";
export * from "./rfm_segments.ts";
export * from "./rfm_migration.ts";
export * from "./labels.ts";
export * from "./group_health.ts";
export * from "./economics.ts";
export * from "./economics_channels.ts";
export * from "./economics_arpu.ts";
export * from "./viral.ts";
export * from "./viral_log.ts";
export * from "./funnel.ts";
