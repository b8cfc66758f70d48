/**
 * Experiments on simulated populations, every estimate checked against the simulator's
 * truth: the experiment language ({@link ExperimentSchema}: arms as scenario overrides or
 * warning policies, allocation weights, member / cluster / referral-tree randomization,
 * duration and looks, metrics and guardrails), its design, the analysis of one run from
 * per-arm sufficient statistics, true effects, R replications in workers and their
 * summary (bias, power, false-positive rate, coverage, stopping times), simulated power
 * curves, paired what-ifs of two scenarios, and result folders (tidy tables, charts,
 * manifest); and the warning-policy studies (window sweeps, paired policy runs).
 *
 * @example An A/A test replicated 3 times
 * ```ts
 * import { designExperiment, parseExperiment, runExperiment } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000,
 *   metrics: ["activation", "orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const { summary } = await runExperiment(design, { replications: 3 });
 * if (summary.effects[0].trueEffect !== 0) throw new Error("an A/A effect is 0");
 * ```
 *
 * @module
 */
export * from "./spec.ts";
export * from "./experiment_error.ts";
export * from "./parse.ts";
export * from "./load.ts";
export * from "./metrics.ts";
export * from "./design.ts";
export * from "./analyze.ts";
export * from "./replication.ts";
export * from "./truth.ts";
export * from "./summary.ts";
export * from "./run.ts";
export * from "./power_curve.ts";
export * from "./compare.ts";
export * from "./tidy.ts";
export * from "./tables.ts";
export * from "./output.ts";
export * from "./warning_sweep.ts";
export * from "./policy_pair.ts";
