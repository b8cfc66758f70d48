import { afterAll, describe, expect, test } from "vitest";
import { schemaCommand } from "../../cli/schema.ts";
import { capture } from "./_capture.ts";
import { scenarioJsonSchema } from "../../sim/scenario_schema.ts";

const folder = await Deno.makeTempDir({ prefix: "schema_test_" });
afterAll(() => Deno.remove(folder, { recursive: true }));

describe("lab schema", () => {
  test("schema prints the scenario JSON Schema", async () => {
    const { code, out } = await capture(schemaCommand, []);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(scenarioJsonSchema());
  });

  test("schema --out writes the same text as the committed schema file", async () => {
    const out = `${folder}/scenario.schema.json`;
    const { code, out: printed } = await capture(schemaCommand, ["--out", out, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(printed)).toEqual({ written: out });
    const committed = new URL("../../data/scenarios/scenario.schema.json", import.meta.url);
    expect(await Deno.readTextFile(out)).toBe(await Deno.readTextFile(committed));
  });
});
