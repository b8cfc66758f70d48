import { afterAll, describe, expect, test } from "vitest";
import { loadScenario, scenarioPresets } from "../../io/scenario_file.ts";
import { ScenarioError } from "../../sim/scenario_error.ts";

const folder = await Deno.makeTempDir({ prefix: "scenario_file_test_" });
afterAll(() => Deno.remove(folder, { recursive: true }));

/** The message of the ScenarioError that loading throws. */
async function loadError(nameOrPath: string, overrides: string[] = []): Promise<string> {
  try {
    await loadScenario(nameOrPath, { overrides });
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error(`expected '${nameOrPath}' to fail`);
}

describe("loadScenario", () => {
  test("scenarioPresets lists the presets in data/scenarios", async () => {
    expect(await scenarioPresets()).toEqual(["default", "ref-lifecycle-v1", "warning"]);
  });

  test("loadScenario loads presets by name, whatever the working directory", async () => {
    expect((await loadScenario("default")).name).toBe("default");
    expect((await loadScenario("ref-lifecycle-v1")).name).toBe("ref_lifecycle_v1");
  });

  test("loadScenario applies overrides", async () => {
    const scenario = await loadScenario("default", {
      overrides: ["population.initial=5000", "referral.conversion=0.3"],
    });
    expect(scenario.population.initial).toBe(5000);
    expect(scenario.referral?.conversion).toBe(0.3);
  });

  test("loadScenario reads .yaml, .yml and .json files", async () => {
    const text = await Deno.readTextFile(
      new URL("../../data/scenarios/ref-lifecycle-v1.yaml", import.meta.url),
    );
    await Deno.writeTextFile(`${folder}/a.yml`, text);
    const scenario = await loadScenario(`${folder}/a.yml`);
    await Deno.writeTextFile(`${folder}/a.json`, JSON.stringify(scenario, null, 2));
    expect(await loadScenario(`${folder}/a.json`)).toEqual(scenario);
  });

  test("loadScenario errors name the file and line", async () => {
    await Deno.writeTextFile(`${folder}/bad.yaml`, "name: bad\nhorizon: -1\n");
    expect(await loadError(`${folder}/bad.yaml`)).toContain(
      `${folder}/bad.yaml:2: horizon: must be ≥ 1, got -1`,
    );
    expect(await loadError("default", ["stages.new.hazard.value=1.5"])).toBe(
      "Cannot use scenario: 1 problem in default.yaml\n" +
        "default.yaml: stages.new.hazard.value: must be ≤ 1, got 1.5 " +
        "(from override 'stages.new.hazard.value=1.5')",
    );
  });

  test("loadScenario names the presets when nothing matches", async () => {
    expect(await loadError("defualt")).toBe(
      "Cannot use scenario: 1 problem\nno preset 'defualt' (presets: default, " +
        "ref-lifecycle-v1, warning; or give a path to a .yaml, .yml or .json file)",
    );
    expect(await loadError(`${folder}/missing.yaml`)).toBe(
      `Cannot use scenario: 1 problem\nno file '${folder}/missing.yaml'`,
    );
    expect(await loadError(`${folder}/a.txt`)).toBe(
      `Cannot use scenario: 1 problem\n'${folder}/a.txt' is neither a preset name nor a ` +
        ".yaml, .yml or .json file",
    );
  });
});
