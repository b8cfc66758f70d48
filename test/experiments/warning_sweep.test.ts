import { describe, expect, test } from "vitest";
import { loadScenario } from "../../io/scenario_file.ts";
import type { Scenario } from "../../sim/scenario.ts";
import { sweepWarningWindows } from "../../experiments/warning_sweep.ts";

/**
 * The `warning` preset's known effect (see data/scenarios/warning.yaml): no churn in the
 * 14 days after an order, 5% a day after; a 7-day call (hazard 0) at window w covers
 * silent days w+1..w+7, so it changes nothing for w ≤ 7, pays from w = 8 on, and pays
 * most at w = 14, when it covers the first seven at-risk days.
 */
describe("sweepWarningWindows recovers the warning preset's known effect", async () => {
  const scenario = await loadScenario("warning");
  const windows = [5, 7, 8, 10, 14, 16, 25];
  const sweep = await sweepWarningWindows(scenario, {
    windows,
    replications: 6,
    members: 6000,
    seed: 7,
  });
  const by = new Map(sweep.windows.map((w) => [w.window, w]));

  test("net value is exactly minus the cost for windows up to 7, where the call cannot matter", () => {
    for (const w of [5, 7]) {
      const r = by.get(w)!;
      expect(r.actions.mean).toBeGreaterThan(1000);
      expect(r.revenueSaved.mean).toBe(0);
      expect(r.membersSaved.mean).toBe(0);
      expect(r.netValue.mean).toBe(-r.cost.mean);
      expect(r.netValue.upper).toBeLessThan(0);
    }
  });

  test("net value is positive from window 8 on and highest at 14", () => {
    for (const w of [8, 10, 14, 16, 25]) {
      const r = by.get(w)!;
      expect(r.netValue.lower, `window ${w}`).toBeGreaterThan(0);
      expect(r.membersSaved.lower, `window ${w}`).toBeGreaterThan(0);
    }
    expect(sweep.best).toBe(14);
    expect(by.get(14)!.netValue.lower).toBeGreaterThan(by.get(10)!.netValue.upper);
    expect(by.get(14)!.netValue.lower).toBeGreaterThan(by.get(25)!.netValue.upper);
  });

  test("longer windows alert fewer members, later alerts give shorter lead times", () => {
    const alerts = sweep.windows.map((w) => w.alerts.mean);
    expect(alerts).toEqual([...alerts].sort((a, b) => b - a));
    const leads = sweep.windows.map((w) => w.medianLeadTime.mean);
    expect(leads[0]).toBeGreaterThan(leads[leads.length - 1]);
    for (const { days } of sweep.leadTimes) expect(days).toBeGreaterThanOrEqual(sweep.latency);
    expect(by.get(25)!.recall.mean).toBeLessThan(by.get(14)!.recall.mean);
  });

  test("the sweep records every window of every replication with its seed", () => {
    expect(sweep.seeds).toEqual(["7/0", "7/1", "7/2", "7/3", "7/4", "7/5"]);
    expect(sweep.rows.length).toBe(6 * windows.length);
    expect(sweep.runs).toBe(6 * (1 + windows.length));
    expect(sweep.members).toBe(6000);
    const r14 = sweep.rows.filter((r) => r.window === 14);
    const mean = r14.reduce((s, r) => s + r.netValue, 0) / r14.length;
    expect(by.get(14)!.netValue.mean).toBeCloseTo(mean, 6);
    expect(sweep.summary().find((row) => row.name === "netValue:14")!.estimate).toBe(
      by.get(14)!.netValue.mean,
    );
  });
});

describe("sweepWarningWindows options", async () => {
  const scenario = await loadScenario("warning");
  const small = { windows: [7, 14], replications: 2, members: 800, days: 90, seed: 3 } as const;

  test("sweepWarningWindows gives the same figures whatever the number of workers", async () => {
    const one = await sweepWarningWindows(scenario, small);
    const two = await sweepWarningWindows(scenario, { ...small, workers: 2 });
    expect(two.rows).toEqual(one.rows);
    expect(two.leadTimes).toEqual(one.leadTimes);
  });

  test("a budget caps the policy's actions per day and refuses the other alerts", async () => {
    const sweep = await sweepWarningWindows(scenario, { ...small, budget: 5 });
    expect(sweep.budget).toBe(5);
    for (const row of sweep.rows) {
      expect(row.actions).toBeLessThanOrEqual(5 * 90);
      expect(row.actions + row.refused).toBe(row.alerts);
      expect(row.refused).toBeGreaterThan(0);
    }
  });

  test("sweepWarningWindows refuses a scenario without an inactivity policy and bad windows", async () => {
    const bare: Scenario = { ...scenario, policies: [] };
    await expect(sweepWarningWindows(bare, { windows: [7] })).rejects.toThrow(
      "has no policy with an inactivity trigger to sweep",
    );
    await expect(sweepWarningWindows(scenario, { windows: [0] })).rejects.toThrow(
      "windows must be whole days ≥ 1, got [0]",
    );
    await expect(sweepWarningWindows(scenario, { windows: [7, 7] })).rejects.toThrow(
      "window 7 appears twice",
    );
    await expect(sweepWarningWindows(scenario, { windows: [7], policy: "sms" })).rejects
      .toThrow("has no policy 'sms' (policies: call)");
    const staged: Scenario = {
      ...scenario,
      policies: [{ ...scenario.policies[0], trigger: { type: "stage", stages: ["at_risk"] } }],
    };
    await expect(sweepWarningWindows(staged, { windows: [7], policy: "call" })).rejects.toThrow(
      "policy 'call' has a stage trigger",
    );
  });
});
