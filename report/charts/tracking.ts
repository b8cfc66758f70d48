/**
 * The CLV tracking plot: repeat purchases of a cohort per period, actual against what a
 * fitted model expects, cumulative or per period, with the end of the calibration
 * period marked, so the holdout part shows how well the model forecasts.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RepeatTracking } from "../tracking.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** What {@link plotTracking} draws: running totals or each period's purchases. */
export type TrackingMeasure = "cumulative" | "incremental";

/** Options of {@link plotTracking}. */
export interface TrackingChartOptions {
  /** Default `cumulative`. */
  readonly measure?: TrackingMeasure;
  /** Model name for the legend, e.g. "BG/NBD"; default "model". */
  readonly model?: string;
}

/**
 * Chart options for actual vs expected repeat purchases per period.
 *
 * @example
 * ```ts
 * import { plotTracking, renderPlot, trackRepeatPurchases } from "../mod.ts";
 * const track = trackRepeatPurchases({ member: [0, 0, 1], day: [0, 9, 2] }, {
 *   expectedPurchases: (t: number) => t / 2,
 * }, { unit: { name: "week", days: 7 }, calibrationEnd: 6, periods: 3 });
 * const svg = renderPlot(plotTracking(track, { model: "BG/NBD" }));
 * if (!svg.includes("BG/NBD")) throw new Error("unexpected");
 * ```
 */
export function plotTracking(
  tracking: RepeatTracking,
  options: TrackingChartOptions = {},
): ChartOptions {
  const measure = options.measure ?? "cumulative";
  const model = options.model ?? "model";
  const series = ["actual", model];
  const rows = tracking.rows.flatMap((row, i) => {
    const before = i === 0 ? { actual: 0, expected: 0 } : tracking.rows[i - 1];
    const pick = (key: "actual" | "expected") =>
      measure === "cumulative" ? row[key] : row[key] - before[key];
    return [
      { period: row.period, value: pick("actual"), series: "actual" },
      { period: row.period, value: pick("expected"), series: model },
    ];
  });
  const unit = tracking.unit.name;
  const calibration = (tracking.calibrationEnd + 1) / tracking.unit.days;
  return {
    title: measure === "cumulative"
      ? `Cumulative repeat purchases: actual vs ${model}`
      : `Repeat purchases per ${unit}: actual vs ${model}`,
    subtitle: `${tracking.members.toLocaleString("en-US")} members; dashed line: end of the ` +
      `calibration period (${unit} ${calibration.toFixed(0)}), the holdout lies to its right`,
    x: { label: `${unit[0].toUpperCase()}${unit.slice(1)}s since day 0`, grid: false },
    y: { label: "Repeat purchases", grid: true },
    color: { domain: series, range: [THEME.ink, THEME.channels.referral], legend: true },
    marks: [
      Plot.ruleX([calibration], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      Plot.lineY(rows.filter((d) => d.series === "actual"), {
        x: "period",
        y: "value",
        stroke: "series",
        strokeWidth: 2,
      }),
      Plot.lineY(rows.filter((d) => d.series !== "actual"), {
        x: "period",
        y: "value",
        stroke: "series",
        strokeWidth: 2,
        strokeDasharray: "6,3",
      }),
      Plot.ruleY([0]),
    ],
  };
}
