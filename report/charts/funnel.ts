/**
 * The AARRR funnel of one cohort × channel cell (frameworks.md §1) as horizontal bars:
 * members reaching each step, labelled with the conversion from the step it is measured
 * against and its interval, so where members drop out reads from top to bottom.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { FunnelCell } from "../../models/analytics/funnel.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** Options of {@link plotFunnel}. */
export interface FunnelChartOptions {
  /** Chart title; default "AARRR funnel (<cohort>, <channel>)". */
  readonly title?: string;
  /** Confidence level of the conversion intervals, for the subtitle, e.g. 0.95. */
  readonly level?: number;
}

/** Display names of the funnel steps, with the AARRR stage in Chinese. */
const STEP_NAMES: Readonly<Record<string, string>> = {
  acquired: "Acquisition 获取",
  activated: "Activation 激活",
  referral: "Referral 推荐",
};

/**
 * The display name of a funnel step: `retained:D7` reads "Retention 留存 D7".
 *
 * @example
 * ```ts
 * import { funnelStepName } from "./funnel.ts";
 * if (funnelStepName("retained:D30") !== "Retention 留存 D30") throw new Error("unexpected");
 * ```
 */
export function funnelStepName(step: string): string {
  if (step.startsWith("retained:")) return `Retention 留存 ${step.slice("retained:".length)}`;
  return STEP_NAMES[step] ?? step;
}

/**
 * Chart options for one funnel cell: a bar per step, its members and the conversion
 * from its parent step. Steps measured only over members whose window has elapsed say
 * so in the label (their base is smaller than the parent's count).
 *
 * @example
 * ```ts
 * import { plotFunnel, renderPlot } from "../mod.ts";
 * import { computeFunnel } from "../../models/analytics/funnel.ts";
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 2, EventCode.order, 10, -1);
 * b.push(1, 0, EventCode.join, NaN, -1);
 * const funnel = computeFunnel(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 90 });
 * const svg = renderPlot(plotFunnel(funnel.cells[funnel.cells.length - 1]));
 * if (!svg.includes("Activation") || !svg.includes("50.0%")) throw new Error("unexpected");
 * ```
 */
export function plotFunnel(cell: FunnelCell, options: FunnelChartOptions = {}): ChartOptions {
  const rows = cell.steps.map((step) => {
    const name = funnelStepName(step.step);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    // A step whose window has not elapsed for anyone yet has base 0: no rate to show.
    const text = step.parent === null
      ? `${step.count.toLocaleString("en-US")} members`
      : step.base === 0
      ? `${step.count.toLocaleString("en-US")} · — of 0 (window not yet elapsed)`
      : `${step.count.toLocaleString("en-US")} · ${pct(step.conversion)} ` +
        `[${pct(step.lower)}, ${pct(step.upper)}] of ${step.base.toLocaleString("en-US")}`;
    return { name, count: step.count, text };
  });
  const level = options.level === undefined ? "" : ` (${Math.round(options.level * 100)}%)`;
  const max = Math.max(1, ...rows.map((r) => r.count));
  return {
    title: options.title ?? `AARRR funnel (${cell.cohort}, ${cell.channel})`,
    subtitle: `Members reaching each step; conversion from the step above with its interval` +
      `${level}, over members whose step window has elapsed`,
    height: 60 + 36 * rows.length,
    marginLeft: 150,
    marginRight: 260,
    x: { label: "Members", grid: true, domain: [0, max] },
    y: { label: null, domain: rows.map((r) => r.name) },
    marks: [
      Plot.barX(rows, { x: "count", y: "name", fill: THEME.accent, fillOpacity: 0.85 }),
      Plot.text(rows, {
        x: "count",
        y: "name",
        text: "text",
        textAnchor: "start",
        dx: 6,
        fill: THEME.ink,
      }),
      Plot.ruleX([0]),
    ],
  };
}
