/**
 * Loading scenarios from files: a preset name (`default`, `ref-lifecycle-v1`, the YAML files
 * in `data/scenarios/`) or a path to a `.yaml`, `.yml` or `.json` file. Issues name the file
 * and line, e.g. `default.yaml:14: stages.active.hazard.value: must be ≤ 1, got 1.3`.
 *
 * @module
 */
import type { Scenario } from "../sim/scenario.ts";
import { ScenarioError } from "../sim/scenario_error.ts";

/** Folder of the preset scenarios, resolved from this module so it works from any cwd. */
export const SCENARIO_PRESETS_URL: URL = new URL("../data/scenarios/", import.meta.url);

/** Options of {@link loadScenario}. */
export interface LoadScenarioOptions {
  /** `path=value` overrides applied before validation, e.g. `population.initial=5000`. */
  readonly overrides?: readonly string[];
}

/**
 * Loads, overrides and validates a scenario from a preset name or a file path. Throws a
 * `ScenarioError` for an invalid scenario (issues with file name and line) and for a
 * missing preset or file (naming the presets).
 *
 * @example
 * ```ts
 * import { loadScenario } from "./scenario_file.ts";
 * const scenario = await loadScenario("default", { overrides: ["population.initial=500"] });
 * if (scenario.population.initial !== 500) throw new Error("unexpected");
 * ```
 */
export async function loadScenario(
  nameOrPath: string,
  options: LoadScenarioOptions = {},
): Promise<Scenario> {
  const { url, source, format } = await resolveScenario(nameOrPath);
  let text: string;
  try {
    text = await Deno.readTextFile(url);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw notFound(`no file '${nameOrPath}'`);
  }
  // Loaded on first use (the schema builds zod validators, the parser loads yaml), so
  // commands that read no scenario, and every --help, start without them.
  const { parseScenarioText } = await import("../sim/scenario_text.ts");
  return parseScenarioText(text, { format, source, overrides: options.overrides ?? [] });
}

/**
 * The names of the preset scenarios in `data/scenarios/`, sorted.
 *
 * @example
 * ```ts
 * import { scenarioPresets } from "./scenario_file.ts";
 * if (!(await scenarioPresets()).includes("default")) throw new Error("unexpected");
 * ```
 */
export async function scenarioPresets(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(SCENARIO_PRESETS_URL)) {
    if (entry.isFile && entry.name.endsWith(".yaml")) names.push(entry.name.slice(0, -5));
  }
  return names.sort();
}

async function resolveScenario(
  nameOrPath: string,
): Promise<{ url: string | URL; source: string; format: "yaml" | "json" }> {
  const extension = /\.([^./\\]+)$/.exec(nameOrPath)?.[1]?.toLowerCase();
  if (extension === undefined && !/[/\\]/.test(nameOrPath)) {
    const presets = await scenarioPresets();
    if (!presets.includes(nameOrPath)) {
      throw notFound(
        `no preset '${nameOrPath}' (presets: ${presets.join(", ")}; ` +
          "or give a path to a .yaml, .yml or .json file)",
      );
    }
    const file = `${nameOrPath}.yaml`;
    return { url: new URL(file, SCENARIO_PRESETS_URL), source: file, format: "yaml" };
  }
  if (extension === "yaml" || extension === "yml" || extension === "json") {
    return { url: nameOrPath, source: nameOrPath, format: extension === "json" ? "json" : "yaml" };
  }
  throw notFound(`'${nameOrPath}' is neither a preset name nor a .yaml, .yml or .json file`);
}

/** A scenario that cannot be found is an input error like an invalid one: one error type. */
function notFound(message: string): ScenarioError {
  return new ScenarioError([{ path: "", message }]);
}
