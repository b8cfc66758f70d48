/**
 * New members per day by channel: paid and organic acquisition against referral, as
 * stacked areas with referral on top. The initial population (all joined on day 0) is
 * left out, since it would flatten every later day.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RunResult } from "../../sim/run_result.ts";
import type { ChartOptions } from "../render.ts";
import { channelColors } from "../theme.ts";
import { DAY_AXIS, dayRows } from "./_daily.ts";

/**
 * Chart options for joins per day by channel (acquisition channels, then referral),
 * without the initial population.
 *
 * @example
 * ```ts
 * import { plotJoins, renderPlot } from "../mod.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = {
 *   channels: ["initial", "organic", "referral"],
 *   scenario: { population: { channel: "initial" } },
 *   daily: { joins: [Int32Array.of(50, 0), Int32Array.of(3, 4), Int32Array.of(0, 1)] },
 * } as unknown as RunResult;
 * if (!renderPlot(plotJoins(run)).includes("referral")) throw new Error("unexpected");
 * ```
 */
export function plotJoins(result: RunResult): ChartOptions {
  const initial = result.scenario.population.channel;
  const shown = result.channels.map((_, i) => i).filter((i) => result.channels[i] !== initial);
  const names = shown.map((i) => result.channels[i]);
  const colors = channelColors(names);
  return {
    title: "Joins per day: acquisition vs referral",
    subtitle: "New members each day by channel, stacked (initial population not shown)",
    x: DAY_AXIS,
    y: { label: "Joins per day (members)", grid: true },
    color: { domain: names, range: colors.range, legend: true },
    marks: [
      Plot.areaY(dayRows(names, shown.map((i) => result.daily.joins[i])), {
        x: "day",
        y: "value",
        fill: "series",
        order: names,
        curve: "step-after",
      }),
      Plot.ruleY([0]),
    ],
  };
}
