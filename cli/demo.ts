/**
 * `lab demo` (`deno task demo`): runs the built-in default scenario, writes its run
 * folder and a self-contained HTML report (`report.html`) in it, and prints where the
 * report is.
 *
 * @module
 */
import { writeFileAtomic } from "../io/atomic.ts";
import { writeRun } from "../io/run_folder.ts";
import { loadScenario } from "../io/scenario_file.ts";
import { renderRunReport } from "../report/mod.ts";
import type { RunResult } from "../sim/run_result.ts";
import { simulate } from "../sim/run.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import {
  type Command,
  integerOption,
  parseCommandLine,
  printJson,
  seedOption,
  UsageError,
} from "./command.ts";

/** Defaults of `lab demo`. */
export const DEMO_DEFAULTS = {
  scenario: "default",
  out: "runs/demo",
} as const;

const HELP = `Usage: deno task demo [options]     (same as: deno task lab demo)

Runs the built-in default scenario (data/scenarios/default.yaml: 20,000 members on
day 0, 365 days), writes its run folder (manifest.json, daily, tenure and member
tables) and report.html, a self-contained page with the totals and charts (members by
stage, survival, revenue, orders, joins by channel, K-factor). Open it in a browser.

Options:
  --seed N       seed of the run (default: the scenario's seed, 42)
  --members N    members on day 0 (default: 20000)
  --out DIR      run folder (default: ${DEMO_DEFAULTS.out})
  --json         print the report path and run totals as JSON
  -h, --help     show this help

Example:
  deno task demo --seed 7 --members 5000 --out runs/demo-small`;

/** The `lab demo` command. */
export const demoCommand: Command = {
  name: "demo",
  help: HELP,
  run: runDemo,
};

/** What `lab demo --json` prints. */
export interface DemoSummary {
  readonly scenario: string;
  readonly seed: number | string;
  readonly version: string;
  readonly out: string;
  readonly report: string;
  readonly totals: RunResult["totals"];
  readonly memberDaysPerSecond: number;
}

async function runDemo(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("demo", argv, {
    seed: { type: "string" },
    members: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) {
    throw new UsageError(
      `demo: expected no arguments, got '${positionals.join(" ")}'. ` +
        "Run 'lab demo --help' for the options.",
    );
  }
  const members = integerOption(values, "members", { min: 0 });
  const seed = seedOption(values);
  const out = typeof values.out === "string" ? values.out : DEMO_DEFAULTS.out;
  let result: RunResult;
  try {
    const scenario = await loadScenario(DEMO_DEFAULTS.scenario);
    result = await simulate(scenario, { seed, members, record: { members: true } });
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof RangeError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
  await writeRun(result, out);
  const report = `${out}/report.html`;
  await writeFileAtomic(report, renderRunReport(result));
  const seconds = result.timings.simulation;
  const summary: DemoSummary = {
    scenario: result.scenario.name,
    seed: result.seed,
    version: result.version,
    out,
    report,
    totals: result.totals,
    memberDaysPerSecond: seconds > 0 ? result.totals.memberDays / seconds : NaN,
  };
  if (values.json === true) printJson(summary);
  else console.log(formatSummary(summary));
  return 0;
}

function formatSummary(s: DemoSummary): string {
  const t = s.totals;
  const k = Number.isFinite(t.kFactor) ? t.kFactor.toFixed(3) : "n/a";
  return [
    `Simulated ${s.scenario} (seed ${s.seed}): ${t.members.toLocaleString("en-US")} members, ` +
    `${t.orders.toLocaleString("en-US")} orders, K-factor ${k}`,
    `Run folder: ${s.out}`,
    `Report:     ${s.report}   (open it in a browser)`,
  ].join("\n");
}
