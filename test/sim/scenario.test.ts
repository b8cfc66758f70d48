import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { ScenarioSchema } from "../../sim/scenario.ts";
import { parseScenario } from "../../sim/validate.ts";

const presets = ["default", "ref-lifecycle-v1"];

async function readPreset(name: string): Promise<unknown> {
  return parse(
    await Deno.readTextFile(new URL(`../../data/scenarios/${name}.yaml`, import.meta.url)),
  );
}

describe("ScenarioSchema", () => {
  test.each(presets)("ScenarioSchema and parseScenario accept the preset %s", async (name) => {
    const input = await readPreset(name);
    expect(ScenarioSchema.safeParse(input).success).toBe(true);
    expect(parseScenario(input)).toEqual(ScenarioSchema.parse(input));
  });

  test("ScenarioSchema fills in the documented defaults", async () => {
    const scenario = parseScenario(await readPreset("ref-lifecycle-v1"));
    expect(scenario.attributes).toEqual({});
    expect(scenario.channels).toEqual([]);
    expect(scenario.shocks).toEqual([]);
    expect(scenario.effects).toEqual({ hazard: {}, orders: {} });
    expect(scenario.population).toEqual({
      initial: 1_000_000,
      mix: {},
      channel: "initial",
      orderOnJoin: false,
    });
    expect(scenario.referral).toMatchObject({
      channel: "referral",
      cost: 0,
      mix: {},
      inheritGroup: true,
    });
  });

  test("ScenarioSchema rejects unknown keys at every level", () => {
    const result = ScenarioSchema.safeParse({ extra: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });

  test("ScenarioSchema documents that an attribute missing from a mix is uniform", () => {
    const mix = ScenarioSchema.shape.population.shape.mix;
    expect(mix.description).toContain("an attribute missing from the mix is uniform");
  });
});
