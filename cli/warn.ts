/**
 * `lab warn`: early warning (frameworks.md §4). `lab warn sweep` calibrates a warning
 * policy's inactivity window on a simulated population with paired, replicated runs
 * (`experiments/warning_sweep.ts`) and writes an output folder; `lab warn evaluate`
 * scores warning rules on an existing event log or run folder (`_warn_evaluate.ts`).
 *
 * @module
 */
import { loadScenario } from "../io/scenario_file.ts";
import { defaultRunDir } from "../io/run_folder.ts";
import {
  sweepWarningWindows,
  WARNING_SWEEP_DEFAULTS,
  type WarningSweep,
  WINDOW_FIGURES,
} from "../experiments/warning_sweep.ts";
import { renderWarningWindows } from "../report/charts/warning_windows.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import {
  type Command,
  integerOption,
  numberOption,
  parseCommandLine,
  seedOption,
  UsageError,
} from "./command.ts";
import { createProgress, progressMode } from "./progress.ts";
import { reportDataErrors } from "./_event_file.ts";
import { csvTable, writeOutputFolder, type WrittenOutput } from "./_warn_output.ts";
import { jsonNumbers } from "../io/json.ts";
import { EVALUATE_HELP, runEvaluate } from "./_warn_evaluate.ts";
import { parseValues } from "./_warn_values.ts";

const SWEEP_HELP =
  `Usage: deno task lab warn sweep <scenario> --rule inactivity --windows SPEC [options]

Calibrates a warning policy's inactivity window on a simulated population, where the truth
is known. For each replication (seed <seed>/<r>): one run of the scenario without the
policy and one run per window with it, on the same seed, so members are the same until
the policy touches them. Per window, the mean over replications with a 95% interval:
alerts, actions, refused (over capacity), precision, recall and median lead time of the
inactivity rule (judged on the run without the policy: alerts at least --latency days
before a churn within --horizon days), members saved (live at the end, with − without),
revenue saved, cost and net value (margin × revenue saved − cost). The best window has the
highest mean net value. Alerts reach members who churned unseen too: an operator sees
silence, not churn.

Writes to --out: windows.csv (tidy: window, figure, mean, lower, upper), replications.csv
(every window in every replication), lead_times.csv (churns caught by lead time, pooled),
windows.svg (net value, precision and recall by window), sweep.json and manifest.json
(scenario, seed, version, options, files with SHA-256), each file written atomically.

Options:
  --rule R            inactivity (the rule a policy's trigger runs; other rules: lab warn
                      evaluate)
  --windows SPEC      windows in days: 3..30 (every day), 3..30:3 (every 3rd), 7,14,30,
                      or a mix (3..10,14,30); required
  --policy NAME       the scenario's policy to sweep (default: its first inactivity policy)
  --budget N          actions per day (the policy's daily capacity; default the scenario's)
  --replications R    paired run sets (default ${WARNING_SWEEP_DEFAULTS.replications})
  --workers N         worker threads running the runs (default 1: this thread)
  --seed S            seed (default the scenario's)
  --members N         members on day 0 (default the scenario's)
  --days N            days simulated (default the scenario's horizon)
  --horizon H         days after an alert within which a churn makes it right (default ${WARNING_SWEEP_DEFAULTS.horizon})
  --latency L         days an intervention needs before churn (default ${WARNING_SWEEP_DEFAULTS.latency})
  --margin M          share of revenue kept as value, 0–1 (default ${WARNING_SWEEP_DEFAULTS.margin})
  --set PATH=VALUE    override a scenario field, repeatable
  --out DIR           output folder (default runs/warn-<scenario>-<seed>)
  --json              print the sweep as JSON (with the files written)
  -h, --help          show this help

Example:
  deno task lab warn sweep warning --rule inactivity --windows 3..30 --replications 10 \\
    --budget 400 --workers 2 --json`;

const HELP = `Usage: deno task lab warn <sweep|evaluate> ... (each has --help)

  sweep     calibrate a warning policy's inactivity window on a simulated population:
            paired runs with and without the policy, per window precision, recall,
            lead time, members and revenue saved, cost and net value
  evaluate  score warning rules (inactivity, RFM downgrade, group activity, P(alive))
            on an event log or run folder: precision, recall, alerts per day, lead
            times and the precision–recall curve

${SWEEP_HELP}

${EVALUATE_HELP}`;

const SWEEP_OPTIONS = {
  rule: { type: "string" },
  windows: { type: "string" },
  policy: { type: "string" },
  budget: { type: "string" },
  replications: { type: "string" },
  workers: { type: "string" },
  seed: { type: "string" },
  members: { type: "string" },
  days: { type: "string" },
  horizon: { type: "string" },
  latency: { type: "string" },
  margin: { type: "string" },
  set: { type: "string", multiple: true },
  out: { type: "string" },
  json: { type: "boolean" },
} as const;

/**
 * The `lab warn` command.
 *
 * @example Sweep two windows of the warning preset on a small population
 * ```ts
 * import { warnCommand } from "./warn.ts";
 * const out = await Deno.makeTempDir();
 * const args = ["sweep", "warning", "--rule", "inactivity", "--windows", "7,14",
 *   "--replications", "2", "--members", "300", "--days", "60", "--out", out, "--json"];
 * if ((await warnCommand.run(args)) !== 0) throw new Error("unexpected");
 * ```
 */
export const warnCommand: Command = {
  name: "warn",
  help: HELP,
  subcommandHelp: { sweep: SWEEP_HELP, evaluate: EVALUATE_HELP },
  run: (argv) => reportDataErrors(() => runWarn(argv)),
};

async function runWarn(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "sweep") return await runSweep(rest);
  if (sub === "evaluate") return await runEvaluate(rest);
  throw new UsageError(
    `warn: expected a sub-command 'sweep' or 'evaluate', got '${sub ?? ""}'. ` +
      "Run 'lab warn --help' for the options.",
  );
}

async function runSweep(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("warn sweep", argv, SWEEP_OPTIONS);
  if (positionals.length !== 1) {
    throw new UsageError(
      `warn sweep: expected one scenario (a preset name or a file), got ${positionals.length}. ` +
        "Run 'lab warn sweep --help' for the options.",
    );
  }
  const rule = values.rule ?? "inactivity";
  if (rule !== "inactivity") {
    throw new UsageError(
      `--rule: the sweep varies the window of a policy's inactivity trigger; expected ` +
        `inactivity, got '${rule}' (score other rules on a log with lab warn evaluate)`,
    );
  }
  if (typeof values.windows !== "string") {
    throw new UsageError("warn sweep: --windows is required, e.g. --windows 3..30");
  }
  const windows = parseValues(values.windows, "windows", { integer: true, min: 1 });
  const json = values.json === true;
  let scenario;
  try {
    scenario = await loadScenario(positionals[0], { overrides: (values.set ?? []) as string[] });
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
  const options = {
    windows,
    policy: typeof values.policy === "string" ? values.policy : undefined,
    budget: numberOption(values, "budget"),
    replications: integerOption(values, "replications", { min: 1 }),
    workers: integerOption(values, "workers", { min: 1 }),
    seed: seedOption(values),
    members: integerOption(values, "members", { min: 0 }),
    days: integerOption(values, "days", { min: 1, max: 36500 }),
    horizon: integerOption(values, "horizon", { min: 1 }),
    latency: integerOption(values, "latency", { min: 0 }),
    margin: numberOption(values, "margin"),
  };
  const progress = createProgress({
    label: `warn sweep ${positionals[0]}`,
    mode: progressMode({ quiet: json }),
  });
  let sweep: WarningSweep;
  try {
    sweep = await sweepWarningWindows(scenario, {
      ...options,
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.finish();
  }
  const out = typeof values.out === "string"
    ? values.out
    : defaultRunDir(`warn-${scenario.name}`, sweep.seed);
  progress.note(`writing ${out}`);
  const files = await writeSweep(out, sweep, scenario, argv);
  if (json) {
    const { summary: _summary, ...rest } = sweep;
    console.log(JSON.stringify({ ...rest, out, files }, jsonNumbers, 2));
    return 0;
  }
  printSweep(sweep, out, files);
  return 0;
}

/** Writes a sweep's output folder; returns the files written. */
async function writeSweep(
  out: string,
  sweep: WarningSweep,
  scenario: unknown,
  argv: readonly string[],
): Promise<WrittenOutput[]> {
  const tidy = sweep.windows.flatMap((w) =>
    WINDOW_FIGURES.map((k) => [w.window, k, w[k].mean, w[k].lower, w[k].upper, w[k].n, 0.95])
  );
  const { summary: _summary, ...body } = sweep;
  const files = [
    csvTable(
      "windows.csv",
      ["window", "figure", "mean", "lower", "upper", "replications", "level"],
      tidy,
    ),
    csvTable(
      "replications.csv",
      ["window", "replication", "seed", ...WINDOW_FIGURES.map(snake)],
      sweep.rows.map((r) => [r.window, r.replication, r.seed, ...WINDOW_FIGURES.map((k) => r[k])]),
    ),
    csvTable(
      "lead_times.csv",
      ["window", "lead_days", "churns"],
      sweep.leadTimes.map((l) => [l.window, l.days, l.churns]),
    ),
    {
      name: "windows.svg",
      text: renderWarningWindows(
        sweep.windows.map((w) => ({
          window: w.window,
          precision: interval(w.precision),
          recall: interval(w.recall),
          netValue: interval(w.netValue),
        })),
        { level: sweep.level },
      ),
    },
    { name: "sweep.json", text: JSON.stringify(body, jsonNumbers, 2) + "\n" },
  ];
  return await writeOutputFolder(out, files, {
    command: "warn sweep",
    arguments: argv,
    scenario,
    seed: sweep.seed,
    seeds: sweep.seeds,
    version: sweep.version,
    policy: sweep.policy.name,
    best: sweep.best,
    seconds: sweep.seconds,
  });
}

function printSweep(sweep: WarningSweep, out: string, files: readonly WrittenOutput[]): void {
  console.log(
    `Warning-window sweep of policy '${sweep.policy.name}' (${sweep.policy.action.type}) on ` +
      `${sweep.scenario}: ${sweep.replications} replications of ${sweep.members} members over ` +
      `${sweep.days} days, seed ${sweep.seed}; ${sweep.runs} runs in ${sweep.seconds.toFixed(1)} s`,
  );
  console.log(
    `Precision and recall: churn within ${sweep.horizon} days, at least ${sweep.latency} days ` +
      `after the alert; means with 95% intervals across replications`,
  );
  const head = ["window", "alerts", "precision", "recall", "lead", "saved", "revenue", "cost"];
  console.log(head.map((h) => h.padStart(10)).join("") + "  net value [95%]");
  const f = (x: number, digits = 0) => (Number.isNaN(x) ? "–" : x.toFixed(digits));
  const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)}%`);
  for (const w of sweep.windows) {
    const cells = [
      String(w.window),
      f(w.alerts.mean),
      pct(w.precision.mean),
      pct(w.recall.mean),
      f(w.medianLeadTime.mean, 1),
      f(w.membersSaved.mean, 1),
      f(w.revenueSaved.mean),
      f(w.cost.mean),
    ];
    const mark = w.window === sweep.best ? "  ← best" : "";
    console.log(
      cells.map((c) => c.padStart(10)).join("") +
        `  ${f(w.netValue.mean)} [${f(w.netValue.lower)}, ${f(w.netValue.upper)}]${mark}`,
    );
  }
  console.log(
    `Best window: ${sweep.best} days. Output folder ${out}: ${files.map((x) => x.name).join(", ")}`,
  );
}

function interval(x: { mean: number; lower: number; upper: number }) {
  return { estimate: x.mean, lower: x.lower, upper: x.upper };
}

/** camelCase → snake_case, for CSV column names. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
