import { afterAll, describe, expect, test, vi } from "vitest";
import { schemaCommand } from "../../cli/schema.ts";
import { scenarioJsonSchema } from "../../sim/scenario_schema.ts";

const folder = await Deno.makeTempDir({ prefix: "schema_test_" });
afterAll(() => Deno.remove(folder, { recursive: true }));

async function capture(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  try {
    return { code: await schemaCommand.run(argv), out: lines.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

describe("lab schema", () => {
  test("schema prints the scenario JSON Schema", async () => {
    const { code, out } = await capture([]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(scenarioJsonSchema());
  });

  test("schema --out writes the same text as the committed schema file", async () => {
    const out = `${folder}/scenario.schema.json`;
    const { code, out: printed } = await capture(["--out", out, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(printed)).toEqual({ written: out });
    const committed = new URL("../../data/scenarios/scenario.schema.json", import.meta.url);
    expect(await Deno.readTextFile(out)).toBe(await Deno.readTextFile(committed));
  });
});
