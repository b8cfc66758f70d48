/**
 * Simulated viral growth against David Skok's closed form (frameworks.md §1): members
 * ever joined by each day of a run, beside N(t) = N0·(K^(t/ct + 1) − 1)/(K − 1) for the
 * K and cycle time the run realised, with the ceiling N0/(1 − K) when K < 1. The closed
 * form assumes every generation arrives exactly one cycle after the last; the run
 * spreads invites over members' lives, so the two agree on the ceiling, not the timing.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { skokMembers } from "../../models/analytics/viral.ts";
import type { RunResult } from "../../sim/run_result.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";
import { DAY_AXIS } from "./_daily.ts";

/** What {@link plotViralGrowth} compares. */
export interface ViralGrowth {
  /** Members ever joined by the end of each day (day 0 first). */
  readonly members: ArrayLike<number>;
  /** Seed members N0. */
  readonly n0: number;
  /** K-factor of the closed form. */
  readonly k: number;
  /** Viral cycle time in days. */
  readonly cycleDays: number;
}

/** Options of {@link plotViralGrowth}. */
export interface ViralGrowthOptions {
  /** Chart title; default "Viral growth: simulated vs Skok's closed form". */
  readonly title?: string;
}

/**
 * Members ever joined by the end of each day of a run: the initial members plus every
 * later join on any channel.
 *
 * @example
 * ```ts
 * import { membersByDay } from "./viral_growth.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = {
 *   channels: ["initial", "referral"],
 *   scenario: { population: { channel: "initial" } },
 *   totals: { initial: 10 },
 *   daily: { joins: [Int32Array.of(10, 0), Int32Array.of(0, 3)] },
 * } as unknown as RunResult;
 * if (membersByDay(run).join() !== "10,13") throw new Error("unexpected");
 * ```
 */
export function membersByDay(result: RunResult): Float64Array {
  const initial = result.scenario.population.channel;
  const days = result.daily.joins[0]?.length ?? 0;
  const members = new Float64Array(days);
  let total = result.totals.initial;
  for (let day = 0; day < days; day++) {
    result.channels.forEach((channel, c) => {
      // Initial members are counted once from totals, whether or not day 0 lists them.
      if (channel !== initial) total += result.daily.joins[c][day];
    });
    members[day] = total;
  }
  return members;
}

/**
 * Chart options for simulated members by day against Skok's curve. Throws a RangeError
 * when the inputs cannot give a curve (no days, N0 ≤ 0, K < 0 or cycle time ≤ 0).
 *
 * @example
 * ```ts
 * import { plotViralGrowth, renderPlot } from "../mod.ts";
 * const svg = renderPlot(plotViralGrowth({
 *   members: [100, 120, 135, 150], n0: 100, k: 0.5, cycleDays: 2,
 * }));
 * if (!svg.includes("ceiling 200")) throw new Error("unexpected");
 * ```
 */
export function plotViralGrowth(
  growth: ViralGrowth,
  options: ViralGrowthOptions = {},
): ChartOptions {
  const { members, n0, k, cycleDays } = growth;
  if (members.length === 0 || !(n0 > 0) || !(k >= 0) || !(cycleDays > 0)) {
    throw new RangeError(
      `Cannot plot viral growth: ${members.length} days, n0 ${n0}, k ${k} and cycle time ` +
        `${cycleDays}; expected at least one day, n0 > 0, k ≥ 0 and a cycle time > 0 ` +
        "(a run without referrals has none)",
    );
  }
  const simulated = "simulated run";
  const closed = `Skok, K ${k.toFixed(3)}, cycle ${cycleDays.toFixed(1)} d`;
  const rows = Array.from(members, (value, day) => [
    { day, value, series: simulated },
    { day, value: skokMembers(n0, k, cycleDays, day), series: closed },
  ]).flat();
  const ceiling = k < 1 ? n0 / (1 - k) : null;
  const ceilingText = ceiling === null
    ? "K ≥ 1: no ceiling, the closed form grows without bound"
    : `dashed: ceiling ${Math.round(ceiling).toLocaleString("en-US")} = N0 / (1 − K)`;
  return {
    title: options.title ?? "Viral growth: simulated vs Skok's closed form",
    subtitle: `Members ever joined from ${n0.toLocaleString("en-US")} seed members; ${ceilingText}`,
    x: DAY_AXIS,
    y: { label: "Members ever joined", grid: true },
    color: {
      domain: [simulated, closed],
      range: [THEME.ink, THEME.channels.referral],
      legend: true,
    },
    marks: [
      ...(ceiling === null ? [] : [
        Plot.ruleY([ceiling], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      ]),
      Plot.lineY(rows, { x: "day", y: "value", z: "series", stroke: "series", strokeWidth: 2 }),
    ],
  };
}
