/**
 * Several survival curves on one chart, each with its own confidence band in the same
 * colour, so two scenarios, cohorts or segments compare at a glance and the bands show
 * whether a gap is more than noise.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ChartOptions } from "../render.ts";
import { seriesColors } from "../theme.ts";
import type { SurvivalSteps } from "./survival.ts";

/** One labelled curve of {@link plotSurvivalCurves}. */
export interface LabelledSurvival {
  /** Legend text, e.g. "baseline" or "tier 399". */
  readonly label: string;
  readonly curve: SurvivalSteps;
}

/** Options of {@link plotSurvivalCurves}. */
export interface SurvivalCurvesOptions {
  /** Chart title; default "Member survival by tenure". */
  readonly title?: string;
  /** Last tenure drawn; default the longest curve. */
  readonly maxTime?: number;
}

/**
 * Chart options for several survival curves S(t) with their pointwise bands. Throws a
 * RangeError when no curve is given, two share a label, or their confidence levels
 * differ (one subtitle states the level).
 *
 * @example
 * ```ts
 * import { plotSurvivalCurves, renderPlot } from "../mod.ts";
 * import { fitKaplanMeier } from "../../models/analytics/survival.ts";
 * const svg = renderPlot(plotSurvivalCurves([
 *   { label: "baseline", curve: fitKaplanMeier([3, 5, 8, 9], [1, 0, 1, 1]) },
 *   { label: "changed", curve: fitKaplanMeier([2, 3, 4, 9], [1, 1, 1, 0]) },
 * ]));
 * if (!svg.includes("changed") || !svg.includes("95%")) throw new Error("unexpected");
 * ```
 */
export function plotSurvivalCurves(
  curves: readonly LabelledSurvival[],
  options: SurvivalCurvesOptions = {},
): ChartOptions {
  if (curves.length === 0) {
    throw new RangeError("Cannot plot survival curves: curves is empty, expected at least one");
  }
  const labels = curves.map((c) => c.label);
  const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
  if (repeated !== undefined) {
    throw new RangeError(`Cannot plot survival curves: label '${repeated}' is used twice`);
  }
  const level = curves[0].curve.confidenceLevel;
  const other = curves.find((c) => c.curve.confidenceLevel !== level);
  if (other !== undefined) {
    throw new RangeError(
      `Cannot plot survival curves: '${other.label}' has level ${other.curve.confidenceLevel}, ` +
        `expected ${level} like '${curves[0].label}'`,
    );
  }
  const maxTime = options.maxTime ?? Infinity;
  const rows = curves.flatMap(({ label, curve }) => {
    // The estimate is 1 until the first step; draw that stretch from tenure 0.
    const first = curve.table[0];
    const steps = first === undefined || first.time > 0
      ? [{ time: 0, estimate: 1, lower: 1, upper: 1 }, ...curve.table]
      : curve.table;
    const kept = steps.filter((s) => s.time <= maxTime);
    // A curve that goes on past maxTime is known up to it: draw its last step to maxTime.
    const last = kept.at(-1);
    if (last !== undefined && last.time < maxTime && steps.length > kept.length) {
      kept.push({ ...last, time: maxTime });
    }
    return kept.map((s) => ({
      series: label,
      time: s.time,
      estimate: s.estimate,
      lower: s.lower,
      upper: s.upper,
    }));
  });
  return {
    title: options.title ?? "Member survival by tenure",
    subtitle: `Share of members not yet churned, with pointwise ${
      Math.round(level * 100)
    }% bands (shaded)`,
    x: { label: "Tenure (days since joining)" },
    y: { label: "Still live (%)", domain: [0, 100], percent: true, grid: true },
    color: { ...seriesColors(labels), legend: true },
    marks: [
      Plot.areaY(rows, {
        x: "time",
        y1: "lower",
        y2: "upper",
        z: "series",
        fill: "series",
        fillOpacity: 0.18,
        curve: "step-after",
      }),
      Plot.lineY(rows, {
        x: "time",
        y: "estimate",
        stroke: "series",
        strokeWidth: 2,
        curve: "step-after",
      }),
      Plot.ruleY([0]),
    ],
  };
}
