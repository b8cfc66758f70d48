import { describe, expect, test } from "vitest";
import {
  approximatePowerCurve,
  parseExperiment,
  replicationSeed,
  resolveBaseScenario,
  runExperiment,
  simulatePowerCurve,
} from "../../experiments/mod.ts";
import { computePower } from "../../models/stats/mod.ts";
import { ARRIVALS, designOf, PLAIN, REFERRAL, spec } from "./_fixtures.ts";

describe("replications", () => {
  test("differ, record their seeds, and do not depend on the number of workers", async () => {
    const design = await designOf(spec({ seed: "w", metrics: ["orders", "k_factor"] }));
    const [one, two] = [
      await runExperiment(design, { replications: 4, workers: 1 }),
      await runExperiment(design, { replications: 4, workers: 2 }),
    ];
    expect(two.workers).toBe(2);
    expect(one.replications.map((r) => r.seed)).toEqual(["w/0", "w/1", "w/2", "w/3"]);
    expect(replicationSeed("w", 3)).toBe("w/3");
    expect(two.replications).toEqual(one.replications);
    const estimates = one.replications.map((r) => r.analysis.effects[0].estimate);
    expect(new Set(estimates).size).toBe(4);
  });

  test("allocation weights split units 3:1 and the sample-ratio check uses them", async () => {
    const design = await designOf(spec({
      seed: 2,
      arms: [{ name: "control", weight: 3 }, { name: "treatment" }],
    }));
    const { summary, replications } = await runExperiment(design, { replications: 20 });
    const [c, t] = summary.srm.meanUnits;
    expect(c / (c + t)).toBeCloseTo(0.75, 2);
    expect(summary.srm.alarmRate).toBe(0);
    expect(replications.every((r) => r.analysis.srm.pValue > 0.001)).toBe(true);
  });

  test("a warning-policy arm costs money and changes retention; guardrails flag harm", async () => {
    const design = await designOf(spec({
      seed: 6,
      duration: 45,
      metrics: ["retention_d30", "orders", "cost", "net_value"],
      guardrails: [{ metric: "net_value", harm: "decrease" }],
      arms: [{ name: "control" }, {
        name: "call",
        policies: [{
          name: "call",
          trigger: { type: "inactivity", days: 5 },
          action: { type: "call", cost: 40, hazard: 0.2, days: 20 },
        }],
      }],
      analysis: { sequential: false },
    }));
    const { summary, truth } = await runExperiment(design, { replications: 30 });
    expect(truth.method).toBe("simulated");
    const by = (m: string) => summary.effects.find((e) => e.metric === m)!;
    expect(by("cost").trueEffect).toBeGreaterThan(1);
    expect(by("retention_d30").trueEffect).toBeGreaterThan(0.02);
    // Calls at 40 each cost more than the orders they keep: net value falls, the guardrail trips.
    expect(by("net_value").trueEffect).toBeLessThan(0);
    expect(by("net_value").guardrailBreachRate).toBeGreaterThan(0.9);
    expect(by("orders").guardrailBreachRate).toBeNull();
  });

  test("CUPED on a referral campaign cuts the variance and keeps coverage", async () => {
    const design = await designOf(spec({
      scenario: REFERRAL,
      seed: 8,
      duration: 30,
      metrics: ["orders", "arpu", "k_factor"],
      arms: [{ name: "control" }, { name: "campaign", set: { "referral.conversion": 0.5 } }],
      analysis: { cuped: { preDays: 30 }, sequential: false },
      truth: { runs: 10 },
    }));
    const { summary } = await runExperiment(design, { replications: 60 });
    expect(summary.cuped.map((c) => c.metric)).toEqual(["orders", "arpu"]);
    for (const c of summary.cuped) {
      expect(c.meanVarianceReduction, c.metric).toBeGreaterThan(0.1);
      expect(c.adjusted.meanSe, c.metric).toBeLessThan(0.95 * c.unadjusted.meanSe);
      expect(c.adjusted.empiricalSe, c.metric).toBeLessThan(c.unadjusted.empiricalSe);
      expect(c.adjusted.coverage, c.metric).toBeGreaterThan(0.85);
      expect(Math.abs(c.trueEffect), c.metric).toBeLessThan(0.02);
    }
  });

  // The harness's power for activation within a day (independent members, a proportion)
  // matches the two-proportion formula at the same size: 200 replications per size (seed 12)
  // land within the 99% binomial band of computePower's figure.
  test("the simulated power curve agrees with the formula where the formula holds", async () => {
    const experiment = parseExperiment(spec({
      scenario: ARRIVALS,
      seed: 12,
      duration: 1,
      metrics: ["activation_d1"],
      analysis: { scale: "absolute", sequential: false },
      arms: [{ name: "control" }, { name: "more", set: { "stages.new.orders.value": 0.33 } }],
    }));
    const base = await resolveBaseScenario(experiment);
    const scaled = { ...base, channels: [{ ...base.channels[0], daily: 2000 }] };
    const curve = await simulatePowerCurve(experiment, scaled, [2], { replications: 200 });
    expect(curve).toHaveLength(1);
    const n = curve[0].unitsPerArm;
    const expected = computePower({ kind: "proportion", baseline: 0.3 }, 0.03, n);
    const band = 2.576 * Math.sqrt(expected * (1 - expected) / 200);
    expect(Math.abs(curve[0].power - expected)).toBeLessThan(band);
    const approx = approximatePowerCurve({ meanSe: 0.0146, trueEffect: 0.03 }, n, 0.05, [n, 4 * n]);
    expect(approx[1].power).toBeGreaterThan(approx[0].power);
  });

  test("truth runs: arms with the control's scenario share its truth; A/A needs no runs", async () => {
    const design = await designOf(spec({
      scenario: PLAIN,
      arms: [{ name: "control" }, { name: "same" }, {
        name: "more",
        set: { "stages.active.orders.value": 0.12 },
      }],
      truth: { runs: 2 },
    }));
    const { truth } = await runExperiment(design, { replications: 2 });
    expect(truth.runs).toBe(2);
    const effect = (arm: string) => truth.effects.find((t) => t.arm === arm)!.effect;
    expect(effect("same")).toBe(0);
    expect(effect("more")).toBeGreaterThan(0.2);
  });
});
