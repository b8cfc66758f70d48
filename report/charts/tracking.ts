/**
 * The CLV validation charts (Fader, Hardie & Lee 2005, figs. 2–4): repeat purchases of a
 * cohort per period, actual against a fitted model's expectation and the band of
 * simulated replications, with the end of the calibration period marked so the holdout
 * to its right shows the forecast; and mean holdout purchases by calibration-period
 * frequency (conditional expectations), actual against model and simulations.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ConditionalRow, RepeatTracking } from "../../calibration/mod.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** What {@link plotTracking} draws: running totals or each period's purchases. */
export type TrackingMeasure = "cumulative" | "incremental";

/** Options of {@link plotTracking}. */
export interface TrackingChartOptions {
  /** Default `cumulative`. */
  readonly measure?: TrackingMeasure;
}

/** Series colours of the validation charts. */
const SERIES = {
  actual: THEME.ink,
  model: THEME.channels.referral,
  simulated: THEME.accent,
} as const;

/**
 * Chart options for actual, expected and simulated repeat purchases per period.
 *
 * @example
 * ```ts
 * import { renderPlot } from "../render.ts";
 * import { plotTracking } from "./tracking.ts";
 * import { trackRepeatPurchases } from "../../calibration/mod.ts";
 * const track = trackRepeatPurchases({ member: [0, 0, 1], day: [0, 9, 2] }, {
 *   model: "BG/NBD", expectedPurchases: (t: number) => t / 2,
 * }, { unit: { name: "week", days: 7 }, calibrationEnd: 6, observationEnd: 20 });
 * const svg = renderPlot(plotTracking(track));
 * if (!svg.includes("BG/NBD")) throw new Error("unexpected");
 * ```
 */
export function plotTracking(
  tracking: RepeatTracking,
  options: TrackingChartOptions = {},
): ChartOptions {
  const measure = options.measure ?? "cumulative";
  const model = tracking.model;
  const simulatedName = "simulated";
  const rows = tracking.rows.map((row, i) => {
    const before = i === 0 ? null : tracking.rows[i - 1];
    const pick = (key: "actual" | "expected" | "simulated" | "lower" | "upper") => {
      const value = row[key];
      if (value === null || measure === "cumulative") return value;
      return value - (before?.[key] ?? 0);
    };
    return {
      period: row.period,
      actual: pick("actual"),
      expected: pick("expected"),
      simulated: pick("simulated"),
      lower: pick("lower"),
      upper: pick("upper"),
    };
  });
  const hasModel = model !== null && rows.some((r) => r.expected !== null);
  const hasSimulation = tracking.replications > 0;
  const series = [
    "actual",
    ...(hasModel ? [model!] : []),
    ...(hasSimulation ? [simulatedName] : []),
  ];
  const colours = [
    SERIES.actual,
    ...(hasModel ? [SERIES.model] : []),
    ...(hasSimulation ? [SERIES.simulated] : []),
  ];
  const unit = tracking.unit.name;
  const calibration = (tracking.calibrationEnd + 1) / tracking.unit.days;
  const drawBand = hasSimulation && measure === "cumulative";
  const simulations = !hasSimulation
    ? ""
    : `; simulated: mean of ${tracking.replications} replications` +
      (drawBand ? `, ${Math.round((tracking.level ?? 0) * 100)}% of them in the band` : "");
  const against = series.slice(1).join(" and ");
  return {
    title: measure === "cumulative"
      ? `Cumulative repeat purchases: actual vs ${against}`
      : `Repeat purchases per ${unit}: actual vs ${against}`,
    subtitle: `${tracking.members.toLocaleString("en-US")} members; dashed line: end of the ` +
      `calibration period (${unit} ${calibration.toFixed(0)}), the holdout to its right` +
      simulations,
    x: { label: `${unit[0].toUpperCase()}${unit.slice(1)}s since day 0`, grid: false },
    y: { label: "Repeat purchases", grid: true },
    color: { domain: series, range: colours, legend: true },
    marks: [
      ...(!drawBand ? [] : [
        Plot.areaY(rows, {
          x: "period",
          y1: "lower",
          y2: "upper",
          fill: THEME.band,
          fillOpacity: 0.8,
        }),
      ]),
      Plot.ruleX([calibration], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      ...(hasSimulation
        ? [Plot.lineY(rows, {
          x: "period",
          y: "simulated",
          stroke: () => simulatedName,
          strokeWidth: 1.5,
        })]
        : []),
      ...(hasModel
        ? [Plot.lineY(rows, {
          x: "period",
          y: "expected",
          stroke: () => model!,
          strokeWidth: 2,
          strokeDasharray: "6,3",
        })]
        : []),
      Plot.lineY(rows, { x: "period", y: "actual", stroke: () => "actual", strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}

/** Options of {@link plotConditionalExpectations}. */
export interface ConditionalChartOptions {
  /** Model name for the legend; default "BG/NBD". */
  readonly model?: string;
  /** Holdout length with its unit for the axis, e.g. "39 weeks". */
  readonly holdout?: string;
  /** Level of the simulation bands, for the subtitle; default 0.95. */
  readonly level?: number;
}

/**
 * Chart options for mean holdout purchases by calibration-period frequency: actual,
 * the model's conditional expectation, and the simulated mean with its band.
 *
 * @example
 * ```ts
 * import { renderPlot } from "../render.ts";
 * import { plotConditionalExpectations } from "./tracking.ts";
 * const svg = renderPlot(plotConditionalExpectations([
 *   { frequency: "0", members: 10, actual: 0.2, expected: 0.25, simulatedMembers: 11,
 *     simulated: 0.24, lower: 0.1, upper: 0.4 },
 *   { frequency: "1+", members: 5, actual: 1.1, expected: 1, simulatedMembers: 4,
 *     simulated: 1.05, lower: 0.6, upper: 1.5 },
 * ]));
 * if (!svg.includes("1+")) throw new Error("unexpected");
 * ```
 */
export function plotConditionalExpectations(
  rows: readonly ConditionalRow[],
  options: ConditionalChartOptions = {},
): ChartOptions {
  const model = options.model ?? "BG/NBD";
  const level = Math.round((options.level ?? 0.95) * 100);
  const domain = rows.map((r) => r.frequency);
  const points = rows.flatMap((r) => [
    { frequency: r.frequency, value: r.actual, series: "actual" },
    { frequency: r.frequency, value: r.expected, series: model },
    { frequency: r.frequency, value: r.simulated, series: "simulated" },
  ]).filter((p) => Number.isFinite(p.value));
  const bands = rows.filter((r) => Number.isFinite(r.lower) && Number.isFinite(r.upper));
  return {
    title: `Holdout purchases by calibration-period frequency: actual vs ${model}, simulated`,
    subtitle: `Mean per member in each group; bars: ${level}% of the simulated replications' ` +
      "group means",
    x: { label: "Repeat purchases in the calibration period", domain, type: "point", padding: 0.5 },
    y: {
      label: `Mean purchases in the holdout${options.holdout ? ` (${options.holdout})` : ""}`,
      grid: true,
    },
    color: {
      domain: ["actual", model, "simulated"],
      range: [SERIES.actual, SERIES.model, SERIES.simulated],
      legend: true,
    },
    marks: [
      Plot.ruleX(bands, {
        x: "frequency",
        y1: "lower",
        y2: "upper",
        stroke: SERIES.simulated,
        strokeOpacity: 0.5,
        strokeWidth: 6,
      }),
      Plot.lineY(points, { x: "frequency", y: "value", stroke: "series", strokeWidth: 1.5 }),
      Plot.dot(points, { x: "frequency", y: "value", stroke: "series", fill: "white", r: 3.5 }),
      Plot.ruleY([0]),
    ],
  };
}
