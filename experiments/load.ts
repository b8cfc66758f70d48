/**
 * Loading an experiment from its file and its base scenario: a preset name, a path
 * relative to the experiment file, or a scenario written inline. Problems name the file
 * and the field (`aa.yaml: arms[1].set: …`, `aa.yaml: scenario.horizon: …`); a scenario
 * file's own problems name that file and line (a `ScenarioError`).
 *
 * @module
 */
import { dirname, isAbsolute, join } from "node:path";
import { loadScenario } from "../io/scenario_file.ts";
import type { Scenario } from "../sim/scenario.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import { parseScenario } from "../sim/validate.ts";
import { ExperimentError } from "./experiment_error.ts";
import { parseExperimentText } from "./parse.ts";
import type { Experiment } from "./spec.ts";

/** An experiment read from a file, with its base scenario loaded and validated. */
export interface LoadedExperiment {
  readonly experiment: Experiment;
  readonly base: Scenario;
  /** The file it came from. */
  readonly source: string;
}

/**
 * Reads, validates and resolves an experiment file (YAML or JSON). Throws an
 * {@link ExperimentError} naming the file and field for a bad experiment, an inline
 * scenario or a missing file; a scenario file's problems are a `ScenarioError`.
 *
 * @example
 * ```ts
 * import { loadExperiment } from "./load.ts";
 * const path = new URL("../data/experiments/aa.yaml", import.meta.url).pathname;
 * const { experiment, base } = await loadExperiment(path);
 * if (experiment.arms.length !== 2 || base.name !== "default") throw new Error("unexpected");
 * ```
 */
export async function loadExperiment(path: string): Promise<LoadedExperiment> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new ExperimentError([{ path: "", message: `no experiment file '${path}'` }]);
  }
  const experiment = parseExperimentText(text, path);
  const base = await resolveBaseScenario(experiment, dirname(path), path);
  return { experiment, base, source: path };
}

/**
 * The base scenario of an experiment: inline, a preset, or a file path resolved against
 * `folder` (the experiment file's folder). Scenario problems become experiment issues
 * under `scenario`.
 *
 * @example
 * ```ts
 * import { parseExperiment } from "./parse.ts";
 * import { resolveBaseScenario } from "./load.ts";
 * const experiment = parseExperiment({
 *   name: "aa", scenario: "default", duration: 30, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * });
 * if ((await resolveBaseScenario(experiment)).name !== "default") throw new Error("unexpected");
 * ```
 */
export async function resolveBaseScenario(
  experiment: Experiment,
  folder = ".",
  source?: string,
): Promise<Scenario> {
  const inline = typeof experiment.scenario !== "string";
  try {
    if (typeof experiment.scenario !== "string") return parseScenario(experiment.scenario);
    const name = experiment.scenario;
    const isPath = /[/\\]/.test(name) || /\.(ya?ml|json)$/i.test(name);
    return await loadScenario(isPath && !isAbsolute(name) ? join(folder, name) : name);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // A scenario file's own problems name that file and line: pass them on as they are.
    if (!inline && error.source !== undefined) throw error;
    throw new ExperimentError(
      error.issues.map((issue) => ({
        path: issue.path === "" ? "scenario" : `scenario.${issue.path}`,
        message: issue.message,
      })),
      source,
    );
  }
}
