import { describe, expect, test } from "vitest";
import { type ScenarioInput, ScenarioSchema } from "../../sim/scenario.ts";
import { sweepWarningWindows } from "../../experiments/warning_sweep.ts";

/**
 * Active members never churn; 14 days without an order make them at risk, where the daily
 * hazard is 5%. A call suspends the hazard for 3 days. Theory: an alert at window w ≤ 11
 * falls on an active member and its 3 days end before the member can be at risk, so the
 * call changes nothing and its net value is exactly minus its cost; from w = 14 on the
 * call covers at-risk days and saves members worth far more than it costs.
 */
const THEORY: ScenarioInput = {
  name: "theory",
  horizon: 120,
  initialStage: "active",
  stages: {
    active: { orders: { type: "probability", value: 0.08 } },
    at_risk: {
      hazard: { type: "constant", value: 0.05 },
      orders: { type: "probability", value: 0.08 },
    },
    churned: { churned: true },
  },
  rules: [
    { on: "order", from: ["at_risk"], to: "active" },
    { on: "inactivity", from: ["active"], to: "at_risk", days: 14 },
  ],
  population: { initial: 2000 },
  purchases: { spend: { type: "fixed", value: 20 } },
  policies: [{
    name: "call",
    trigger: { type: "inactivity", days: 14 },
    action: { type: "call", cost: 1, hazard: 0, days: 3 },
  }],
};

describe("sweepWarningWindows", () => {
  test("net value is exactly minus the cost where the call cannot matter and positive where it saves members", async () => {
    const sweep = await sweepWarningWindows(ScenarioSchema.parse(THEORY), {
      windows: [3, 7, 11, 14, 20],
      replications: 4,
      seed: 21,
      workers: 1,
    });
    expect(sweep.seeds).toEqual(["21/0", "21/1", "21/2", "21/3"]);
    const by = new Map(sweep.windows.map((w) => [w.window, w]));
    for (const w of [3, 7, 11]) {
      const r = by.get(w)!;
      expect(r.actions.mean).toBeGreaterThan(100);
      expect(r.revenueSaved.mean).toBe(0);
      expect(r.membersSaved.mean).toBe(0);
      expect(r.netValue.mean).toBe(-r.cost.mean);
      expect(r.netValue.upper).toBeLessThan(0);
    }
    for (const w of [14, 20]) {
      const r = by.get(w)!;
      expect(r.netValue.lower).toBeGreaterThan(0);
      expect(r.membersSaved.mean).toBeGreaterThan(0);
    }
    expect([14, 20]).toContain(sweep.best);
    // Longer windows alert fewer members, and past the at-risk day they come too late.
    const alerts = sweep.windows.map((w) => w.alerts.mean);
    expect(alerts).toEqual([...alerts].sort((a, b) => b - a));
    expect(by.get(20)!.recall.mean).toBeLessThan(by.get(11)!.recall.mean);
  });

  test("refuses a scenario without an inactivity policy, naming what to add", async () => {
    await expect(
      sweepWarningWindows(ScenarioSchema.parse({ ...THEORY, policies: [] }), { windows: [7] }),
    ).rejects.toThrow("has no policy with an inactivity trigger to sweep");
    await expect(
      sweepWarningWindows(ScenarioSchema.parse(THEORY), { windows: [0] }),
    ).rejects.toThrow("windows must be whole days ≥ 1, got [0]");
  });
});
