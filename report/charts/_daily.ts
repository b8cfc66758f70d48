/**
 * Private helpers of the charts: day-by-day rows from a run's daily arrays, and the
 * display labels of stages and channels.
 *
 * @module
 */
import type { RunResult } from "../../sim/run_result.ts";

/** One chart row: a day, a series name and a value. */
export interface DayRow {
  readonly day: number;
  readonly series: string;
  readonly value: number;
}

/**
 * Long-format rows from parallel daily arrays, one row per day and series.
 *
 * @example
 * ```ts
 * import { dayRows } from "./_daily.ts";
 * const rows = dayRows(["a"], [Int32Array.of(4, 5)]);
 * if (rows.length !== 2 || rows[1].value !== 5) throw new Error("unexpected");
 * ```
 */
export function dayRows(
  names: readonly string[],
  series: readonly ArrayLike<number>[],
): DayRow[] {
  const rows: DayRow[] = [];
  names.forEach((name, s) => {
    const values = series[s];
    for (let day = 0; day < values.length; day++) {
      rows.push({ day, series: name, value: values[day] });
    }
  });
  return rows;
}

/**
 * Display label of each stage of a run: the scenario's label when it has one, else the
 * stage name.
 *
 * @example
 * ```ts
 * import { stageLabels } from "./_daily.ts";
 * import type { RunResult } from "../../sim/run_result.ts";
 * const run = { stages: ["new"], scenario: { stages: { new: { label: "新用户 new" } } } };
 * if (stageLabels(run as unknown as RunResult)[0] !== "新用户 new") throw new Error();
 * ```
 */
export function stageLabels(result: RunResult): string[] {
  return result.stages.map((stage) => result.scenario.stages[stage]?.label ?? stage);
}

/** The x axis every daily chart shares. */
export const DAY_AXIS = { label: "Day of run", grid: false } as const;
