/**
 * A survival curve with its confidence band, drawn as steps (the Kaplan–Meier estimate
 * is constant between event times).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";
import type { SurvivalPoint } from "../../models/analytics/survival.ts";

/**
 * A survival curve with a pointwise band, as a Kaplan–Meier fit has it (`fitKaplanMeier`
 * and `fitTenureSurvival` results qualify): one row per step, ascending in time.
 */
export interface SurvivalSteps {
  readonly table: readonly SurvivalPoint[];
  /** Confidence level of the band, e.g. 0.95. */
  readonly confidenceLevel: number;
}

/** Options of {@link plotSurvival}. */
export interface SurvivalChartOptions {
  /** Chart title; default "Member survival by tenure". */
  readonly title?: string;
}

/**
 * Chart options for a survival curve S(t) with its confidence band.
 *
 * @example
 * ```ts
 * import { plotSurvival, renderPlot } from "../mod.ts";
 * import { fitKaplanMeier } from "../../models/analytics/survival.ts";
 * const svg = renderPlot(plotSurvival(fitKaplanMeier([3, 5, 8, 9], [1, 0, 1, 1])));
 * if (!svg.includes("95%")) throw new Error("unexpected");
 * ```
 */
export function plotSurvival(
  curve: SurvivalSteps,
  options: SurvivalChartOptions = {},
): ChartOptions {
  // The estimate is 1 until the first step; draw that stretch from tenure 0.
  const first = curve.table[0];
  const rows = first === undefined || first.time > 0
    ? [{ time: 0, estimate: 1, lower: 1, upper: 1 }, ...curve.table]
    : curve.table;
  const percent = Math.round(curve.confidenceLevel * 100);
  return {
    title: options.title ?? "Member survival by tenure",
    subtitle: `Share of members not yet churned, with its pointwise ${percent}% band (shaded)`,
    x: { label: "Tenure (days since joining)" },
    y: { label: "Still live (%)", domain: [0, 100], percent: true, grid: true },
    marks: [
      Plot.areaY(rows, {
        x: "time",
        y1: "lower",
        y2: "upper",
        curve: "step-after",
        fill: THEME.band,
        fillOpacity: 0.8,
      }),
      Plot.lineY(rows, {
        x: "time",
        y: "estimate",
        curve: "step-after",
        stroke: THEME.accent,
        strokeWidth: 2,
      }),
      Plot.ruleY([0]),
    ],
  };
}
