import { describe, expect, test } from "vitest";
import { scenarioJsonSchema } from "../../sim/scenario_schema.ts";

const committedUrl = new URL("../../data/scenarios/scenario.schema.json", import.meta.url);

describe("scenarioJsonSchema", () => {
  test("scenarioJsonSchema equals the committed data/scenarios/scenario.schema.json", async () => {
    // When this fails, regenerate: deno task lab schema --out data/scenarios/scenario.schema.json
    const committed = JSON.parse(await Deno.readTextFile(committedUrl));
    expect(committed).toEqual(scenarioJsonSchema());
  });

  test("scenarioJsonSchema describes the file as written: strict, defaults optional", () => {
    const schema = scenarioJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      "name",
      "horizon",
      "stages",
      "initialStage",
      "population",
      "purchases",
    ]);
  });

  test.each(["default", "ref-lifecycle-v1"])(
    "the preset %s points editors at the schema on its first line",
    async (name) => {
      const url = new URL(`../../data/scenarios/${name}.yaml`, import.meta.url);
      const first = (await Deno.readTextFile(url)).split("\n")[0];
      expect(first).toBe("# yaml-language-server: $schema=./scenario.schema.json");
    },
  );
});
