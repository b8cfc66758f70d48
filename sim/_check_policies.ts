/**
 * Semantic checks of a scenario's warning policies, run after the zod schema has passed:
 * unique names, declared stages in triggers (live ones for stage triggers), increasing
 * recall touches, mentor capacity only with an organization, and at most
 * {@link MAX_POLICIES} policies.
 *
 * @module
 */
import type { Scenario } from "./scenario.ts";
import type { Report } from "./_check_stages.ts";
import { listNames } from "./scenario_error.ts";

/** Limit on policies: per-member policy state lives in small fixed arrays. */
export const MAX_POLICIES = 8;

/**
 * Checks the policies; reports every problem found.
 *
 * @example
 * ```ts
 * import { checkPolicies } from "./_check_policies.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 1 }, purchases: { spend: { type: "fixed", value: 1 } },
 *   policies: [{ name: "p", trigger: { type: "stage", stages: ["gone"] },
 *     action: { type: "call", cost: 1, hazard: 0.5, days: 7 } }],
 * });
 * const found: string[] = [];
 * checkPolicies(scenario, (path, message) => found.push(`${path.join(".")}: ${message}`));
 * if (!found[0].startsWith("policies.0.trigger.stages.0: unknown stage 'gone'")) {
 *   throw new Error(found.join("; "));
 * }
 * ```
 */
export function checkPolicies(scenario: Scenario, report: Report): void {
  const policies = scenario.policies;
  if (policies.length > MAX_POLICIES) {
    report(["policies"], `has ${policies.length} policies; at most ${MAX_POLICIES} are allowed`);
  }
  const names = Object.keys(scenario.stages);
  const live = names.filter((n) => !scenario.stages[n].churned);
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    if (seen.has(policy.name)) report(["policies", i, "name"], `duplicate policy '${policy.name}'`);
    seen.add(policy.name);
    (policy.trigger.stages ?? []).forEach((stage, j) => {
      const path = ["policies", i, "trigger", "stages", j];
      if (!Object.hasOwn(scenario.stages, stage)) {
        report(path, `unknown stage '${stage}' (stages: ${listNames(names)})`);
      } else if (scenario.stages[stage].churned && policy.trigger.type === "stage") {
        // Churn is not seen when it happens; only the silence after it is.
        report(
          path,
          `must be a live stage (${listNames(live)}): entering the churned stage is not ` +
            "seen; reach churned members with an inactivity trigger",
        );
      }
    });
    const action = policy.action;
    if (action.type === "recall") {
      action.touches.forEach((day, j) => {
        if (j > 0 && day <= action.touches[j - 1]) {
          report(
            ["policies", i, "action", "touches", j],
            `must be after the previous touch (day ${action.touches[j - 1]}), got ${day}`,
          );
        }
      });
    }
    if (policy.capacity.perMentor !== undefined && scenario.organization === undefined) {
      report(
        ["policies", i, "capacity", "perMentor"],
        "needs an organization (groups under mentors) in the scenario",
      );
    }
  });
}
