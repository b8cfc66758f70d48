/**
 * The simulation side of the lab: the scenario language (schema, validation with
 * line-numbered issues, text parsing, `--set` overrides, JSON Schema for editors).
 *
 * @example
 * ```ts
 * import { parseScenarioText, ScenarioError } from "./mod.ts";
 * try {
 *   parseScenarioText("name: x\nhorizon: 0\n", { source: "x.yaml" });
 * } catch (error) {
 *   if (!(error instanceof ScenarioError)) throw error;
 *   if (!error.message.includes("x.yaml:2: horizon: must be ≥ 1, got 0")) throw error;
 * }
 * ```
 *
 * @module
 */
export * from "./scenario.ts";
export * from "./scenario_error.ts";
export * from "./scenario_path.ts";
export * from "./validate.ts";
export * from "./scenario_text.ts";
export * from "./overrides.ts";
export * from "./scenario_schema.ts";
export * from "./run_result.ts";
export * from "./run.ts";
export * from "./plan.ts";
