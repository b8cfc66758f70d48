/**
 * A cohort retention heatmap: one row per join cohort, one column per period since
 * joining, each cell shaded and labelled with the share of the cohort active in that
 * period; cells not yet observed in full stay blank rather than looking like zero.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RetentionMatrix } from "../../models/analytics/cohorts.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** Options of {@link plotCohortHeatmap}. */
export interface CohortHeatmapOptions {
  /** Chart title; default "Retention by join cohort". */
  readonly title?: string;
  /** Leave out column 0 (100% by definition in classic mode); default true. */
  readonly skipFirst?: boolean;
}

/**
 * Chart options for a retention matrix as a heatmap (darker = more retained), with the
 * cohort size in each row label.
 *
 * @example
 * ```ts
 * import { plotCohortHeatmap, renderPlot } from "../mod.ts";
 * import { buildRetentionMatrix } from "../../models/analytics/cohorts.ts";
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * const b = new EventLogBuilder();
 * for (const [m, d] of [[0, 0], [1, 1], [0, 8], [1, 20], [2, 9]]) {
 *   b.push(m, d, EventCode.order, 9, -1);
 * }
 * const matrix = buildRetentionMatrix(b.build({ count: 3, ids: null, attributes: {} }));
 * if (!renderPlot(plotCohortHeatmap(matrix)).includes("Retention")) throw new Error();
 * ```
 */
export function plotCohortHeatmap(
  matrix: RetentionMatrix,
  options: CohortHeatmapOptions = {},
): ChartOptions {
  const skip = (options.skipFirst ?? true) && matrix.mode !== "bracket" &&
    matrix.columns.length > 1;
  const columns = skip ? matrix.columns.slice(1) : matrix.columns;
  const rowLabel = (c: RetentionMatrix["cohorts"][number]) =>
    `${c.label} (${c.size.toLocaleString("en-US")})`;
  const cohorts = matrix.cohorts.filter((c) => c.size > 0);
  const cells = cohorts.flatMap((c) =>
    c.rates.flatMap((rate, j) =>
      rate === null || (skip && j === 0)
        ? []
        : [{ cohort: rowLabel(c), column: matrix.columns[j], rate }]
    )
  );
  const max = Math.max(0, ...cells.map((d) => d.rate));
  return {
    title: options.title ?? "Retention by join cohort",
    subtitle: `Share of each ${matrix.period} cohort (size in brackets) active ${matrix.period}s ` +
      "after joining; darker is more; blank: not yet observed in full",
    height: 70 + 22 * cohorts.length,
    marginLeft: 130,
    padding: 0.04,
    x: { label: `${capitalize(matrix.period)}s since joining`, domain: columns, axis: "top" },
    y: { label: null, domain: cohorts.map(rowLabel) },
    color: { type: "linear", domain: [0, max || 1], range: ["#f2f5fb", THEME.accent] },
    marks: [
      Plot.cell(cells, { x: "column", y: "cohort", fill: "rate", inset: 0.5 }),
      Plot.text(cells, {
        x: "column",
        y: "cohort",
        text: (d: { rate: number }) => `${(d.rate * 100).toFixed(d.rate < 0.1 ? 1 : 0)}`,
        fill: (d: { rate: number }) => d.rate > max * 0.55 ? "white" : THEME.ink,
        fontSize: 10,
      }),
    ],
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
