/**
 * Experiment text (YAML or JSON) to a validated experiment: the zod schema, then the
 * checks it cannot express (unique arm names, looks within the duration). Every issue
 * names its path.
 *
 * @module
 */
import { parse as parseYaml } from "yaml";
import { rewriteZodIssues } from "../sim/_zod_issues.ts";
import { type Experiment, ExperimentSchema } from "./spec.ts";
import { ExperimentError, type ExperimentIssue } from "./experiment_error.ts";

/**
 * Validates an experiment object (parsed YAML or JSON); throws an {@link ExperimentError}
 * listing every issue with its path.
 *
 * @example
 * ```ts
 * import { parseExperiment } from "./parse.ts";
 * const experiment = parseExperiment({
 *   name: "aa", scenario: "default", duration: 30, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * });
 * if (experiment.arms[1].weight !== 1) throw new Error("unexpected");
 * ```
 */
export function parseExperiment(input: unknown, source?: string): Experiment {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ExperimentError([{
      path: "",
      message: "expected a mapping of experiment fields (name, scenario, arms, …)",
    }], source);
  }
  const parsed = ExperimentSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new ExperimentError(
      rewriteZodIssues(parsed.error.issues, ExperimentSchema, input),
      source,
    );
  }
  const experiment = parsed.data;
  const issues: ExperimentIssue[] = [];
  const seen = new Map<string, number>();
  experiment.arms.forEach((arm, i) => {
    const first = seen.get(arm.name);
    if (first !== undefined) {
      issues.push({ path: `arms[${i}].name`, message: `'${arm.name}' is also arms[${first}]` });
    } else seen.set(arm.name, i);
  });
  const looks = experiment.looks;
  if ("days" in looks) {
    looks.days.forEach((day, i) => {
      if (day > experiment.duration) {
        issues.push({
          path: `looks.days[${i}]`,
          message: `must be ≤ duration ${experiment.duration}, got ${day}`,
        });
      }
      if (i > 0 && day <= looks.days[i - 1]) {
        issues.push({
          path: `looks.days[${i}]`,
          message: `must be after the previous look (${looks.days[i - 1]}), got ${day}`,
        });
      }
    });
  } else if ("count" in looks && looks.count > experiment.duration) {
    issues.push({
      path: "looks.count",
      message:
        `must be ≤ duration ${experiment.duration} (one look a day at most), got ${looks.count}`,
    });
  }
  experiment.metrics.forEach((metric, i) => {
    if (experiment.metrics.indexOf(metric) !== i) {
      issues.push({ path: `metrics[${i}]`, message: `'${metric}' is listed twice` });
    }
  });
  if (issues.length > 0) throw new ExperimentError(issues, source);
  return experiment;
}

/**
 * Parses experiment text (YAML, which also reads JSON) and validates it.
 *
 * @example
 * ```ts
 * import { parseExperimentText } from "./parse.ts";
 * const text = "name: aa\nscenario: default\nduration: 30\nmetrics: [orders]\n" +
 *   "arms: [{ name: control }, { name: treatment }]\n";
 * if (parseExperimentText(text).duration !== 30) throw new Error("unexpected");
 * ```
 */
export function parseExperimentText(text: string, source?: string): Experiment {
  let input: unknown;
  try {
    input = parseYaml(text);
  } catch (error) {
    throw new ExperimentError([{
      path: "",
      message: `YAML syntax: ${(error as Error).message.split("\n")[0]}`,
    }], source);
  }
  return parseExperiment(input, source);
}
