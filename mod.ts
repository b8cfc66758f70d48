/**
 * Lifecycle Lab's library, following the data flow: scenarios and the simulator, event
 * logs, seeded randomness, the models (analytics, CLV, statistics, early warning), and
 * calibration of scenarios from logs. None of these use Deno or Node APIs; experiments
 * (`experiments/mod.ts`), files (`io/mod.ts`) and the report (`report/mod.ts`) are
 * imported from their own modules.
 *
 * @example Simulate a scenario and read its totals
 * ```ts
 * import { ScenarioSchema, simulate } from "./mod.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.05 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const run = await simulate(scenario, { workers: 1 });
 * if (run.totals.members !== 100) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./sim/mod.ts";
export * from "./log/mod.ts";
export * from "./random/mod.ts";
export * from "./models/math/mod.ts";
export * from "./models/analytics/mod.ts";
export * from "./models/clv/mod.ts";
export * from "./models/stats/mod.ts";
export * from "./models/warning/mod.ts";
export * from "./calibration/mod.ts";
