/**
 * `lab check`: validates a scenario (preset or file, with `--set` overrides) and prints it
 * resolved, defaults filled in, or every problem with its path and line (exit code 2).
 *
 * @example
 * ```ts
 * import { checkCommand } from "./check.ts";
 * const code = await checkCommand.run(["default", "--set", "population.initial=10", "--json"]);
 * if (code !== 0) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { stringify } from "yaml";
import { type Command, parseCommandLine, printJson, UsageError } from "./command.ts";
import { loadScenario } from "../io/scenario_file.ts";
import { ScenarioError } from "../sim/scenario_error.ts";

const HELP = `Usage: deno task lab check <scenario> [--set PATH=VALUE ...] [--json]

Validates a scenario: a preset name (default, ref-lifecycle-v1) or a .yaml, .yml or .json
file. Prints the resolved scenario with every default filled in, or every problem as
file:line: path: message (exit code 2).

Options:
  --set PATH=VALUE  override a field before validating, repeatable; the value is YAML
                    (--set referral.conversion=0.3 --set "rules[0].from=[new, at_risk]")
  --json            print {"valid": true, "scenario": …} or {"valid": false, "issues": […]}
  -h, --help        show this help

Example:
  deno task lab check default --set stages.new.hazard.value=0.02`;

/** The `lab check` command. */
export const checkCommand: Command = {
  name: "check",
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseCommandLine("check", argv, {
      set: { type: "string", multiple: true },
      json: { type: "boolean" },
    });
    if (positionals.length !== 1) {
      throw new UsageError(
        `check: expected one scenario (a preset name or a file), got ${positionals.length}`,
      );
    }
    const overrides = (values.set ?? []) as string[];
    const json = values.json === true;
    try {
      const scenario = await loadScenario(positionals[0], { overrides });
      if (json) printJson({ valid: true, scenario });
      else {
        const counts = `${Object.keys(scenario.stages).length} stages, ` +
          `${scenario.rules.length} rules, ${scenario.channels.length} channels`;
        console.log(`# ${positionals[0]}: valid (${counts}); defaults filled in`);
        console.log(stringify(scenario, { lineWidth: 100 }).trimEnd());
      }
      return 0;
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      if (json) printJson({ valid: false, source: error.source ?? null, issues: error.issues });
      else console.error(error.message);
      return 2;
    }
  },
};
