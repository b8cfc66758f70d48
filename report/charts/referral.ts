/**
 * Viral growth of a run: the running K-factor (referred joins so far per member so far)
 * day by day, converging to the realised K, with the realised K and the referral cycle
 * time in the title. K = invites per member × conversion per invite (AARRR referral).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RunResult } from "../../sim/run_result.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";
import { DAY_AXIS } from "./_daily.ts";
import { membersByDay } from "./viral_growth.ts";

/**
 * Running K-factor by day t: referred joins on days 0..t divided by members present by
 * day t (initial members plus every join on days 0..t). On the last day it equals the
 * run's realised K (`totals.kFactor`).
 *
 * @example
 * ```ts
 * import { runningKFactor } from "./referral.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = {
 *   channels: ["initial", "referral"],
 *   scenario: { population: { channel: "initial" }, referral: { channel: "referral" } },
 *   totals: { initial: 10 },
 *   daily: { joins: [Int32Array.of(10, 0), Int32Array.of(0, 2)] },
 * } as unknown as RunResult;
 * if (runningKFactor(run)[1] !== 2 / 12) throw new Error("unexpected");
 * ```
 */
export function runningKFactor(result: RunResult): Float64Array {
  const channel = result.scenario.referral?.channel;
  const referral = channel === undefined ? -1 : result.channels.indexOf(channel);
  let referred = 0;
  return membersByDay(result).map((members, day) => {
    if (referral >= 0) referred += result.daily.joins[referral][day];
    return members > 0 ? referred / members : NaN;
  });
}

/**
 * Chart options for the running K-factor, with the realised K and cycle time of the
 * run in the title.
 *
 * @example
 * ```ts
 * import { plotReferrals, renderPlot } from "../mod.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = {
 *   channels: ["initial", "referral"],
 *   scenario: { population: { channel: "initial" }, referral: { channel: "referral" } },
 *   totals: { initial: 10, kFactor: 2 / 12, cycleTime: 4.5 },
 *   daily: { joins: [Int32Array.of(10, 0), Int32Array.of(0, 2)] },
 * } as unknown as RunResult;
 * if (!renderPlot(plotReferrals(run)).includes("cycle time 4.5 days")) throw new Error();
 * ```
 */
export function plotReferrals(result: RunResult): ChartOptions {
  const k = runningKFactor(result);
  const rows = Array.from(k, (value, day) => ({ day, value }));
  const { kFactor, cycleTime } = result.totals;
  const cycle = Number.isFinite(cycleTime)
    ? `cycle time ${cycleTime.toFixed(1)} days`
    : "no cycle time (no referrals)";
  return {
    title: `Realised K-factor ${kFactor.toFixed(3)}, ${cycle}`,
    subtitle: "Referred joins so far per member so far; dashed line: realised K of the run",
    x: DAY_AXIS,
    y: { label: "Referred joins per member (K)", grid: true },
    marks: [
      Plot.ruleY([kFactor], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      Plot.lineY(rows, { x: "day", y: "value", stroke: THEME.channels.referral, strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}
