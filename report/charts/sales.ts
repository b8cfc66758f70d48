/**
 * Daily revenue or orders: each day as a thin line and the centred 7-day mean as a
 * thick one, so weekly noise does not hide the trend.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RunResult } from "../../sim/run_result.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";
import { DAY_AXIS } from "./_daily.ts";

/** What {@link plotSales} draws. */
export type SalesMeasure = "revenue" | "orders";

/** Options of {@link plotSales}. */
export interface SalesChartOptions {
  /** `revenue` (sum of order amounts per day) or `orders` (orders per day). */
  readonly measure: SalesMeasure;
}

const LABELS: Record<SalesMeasure, { title: string; y: string }> = {
  revenue: { title: "Daily revenue", y: "Revenue per day (currency units)" },
  orders: { title: "Daily orders", y: "Orders per day" },
};

/**
 * Chart options for daily revenue or daily orders of a run, with a 7-day mean.
 *
 * @example
 * ```ts
 * import { plotSales, renderPlot } from "../mod.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = { daily: { orders: Int32Array.of(3, 4, 6), revenue: Float64Array.of(9, 12, 18) } };
 * const svg = renderPlot(plotSales(run as unknown as RunResult, { measure: "orders" }));
 * if (!svg.includes("Daily orders")) throw new Error("unexpected");
 * ```
 */
export function plotSales(result: RunResult, options: SalesChartOptions): ChartOptions {
  const { measure } = options;
  const values = result.daily[measure];
  const rows = Array.from(values, (value, day) => ({ day, value }));
  const labels = LABELS[measure];
  return {
    title: labels.title,
    subtitle: "Thin line: each day; thick line: centred 7-day mean",
    x: DAY_AXIS,
    y: { label: labels.y, grid: true },
    marks: [
      Plot.lineY(rows, { x: "day", y: "value", stroke: THEME.accent, strokeOpacity: 0.35 }),
      Plot.lineY(
        rows,
        Plot.windowY({ k: 7, anchor: "middle" }, {
          x: "day",
          y: "value",
          stroke: THEME.accent,
          strokeWidth: 2,
        }),
      ),
      Plot.ruleY([0]),
    ],
  };
}
