/**
 * `lab experiment`: runs an experiment file's replications (in workers), checks every
 * estimate against the simulator's truth, writes the result folder (tidy tables, forest
 * plot, power curves, manifest) and prints per metric the true effect, mean estimate,
 * bias, power, A/A false-positive rate, coverage and, for sequential analyses, the
 * stopping-time distribution.
 *
 * @module
 */
import { ExperimentError } from "../experiments/experiment_error.ts";
import { designExperiment } from "../experiments/design.ts";
import { loadExperiment } from "../experiments/load.ts";
import { type ResultManifest, writeExperimentFolder } from "../experiments/output.ts";
import { type PowerCurvePoint, simulatePowerCurve } from "../experiments/power_curve.ts";
import { type ExperimentResult, runExperiment } from "../experiments/run.ts";
import type { Experiment } from "../experiments/spec.ts";
import type { TidyFormat } from "../experiments/tidy.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import { VERSION } from "../version.ts";
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
import { snakeKeys } from "../experiments/tidy.ts";
import { defaultRunDir } from "../io/run_folder.ts";
import { defaultWorkers, writeOrReport } from "./_result_folder.ts";

const HELP = `Usage: deno task lab experiment <spec> [options]

Runs an experiment file (YAML or JSON: base scenario, arms as overrides or warning
policies with weights, randomization unit, duration and looks, metrics, guardrails,
analysis) R times, each replication a fresh simulation with its own seed <seed>/<r>,
and checks every estimate against the true effect the simulator knows. Prints per
metric and arm: the true effect, mean estimate, bias, power, the false-positive rate
(A/A), interval coverage (each rate with its 99% binomial band), and for sequential
analyses the mSPRT's and the peeking test's rejection rates and stopping days.
Writes the result folder: metrics, estimates, truth, srm, sequential, stopping, cuped,
power_curve tables; summary.json; forest.svg; power_curve.svg; manifest.json.

Options:
  --replications R   replications (default: the spec's replications)
  --workers N        worker threads (default: every core)
  --seed S           seed the replications' seeds derive from (default: the spec's)
  --members N        initial members over all arms (default: the spec's)
  --assignment U     member, cluster or tree (default: the spec's)
  --sizes LIST       also simulate a power curve at these initial-member counts
                     (e.g. 5000,10000,20000); without it the curve is the normal
                     approximation from the replications' standard errors
  --out DIR          result folder (default: runs/experiment-<name>-<seed>)
  --format LIST      table formats: csv, parquet, json, comma-separated (default: csv)
  --json             print the summary as JSON (the folder's summary.json)
  -h, --help         show this help

Examples:
  deno task lab experiment data/experiments/aa.yaml --replications 1000 --json
  deno task lab experiment data/experiments/referral_campaign.yaml --assignment member`;

/**
 * The `lab experiment` command.
 *
 * @example
 * ```ts
 * import { experimentCommand } from "./experiment.ts";
 * const out = await Deno.makeTempDir();
 * const spec = new URL("../data/experiments/aa.yaml", import.meta.url).pathname;
 * const code = await experimentCommand.run([spec, "--replications", "2", "--members", "2000",
 *   "--workers", "1", "--out", out, "--json"]);
 * if (code !== 0) throw new Error("unexpected");
 * ```
 */
export const experimentCommand: Command = {
  name: "experiment",
  help: HELP,
  run: runExperimentCommand,
};

async function runExperimentCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("experiment", argv, {
    replications: { type: "string" },
    workers: { type: "string" },
    seed: { type: "string" },
    members: { type: "string" },
    assignment: { type: "string" },
    sizes: { type: "string" },
    out: { type: "string" },
    format: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      `experiment: expected one experiment file, got ${positionals.length}. ` +
        "Run 'lab experiment --help' for the options.",
    );
  }
  const json = values.json === true;
  const replications = integerOption(values, "replications", { min: 1 });
  const workers = integerOption(values, "workers", { min: 1 }) ?? defaultWorkers();
  const members = integerOption(values, "members", { min: 2 });
  const assignment = values.assignment === undefined ? undefined : String(values.assignment);
  if (assignment !== undefined && !["member", "cluster", "tree"].includes(assignment)) {
    throw new UsageError(`--assignment: expected member, cluster or tree, got '${assignment}'`);
  }
  const sizes = parseSizes(values.sizes);
  const formats = listOption<TidyFormat>(values, "format", ["csv", "parquet", "json"], ["csv"]);
  const seed = seedOption(values);

  let loaded;
  try {
    loaded = await loadExperiment(positionals[0]);
  } catch (error) {
    throw usage(error);
  }
  const experiment: Experiment = {
    ...loaded.experiment,
    ...(seed === undefined ? {} : { seed }),
    ...(members === undefined ? {} : { members }),
    ...(assignment === undefined ? {} : { assignment: assignment as Experiment["assignment"] }),
  };
  let design;
  try {
    design = designExperiment(experiment, loaded.base);
  } catch (error) {
    throw usage(error, loaded.source);
  }
  const R = replications ?? experiment.replications;
  const progress = createProgress({
    label: `experiment ${experiment.name}`,
    mode: progressMode({ quiet: json }),
  });
  let result: ExperimentResult;
  let curve: PowerCurvePoint[] | undefined;
  try {
    result = await runExperiment(design, {
      replications: R,
      workers,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    if (sizes !== undefined) {
      progress.note(`simulating the power curve at ${sizes.join(", ")} members`);
      curve = await simulatePowerCurve(experiment, loaded.base, sizes, {
        replications: R,
        workers,
        onProgress: (done, total) => progress.update(done, total),
      });
    }
  } catch (error) {
    throw usage(error, loaded.source);
  } finally {
    progress.finish();
  }
  const out = typeof values.out === "string"
    ? values.out
    : defaultRunDir(`experiment-${experiment.name}`, experiment.seed);
  const summary = experimentSummary(result, loaded.base.name, out, curve);
  progress.note(`writing ${out}`);
  const manifest = await writeOrReport(out, () =>
    writeExperimentFolder(result, loaded.base, out, {
      summary,
      ...(curve ? { powerCurve: curve } : {}),
    }, { formats }));
  if (manifest === null) return 1;
  if (json) printJson(summary);
  else console.log(formatSummary(result, out, manifest));
  return 0;
}

/** The JSON `lab experiment --json` prints (and summary.json holds), keys in snake_case. */
function experimentSummary(
  result: ExperimentResult,
  scenario: string,
  out: string,
  curve: readonly PowerCurvePoint[] | undefined,
): unknown {
  const { design, summary, truth } = result;
  const e = design.experiment;
  return snakeKeys({
    experiment: e.name,
    scenario,
    seed: e.seed,
    version: VERSION,
    replications: summary.replications,
    workers: result.workers,
    assignment: e.assignment,
    arms: design.arms.map((a) => ({ name: a.name, weight: a.weight })),
    duration: e.duration,
    looks: design.looks.map((d) => d - design.preDays),
    alpha: summary.alpha,
    scale: summary.scale,
    aa: summary.aa,
    truth: { method: truth.method, runs: truth.runs, seed: truth.seed },
    metrics: summary.effects,
    sequential: summary.sequential,
    cuped: summary.cuped,
    srm: summary.srm,
    ...(curve ? { powerCurve: curve } : {}),
    timings: result.timings,
    out,
  });
}

function formatSummary(result: ExperimentResult, out: string, manifest: ResultManifest): string {
  const { summary, design } = result;
  const pct = (x: number | undefined | null) =>
    x === undefined || x === null || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)}%`;
  const num = (x: number) => (Number.isFinite(x) ? x.toPrecision(3) : "—");
  const lines = [
    `${design.experiment.name}: ${summary.replications} replications` +
    ` (${design.experiment.assignment} randomization, α = ${summary.alpha}, ` +
    `${summary.scale} effects${summary.aa ? ", A/A" : ""}) in ` +
    `${(result.timings.truth + result.timings.replications).toFixed(1)} s`,
    "",
    `${"metric".padEnd(16)} ${"arm".padEnd(12)} ${"truth".padStart(9)} ${"mean est".padStart(9)}` +
    ` ${"bias".padStart(9)} ${"power".padStart(7)} ${"FPR".padStart(7)} ${"coverage".padStart(9)}`,
  ];
  for (const e of summary.effects) {
    const flag = (ok: boolean | undefined) => (ok === false ? "!" : " ");
    lines.push(
      `${e.metric.padEnd(16)} ${e.arm.padEnd(12)} ${num(e.trueEffect).padStart(9)} ` +
        `${num(e.meanEstimate).padStart(9)} ${num(e.bias).padStart(9)} ${
          pct(e.power).padStart(7)
        } ${pct(e.falsePositiveRate?.rate).padStart(6)}${flag(e.falsePositiveRate?.ok)} ${
          pct(e.coverage.rate).padStart(8)
        }${flag(e.coverage.ok)}`,
    );
  }
  if (summary.sequential.length > 0) {
    lines.push(
      "",
      "sequential (mSPRT, always valid) against a fixed-horizon test read at every look:",
    );
    for (const s of summary.sequential) {
      lines.push(
        `  ${s.metric} · ${s.arm}: mSPRT rejects ${pct(s.stopRate)}, peeking rejects ` +
          `${pct(s.peekingRate)} over ${s.looks.length} looks; median stopping day ` +
          `${Number.isFinite(s.stoppingDay.median) ? s.stoppingDay.median : "—"}`,
      );
    }
  }
  if (summary.cuped.length > 0) {
    lines.push("", "CUPED (initial members, pre-period covariate) against the plain test:");
    for (const c of summary.cuped) {
      lines.push(
        `  ${c.metric} · ${c.arm}: variance −${pct(c.meanVarianceReduction)}, standard error ` +
          `${num(c.adjusted.empiricalSe)} vs ${num(c.unadjusted.empiricalSe)}, coverage ` +
          `${pct(c.adjusted.coverage)} vs ${pct(c.unadjusted.coverage)}`,
      );
    }
  }
  lines.push(
    "",
    `sample-ratio alarms (p < 0.001): ${pct(summary.srm.alarmRate)}`,
    "! marks a rate outside its 99% binomial band.",
    `Wrote ${out} (${manifest.files.length} files).`,
  );
  return lines.join("\n");
}

function usage(error: unknown, source?: string): unknown {
  if (error instanceof ExperimentError || error instanceof ScenarioError) {
    return new UsageError(error.message);
  }
  if (error instanceof RangeError && error.message.startsWith("Cannot ")) {
    return new UsageError(source ? `${source}: ${error.message}` : error.message);
  }
  return error;
}

function parseSizes(raw: unknown): number[] | undefined {
  if (raw === undefined) return undefined;
  const sizes = String(raw).split(",").map((s) => Number(s.trim().replaceAll("_", "")));
  if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n >= 2)) {
    throw new UsageError(`--sizes: expected member counts ≥ 2 such as 5000,10000, got '${raw}'`);
  }
  return sizes;
}
