/**
 * Members by lifecycle stage over time, as stacked areas with the churned stage on
 * top, so the height under the grey band is the live population.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RunResult } from "../../sim/run_result.ts";
import type { ChartOptions } from "../render.ts";
import { stageColors } from "../theme.ts";
import { DAY_AXIS, dayRows, stageLabels } from "./_daily.ts";

/**
 * Chart options for members by stage at the end of each day (stacked areas, one colour
 * per stage from the theme's fixed stage mapping).
 *
 * @example
 * ```ts
 * import { plotStageCounts, renderPlot } from "../mod.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = {
 *   stages: ["new", "churned"],
 *   scenario: { stages: { new: {}, churned: { churned: true } } },
 *   daily: { stageCounts: [Int32Array.of(10, 8), Int32Array.of(0, 2)] },
 * } as unknown as RunResult;
 * if (!renderPlot(plotStageCounts(run)).includes("Members by stage")) throw new Error();
 * ```
 */
export function plotStageCounts(result: RunResult): ChartOptions {
  const labels = stageLabels(result);
  // Churned stages go last so they stack on top of the live ones.
  const order = result.stages.map((_, i) => i).sort((a, b) =>
    Number(isChurned(result, a)) - Number(isChurned(result, b)) || a - b
  );
  const colors = stageColors(order.map((i) => result.stages[i]));
  const domain = order.map((i) => labels[i]);
  return {
    title: "Members by stage",
    subtitle: "Members in each stage at the end of each day, stacked; churned members on top",
    x: DAY_AXIS,
    y: { label: "Members", grid: true },
    color: { domain, range: colors.range, legend: true },
    marks: [
      Plot.areaY(dayRows(labels, result.daily.stageCounts), {
        x: "day",
        y: "value",
        fill: "series",
        order: domain,
        curve: "step-after",
      }),
      Plot.ruleY([0]),
    ],
  };
}

function isChurned(result: RunResult, index: number): boolean {
  return result.scenario.stages[result.stages[index]]?.churned === true;
}
