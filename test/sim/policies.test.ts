import { describe, expect, test } from "vitest";
import { type ScenarioInput, ScenarioSchema } from "../../sim/scenario.ts";
import { validateScenario } from "../../sim/validate.ts";
import { simulate } from "../../sim/run.ts";
import type { RunResult } from "../../sim/run_result.ts";
import { expectSameMeans, figuresByEngine } from "./_engines.ts";

/** A membership with every policy kind: a coupon, a call and a recall sequence. */
const POLICIES: ScenarioInput = {
  name: "policies",
  horizon: 120,
  initialStage: "new",
  stages: {
    new: {
      hazard: { type: "constant", value: 0.01 },
      orders: { type: "probability", value: 0.05 },
    },
    active: {
      hazard: { type: "constant", value: 0.003 },
      orders: { type: "probability", value: 0.07 },
    },
    at_risk: {
      hazard: { type: "weibull", shape: 0.9, scale: 150 },
      orders: { type: "probability", value: 0.02 },
    },
    churned: { churned: true, reactivation: { value: 0.01, to: "at_risk" } },
  },
  rules: [
    { on: "order", from: ["new", "at_risk"], to: "active" },
    { on: "inactivity", from: ["active"], to: "at_risk", days: 14 },
  ],
  population: { initial: 300 },
  purchases: { spend: { type: "lognormal", mu: 3, sigma: 0.5 } },
  referral: { invites: { type: "per_order", mean: 0.2 }, conversion: 0.3 },
  organization: { groups: 4, groupsPerMentor: 2 },
  policies: [
    {
      name: "coupon",
      trigger: { type: "inactivity", days: 10, stages: ["active"] },
      action: { type: "coupon", cost: 1, discount: 0.1, orders: 2.5, days: 7 },
      response: 0.8,
    },
    {
      name: "call",
      trigger: { type: "stage", stages: ["at_risk"] },
      action: { type: "call", cost: 5, hazard: 0.3, days: 10 },
    },
    {
      name: "recall",
      trigger: { type: "inactivity", days: 20, stages: ["at_risk"] },
      action: { type: "recall", cost: 0.5, touches: [1, 3, 5, 10], lift: 1.5, decay: 0.6 },
    },
    {
      // Every stage, the churned one included: it reaches members who churned unseen.
      name: "silence",
      trigger: { type: "inactivity", days: 30 },
      action: { type: "recall", cost: 0.2, touches: [1, 5, 10], lift: 1, decay: 0.5 },
      response: 0.5,
    },
  ],
};

const total = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe("warning policies in the simulator", () => {
  test("validation names unknown trigger stages, churn as a stage trigger, unordered touches and mentor capacity without mentors", () => {
    const result = validateScenario({
      ...POLICIES,
      organization: undefined,
      policies: [
        { ...POLICIES.policies![0], trigger: { type: "stage", stages: ["activ"] } },
        {
          name: "recall",
          trigger: { type: "inactivity", days: 5, stages: ["at_risk", "churned"] },
          action: { type: "recall", cost: 1, touches: [1, 5, 3], lift: 1 },
          capacity: { perMentor: 10 },
        },
        { ...POLICIES.policies![1], trigger: { type: "stage", stages: ["churned"] } },
      ],
    });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual([
      "policies[0].trigger.stages[0]: unknown stage 'activ' (stages: new, active, at_risk, churned)",
      "policies[1].action.touches[2]: must be after the previous touch (day 5), got 3",
      "policies[1].capacity.perMentor: needs an organization (groups under mentors) in the scenario",
      "policies[2].trigger.stages[0]: must be a live stage (new, active, at_risk): entering the " +
      "churned stage is not seen; reach churned members with an inactivity trigger",
    ]);
  });

  test("an inactivity policy reaches members who churned unseen: each recall touch is paid, then they count as lost", async () => {
    // Every member churns on its join day; silent 5 days later, the recall starts.
    const gone = (stages?: string[]) =>
      ScenarioSchema.parse({
        name: "gone",
        horizon: 20,
        initialStage: "live",
        stages: { live: { hazard: { type: "constant", value: 1 } }, churned: { churned: true } },
        population: { initial: 100 },
        purchases: { spend: { type: "fixed", value: 1 } },
        policies: [{
          name: "recall",
          trigger: { type: "inactivity", days: 5, ...(stages ? { stages } : {}) },
          action: { type: "recall", cost: 1, touches: [1, 3, 5], lift: 2 },
        }],
      });
    for (const engine of ["event", "day"] as const) {
      const run = await simulate(gone(), { engine, seed: 1, workers: 1 });
      const recall = run.policies[0];
      expect(run.totals.churned).toBe(100);
      expect(recall.alerts[5]).toBe(100);
      expect(total(recall.actions)).toBe(100);
      // Touches on days 5, 7 and 9 (each the day before its effect), lost once the last ends.
      expect([recall.cost[5], recall.cost[7], recall.cost[9]]).toEqual([100, 100, 100]);
      expect(total(recall.cost)).toBe(300);
      expect(recall.lost[10]).toBe(100);
      expect(total(recall.recalled)).toBe(0);
      expect(run.totals.orders).toBe(0);
      const knowing = await simulate(gone(["live"]), { engine, seed: 1, workers: 1 });
      expect(total(knowing.policies[0].alerts)).toBe(0);
    }
  });

  test("a call delays the churn of members it does not save by at most its days, and draws nothing new", async () => {
    const base = ScenarioSchema.parse({
      name: "delay",
      horizon: 150,
      initialStage: "active",
      stages: {
        active: { orders: { type: "probability", value: 0.08 } },
        at_risk: {
          hazard: { type: "weibull", shape: 1.3, scale: 30 },
          orders: { type: "probability", value: 0.05 },
        },
        churned: { churned: true },
      },
      rules: [
        { on: "order", from: ["at_risk"], to: "active" },
        { on: "inactivity", from: ["active"], to: "at_risk", days: 14 },
      ],
      population: { initial: 3000 },
      purchases: { spend: { type: "fixed", value: 10 } },
    });
    const called = ScenarioSchema.parse({
      ...base,
      policies: [{
        name: "call",
        trigger: { type: "inactivity", days: 16 },
        action: { type: "call", cost: 1, hazard: 0, days: 7 },
        response: 0.7,
      }],
    });
    const options = { seed: 4, workers: 1, record: { members: true } } as const;
    const a = (await simulate(base, options)).members!;
    const b = (await simulate(called, options)).members!;
    let delayed = 0, saved = 0;
    for (let m = 0; m < a.count; m++) {
      if (a.churnDay[m] < 0) {
        // Never churned without the call: the call cannot make it churn.
        expect(b.churnDay[m]).toBe(-1);
        expect(b.orders[m]).toBe(a.orders[m]);
      } else if (b.orders[m] === a.orders[m] && b.churnDay[m] >= 0) {
        const delay = b.churnDay[m] - a.churnDay[m];
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(7);
        if (delay > 0) delayed++;
      } else if (b.orders[m] > a.orders[m]) saved++;
    }
    expect(delayed).toBeGreaterThan(100);
    expect(saved).toBeGreaterThan(100);
  });

  test("event-driven and day-stepped engines agree in distribution with coupons, calls and recalls", async () => {
    const scenario = ScenarioSchema.parse(POLICIES);
    const replications = 40;
    const figures = (run: RunResult) => [
      run.totals.members,
      run.totals.churned,
      run.totals.orders,
      run.totals.revenue,
      run.totals.reactivations,
      run.totals.policyCost,
      ...run.policies.flatMap((p) => [
        total(p.alerts),
        total(p.actions),
        total(p.recalled),
        total(p.lost),
        total(p.cost),
      ]),
    ];
    const { event, day } = await figuresByEngine(scenario, figures, 500, replications);
    expect(event[0][6]).toBeGreaterThan(50); // the coupon policy fires
    // 26 comparisons at fixed seeds: |z| < 4 holds unless the engines differ.
    expectSameMeans(event, day);
  });

  test("a stage trigger alerts once per stage entry, not again for a join day cut off by churn", async () => {
    // Half the members churn on their join day, then come back into `back`: each
    // reactivation is the one entry into `back`, so alerts equal reactivations and none
    // falls on day 0 (a churn on the join day once left that day due, and the engine went
    // back to it after the reactivation).
    const scenario = ScenarioSchema.parse({
      name: "reentry",
      horizon: 60,
      initialStage: "live",
      stages: {
        live: { hazard: { type: "constant", value: 0.5 } },
        back: { hazard: { type: "constant", value: 0.001 } },
        churned: { churned: true, reactivation: { value: 0.2, to: "back" } },
      },
      population: { initial: 2000 },
      purchases: { spend: { type: "fixed", value: 1 } },
      policies: [{
        name: "welcome",
        trigger: { type: "stage", stages: ["back"] },
        action: { type: "call", cost: 1, hazard: 1, days: 3 },
        capacity: { daily: 0 },
      }],
    });
    for (const engine of ["event", "day"] as const) {
      const run = await simulate(scenario, { engine, seed: 1, workers: 1 });
      const alerts = run.policies[0].alerts;
      expect(alerts[0]).toBe(0);
      expect(alerts.reduce((a, b) => a + b, 0)).toBe(run.totals.reactivations);
    }
  });

  test("a policy nobody responds to leaves every member's life as in the plain run, costs aside", async () => {
    const plain = ScenarioSchema.parse({ ...POLICIES, policies: [] });
    const ignored = ScenarioSchema.parse({
      ...POLICIES,
      policies: POLICIES.policies!.map((p) => ({ ...p, response: 0 })),
    });
    const options = { seed: 11, workers: 1, record: { members: true } } as const;
    const a = await simulate(plain, options), b = await simulate(ignored, options);
    expect(b.daily).toEqual(a.daily);
    expect(b.members!.orders).toEqual(a.members!.orders);
    expect(b.members!.churnDay).toEqual(a.members!.churnDay);
    expect(b.totals.actions).toBeGreaterThan(0);
    expect(b.totals.policyCost).toBeGreaterThan(0);
    expect(a.policies).toEqual([]);
    expect(a.totals.policyCost).toBe(0);
  });

  test("every recall sequence ends recalled or lost, and members' costs add up to the run's", async () => {
    const scenario = ScenarioSchema.parse({ ...POLICIES, population: { initial: 3000 } });
    const run = await simulate(scenario, { seed: 5, workers: 1, record: { members: true } });
    const recall = run.policies[2];
    // Sequences still under way at the horizon (touches up to day 10) are neither.
    let started = 0;
    for (let d = 0; d < run.horizon - 11; d++) started += recall.actions[d];
    const ended = total(recall.recalled) + total(recall.lost);
    expect(ended).toBeGreaterThanOrEqual(started);
    expect(ended).toBeLessThanOrEqual(total(recall.actions));
    expect(total(run.members!.policyCost)).toBeCloseTo(run.totals.policyCost, 6);
    expect(total(run.members!.actions)).toBe(run.totals.actions);
  });

  test("daily capacity caps actions per day and refuses the rest, the same for any number of workers", async () => {
    const scenario = ScenarioSchema.parse({
      ...POLICIES,
      population: { initial: 30000 },
      policies: [{ ...POLICIES.policies![1], capacity: { daily: 40 } }],
    });
    const runs = await Promise.all(
      [1, 2].map((workers) => simulate(scenario, { seed: 3, workers, record: { members: true } })),
    );
    expect(runs[1].policies).toEqual(runs[0].policies);
    expect(runs[1].members).toEqual(runs[0].members);
    const call = runs[0].policies[0];
    const blocks = Math.ceil(30000 / 4096);
    let busy = 0;
    for (let d = 0; d < runs[0].horizon; d++) {
      expect(call.actions[d] + call.refused[d]).toBe(call.alerts[d]);
      // Block quotas are rounded up or down, at most one action each.
      expect(call.actions[d]).toBeLessThanOrEqual(40 + blocks);
      if (call.refused[d] > 0) busy++;
    }
    expect(busy).toBeGreaterThan(20);
    expect(total(call.actions)).toBeLessThan(40 * runs[0].horizon);
  });
});
