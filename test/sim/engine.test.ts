import { describe, expect, test } from "vitest";
import { type ScenarioInput, ScenarioSchema } from "../../sim/scenario.ts";
import { simulate } from "../../sim/run.ts";
import type { RunResult } from "../../sim/run_result.ts";
import { expectSameMeans, figuresByEngine } from "./_engines.ts";

const FEATURES: ScenarioInput = {
  name: "features",
  horizon: 120,
  initialStage: "trial",
  stages: {
    trial: {
      hazard: { type: "weibull", shape: 0.8, scale: 200 },
      orders: { type: "probability", value: 0.05 },
    },
    active: {
      hazard: {
        type: "piecewise",
        pieces: [{ from: 0, value: 0.004 }, { from: 40, value: 0.002 }],
      },
      orders: { type: "rate", value: 0.08 },
    },
    loyal: {
      hazard: { type: "constant", value: 0.001 },
      orders: { type: "probability", value: 0.12 },
    },
    dormant: {
      hazard: { type: "constant", value: 0.02 },
      orders: { type: "probability", value: 0.01 },
    },
    churned: { churned: true, reactivation: { value: 0.01, to: "dormant" } },
  },
  rules: [
    { on: "order", from: ["trial", "dormant"], to: "active" },
    { on: "frequency", from: ["active"], to: "loyal", orders: 3, withinDays: 20 },
    { on: "inactivity", from: ["active", "loyal"], to: "dormant", days: 10 },
    { on: "tenure", from: ["trial"], to: "dormant", days: 30 },
  ],
  attributes: { tier: ["a", "b"] },
  population: { initial: 300, mix: { tier: { a: 0.5, b: 0.5 } } },
  effects: { hazard: { tier: { b: 0.5 }, channel: { paid: 1.5 } }, orders: { tier: { b: 1.5 } } },
  purchases: {
    heterogeneity: { shape: 1.5 },
    spend: { type: "gamma_gamma", p: 3, q: 4, gamma: 20 },
    dropout: { type: "beta", a: 1, b: 30 },
  },
  channels: [{
    name: "paid",
    daily: 2.5,
    cac: 10,
    arrivals: "poisson",
    from: 10,
    until: 100,
  }],
  referral: {
    invites: { type: "per_active_day", rate: 0.02, stages: ["active", "loyal"] },
    conversion: 0.3,
    delay: { type: "geometric", meanDays: 3 },
  },
  organization: { groups: 6, groupsPerMentor: 2 },
  shocks: [
    { type: "mentor_leaves", day: 50, mentor: 1, loss: 0.3 },
    { type: "churn_wave", day: 80, share: 0.1, where: { tier: "a" } },
  ],
};

/** BG/NBD-like: members join with a first purchase on a schedule, then drop out after orders. */
const BGNBD_LIKE: ScenarioInput = {
  name: "bgnbd_like",
  horizon: 150,
  initialStage: "alive",
  stages: {
    alive: { orders: { type: "rate", value: 0.04 } },
    churned: { churned: true },
  },
  population: { initial: 0 },
  purchases: {
    heterogeneity: { shape: 0.8 },
    spend: { type: "gamma_gamma", p: 6, q: 4, gamma: 15 },
    dropout: { type: "beta", a: 0.8, b: 2.4 },
  },
  channels: [{
    name: "first_purchase",
    schedule: Array.from({ length: 60 }, (_, d) => 20 - (d % 7)),
    cac: 0,
    orderOnJoin: true,
  }],
};

function oneStage(hazard: ScenarioInput["stages"][string]["hazard"]) {
  return ScenarioSchema.parse({
    name: "one_stage",
    horizon: 100,
    initialStage: "live",
    stages: { live: { hazard }, churned: { churned: true } },
    population: { initial: 20000 },
    purchases: { spend: { type: "fixed", value: 1 } },
  });
}

/** Kaplan–Meier S(t) and its Greenwood standard error from a run's tenure table. */
function survivalFromTenure(run: RunResult, t: number): { s: number; se: number } {
  const { churned, censored } = run.tenure;
  let atRisk = 0;
  for (let i = 0; i < churned.length; i++) atRisk += churned[i] + censored[i];
  let s = 1, greenwood = 0;
  for (let i = 0; i <= t; i++) {
    const d = churned[i];
    s *= 1 - d / atRisk;
    greenwood += d / (atRisk * (atRisk - d));
    atRisk -= d + censored[i];
  }
  return { s, se: s * Math.sqrt(greenwood) };
}

describe("simulate", () => {
  test("survival under a constant daily hazard h is (1-h)^(t+1) within its 99.9% band", async () => {
    const h = 0.02;
    const run = await simulate(oneStage({ type: "constant", value: h }), { workers: 1, seed: 3 });
    for (const t of [0, 9, 29, 59, 99]) {
      const { s, se } = survivalFromTenure(run, t);
      expect(Math.abs(s - (1 - h) ** (t + 1))).toBeLessThan(3.3 * se);
    }
  });

  test("survival under a Weibull hazard follows exp(-((t+1)/scale)^shape) within its band", async () => {
    const run = await simulate(oneStage({ type: "weibull", shape: 1.5, scale: 60 }), {
      workers: 1,
      seed: 4,
    });
    for (const t of [4, 19, 39, 69, 99]) {
      const { s, se } = survivalFromTenure(run, t);
      expect(Math.abs(s - Math.exp(-(((t + 1) / 60) ** 1.5)))).toBeLessThan(3.3 * se);
    }
  });

  test.each([
    ["every stage, rule, hazard, referral and shock feature", FEATURES],
    ["first purchases on a schedule and drop-out after repeat orders", BGNBD_LIKE],
  ])("event-driven and day-stepped engines agree in distribution: %s", async (_, input) => {
    const scenario = ScenarioSchema.parse(input);
    const replications = 40;
    const figures = (run: RunResult) => [
      run.totals.members,
      run.totals.churned,
      run.totals.orders,
      run.totals.revenue,
      run.totals.memberDays,
      run.totals.invites,
      run.totals.referred,
      run.totals.reactivations,
      ...run.daily.stageCounts.map((c) => c[59]),
      ...run.daily.stageCounts.map((c) => c[119]),
    ];
    const { event, day } = await figuresByEngine(scenario, figures, 1000, replications);
    // 26 comparisons at fixed seeds: |z| < 4 holds unless the engines differ.
    expectSameMeans(event, day);
  });

  test("gives byte-identical members, events and aggregates whatever the number of workers", async () => {
    const scenario = ScenarioSchema.parse({
      ...FEATURES,
      population: { initial: 20000, mix: { tier: { a: 0.5, b: 0.5 } } },
    });
    const runs = await Promise.all(
      [1, 2, 3].map((workers) =>
        simulate(scenario, { workers, seed: 9, record: { members: true, events: true } })
      ),
    );
    const [one, ...others] = runs;
    expect(one.totals.members).toBeGreaterThan(4096 * 2);
    for (const other of others) {
      expect(other.totals).toEqual(one.totals);
      expect(other.daily).toEqual(one.daily);
      expect(other.members).toEqual(one.members);
      expect(other.events).toEqual(one.events);
    }
  });

  test("different seeds give different runs and the same seed the same run", async () => {
    const scenario = ScenarioSchema.parse(FEATURES);
    const a = await simulate(scenario, { seed: 1, workers: 1 });
    const b = await simulate(scenario, { seed: 1, workers: 1 });
    const c = await simulate(scenario, { seed: 2, workers: 1 });
    expect(b.daily).toEqual(a.daily);
    expect(c.totals.revenue).not.toBe(a.totals.revenue);
  });

  test("refuses a run whose member table would not fit the memory budget, stating the estimate", async () => {
    const scenario = ScenarioSchema.parse(FEATURES);
    await expect(
      simulate(scenario, {
        members: 5_000_000,
        record: { members: true, events: true },
        memoryBudget: 2 ** 30,
      }),
    ).rejects.toThrow(/Cannot simulate: the run would need about [\d.]+ GB for ~[\d,]+ members/);
  });

  test("counts each member's live days: members × days when nobody churns", async () => {
    const run = await simulate(
      ScenarioSchema.parse({
        name: "immortal",
        horizon: 50,
        initialStage: "live",
        stages: { live: { terminal: true }, churned: { churned: true } },
        population: { initial: 10 },
        purchases: { spend: { type: "fixed", value: 1 } },
      }),
      { workers: 1 },
    );
    expect(run.totals.memberDays).toBe(500);
    expect(run.daily.stageCounts[0][49]).toBe(10);
  });
});
