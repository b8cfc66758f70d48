/**
 * `lab compare`: a what-if. Runs a scenario and the same scenario with `--set` changes
 * on paired seeds, R times, and reports each metric's difference with a 95% interval —
 * "what does this change do to next year?" — and writes the result folder (tables,
 * forest plot, manifest).
 *
 * @module
 */
import { COMPARE_DEFAULTS, compareScenarios, type WhatIfResult } from "../experiments/compare.ts";
import { type ResultManifest, writeWhatIfFolder } from "../experiments/output.ts";
import { snakeKeys, type TidyFormat } from "../experiments/tidy.ts";
import { defaultRunDir } from "../io/run_folder.ts";
import { loadScenario } from "../io/scenario_file.ts";
import { applyRunOptions } from "../sim/run.ts";
import type { Scenario } from "../sim/scenario.ts";
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
import { defaultWorkers, writeOrReport } from "./_result_folder.ts";

const HELP = `Usage: deno task lab compare <scenario> --set PATH=VALUE [--set …] [options]

A what-if without randomization: runs the scenario (a preset name or a YAML/JSON file)
and the scenario with the --set changes on the same seeds <seed>/<r>, R times, and
reports for each metric the base and changed means and their difference (absolute and
relative) with a paired-t interval over the R pairs. Metrics cover every member over the
scenario's horizon: members, revenue, net_value_total, cost_total (totals), activation,
activation_d<N>, retention_d<N>, orders, arpu, ltv, k_factor, cac, ltv_cac, cost,
net_value (per member or ratios). Writes whatif, pairs, summary.json, forest.svg and
manifest.json into the result folder.

Options:
  --set PATH=VALUE   a change, repeatable (--set referral.conversion=0.3); required
  --replications R   paired replications (default ${COMPARE_DEFAULTS.replications})
  --seed S           seed the pairs' seeds derive from (default: the scenario's)
  --members N        initial members of both (default: the scenario's)
  --days N           horizon of both (default: the scenario's)
  --metrics LIST     comma-separated metrics (default: ${COMPARE_DEFAULTS.metrics.join(",")})
  --level X          confidence level of the intervals (default ${COMPARE_DEFAULTS.level})
  --workers N        worker threads (default: every core)
  --out DIR          result folder (default: runs/compare-<scenario>-<seed>)
  --format LIST      table formats: csv, parquet, json, comma-separated (default: csv)
  --json             print the comparison as JSON (the folder's summary.json)
  -h, --help         show this help

Example:
  deno task lab compare default --set referral.conversion=0.3 --replications 20 --json`;

/**
 * The `lab compare` command.
 *
 * @example
 * ```ts
 * import { compareCommand } from "./compare.ts";
 * const out = await Deno.makeTempDir();
 * const code = await compareCommand.run(["default", "--set", "referral.conversion=0.4",
 *   "--members", "500", "--days", "60", "--replications", "3", "--metrics", "members",
 *   "--workers", "1", "--out", out, "--json"]);
 * if (code !== 0) throw new Error("unexpected");
 * ```
 */
export const compareCommand: Command = {
  name: "compare",
  help: HELP,
  run: runCompare,
};

async function runCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("compare", argv, {
    set: { type: "string", multiple: true },
    replications: { type: "string" },
    seed: { type: "string" },
    members: { type: "string" },
    days: { type: "string" },
    metrics: { type: "string" },
    level: { type: "string" },
    workers: { type: "string" },
    out: { type: "string" },
    format: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      `compare: expected one scenario (a preset name or a file), got ${positionals.length}. ` +
        "Run 'lab compare --help' for the options.",
    );
  }
  const changes = (values.set ?? []) as string[];
  if (changes.length === 0) {
    throw new UsageError("compare: give at least one change with --set PATH=VALUE");
  }
  const json = values.json === true;
  const replications = integerOption(values, "replications", { min: 2 }) ??
    COMPARE_DEFAULTS.replications;
  const members = integerOption(values, "members", { min: 0 });
  const days = integerOption(values, "days", { min: 1, max: 36500 });
  const workers = integerOption(values, "workers", { min: 1 }) ?? defaultWorkers();
  const level = values.level === undefined ? COMPARE_DEFAULTS.level : Number(values.level);
  if (!(level > 0 && level < 1)) {
    throw new UsageError(`--level: expected a number between 0 and 1, got '${values.level}'`);
  }
  const metrics = values.metrics === undefined
    ? undefined
    : String(values.metrics).split(",").map((m) => m.trim()).filter((m) => m !== "");
  const formats = listOption<TidyFormat>(values, "format", ["csv", "parquet", "json"], ["csv"]);
  const seed = seedOption(values);
  // Members and days resize both runs as `lab sim` does (a shorter run simply ends before
  // later shocks), rather than as overrides the scenario would have to validate.
  const size = { members, days };

  let base: Scenario, changed: Scenario;
  try {
    base = applyRunOptions(await loadScenario(positionals[0]), size);
    changed = applyRunOptions(await loadScenario(positionals[0], { overrides: changes }), size);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
  const progress = createProgress({
    label: `compare ${base.name}`,
    mode: progressMode({ quiet: json }),
  });
  const started = performance.now();
  let result: WhatIfResult;
  try {
    result = await compareScenarios(base, changed, {
      replications,
      workers,
      level,
      ...(seed === undefined ? {} : { seed }),
      ...(metrics === undefined ? {} : { metrics }),
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (error) {
    if (error instanceof RangeError && error.message.startsWith("Cannot ")) {
      throw new UsageError(error.message);
    }
    throw error;
  } finally {
    progress.finish();
  }
  const seconds = (performance.now() - started) / 1000;
  const out = typeof values.out === "string"
    ? values.out
    : defaultRunDir(`compare-${base.name}`, result.seed);
  const summary = snakeKeys({
    scenario: base.name,
    changes,
    seed: result.seed,
    version: VERSION,
    replications: result.replications,
    level: result.level,
    horizon: result.horizon,
    metrics: result.metrics,
    seconds,
    out,
  });
  progress.note(`writing ${out}`);
  const manifest = await writeOrReport(
    out,
    () => writeWhatIfFolder(result, base, changes, out, { summary, workers, seconds }, { formats }),
  );
  if (manifest === null) return 1;
  if (json) printJson(summary);
  else console.log(formatResult(result, changes, out, manifest));
  return 0;
}

function formatResult(
  result: WhatIfResult,
  changes: readonly string[],
  out: string,
  manifest: ResultManifest,
): string {
  const num = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : "—");
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
  const level = Math.round(result.level * 100);
  const lines = [
    `What if ${changes.join(", ")}? ${result.replications} paired runs of ${result.horizon} days`,
    "",
    `${"metric".padEnd(16)} ${"base".padStart(11)} ${"changed".padStart(11)}  ` +
    `change (${level}% interval)`,
  ];
  for (const m of result.metrics) {
    const change = m.relative === null
      ? `no interval (${m.failure})`
      : `${pct(m.relative.estimate)} [${pct(m.relative.lower)}, ${pct(m.relative.upper)}]`;
    lines.push(
      `${m.metric.padEnd(16)} ${num(m.base).padStart(11)} ${
        num(m.changed).padStart(11)
      }  ${change}`,
    );
  }
  lines.push("", `Wrote ${out} (${manifest.files.length} files).`);
  return lines.join("\n");
}
