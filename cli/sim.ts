/**
 * `lab sim`: runs a scenario and writes its run folder (manifest, daily and tenure
 * tables, and on request the member table and event log), then prints a short summary
 * or, with `--json`, the run summary as JSON.
 *
 * @module
 */
import { defaultRunDir, type RunFormat, type RunManifest, writeRun } from "../io/run_folder.ts";
import { loadScenario } from "../io/scenario_file.ts";
import type { RunResult } from "../sim/run_result.ts";
import { simulate } from "../sim/run.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import {
  type Command,
  integerOption,
  listOption,
  parseCommandLine,
  printJson,
  seedOption,
  UsageError,
} from "./command.ts";
import { createProgress, progressMode } from "./progress.ts";

/** Defaults of `lab sim`. */
export const SIM_DEFAULTS = {
  formats: ["csv"] as readonly RunFormat[],
  engine: "event",
  /** Share of the machine's available memory a run may take for member rows and events. */
  memoryShare: 0.8,
} as const;

const HELP = `Usage: deno task lab sim <scenario> [options]

Runs a scenario (a preset name such as default or ref-lifecycle-v1, or a YAML/JSON
file) and writes its run folder: manifest.json, daily, tenure, members (unless
--no-members) and events (with --events).

Options:
  --seed N          seed of the run (default: the scenario's seed)
  --members N       members on day 0 (default: the scenario's population.initial)
  --days N          days simulated (default: the scenario's horizon)
  --out DIR         run folder (default: runs/<scenario>-<seed>)
  --events          also write the event log (events.csv / events.parquet)
  --no-members      do not write the member table
  --workers N       worker threads (default: every core)
  --engine MODE     event (default) or day (the day-stepped reference)
  --set PATH=VALUE  override a scenario field, repeatable (--set referral.conversion=0.3)
  --format LIST     csv, parquet or csv,parquet (default: csv; tenure is always CSV)
  --json            print the run summary as JSON instead of text
  -h, --help        show this help

A run that would need more than ${
  SIM_DEFAULTS.memoryShare * 100
}% of the available memory for member rows and events
is refused (exit code 2), as is an invalid scenario.

Example:
  deno task lab sim default --seed 7 --members 5000 --days 180 --events --format csv,parquet`;

/**
 * The `lab sim` command.
 *
 * @example Run a small simulation into a temporary folder
 * ```ts
 * import { simCommand } from "./sim.ts";
 * const out = await Deno.makeTempDir();
 * const args = ["default", "--members=200", "--days=10", "--workers=1", "--out", out, "--json"];
 * if ((await simCommand.run(args)) !== 0) throw new Error("unexpected");
 * ```
 */
export const simCommand: Command = {
  name: "sim",
  help: HELP,
  run: runSim,
};

/** The JSON summary `lab sim --json` prints. */
export interface SimSummary {
  readonly scenario: string;
  readonly seed: number | string;
  readonly version: string;
  readonly engine: "event" | "day";
  readonly workers: number;
  readonly horizon: number;
  readonly out: string;
  readonly totals: RunResult["totals"];
  readonly timings: RunManifest["timings"];
  readonly memberDaysPerSecond: number;
  readonly files: RunManifest["files"];
}

async function runSim(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("sim", argv, {
    seed: { type: "string" },
    members: { type: "string" },
    days: { type: "string" },
    out: { type: "string" },
    events: { type: "boolean" },
    "no-members": { type: "boolean" },
    workers: { type: "string" },
    engine: { type: "string" },
    set: { type: "string", multiple: true },
    format: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      `sim: expected one scenario (a preset name or a file), got ${positionals.length}. ` +
        "Run 'lab sim --help' for the options.",
    );
  }
  const json = values.json === true;
  const engine = values.engine ?? SIM_DEFAULTS.engine;
  if (engine !== "event" && engine !== "day") {
    throw new UsageError(`--engine: expected event or day, got '${engine}'`);
  }
  const formats = listOption(values, "format", ["csv", "parquet"] as const, SIM_DEFAULTS.formats);
  const members = integerOption(values, "members", { min: 0 });
  const days = integerOption(values, "days", { min: 1, max: 36500 });
  const workers = integerOption(values, "workers", { min: 1 });
  const seed = seedOption(values);
  const overrides = (values.set ?? []) as string[];

  let result: RunResult;
  const progress = createProgress({
    label: `sim ${positionals[0]}`,
    mode: progressMode({ quiet: json }),
  });
  try {
    const scenario = await loadScenario(positionals[0], { overrides });
    result = await simulate(scenario, {
      seed,
      members,
      days,
      workers,
      engine,
      record: { members: values["no-members"] !== true, events: values.events === true },
      memoryBudget: Deno.systemMemoryInfo().available * SIM_DEFAULTS.memoryShare,
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (error) {
    // An invalid scenario or a refused run ("Cannot simulate: the run would need about …")
    // is the caller's to fix: exit 2 with the message. Other errors are bugs and keep their stack.
    const refused = error instanceof RangeError && error.message.startsWith("Cannot ");
    if (error instanceof ScenarioError || refused) {
      throw new UsageError(error.message);
    }
    throw error;
  } finally {
    progress.finish();
  }

  const out = typeof values.out === "string" ? values.out : defaultRunDir(
    result.scenario.name,
    result.seed,
  );
  progress.note(`writing ${out}`);
  let manifest: RunManifest;
  try {
    manifest = await writeRun(result, out, { formats });
  } catch (error) {
    // A folder that cannot be written (permissions, full disk) is not a bug: say so, exit 1.
    if (
      !(error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotFound ||
        error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.NotADirectory ||
        error instanceof Deno.errors.IsADirectory)
    ) throw error;
    console.error(`error: Cannot write run folder ${out}: ${error.message}`);
    return 1;
  }
  const summary = summarize(result, manifest, out);
  if (json) printJson(summary);
  else console.log(formatSummary(summary));
  return 0;
}

function summarize(result: RunResult, manifest: RunManifest, out: string): SimSummary {
  const simulation = result.timings.simulation;
  return {
    scenario: result.scenario.name,
    seed: result.seed,
    version: result.version,
    engine: result.engine,
    workers: result.workers,
    horizon: result.horizon,
    out,
    totals: result.totals,
    timings: manifest.timings,
    memberDaysPerSecond: simulation > 0 ? result.totals.memberDays / simulation : NaN,
    files: manifest.files,
  };
}

function formatSummary(s: SimSummary): string {
  const count = (x: number) => x.toLocaleString("en-US");
  const t = s.totals;
  const share = t.members > 0 ? `${((t.churned / t.members) * 100).toFixed(1)}%` : "n/a";
  const speed = Number.isFinite(s.memberDaysPerSecond)
    ? `${(s.memberDaysPerSecond / 1e6).toFixed(2)}M member-days/s`
    : "n/a";
  return [
    `Simulated ${s.scenario} (seed ${s.seed}, ${s.horizon} days, ${s.engine} engine, ` +
    `${s.workers} worker${s.workers === 1 ? "" : "s"})`,
    `  members     ${count(t.members)} (${count(t.initial)} initial, ${count(t.acquired)} ` +
    `acquired, ${count(t.referred)} referred)`,
    `  churned     ${share} (${count(t.churned)})`,
    `  orders      ${count(t.orders)}`,
    `  revenue     ${
      t.revenue.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    }`,
    `  K-factor    ${Number.isFinite(t.kFactor) ? t.kFactor.toFixed(3) : "n/a"}`,
    `  speed       ${speed} (simulation ${s.timings.simulation.toFixed(2)} s, ` +
    `writing ${s.timings.write.toFixed(2)} s)`,
    `  run folder  ${s.out} (${s.files.map((f) => f.name).join(", ")})`,
  ].join("\n");
}
