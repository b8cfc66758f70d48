/**
 * Power curves: the chance to detect an effect against units per arm, one line per
 * effect size, with the 80% target drawn, so the sample an experiment needs can be read
 * off where a curve crosses the target.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { PowerPoint } from "../../models/stats/power.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** Line colours in order: the accent first, then the fallback colours. */
const PALETTE = [THEME.accent, ...THEME.fallback];

/** One curve: a label (the effect it detects) and its points. */
export interface PowerSeries {
  /** Legend text, e.g. "+1 point". */
  readonly label: string;
  /** Power by units per arm, as `powerCurve` returns it. */
  readonly points: readonly PowerPoint[];
}

/** Options of {@link plotPowerCurves}. */
export interface PowerChartOptions {
  /** Chart title; default "Power by sample size". */
  readonly title?: string;
  /** The power to reach; default 0.8. */
  readonly target?: number;
}

/**
 * Chart options for power curves, one colour per series, with the target power as a
 * dashed line.
 *
 * @example
 * ```ts
 * import { plotPowerCurves, renderPlot } from "../mod.ts";
 * import { powerCurve } from "../../models/stats/power.ts";
 * const metric = { kind: "proportion", baseline: 0.1 } as const;
 * const svg = renderPlot(plotPowerCurves([
 *   { label: "+2 points", points: powerCurve(metric, 0.02, [500, 1000, 4000]) },
 * ]));
 * if (!svg.includes("+2 points")) throw new Error("unexpected");
 * ```
 */
export function plotPowerCurves(
  series: readonly PowerSeries[],
  options: PowerChartOptions = {},
): ChartOptions {
  const target = options.target ?? 0.8;
  const rows = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.label })));
  const labels = series.map((s) => s.label);
  return {
    title: options.title ?? "Power by sample size",
    subtitle: `Chance to detect each effect at the given units per arm; dashed: ` +
      `${Math.round(target * 100)}% target`,
    x: { label: "Units per arm", grid: true },
    y: { label: "Power (%)", domain: [0, 100], percent: true, grid: true },
    color: {
      domain: labels,
      range: labels.map((_, i) => PALETTE[i % PALETTE.length]),
      legend: true,
    },
    marks: [
      Plot.ruleY([target], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      Plot.lineY(rows, { x: "nPerArm", y: "power", stroke: "series", strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}
