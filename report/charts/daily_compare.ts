/**
 * Runs compared day by day: the centred 7-day mean of daily revenue, daily orders or
 * live members of several runs (a baseline and its variants) as one line each, so what
 * a changed hazard or order rate does to the business shows as the gap between lines.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RunResult } from "../../sim/run_result.ts";
import type { ChartOptions } from "../render.ts";
import { seriesColors } from "../theme.ts";
import { DAY_AXIS } from "./_daily.ts";

/** What {@link plotDailyComparison} draws. */
export type DailyMeasure = "revenue" | "orders" | "live";

/** One labelled run of {@link plotDailyComparison}. */
export interface LabelledRun {
  /** Legend text, e.g. "baseline" or "active hazard × 2". */
  readonly label: string;
  readonly result: RunResult;
}

/** Options of {@link plotDailyComparison}. */
export interface DailyComparisonOptions {
  /** Default `revenue`. */
  readonly measure?: DailyMeasure;
  /** Chart title; default by measure, e.g. "Daily revenue by run". */
  readonly title?: string;
}

const LABELS: Record<DailyMeasure, { title: string; y: string; smooth: boolean }> = {
  revenue: { title: "Daily revenue by run", y: "Revenue per day (currency units)", smooth: true },
  orders: { title: "Daily orders by run", y: "Orders per day", smooth: true },
  live: { title: "Live members by run", y: "Members not churned", smooth: false },
};

/**
 * The daily values of a measure of a run; `live` is the members in every stage not
 * marked `churned` at the end of each day.
 *
 * @example
 * ```ts
 * import { dailyMeasure } from "./daily_compare.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = {
 *   stages: ["new", "churned"],
 *   scenario: { stages: { new: {}, churned: { churned: true } } },
 *   daily: { stageCounts: [Int32Array.of(10, 8), Int32Array.of(0, 2)] },
 * } as unknown as RunResult;
 * if (dailyMeasure(run, "live").join() !== "10,8") throw new Error("unexpected");
 * ```
 */
export function dailyMeasure(result: RunResult, measure: DailyMeasure): Float64Array {
  if (measure === "revenue" || measure === "orders") {
    return Float64Array.from(result.daily[measure]);
  }
  const days = result.daily.stageCounts[0]?.length ?? 0;
  const live = new Float64Array(days);
  result.stages.forEach((stage, s) => {
    if (result.scenario.stages[stage]?.churned === true) return;
    const counts = result.daily.stageCounts[s];
    for (let day = 0; day < days; day++) live[day] += counts[day];
  });
  return live;
}

/**
 * Chart options for one measure of several runs day by day (revenue and orders as a
 * centred 7-day mean, live members as they are). Throws a RangeError when no run is
 * given or two share a label.
 *
 * @example
 * ```ts
 * import { plotDailyComparison, renderPlot } from "../mod.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = (revenue: number[]) =>
 *   ({ daily: { revenue: Float64Array.from(revenue) } }) as unknown as RunResult;
 * const svg = renderPlot(plotDailyComparison([
 *   { label: "baseline", result: run([5, 6, 7]) },
 *   { label: "changed", result: run([4, 4, 5]) },
 * ]));
 * if (!svg.includes("Daily revenue by run") || !svg.includes("changed")) throw new Error();
 * ```
 */
export function plotDailyComparison(
  runs: readonly LabelledRun[],
  options: DailyComparisonOptions = {},
): ChartOptions {
  if (runs.length === 0) {
    throw new RangeError("Cannot compare runs: runs is empty, expected at least one");
  }
  const labels = runs.map((r) => r.label);
  const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
  if (repeated !== undefined) {
    throw new RangeError(`Cannot compare runs: label '${repeated}' is used twice`);
  }
  const measure = options.measure ?? "revenue";
  const text = LABELS[measure];
  const rows = runs.flatMap(({ label, result }) =>
    Array.from(dailyMeasure(result, measure), (value, day) => ({ day, value, series: label }))
  );
  const line = { x: "day", y: "value", z: "series", stroke: "series", strokeWidth: 2 };
  return {
    title: options.title ?? text.title,
    subtitle: text.smooth
      ? "Centred 7-day mean of each day's value (fewer days at either end), one line per run"
      : "Members in every stage but churned at the end of each day, one line per run",
    x: DAY_AXIS,
    y: { label: text.y, grid: true },
    color: { ...seriesColors(labels), legend: true },
    marks: [
      text.smooth
        ? Plot.lineY(rows, Plot.windowY({ k: 7, anchor: "middle" }, line))
        : Plot.lineY(rows, line),
      Plot.ruleY([0]),
    ],
  };
}
