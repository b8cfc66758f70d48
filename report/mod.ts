/**
 * Charts and reports: Observable Plot options for a run's charts, rendered server-side
 * to standalone SVG in one theme (fixed stage and channel colours), and the
 * self-contained HTML run report of `deno task demo`. No Deno APIs: the same charts
 * render in a notebook cell with `Deno.jupyter.svg\`${renderPlot(options)}\``.
 *
 * @example
 * ```ts
 * import { plotSurvival, renderPlot } from "./mod.ts";
 * import { fitKaplanMeier } from "../models/analytics/survival.ts";
 * const svg = renderPlot(plotSurvival(fitKaplanMeier([2, 4, 4, 7], [1, 1, 0, 1])));
 * if (!svg.startsWith("<svg")) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./theme.ts";
export * from "./render.ts";
export * from "./charts/stages.ts";
export * from "./charts/survival.ts";
export * from "./charts/sales.ts";
export * from "./charts/joins.ts";
export * from "./charts/referral.ts";
export * from "./charts/cohort_heatmap.ts";
export * from "./charts/rfm_grid.ts";
export * from "./charts/rfm_migration.ts";
export * from "./charts/forest.ts";
export * from "./charts/power_curve.ts";
export * from "./charts/tracking.ts";
export * from "./charts/survival_curves.ts";
export * from "./charts/daily_compare.ts";
export * from "./charts/funnel.ts";
export * from "./charts/viral_growth.ts";
export * from "./charts/group_health.ts";
export * from "./charts/warning_windows.ts";
export * from "./html_table.ts";
export * from "./tenure_survival.ts";
export * from "./run_report.ts";
