/**
 * `lab validate`: simulates a scenario over a log's calibration and holdout periods many
 * times and compares with what happened — cumulative repeat purchases week by week with
 * the replications' band (the CDNOW tracking plot), and mean holdout purchases by
 * calibration-period frequency beside BG/NBD's conditional expectations — writing charts,
 * tables and a manifest to an output folder.
 *
 * @module
 */
import { defaultRunDir } from "../io/mod.ts";
import { loadScenario } from "../io/scenario_file.ts";
import { escapeCsvField } from "../io/csv_writer.ts";
import { HOLDOUT_DEFAULTS, type HoldoutValidation, validateHoldout } from "../calibration/mod.ts";
import { plotConditionalExpectations, plotTracking, renderPlot } from "../report/mod.ts";
import { ordersOf } from "../models/clv/mod.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import type { Scenario } from "../sim/scenario.ts";
import { VERSION } from "../version.ts";
import {
  type Command,
  integerOption,
  parseCommandLine,
  printJson,
  seedOption,
  UsageError,
} from "./command.ts";
import {
  dateOfDay,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  type LoadSummary,
  printLoad,
} from "./_event_file.ts";
import { levelOption, logDayOption, reportModelErrors, timeUnitOption, UNIT_HELP } from "./clv.ts";
import { createProgress, progressMode } from "./progress.ts";
import { type OutputFile, writeOutputFolder } from "./_warn_output.ts";
import { jsonNumbers } from "../io/json.ts";

const HELP = `Usage: deno task lab validate <log> --scenario FILE --calibration-end DATE [options]

Simulates the scenario over the log's calibration and holdout periods many times and
compares with what really happened:
  tracking     cumulative repeat purchases of the calibration cohort per week (the CDNOW
               tracking plot), actual against BG/NBD's expectation and the simulated
               replications' mean and band
  conditional  mean holdout purchases by calibration-period frequency (0, 1, ..., 7+),
               actual against BG/NBD's conditional expectations and the simulations
  members      per member: history, P(alive), BG/NBD's expected and the actual holdout
               purchases
BG/NBD is fitted to the log's calibration period. Day 0 of the scenario is the log's
first purchase day (as 'lab calibrate' writes it); the scenario runs to the holdout end.
Writes tracking.csv, conditional.csv, members.csv, tracking.svg, tracking_weekly.svg,
conditional.svg and manifest.json (scenario, seeds, version, results) to the folder.

${LOADER_HELP}

Validation options:
  --scenario FILE       scenario file or preset name (required)
  --set PATH=VALUE      override a scenario field, repeatable
  --calibration-end D   last day of the calibration period, YYYY-MM-DD, YYYYMMDD or a
                        day number of the log (required)
  --holdout-end D       last day of the holdout (default: the log's last order)
  --replications R      simulated replications (default ${HOLDOUT_DEFAULTS.replications})
  --seed S              base seed; replication k runs with seed S.k (default: the
                        scenario's seed)
  --level P             level of the simulation bands (default ${HOLDOUT_DEFAULTS.level})
${UNIT_HELP}
                        (the tracking period and the unit of the model's times)
  --out DIR             output folder (default runs/validate-<scenario>-<seed>)

Example:
  deno task lab validate ../shared/data/cdnow/CDNOW_sample.txt --id-col 1 --date-col 2 \\
    --amount-col 4 --delimiter whitespace --no-header --scenario cdnow.yaml \\
    --calibration-end 1997-09-30 --replications 200`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  scenario: { type: "string" },
  set: { type: "string", multiple: true },
  "calibration-end": { type: "string" },
  "holdout-end": { type: "string" },
  replications: { type: "string" },
  seed: { type: "string" },
  level: { type: "string" },
  unit: { type: "string" },
  "month-days": { type: "string" },
  out: { type: "string" },
} as const;

/**
 * The `lab validate` command.
 *
 * @example See `test/cli/validate.test.ts`: calibrate CDNOW, then validate the scenario.
 * ```ts
 * import { validateCommand } from "./validate.ts";
 * if (!validateCommand.help.includes("--replications")) throw new Error("unexpected");
 * ```
 */
export const validateCommand: Command = {
  name: "validate",
  help: HELP,
  run: (argv) => reportModelErrors(() => runValidate(argv)),
};

async function runValidate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("validate", argv, OPTIONS);
  const scenarioName = values.scenario;
  if (typeof scenarioName !== "string" || scenarioName === "") {
    throw new UsageError("validate: --scenario FILE is required (a scenario file or preset)");
  }
  const unit = timeUnitOption(values);
  if (!Number.isInteger(unit.days)) {
    throw new UsageError(
      `--month-days: the tracking period must be whole days, got ${unit.days}`,
    );
  }
  const replications = integerOption(values, "replications", { min: 1, max: 100_000 }) ??
    HOLDOUT_DEFAULTS.replications;
  const level = levelOption(values, HOLDOUT_DEFAULTS.level);
  let scenario: Scenario;
  try {
    scenario = await loadScenario(scenarioName, { overrides: (values.set ?? []) as string[] });
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
  const seed = seedOption(values) ?? scenario.seed;
  const { log, load } = await loadFromArgs("validate", positionals, values);
  const calibrationEnd = logDayOption(values, "calibration-end", log.origin);
  const orders = ordersOf(log);
  let firstDay = Infinity, lastDay = -Infinity;
  for (const day of orders.day) {
    if (day <= calibrationEnd) firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
  }
  if (firstDay === Infinity) {
    throw new UsageError(
      `--calibration-end: no order on or before ${dateOfDay(log.origin, calibrationEnd)}`,
    );
  }
  const holdoutEnd = values["holdout-end"] === undefined
    ? lastDay
    : logDayOption(values, "holdout-end", log.origin);
  const json = values.json === true;
  const progress = createProgress({
    label: `validate ${scenario.name}`,
    mode: progressMode({ quiet: json }),
  });
  // Scenario day 0 is the first purchase day of the calibration cohort.
  const shifted = { member: orders.member, day: Int32Array.from(orders.day, (d) => d - firstDay) };
  const result = await validateHoldout(scenario, shifted, {
    calibrationEnd: calibrationEnd - firstDay,
    observationEnd: holdoutEnd - firstDay,
    unit,
    replications,
    seed,
    level,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  const out = typeof values.out === "string"
    ? values.out
    : defaultRunDir(`validate-${scenario.name}`, seed);
  const dateOf = (day: number) => dateOfDay(log.origin, day + firstDay);
  progress.note(`writing ${out}`);
  const manifest = {
    command: "validate",
    version: VERSION,
    scenario: result.scenario,
    seed: result.seed,
    replicationSeeds: `${result.seed}.1 .. ${result.seed}.${result.replications}`,
    replications: result.replications,
    level: result.level,
    log: load,
    day0: dateOf(0),
    calibrationEnd: dateOf(result.calibrationEnd),
    holdoutEnd: dateOf(result.observationEnd),
    unit: result.unit,
    holdoutLength: result.holdoutLength,
    model: {
      model: result.model.model,
      params: result.model.params,
      se: result.model.se,
      loglik: result.model.logLikelihood,
      n: result.model.n,
    },
    cohort: result.cohort,
    holdoutPurchases: result.holdoutPurchases,
    periodsInBand: result.periodsInBand,
    holdoutPeriods: result.holdoutPeriods,
    mape: result.mape,
  };
  const files = await writeOutputFolder(out, outputFiles(result, log.members.ids, dateOf), {
    ...manifest,
    files: null, // the written files take this place in manifest.json
    scenarioResolved: scenario,
  });
  if (json) {
    printJson(JSON.parse(JSON.stringify({
      ...manifest,
      files,
      out,
      tracking: result.tracking.rows.map((r) => ({ ...r, lastDate: dateOf(r.lastDay) })),
      conditional: result.conditional,
    }, jsonNumbers)));
    return 0;
  }
  printSummary(result, load, dateOf, out);
  return 0;
}

/** The tables and charts of a validation, as files of the output folder. */
function outputFiles(
  result: HoldoutValidation,
  ids: readonly string[] | null,
  dateOf: (day: number) => string,
): OutputFile[] {
  const model = result.model.model;
  const units = `${result.unit.name}s`;
  const f = (v: number | null, digits = 4) =>
    v === null || !Number.isFinite(v) ? "" : Number(v.toFixed(digits)).toString();
  const tables: Record<string, string[][]> = {
    "tracking.csv": [
      [
        "period",
        "last_date",
        "phase",
        "actual",
        "expected",
        "simulated_mean",
        "simulated_lower",
        "simulated_upper",
      ],
      ...result.tracking.rows.map((r) => [
        String(r.period),
        dateOf(r.lastDay),
        r.holdout ? "holdout" : "calibration",
        String(r.actual),
        f(r.expected, 3),
        f(r.simulated, 3),
        f(r.lower, 3),
        f(r.upper, 3),
      ]),
    ],
    "conditional.csv": [
      [
        "calibration_frequency",
        "members",
        "actual_mean",
        "expected_mean",
        "simulated_members",
        "simulated_mean",
        "simulated_lower",
        "simulated_upper",
      ],
      ...result.conditional.map((r) => [
        r.frequency,
        String(r.members),
        f(r.actual),
        f(r.expected),
        f(r.simulatedMembers, 2),
        f(r.simulated),
        f(r.lower),
        f(r.upper),
      ]),
    ],
    "members.csv": [
      [
        "member",
        "frequency",
        `recency_${units}`,
        `T_${units}`,
        "p_alive",
        "holdout_expected",
        "holdout_actual",
      ],
      ...result.members.ids.map((id, i) => {
        const m = result.members;
        return [
          ids?.[id as number] ?? String(id),
          String(m.frequency[i]),
          f(m.recency[i]),
          f(m.T[i]),
          f(m.alive[i], 6),
          f(m.expected[i], 6),
          String(m.actual[i]),
        ];
      }),
    ],
  };
  const holdout = `${f(result.holdoutLength, 2)} ${units}`;
  const charts: Record<string, string> = {
    "tracking.svg": renderPlot(plotTracking(result.tracking)),
    "tracking_weekly.svg": renderPlot(plotTracking(result.tracking, { measure: "incremental" })),
    "conditional.svg": renderPlot(
      plotConditionalExpectations(result.conditional, { model, holdout, level: result.level }),
    ),
  };
  return [
    ...Object.entries(tables).map(([name, rows]) => ({
      name,
      text: rows.map((row) => row.map(escapeCsvField).join(",")).join("\n") + "\n",
      rows: rows.length - 1,
    })),
    ...Object.entries(charts).map(([name, text]) => ({ name, text })),
  ];
}

function printSummary(
  result: HoldoutValidation,
  load: LoadSummary,
  dateOf: (day: number) => string,
  out: string,
): void {
  printLoad(load);
  const pct = `${Math.round(result.level * 100)}%`;
  const units = `${result.unit.name}s`;
  const model = result.model.model;
  const n = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
  console.log(
    `Validated ${result.scenario} (seed ${result.seed}, ${result.replications} replications, ` +
      `${pct} bands): holdout ${dateOf(result.calibrationEnd + 1)}..` +
      `${dateOf(result.observationEnd)} (${n(result.holdoutLength, 1)} ${units}); ` +
      `day 0 = ${dateOf(0)}`,
  );
  console.log(
    `Cohort: ${result.cohort.actual} members (simulated ${n(result.cohort.simulated, 1)})`,
  );
  const h = result.holdoutPurchases;
  console.log(
    `Repeat purchases in the holdout: actual ${h.actual}; simulated ${n(h.simulated)} ` +
      `${pct} [${n(h.lower)}, ${n(h.upper)}]; ${model} ${n(h.expected)}`,
  );
  console.log(
    `Cumulative repeat purchases inside the ${pct} band in ${result.periodsInBand} of ` +
      `${result.holdoutPeriods} holdout ${units}; mean absolute error ` +
      `${n(100 * result.mape.simulated, 1)}% (simulated), ${n(100 * result.mape.expected, 1)}% ` +
      `(${model})`,
  );
  const head = ["period", "ends", "actual", model, "simulated", `${pct} band`];
  const widths = [7, 11, 8, 9, 10, 18];
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join(" ");
  console.log(`\n${line(head)}`);
  // The last calibration period, then about a dozen holdout periods ending with the last.
  const rows = result.tracking.rows;
  const firstHoldout = rows.findIndex((r) => r.holdout);
  const step = Math.max(1, Math.ceil((rows.length - firstHoldout) / 12));
  rows.forEach((r, i) => {
    const shown = i === firstHoldout - 1 || i === rows.length - 1 ||
      (i >= firstHoldout && (rows.length - 1 - i) % step === 0);
    if (!shown) return;
    console.log(line([
      String(r.period),
      dateOf(r.lastDay),
      String(r.actual),
      n(r.expected ?? NaN, 1),
      n(r.simulated ?? NaN, 1),
      `[${n(r.lower ?? NaN)}, ${n(r.upper ?? NaN)}]`,
    ]));
  });
  console.log(`\nMean holdout purchases by calibration-period frequency:`);
  const head2 = ["x", "members", "actual", model, "simulated", `${pct} band`];
  const widths2 = [4, 8, 8, 8, 10, 16];
  const line2 = (cells: string[]) => cells.map((c, i) => c.padStart(widths2[i])).join(" ");
  console.log(line2(head2));
  for (const r of result.conditional) {
    console.log(line2([
      r.frequency,
      String(r.members),
      n(r.actual, 3),
      n(r.expected, 3),
      n(r.simulated, 3),
      `[${n(r.lower, 2)}, ${n(r.upper, 2)}]`,
    ]));
  }
  console.log(`\nWrote ${out}/ (tracking, conditional and members tables; charts; manifest)`);
}
