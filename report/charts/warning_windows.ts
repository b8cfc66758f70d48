/**
 * Warning windows compared (frameworks.md §4): for each inactivity window in days,
 * precision and recall with their intervals, or the net value of acting on the alerts
 * with its interval and the best window marked, so the window to use is read off the
 * chart rather than the table.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** An estimate with its interval. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** One window of {@link plotWarningWindows}. */
export interface WarningWindowRow {
  /** Days without an order that raise the alert. */
  readonly window: number;
  /** Share of judged alerts followed by a churn in time. */
  readonly precision: IntervalEstimate;
  /** Share of churns that had a timely alert. */
  readonly recall: IntervalEstimate;
  /** Value of acting on the window's alerts net of their cost, when computed. */
  readonly netValue?: IntervalEstimate;
}

/** What {@link plotWarningWindows} draws. */
export type WarningWindowMeasure = "rates" | "net-value";

/** Options of {@link plotWarningWindows}. */
export interface WarningWindowOptions {
  /** `rates` (precision and recall, default) or `net-value`. */
  readonly measure?: WarningWindowMeasure;
  /** Chart title; default by measure. */
  readonly title?: string;
  /** Confidence level of the intervals, for the subtitle, e.g. 0.95. */
  readonly level?: number;
  /** Currency of the net value, for the axis label; default "currency units". */
  readonly currency?: string;
}

/**
 * Chart options for precision and recall, or net value, by warning window. Throws a
 * RangeError when no window is given, a window repeats, or `net-value` is asked for and
 * a row has none.
 *
 * @example
 * ```ts
 * import { plotWarningWindows, renderPlot } from "../mod.ts";
 * const e = (estimate: number) => ({ estimate, lower: estimate - 0.05, upper: estimate + 0.05 });
 * const rows = [3, 7, 14].map((window, i) => ({
 *   window, precision: e(0.3 + 0.1 * i), recall: e(0.8 - 0.2 * i), netValue: e(100 * i - 50),
 * }));
 * const svg = renderPlot(plotWarningWindows(rows, { measure: "net-value" }));
 * if (!svg.includes("best: 14 days")) throw new Error("unexpected");
 * ```
 */
export function plotWarningWindows(
  rows: readonly WarningWindowRow[],
  options: WarningWindowOptions = {},
): ChartOptions {
  if (rows.length === 0) {
    throw new RangeError("Cannot plot warning windows: rows is empty, expected one per window");
  }
  const windows = rows.map((r) => r.window);
  const repeated = windows.find((w, i) => windows.indexOf(w) !== i);
  if (repeated !== undefined) {
    throw new RangeError(`Cannot plot warning windows: window ${repeated} appears twice`);
  }
  const level = options.level === undefined ? "" : ` ${Math.round(options.level * 100)}%`;
  const sorted = [...rows].sort((a, b) => a.window - b.window);
  const x = { label: "Inactivity window (days without an order)", grid: true };
  if ((options.measure ?? "rates") === "rates") {
    const series = ["precision", "recall"] as const;
    const points = sorted.flatMap((r) =>
      series.map((s) => ({ window: r.window, series: s, ...r[s] }))
    );
    return {
      title: options.title ?? "Precision and recall by warning window",
      subtitle: `Precision: alerts followed by a churn in time; recall: churns warned of in ` +
        `time; shaded:${level} intervals`,
      x,
      y: { label: "Share (%)", domain: [0, 100], percent: true, grid: true },
      color: { domain: [...series], range: [THEME.accent, THEME.channels.referral], legend: true },
      marks: [
        Plot.areaY(points, {
          x: "window",
          y1: "lower",
          y2: "upper",
          fill: "series",
          fillOpacity: 0.18,
        }),
        Plot.lineY(points, { x: "window", y: "estimate", stroke: "series", strokeWidth: 2 }),
        Plot.dot(points, { x: "window", y: "estimate", fill: "series", r: 3 }),
      ],
    };
  }
  const values = sorted.map((r) => {
    if (r.netValue === undefined) {
      throw new RangeError(
        `Cannot plot net value: window ${r.window} has no netValue; compute it for every window`,
      );
    }
    return { window: r.window, ...r.netValue };
  });
  const best = values.reduce((a, b) => b.estimate > a.estimate ? b : a);
  return {
    title: options.title ?? `Net value by warning window (best: ${best.window} days)`,
    subtitle: `Value of acting on each window's alerts net of their cost; lines:${level} ` +
      "intervals; dashed: break-even",
    x,
    y: { label: `Net value (${options.currency ?? "currency units"})`, grid: true },
    marks: [
      Plot.ruleY([0], { stroke: THEME.ink, strokeDasharray: "4,3" }),
      Plot.ruleX(values, {
        x: "window",
        y1: "lower",
        y2: "upper",
        stroke: THEME.accent,
        strokeWidth: 2,
      }),
      Plot.lineY(values, { x: "window", y: "estimate", stroke: THEME.accent, strokeOpacity: 0.5 }),
      Plot.dot(values, { x: "window", y: "estimate", fill: THEME.accent, r: 4 }),
      Plot.dot([best], { x: "window", y: "estimate", r: 8, stroke: THEME.ink }),
    ],
  };
}
