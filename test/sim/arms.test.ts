import { describe, expect, test } from "vitest";
import { loadScenario } from "../../io/scenario_file.ts";
import { simulate } from "../../sim/run.ts";
import type { Scenario } from "../../sim/scenario.ts";

const base = await loadScenario("default", { overrides: ["population.initial=4000"] });
const treatment: Scenario = await loadScenario("default", {
  overrides: [
    "population.initial=4000",
    "referral.conversion=0.6",
    "stages.active.orders.value=0.12",
  ],
});
const arms = [
  { name: "control", weight: 1, scenario: base },
  { name: "treatment", weight: 1, scenario: treatment },
];

describe("simulate with arms", () => {
  test("member assignment splits members by weight and each arm behaves by its scenario", async () => {
    const run = await simulate(base, {
      arms,
      assignment: "member",
      workers: 1,
      days: 120,
      record: { members: true },
    });
    const m = run.members!;
    const count = [0, 0], orders = [0, 0];
    for (let i = 0; i < m.count; i++) {
      count[m.arm[i]]++;
      orders[m.arm[i]] += m.orders[i];
    }
    const share = count[1] / m.count;
    expect(Math.abs(share - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / m.count));
    expect(orders[1] / count[1]).toBeGreaterThan(1.2 * (orders[0] / count[0]));
    expect(run.arms).toEqual(["control", "treatment"]);
  });

  test("tree assignment keeps every referral tree in one arm", async () => {
    const run = await simulate(base, {
      arms,
      assignment: "tree",
      workers: 1,
      days: 150,
      record: { members: true },
    });
    const m = run.members!;
    let referred = 0;
    for (let i = 0; i < m.count; i++) {
      if (m.referrer[i] < 0) continue;
      referred++;
      expect(m.arm[i]).toBe(m.arm[m.referrer[i]]);
    }
    expect(referred).toBeGreaterThan(100);
  });

  test("member assignment lets referral trees cross arms", async () => {
    const run = await simulate(base, {
      arms,
      assignment: "member",
      workers: 1,
      days: 150,
      record: { members: true },
    });
    const m = run.members!;
    let crossing = 0;
    for (let i = 0; i < m.count; i++) {
      if (m.referrer[i] >= 0 && m.arm[i] !== m.arm[m.referrer[i]]) crossing++;
    }
    expect(crossing).toBeGreaterThan(50);
  });

  test("cluster assignment gives every member of a group the group's arm", async () => {
    const run = await simulate(base, {
      arms,
      assignment: "cluster",
      workers: 1,
      days: 90,
      record: { members: true },
    });
    const m = run.members!;
    const armOfGroup = new Map<number, number>();
    for (let i = 0; i < m.count; i++) {
      const known = armOfGroup.get(m.group[i]);
      if (known === undefined) armOfGroup.set(m.group[i], m.arm[i]);
      else expect(m.arm[i]).toBe(known);
    }
    expect(new Set(armOfGroup.values()).size).toBe(2);
  });

  test("arms give identical results whatever the number of workers", async () => {
    const options = { arms, assignment: "tree" as const, days: 90, record: { members: true } };
    const [one, two] = await Promise.all([
      simulate(base, { ...options, workers: 1 }),
      simulate(base, { ...options, workers: 2 }),
    ]);
    expect(two.members).toEqual(one.members);
    expect(two.daily).toEqual(one.daily);
  });

  test("refuses an arm that changes the population's shape, naming the arm", async () => {
    const reshaped = await loadScenario("default", { overrides: ["horizon=200"] });
    await expect(
      simulate(base, {
        arms: [{ name: "control", weight: 1, scenario: base }, {
          name: "longer",
          weight: 1,
          scenario: { ...reshaped, attributes: { tier: ["a"] } },
        }],
        workers: 1,
      }),
    ).rejects.toThrow(/arm 'longer' \(arms\[1\]\) changes the attributes/);
  });
});
