import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { modelScoreRule, scoreAlive } from "../../../models/warning/model_score.ts";
import { alertsByThreshold } from "../../../models/warning/variants.ts";
import { ScenarioSchema } from "../../../sim/scenario.ts";
import { simulate } from "../../../sim/run.ts";
import type { RunResult } from "../../../sim/run_result.ts";

/** A BG/NBD population: gamma-heterogeneous order rates, beta drop-out after each order. */
async function bgNbdRun(): Promise<RunResult> {
  const scenario = ScenarioSchema.parse({
    name: "bgnbd",
    horizon: 240,
    initialStage: "live",
    stages: {
      live: { orders: { type: "rate", value: 0.06 } },
      churned: { churned: true },
    },
    population: { initial: 2000, orderOnJoin: true },
    purchases: {
      heterogeneity: { shape: 1.5 },
      spend: { type: "fixed", value: 10 },
      dropout: { type: "beta", a: 1, b: 6 },
    },
  });
  return await simulate(scenario, { seed: 8, workers: 1, record: { events: true } });
}

describe("scoreAlive and modelScoreRule on a simulated BG/NBD population", async () => {
  const run = await bgNbdRun();
  const log = run.events!;
  const scores = scoreAlive(log, { asOf: [120, 180] });

  test("scoreAlive gives each member P(alive) of the fit at each as-of day", () => {
    expect(scores.asOf).toEqual([120, 180]);
    // Member 0's summary at day 180 by hand: repeat purchase days, first to last, first to 180.
    const days = [...new Set(ordersOf(log, 0).filter((d) => d <= 180))].sort((a, b) => a - b);
    const x = days.length - 1, tx = (days[x] - days[0]) / 7, T = (180 - days[0]) / 7;
    expect(scores.alive[1][0]).toBeCloseTo(scores.fits[1].probabilityAlive(x, tx, T), 12);
    // One-order members are alive with probability 1 under BG/NBD.
    for (let m = 0; m < log.members.count; m++) {
      if (new Set(ordersOf(log, m).filter((d) => d <= 180)).size === 1) {
        expect(scores.alive[1][m]).toBe(1);
      }
    }
  });

  test("modelScoreRule flags members as they fall below the threshold, once", () => {
    const alerts = modelScoreRule({ threshold: 0.5, scores }).alert(log);
    let previous = -1;
    for (let i = 0; i < alerts.length; i++) {
      const m = alerts.member[i], k = alerts.day[i] === 120 ? 0 : 1;
      expect(scores.alive[k][m]).toBeLessThan(0.5);
      if (k === 1) expect(scores.alive[0][m] < 0.5).toBe(false);
      expect(alerts.score[i]).toBeCloseTo(1 - scores.alive[k][m], 12);
      expect(m).toBeGreaterThanOrEqual(previous);
      previous = m;
    }
    expect(alerts.length).toBeGreaterThan(100);
  });

  test("modelScoreRule flags members the simulator knows have dropped out far more often", () => {
    const alerts = modelScoreRule({ threshold: 0.3, scores }).alert(log);
    const flagged = new Set<number>();
    for (let i = 0; i < alerts.length; i++) {
      if (alerts.day[i] === 120) flagged.add(alerts.member[i]);
    }
    let gone = 0, others = 0, othersGone = 0;
    for (let m = 0; m < log.members.count; m++) {
      const dead = run.members!.churnDay[m] >= 0 && run.members!.churnDay[m] <= 120;
      if (flagged.has(m)) gone += dead ? 1 : 0;
      else if (scores.alive[0][m] < 1) {
        others++;
        othersGone += dead ? 1 : 0;
      }
    }
    expect(gone / flagged.size).toBeGreaterThan(0.85);
    expect(othersGone / others).toBeLessThan(0.5);
  });

  test("alertsByThreshold fits once and matches the rule at each threshold", () => {
    const variants = alertsByThreshold(log, [0.2, 0.5], { asOf: [120, 180] });
    for (const v of variants) {
      const direct = modelScoreRule({ threshold: v.value, scores }).alert(log);
      expect(Array.from(v.alerts.member)).toEqual(Array.from(direct.member));
      expect(v.rule).toBe(`alive-below-${v.value}`);
    }
  });
});

describe("modelScoreRule input checks", () => {
  test("modelScoreRule refuses thresholds outside (0, 1] and names the as-of day of a failed fit", () => {
    expect(() => modelScoreRule({ threshold: 0 })).toThrow(
      "Cannot make model score rule: threshold is 0, expected (0, 1]",
    );
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 1, -1);
    b.push(1, 3, EventCode.order, 1, -1);
    const log = b.build({ count: 2, ids: null, attributes: {} });
    expect(() => scoreAlive(log, { asOf: [10] })).toThrow(/at as-of day 10: .*warmup/);
  });
});

function ordersOf(log: EventLog, m: number): number[] {
  const days: number[] = [];
  for (let i = 0; i < log.length; i++) {
    if (log.member[i] === m && log.type[i] === EventCode.order) days.push(log.day[i]);
  }
  return days;
}
