import { describe, expect, test } from "vitest";
import { loadScenario } from "../../io/scenario_file.ts";
import { writeRun } from "../../io/run_folder.ts";
import { parseScenarioText } from "../../sim/scenario_text.ts";
import { simulate } from "../../sim/run.ts";
import type { RunResult } from "../../sim/run_result.ts";
import {
  comparePolicyOutcomes,
  pairPolicyRuns,
  summarizePolicyRun,
  withoutPolicy,
} from "../../experiments/policy_pair.ts";

/** The data files of a written run folder by name, with their SHA-256 (the manifest's). */
async function digests(run: RunResult): Promise<Record<string, string>> {
  const dir = await Deno.makeTempDir({ prefix: "lab-pair-" });
  const manifest = await writeRun(run, dir, { formats: ["csv", "parquet"] });
  return Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]));
}

describe("pairPolicyRuns", () => {
  test("the run without the policy is byte-identical to a plain run of the scenario without it", async () => {
    const scenario = await loadScenario("warning", { overrides: ["population.initial=1500"] });
    const options = { seed: 9, days: 120, workers: 1, record: { events: true } } as const;
    const pair = await pairPolicyRuns(scenario, options);
    // The plain scenario: the preset's own text with its policies section cut off.
    const text = await Deno.readTextFile(
      new URL("../../data/scenarios/warning.yaml", import.meta.url),
    );
    const plain = parseScenarioText(text.slice(0, text.indexOf("\npolicies:")) + "\n", {
      overrides: ["population.initial=1500"],
    });
    expect(plain.policies).toEqual([]);
    const alone = await simulate(plain, options);
    const [paired, single] = await Promise.all([digests(pair.baseline), digests(alone)]);
    expect(Object.keys(paired)).toEqual([
      "daily.csv",
      "daily.parquet",
      "events.csv",
      "events.parquet",
      "members.csv",
      "members.parquet",
      "tenure.csv",
    ]);
    expect(paired).toEqual(single);
    // The policy's run differs: it called members and saved some.
    expect(pair.effect.actions).toBeGreaterThan(0);
    expect(pair.effect.membersSaved).toBeGreaterThan(0);
    expect((await digests(pair.treated))["members.csv"]).not.toBe(single["members.csv"]);
  });

  test("a policy nobody responds to saves nothing and costs exactly its actions", async () => {
    const scenario = await loadScenario("warning", {
      overrides: ["population.initial=1000", "policies[0].response=0"],
    });
    const pair = await pairPolicyRuns(scenario, { seed: 2, days: 90, workers: 1 });
    expect(pair.effect.membersSaved).toBe(0);
    expect(pair.effect.revenueSaved).toBe(0);
    expect(pair.effect.cost).toBe(2 * pair.effect.actions);
    expect(pair.effect.netValue).toBe(-pair.effect.cost);
    expect(pair.treated.daily).toEqual(pair.baseline.daily);
  });

  test("comparePolicyOutcomes weighs revenue by the margin and checks it", () => {
    const without = { live: 90, revenue: 1000, alerts: 0, actions: 0, refused: 0, cost: 0 };
    const withIt = { live: 95, revenue: 1300, alerts: 50, actions: 40, refused: 10, cost: 80 };
    expect(comparePolicyOutcomes(withIt, without, 0.4)).toEqual({
      alerts: 50,
      actions: 40,
      refused: 10,
      membersSaved: 5,
      revenueSaved: 300,
      cost: 80,
      netValue: 40,
    });
    expect(() => comparePolicyOutcomes(withIt, without, 1.5)).toThrow(
      "Cannot compare policy outcomes: margin is 1.5, expected a share in [0, 1]",
    );
  });

  test("summarizePolicyRun and withoutPolicy name the policy they work on", async () => {
    const scenario = await loadScenario("warning");
    expect(withoutPolicy(scenario, "call").policies).toEqual([]);
    expect(() => withoutPolicy(scenario, "sms")).toThrow(
      "Cannot pair policy runs: scenario 'warning' has no policy 'sms' (policies: call)",
    );
    const run = await simulate(withoutPolicy(scenario, "call"), {
      members: 50,
      days: 30,
      workers: 1,
    });
    expect(summarizePolicyRun(run, "call")).toMatchObject({ alerts: 0, actions: 0, cost: 0 });
  });
});
