import { describe, expect, test } from "vitest";
import {
  designExperiment,
  ExperimentError,
  loadExperiment,
  parseExperiment,
  parseExperimentText,
  resolveBaseScenario,
} from "../../experiments/mod.ts";
import { designOf, PLAIN, spec } from "./_fixtures.ts";

function design(overrides: Parameters<typeof spec>[0]) {
  return designOf(spec(overrides));
}

function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExperimentError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected an ExperimentError");
}

describe("experiment specs", () => {
  test("reject bad fields, naming each path and what was expected", () => {
    const found = issues(() =>
      parseExperiment(spec({
        duration: 20,
        metrics: ["orders", "retention", "orders"],
        looks: { days: [5, 30, 3] },
        arms: [{ name: "a" }, { name: "a", weight: -1 }],
      }))
    );
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^metrics\[1\]: must be a metric/),
      expect.stringMatching(/^arms\[1\]\.weight: /),
    ]));
    const valid = issues(() =>
      parseExperiment(spec({
        duration: 20,
        metrics: ["orders", "orders"],
        looks: { days: [5, 30, 3] },
        arms: [{ name: "a" }, { name: "a" }],
      }))
    );
    expect(valid).toEqual([
      "arms[1].name: 'a' is also arms[0]",
      "looks.days[1]: must be ≤ duration 20, got 30",
      "looks.days[2]: must be after the previous look (30), got 3",
      "metrics[1]: 'orders' is listed twice",
    ]);
    expect(issues(() => parseExperimentText("name: [", "x.yaml"))[0]).toMatch(/^: YAML syntax/);
  });

  test("design arms from overrides and policies; an unknown path or stage names the arm", async () => {
    const d = await design({
      arms: [
        { name: "control", weight: 2 },
        { name: "more", set: { "stages.active.orders.value": 0.1 } },
        {
          name: "coupon",
          policies: [{
            name: "winback",
            trigger: { type: "inactivity", days: 7 },
            action: { type: "coupon", cost: 1, orders: 1.5, days: 7 },
          }],
        },
      ],
    });
    expect(d.aa).toBe(false);
    expect(d.arms.map((a) => a.weight)).toEqual([2, 1, 1]);
    expect(d.arms[1].scenario.stages.active.orders).toEqual({ type: "probability", value: 0.1 });
    expect(d.arms[2].scenario.policies.map((p) => p.name)).toEqual(["winback"]);
    expect(d.horizon).toBe(30);
    expect(d.looks).toHaveLength(30);

    const bad = spec({
      arms: [{ name: "control" }, { name: "x", set: { "stages.activ.orders.value": 0.1 } }, {
        name: "y",
        policies: [{
          name: "p",
          trigger: { type: "stage", stages: ["at_risk"] },
          action: { type: "call", cost: 1, hazard: 0.5, days: 3 },
        }],
      }],
    });
    const experiment = parseExperiment(bad);
    const base = await resolveBaseScenario(experiment);
    const found = issues(() => designExperiment(experiment, base));
    expect(found[0]).toMatch(/^arms\[1\]\.set: stages\.activ/);
    expect(found[1]).toMatch(/^arms\[2\]\.policies\[0\]\.trigger\.stages\[0\]: .*at_risk/);
  });

  test("refuse cluster assignment without groups and CUPED with arms that change orders", async () => {
    const noGroups = { ...PLAIN, organization: undefined };
    const experiment = parseExperiment(spec({ scenario: noGroups, assignment: "cluster" }));
    const base = await resolveBaseScenario(experiment);
    expect(issues(() => designExperiment(experiment, base))).toEqual([
      "assignment: cluster assignment needs groups: scenario 'plain' has no organization",
    ]);
    const cuped = parseExperiment(spec({
      analysis: { cuped: { preDays: 10 } },
      arms: [{ name: "control" }, { name: "t", set: { "stages.new.orders.value": 0.2 } }],
    }));
    expect(issues(() => designExperiment(cuped, base))[0]).toMatch(
      /^arms\[1\]\.set: CUPED's pre-period covariate .* got stages\.new\.orders\.value/,
    );
  });

  test("look schedules: every k days, k equal looks, or given days, ending at the duration", async () => {
    expect((await design({ duration: 10, looks: { every: 4 } })).looks).toEqual([4, 8, 10]);
    expect((await design({ duration: 10, looks: { count: 5 } })).looks).toEqual([2, 4, 6, 8, 10]);
    expect((await design({ duration: 10, looks: { days: [3, 7] } })).looks).toEqual([3, 7, 10]);
    const cuped = await design({
      duration: 10,
      looks: { count: 2 },
      analysis: { cuped: { preDays: 5 } },
    });
    expect(cuped.looks).toEqual([10, 15]);
    expect(cuped.horizon).toBe(15);
  });

  test("a design whose one look is the horizon collects the horizon only", async () => {
    const fixed = await design({ duration: 10, looks: { count: 1 } });
    expect(fixed.looks).toEqual([10]);
    expect(fixed.collect.finalOnly).toBe(true);
    expect((await design({ duration: 10, looks: { every: 5 } })).collect.finalOnly).toBe(false);
  });

  test("the example experiments load and design", async () => {
    const names = [
      "aa",
      "referral_campaign",
      "winback_coupon",
      "invite_cuped",
      "warning_threshold",
    ];
    for (const name of names) {
      const path = new URL(`../../data/experiments/${name}.yaml`, import.meta.url).pathname;
      const { experiment, base } = await loadExperiment(path);
      const d = designExperiment(experiment, base);
      expect(d.experiment.name).toBe(name);
      expect(d.aa).toBe(name === "aa");
    }
    await expect(loadExperiment("no/such.yaml")).rejects.toThrow(/no experiment file/);
  });
});
