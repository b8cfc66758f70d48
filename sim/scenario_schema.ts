/**
 * The scenario language as a JSON Schema (draft 2020-12), generated from the zod schema of
 * `scenario.ts` for editors: `data/scenarios/scenario.schema.json` is this output, and
 * YAML files opt in with `# yaml-language-server: $schema=./scenario.schema.json`. It
 * describes the file as written (defaults optional); the semantic checks of `validate.ts`
 * (declared stage names, reachability, …) are beyond what JSON Schema expresses.
 *
 * @module
 */
import { z } from "zod";
import { ScenarioSchema } from "./scenario.ts";

/**
 * The JSON Schema of scenario files, as `z.toJSONSchema(ScenarioSchema, { io: "input" })`.
 *
 * @example
 * ```ts
 * import { scenarioJsonSchema } from "./scenario_schema.ts";
 * const schema = scenarioJsonSchema();
 * if (schema.type !== "object" || schema.additionalProperties !== false) throw new Error("no");
 * ```
 */
export function scenarioJsonSchema(): z.core.JSONSchema.BaseSchema {
  return z.toJSONSchema(ScenarioSchema, { io: "input" });
}
