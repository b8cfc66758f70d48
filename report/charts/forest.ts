/**
 * A forest plot: one row per effect (an experiment, a metric, a segment) with its
 * point estimate and confidence interval against a reference line at no effect, so
 * which intervals exclude zero is seen at a glance; where the simulator knows the true
 * effect, a diamond marks it, so a biased estimate shows as a gap.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** One effect of a forest plot: a label, the estimate and its interval. */
export interface ForestRow {
  /** Row label, e.g. "plain t-test" or "CUPED". */
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The true effect, when known (simulated experiments). */
  readonly truth?: number;
}

/** Options of {@link plotForest}. */
export interface ForestChartOptions {
  /** Chart title; default "Effects with confidence intervals". */
  readonly title?: string;
  /** Axis label of the effect, e.g. "Uplift in orders per member". */
  readonly effectLabel?: string;
  /** Where no effect lies; default 0 (use 1 for ratios). */
  readonly reference?: number;
  /** Confidence level of the intervals, for the subtitle, e.g. 0.95. */
  readonly level?: number;
}

/**
 * Chart options for a forest plot. Intervals that exclude the reference are drawn in
 * the accent colour, the others muted. Throws a RangeError naming a row whose interval
 * does not contain its estimate or is not finite.
 *
 * @example
 * ```ts
 * import { plotForest, renderPlot } from "../mod.ts";
 * const svg = renderPlot(plotForest([
 *   { label: "t-test", estimate: 0.4, lower: -0.1, upper: 0.9, truth: 0.5 },
 *   { label: "CUPED", estimate: 0.45, lower: 0.2, upper: 0.7, truth: 0.5 },
 * ], { level: 0.95 }));
 * if (!svg.includes("CUPED") || !svg.includes("true effect")) throw new Error("unexpected");
 * ```
 */
export function plotForest(
  rows: readonly ForestRow[],
  options: ForestChartOptions = {},
): ChartOptions {
  const reference = options.reference ?? 0;
  rows.forEach((row, i) => {
    const values = [row.estimate, row.lower, row.upper];
    if (!values.every(Number.isFinite) || row.lower > row.estimate || row.upper < row.estimate) {
      throw new RangeError(
        `Cannot plot forest: row ${i} ('${row.label}') has estimate ${row.estimate} and ` +
          `interval [${row.lower}, ${row.upper}], expected finite bounds around the estimate`,
      );
    }
  });
  const shown = rows.map((row) => ({
    ...row,
    excludes: row.lower > reference || row.upper < reference,
  }));
  const color = (d: { excludes: boolean }) => d.excludes ? THEME.accent : THEME.muted;
  const level = options.level === undefined ? "" : ` ${Math.round(options.level * 100)}%`;
  const truths = rows.filter((row) => row.truth !== undefined && Number.isFinite(row.truth));
  return {
    title: options.title ?? "Effects with confidence intervals",
    subtitle: `Dot: estimate; line:${level} interval; coloured when it excludes ` +
      `${reference} (no effect)${truths.length > 0 ? "; diamond: true effect" : ""}`,
    height: 60 + 34 * rows.length,
    marginLeft: 150,
    x: { label: options.effectLabel ?? "Effect", grid: true },
    y: { label: null, domain: rows.map((row) => row.label) },
    marks: [
      Plot.ruleX([reference], { stroke: THEME.ink, strokeDasharray: "4,3" }),
      Plot.link(shown, {
        x1: "lower",
        x2: "upper",
        y1: "label",
        y2: "label",
        stroke: color,
        strokeWidth: 2.5,
      }),
      Plot.dot(shown, { x: "estimate", y: "label", fill: color, r: 4.5 }),
      Plot.dot(truths, {
        x: "truth",
        y: "label",
        symbol: "diamond2",
        stroke: THEME.ink,
        strokeWidth: 1.5,
        r: 6,
      }),
    ],
  };
}
