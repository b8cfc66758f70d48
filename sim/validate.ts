/**
 * Validation of a scenario: the zod schema of `scenario.ts` (strict, unknown keys are
 * errors), then the semantic checks the schema cannot express (declared stage, attribute
 * and channel names; one churned stage; a stage graph without dead ends or unreachable
 * stages). Every problem is collected, not only the first, and reported with its path.
 *
 * @module
 */
import { type Scenario, ScenarioSchema } from "./scenario.ts";
import { ScenarioError, type ScenarioIssue } from "./scenario_error.ts";
import { formatScenarioPath } from "./scenario_path.ts";
import { rewriteZodIssues } from "./_zod_issues.ts";
import { checkStages, type Report } from "./_check_stages.ts";
import { checkPopulation } from "./_check_population.ts";
import { checkPolicies } from "./_check_policies.ts";

/** The outcome of {@link validateScenario}: the scenario, or every issue found. */
export type ScenarioValidation =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/**
 * Validates a scenario object (parsed YAML or JSON) and returns the scenario with defaults
 * filled in, or every issue found. Schema issues come first; the semantic checks run only
 * on input that passed the schema.
 *
 * @example
 * ```ts
 * import { validateScenario } from "./validate.ts";
 * const result = validateScenario({ name: "x" });
 * if (result.ok || !result.issues.some((i) => i.path === "horizon")) throw new Error("unexpected");
 * ```
 */
export function validateScenario(input: unknown): ScenarioValidation {
  const parsed = ScenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: rewriteZodIssues(parsed.error.issues, ScenarioSchema, input) };
  }
  const issues: ScenarioIssue[] = [];
  const report: Report = (path, message) => {
    issues.push({ path: formatScenarioPath(path), message });
  };
  checkStages(parsed.data, report);
  checkPopulation(parsed.data, report);
  checkPolicies(parsed.data, report);
  return issues.length === 0 ? { ok: true, scenario: parsed.data } : { ok: false, issues };
}

/**
 * Parses and validates a scenario object, throwing a {@link ScenarioError} that lists every
 * issue (`rules[2].to: unknown stage 'matur' (stages: …)`) when it cannot be used.
 *
 * @example
 * ```ts
 * import { parseScenario } from "./validate.ts";
 * import { ScenarioError } from "./scenario_error.ts";
 * try {
 *   parseScenario({ name: "x", horizon: 0 });
 *   throw new Error("expected a ScenarioError");
 * } catch (error) {
 *   if (!(error instanceof ScenarioError)) throw error;
 *   if (!error.message.includes("horizon: must be ≥ 1, got 0")) throw error;
 * }
 * ```
 */
export function parseScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
}
