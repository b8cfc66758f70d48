/**
 * Warning windows compared (frameworks.md §4): for each inactivity window in days,
 * precision and recall with their intervals, or the net value of acting on the alerts
 * with its interval and the best window marked, so the window to use is read off the
 * chart rather than the table.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type ChartOptions, renderPlot } from "../render.ts";
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
  /** What `window` holds, for the x axis; default the inactivity window in days. */
  readonly parameter?: string;
}

/** Default x-axis label of {@link plotWarningWindows}. */
const WINDOW_LABEL = "Inactivity window (days without an order)";

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
  const x = { label: options.parameter ?? WINDOW_LABEL, grid: true };
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
  const unit = options.parameter === undefined ? " days" : "";
  return {
    title: options.title ?? `Net value by warning window (best: ${best.window}${unit})`,
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

/**
 * Net value (when every row has it) above precision and recall, by window: one SVG
 * with both charts stacked, as a sweep's output folder holds it.
 *
 * @example
 * ```ts
 * import { renderWarningWindows } from "../mod.ts";
 * const e = (estimate: number) => ({ estimate, lower: estimate - 0.05, upper: estimate + 0.05 });
 * const rows = [7, 14].map((window, i) => ({
 *   window, precision: e(0.3 + 0.1 * i), recall: e(0.8 - 0.2 * i), netValue: e(100 * i - 50),
 * }));
 * const svg = renderWarningWindows(rows, { level: 0.95 });
 * if (!svg.includes("best: 14 days") || !svg.includes("Precision and recall")) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function renderWarningWindows(
  rows: readonly WarningWindowRow[],
  options: Omit<WarningWindowOptions, "measure" | "title"> = {},
): string {
  const net = rows.every((r) => r.netValue !== undefined)
    ? [renderPlot(plotWarningWindows(rows, { ...options, measure: "net-value" }))]
    : [];
  return stackSvgs([
    ...net,
    renderPlot(plotWarningWindows(rows, { ...options, measure: "rates" })),
  ]);
}

/**
 * A rule's precision–recall curve above its precision and recall by parameter value: one
 * SVG with both charts stacked, as `lab warn evaluate --out` writes it.
 *
 * @example
 * ```ts
 * import { renderWarningCurve } from "../mod.ts";
 * const e = (estimate: number) => ({ estimate, lower: estimate - 0.05, upper: estimate + 0.05 });
 * const rows = [0.3, 0.5].map((window, i) => ({
 *   window, precision: e(0.4 + 0.1 * i), recall: e(0.7 - 0.2 * i),
 * }));
 * const svg = renderWarningCurve(rows, { parameter: "P(alive) threshold" });
 * if (!svg.includes("Precision–recall curve") || !svg.includes("P(alive) threshold")) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function renderWarningCurve(
  rows: readonly WarningWindowRow[],
  options: Omit<WarningWindowOptions, "measure" | "title" | "currency"> = {},
): string {
  const points = rows.map((r) => ({
    value: r.window,
    precision: r.precision.estimate,
    recall: r.recall.estimate,
  }));
  return stackSvgs([
    renderPlot(plotPrecisionRecall(points, { parameter: options.parameter ?? "window" })),
    renderPlot(
      plotWarningWindows(rows, {
        ...options,
        measure: "rates",
        title: `Precision and recall by ${options.parameter ?? "warning window"}`,
      }),
    ),
  ]);
}

/** One point of {@link plotPrecisionRecall}: a rule variant's precision and recall. */
export interface PrecisionRecallPoint {
  /** The variant's parameter value (window, threshold, ...), used as its label. */
  readonly value: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * The precision–recall curve of a rule over its parameter: one labelled point per
 * variant, joined in parameter order, so the trade-off and the value giving it read
 * off one chart.
 *
 * @example
 * ```ts
 * import { plotPrecisionRecall, renderPlot } from "../mod.ts";
 * const svg = renderPlot(plotPrecisionRecall([
 *   { value: 7, precision: 0.3, recall: 0.9 },
 *   { value: 30, precision: 0.6, recall: 0.4 },
 * ], { parameter: "window" }));
 * if (!svg.includes("30") || !svg.includes("Recall")) throw new Error("unexpected");
 * ```
 */
export function plotPrecisionRecall(
  points: readonly PrecisionRecallPoint[],
  options: { readonly title?: string; readonly parameter?: string } = {},
): ChartOptions {
  const drawn = [...points].filter((p) => Number.isFinite(p.precision) && Number.isFinite(p.recall))
    .sort((a, b) => a.value - b.value);
  if (drawn.length === 0) {
    throw new RangeError(
      "Cannot plot precision and recall: no point has both (no judged alert or no churn)",
    );
  }
  const parameter = options.parameter ?? "value";
  return {
    title: options.title ?? "Precision–recall curve",
    subtitle: `One point per ${parameter}, labelled with it; up and right is better`,
    x: { label: "Recall (%)", domain: [0, 100], percent: true, grid: true },
    y: { label: "Precision (%)", domain: [0, 100], percent: true, grid: true },
    marks: [
      Plot.line(drawn, { x: "recall", y: "precision", stroke: THEME.accent, strokeOpacity: 0.6 }),
      Plot.dot(drawn, { x: "recall", y: "precision", fill: THEME.accent, r: 3 }),
      Plot.text(drawn, { x: "recall", y: "precision", text: "value", dy: -9, fill: THEME.ink }),
    ],
  };
}

/** Standalone SVGs stacked top to bottom in one SVG. */
function stackSvgs(svgs: readonly string[]): string {
  let height = 0, width = 0;
  const placed = svgs.map((svg) => {
    const w = Number(/ width="([\d.]+)"/.exec(svg)?.[1]);
    const h = Number(/ height="([\d.]+)"/.exec(svg)?.[1]);
    const out = svg.replace("<svg ", `<svg y="${height}" `);
    height += h;
    width = Math.max(width, w);
    return out;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}">${placed.join("")}</svg>`;
}
