/**
 * Shared by the tests that the event-driven and day-stepped engines agree in
 * distribution: a scenario's figures from replicated runs of each engine on the same
 * seeds, and the check that every figure's mean agrees between the two.
 *
 * @module
 */
import { expect } from "vitest";
import { simulate } from "../../sim/run.ts";
import type { RunResult } from "../../sim/run_result.ts";
import type { Scenario } from "../../sim/scenario.ts";

/** Figures of each run, one row per replication (seeds firstSeed, firstSeed + 1, …), per engine. */
export async function figuresByEngine(
  scenario: Scenario,
  figures: (run: RunResult) => number[],
  firstSeed: number,
  replications: number,
): Promise<{ event: number[][]; day: number[][] }> {
  const collect = async (engine: "event" | "day") => {
    const rows: number[][] = [];
    for (let r = 0; r < replications; r++) {
      rows.push(figures(await simulate(scenario, { engine, seed: firstSeed + r, workers: 1 })));
    }
    return rows;
  };
  const event = await collect("event"), day = await collect("day");
  return { event, day };
}

/** Expects each figure's mean to differ between the engines by at most 4 standard errors. */
export function expectSameMeans(event: number[][], day: number[][]): void {
  const replications = event.length;
  const moments = (rows: number[][], j: number) => {
    const xs = rows.map((r) => r[j]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
    return { mean, variance };
  };
  for (let j = 0; j < event[0].length; j++) {
    const a = moments(event, j), b = moments(day, j);
    const se = Math.sqrt((a.variance + b.variance) / replications);
    expect(Math.abs(a.mean - b.mean), `figure ${j}`).toBeLessThanOrEqual(4 * se + 1e-9);
  }
}
