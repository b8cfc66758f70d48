/**
 * A small hand-built RunResult for the writer tests: 5 days, three stages, three
 * channels, one attribute whose values need CSV quoting, six members and an event log
 * with missing amounts and stages.
 *
 * @module
 */
import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
import type { RunResult } from "../../sim/run_result.ts";
import { ScenarioSchema } from "../../sim/scenario.ts";

/** A fixed RunResult; `withMembers` / `withEvents` add the optional tables. */
export function runFixture(
  options: { withMembers?: boolean; withEvents?: boolean } = {},
): RunResult {
  const scenario = ScenarioSchema.parse({
    name: "fixture",
    seed: 7,
    horizon: 5,
    stages: {
      new: { hazard: { type: "constant", value: 0.01 } },
      active: { hazard: { type: "constant", value: 0.01 } },
      churned: { churned: true },
    },
    initialStage: "new",
    attributes: { tier: ["199", 'gold, "vip"'] },
    population: { initial: 4 },
    purchases: { spend: { type: "fixed", value: 10 } },
    channels: [{ name: "organic", daily: 0.4, cac: 8 }],
  });
  const i32 = (values: number[]) => Int32Array.from(values);
  const f64 = (values: number[]) => Float64Array.from(values);
  const events = new EventLogBuilder();
  events.push(0, 0, EventCode.join, NaN, 0);
  events.push(0, 1, EventCode.order, 10.005, -1);
  events.push(0, 1, EventCode.stage, NaN, 1);
  events.push(3, 2, EventCode.churn, NaN, 2);
  events.push(4, 3, EventCode.join, NaN, 0);
  events.push(5, 4, EventCode.invite, NaN, -1);
  return {
    scenario,
    seed: 7,
    version: "0.1.0",
    engine: "event",
    workers: 1,
    horizon: 5,
    stages: ["new", "active", "churned"],
    channels: ["initial", "organic", "referral"],
    attributes: [{ name: "tier", values: ["199", 'gold, "vip"'] }],
    arms: [],
    assignment: null,
    daily: {
      stageCounts: [i32([4, 3, 3, 3, 3]), i32([0, 1, 1, 1, 1]), i32([0, 0, 1, 1, 1])],
      joins: [i32([4, 0, 0, 0, 0]), i32([0, 0, 0, 1, 0]), i32([0, 0, 0, 0, 1])],
      churns: i32([0, 0, 1, 0, 0]),
      reactivations: i32([0, 0, 0, 0, 0]),
      orders: i32([0, 2, 0, 1, 0]),
      revenue: f64([0, 20.1 + 0.2, 0, 9.999, 0]),
      invites: i32([0, 1, 0, 0, 1]),
      conversions: i32([0, 1, 0, 0, 0]),
      acquisitionSpend: [f64([0, 0, 0, 0, 0]), f64([0, 0, 0, 8, 0]), f64([0, 0, 0, 0, 0])],
    },
    policies: [],
    tenure: { churned: i32([0, 0, 1]), censored: i32([0, 1, 2]) },
    totals: {
      members: 6,
      initial: 4,
      acquired: 1,
      referred: 1,
      churned: 1,
      live: 5,
      orders: 3,
      revenue: 30.3,
      acquisitionSpend: 8,
      actions: 0,
      policyCost: 0,
      invites: 2,
      conversions: 1,
      reactivations: 0,
      memberDays: 22,
      kFactor: 1 / 6,
      cycleTime: NaN,
    },
    members: withMembers(options.withMembers ?? true),
    events: options.withEvents
      ? events.build({ count: 6, ids: null, attributes: {} }, {
        stages: ["new", "active", "churned"],
      })
      : undefined,
    timings: { startup: 0.01, simulation: 0.02, merge: 0.001 },
  };

  function withMembers(present: boolean): RunResult["members"] {
    if (!present) return undefined;
    return {
      count: 6,
      referrer: i32([-1, -1, -1, -1, -1, 0]),
      generation: i32([0, 0, 0, 0, 0, 1]),
      channel: Uint8Array.from([0, 0, 0, 0, 1, 2]),
      attributes: [Uint8Array.from([0, 1, 0, 1, 0, 1])],
      group: i32([-1, -1, -1, -1, -1, -1]),
      joinDay: i32([0, 0, 0, 0, 3, 4]),
      churnDay: i32([-1, -1, -1, 2, -1, -1]),
      stage: Uint8Array.from([1, 0, 0, 2, 0, 0]),
      orders: i32([2, 0, 0, 0, 1, 0]),
      revenue: f64([20.3, 0, 0, 0, 9.999, 0]),
      reactivations: i32([0, 0, 0, 0, 0, 0]),
      arm: new Uint8Array(6),
      actions: new Int32Array(6),
      policyCost: new Float64Array(6),
    };
  }
}
