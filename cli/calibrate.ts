/**
 * `lab calibrate`: fits a log's calibration period (BG/NBD purchase heterogeneity and
 * drop-out, Gamma-Gamma spend, acquisition timing) and writes a scenario file that
 * `lab check` accepts and `lab sim` runs, with the fits in its comment header.
 *
 * @module
 */
import { writeFileAtomic } from "../io/mod.ts";
import {
  type AcquisitionMode,
  CALIBRATE_DEFAULTS,
  calibrateScenario,
  type Calibration,
  formatScenarioYaml,
} from "../calibration/mod.ts";
import { parseScenarioText } from "../sim/scenario_text.ts";
import { type ClvFit, ordersOf } from "../models/clv/mod.ts";
import { VERSION } from "../version.ts";
import {
  type Command,
  integerOption,
  numberOption,
  parseCommandLine,
  printJson,
  seedOption,
  UsageError,
} from "./command.ts";
import {
  choiceOption,
  dateOfDay,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
} from "./_event_file.ts";
import { levelOption, logDayOption, reportModelErrors, timeUnitOption, UNIT_HELP } from "./clv.ts";

const HELP = `Usage: deno task lab calibrate <log> --calibration-end DATE --out FILE [options]

Fits the log's calibration period and writes a scenario the simulator runs:
  purchases   BG/NBD: each member buys at a gamma(r, α)-distributed rate and drops out
              after each repeat purchase with a beta(a, b)-distributed probability
              (purchases.heterogeneity, stages.active.orders, purchases.dropout)
  spend       Gamma-Gamma per purchase day (purchases.spend), when the log has amounts
  acquisition the members' first purchases: a join schedule per day, or a Poisson rate
              over the same days (channels[0], members join with an order)
Day 0 of the scenario is the log's first purchase day; the fits and their standard
errors are in the file's comment header. Check it with 'lab check FILE', run it with
'lab sim FILE', and compare it with the holdout with 'lab validate'.

${LOADER_HELP}

Calibration options:
  --calibration-end D   last day of the calibration period, YYYY-MM-DD, YYYYMMDD or a
                        day number of the log (required)
  --out FILE            scenario file to write, .yaml, .yml or .json (required)
${UNIT_HELP}
                        (the unit the fitted parameters are stated in)
  --acquisition MODE    schedule (default) or poisson
  --horizon DAYS        days the scenario simulates (default: to the log's last day)
  --name NAME           scenario name (default: the --out file name)
  --seed S              scenario seed (default ${CALIBRATE_DEFAULTS.seed})
  --cac X               acquisition cost per member (default 0: a log does not say)
  --level P             confidence level of the intervals (default 0.95)

Example:
  deno task lab calibrate ../shared/data/cdnow/CDNOW_sample.txt --id-col 1 --date-col 2 \\
    --amount-col 4 --delimiter whitespace --no-header --calibration-end 1997-09-30 \\
    --out cdnow.yaml`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  "calibration-end": { type: "string" },
  out: { type: "string" },
  unit: { type: "string" },
  "month-days": { type: "string" },
  acquisition: { type: "string" },
  horizon: { type: "string" },
  name: { type: "string" },
  seed: { type: "string" },
  cac: { type: "string" },
  level: { type: "string" },
} as const;

/**
 * The `lab calibrate` command.
 *
 * @example Calibrate the CDNOW sample into a temporary scenario file
 * ```ts
 * import { calibrateCommand } from "./calibrate.ts";
 * const out = `${await Deno.makeTempDir()}/cdnow.yaml`;
 * const log = new URL("../../shared/data/cdnow/CDNOW_sample.txt", import.meta.url).pathname;
 * const code = await calibrateCommand.run([
 *   log, "--id-col", "1", "--date-col", "2", "--amount-col", "4", "--delimiter", "whitespace",
 *   "--no-header", "--calibration-end", "1997-09-30", "--out", out, "--json",
 * ]);
 * if (code !== 0) throw new Error("unexpected");
 * ```
 */
export const calibrateCommand: Command = {
  name: "calibrate",
  help: HELP,
  run: (argv) => reportModelErrors(() => runCalibrate(argv)),
};

async function runCalibrate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("calibrate", argv, OPTIONS);
  const out = values.out;
  if (typeof out !== "string" || out === "") {
    throw new UsageError("calibrate: --out FILE is required (a .yaml, .yml or .json file)");
  }
  const format = /\.json$/i.test(out) ? "json" : /\.ya?ml$/i.test(out) ? "yaml" : null;
  if (format === null) {
    throw new UsageError(`--out: expected a .yaml, .yml or .json file, got '${out}'`);
  }
  const unit = timeUnitOption(values);
  const level = levelOption(values, CALIBRATE_DEFAULTS.level);
  const acquisition = choiceOption<AcquisitionMode>(values, "acquisition", [
    "schedule",
    "poisson",
  ]);
  const horizon = integerOption(values, "horizon", { min: 1, max: 36500 });
  const cac = numberOption(values, "cac");
  if (cac !== undefined && !(cac >= 0)) throw new UsageError(`--cac: must be ≥ 0, got ${cac}`);
  const name = typeof values.name === "string" ? values.name : scenarioName(out);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new UsageError(
      `--name: expected letters, digits and _ (not starting with a digit), got '${name}'`,
    );
  }
  const { log, load } = await loadFromArgs("calibrate", positionals, values);
  const calibrationEnd = logDayOption(values, "calibration-end", log.origin);
  const calibration = calibrateScenario(ordersOf(log), {
    calibrationEnd,
    unit,
    acquisition,
    horizon,
    name,
    seed: seedOption(values) ?? CALIBRATE_DEFAULTS.seed,
    origin: log.origin,
    source: load.file.split(/[/\\]/).pop(),
    level,
    cac,
  });
  const comments = header(calibration, load.file, log.origin, calibrationEnd);
  const text = format === "json"
    ? JSON.stringify(calibration.input, null, 2) + "\n"
    : formatScenarioYaml(calibration.input, { comments });
  // The file must read back as the scenario it describes (what `lab check` does).
  parseScenarioText(text, { format, source: out });
  await writeFileAtomic(out, text);
  const { purchases, spend, acquisition: joins, summary } = calibration;
  if (values.json === true) {
    printJson({
      load,
      out,
      scenario: calibration.scenario.name,
      seed: calibration.scenario.seed,
      version: VERSION,
      horizon: calibration.scenario.horizon,
      day0: dateOfDay(log.origin, calibration.firstDay),
      calibrationEnd: dateOfDay(log.origin, calibrationEnd),
      unit: summary.unit,
      members: summary.ids.length,
      purchases: fitJson(purchases),
      spend: spend === null ? null : fitJson(spend),
      acquisition: {
        mode: joins.mode,
        members: joins.members,
        first: dateOfDay(log.origin, joins.firstDay),
        last: dateOfDay(log.origin, joins.lastDay),
        days: joins.schedule.length,
        daily: joins.daily,
      },
      warnings: calibration.warnings,
    });
    return 0;
  }
  console.log(comments.join("\n"));
  for (const warning of calibration.warnings) console.error(`warning: ${warning}`);
  console.log(`\nWrote ${out}`);
  return 0;
}

/** The comment header of the scenario file: provenance and the fits. */
function header(
  calibration: Calibration,
  file: string,
  origin: string | null,
  calibrationEnd: number,
): string[] {
  const { purchases, spend, acquisition, summary, firstDay } = calibration;
  const unit = summary.unit;
  const date = (day: number) => dateOfDay(origin, day);
  const rows = (fit: ClvFit) =>
    fit.summary().map((row) =>
      `  ${row.parameter.padEnd(6)} ${fmt(row.estimate)}  se ${fmt(row.se)}  ` +
      `${Math.round(row.level * 100)}% [${fmt(row.lower)}, ${fmt(row.upper)}]`
    );
  return [
    `Calibrated by Lifecycle Lab ${VERSION} (lab calibrate) from ${file}`,
    `Calibration period ${date(firstDay)}..${date(calibrationEnd)}: ${summary.ids.length} ` +
    `members; scenario day 0 = ${date(firstDay)}`,
    `BG/NBD, times in ${unit.name}s of ${unit.days} days (log-likelihood ` +
    `${purchases.logLikelihood.toFixed(1)}):`,
    ...rows(purchases),
    `  per day: orders.value = r / (alpha × ${unit.days}); heterogeneity.shape = r; ` +
    "dropout beta(a, b)",
    ...(spend === null ? ["No amounts in the log: spend is fixed at 0"] : [
      `Gamma-Gamma spend per purchase day (${spend.n} members with repeat purchases):`,
      ...rows(spend),
    ]),
    `Acquisition: ${
      acquisition.mode === "schedule" ? "first purchases per day" : "Poisson rate"
    } ` +
    `over ${acquisition.schedule.length} days (${date(acquisition.firstDay)}..` +
    `${date(acquisition.lastDay)}), ${acquisition.daily.toPrecision(4)} a day on average`,
  ];
}

function fitJson(fit: ClvFit) {
  return {
    model: fit.model,
    params: fit.params,
    se: fit.se,
    loglik: fit.logLikelihood,
    n: fit.n,
    level: fit.level,
    summary: fit.summary(),
  };
}

function fmt(value: number): string {
  return value.toPrecision(4);
}

/** A scenario name from a file name: `runs/cdnow-2.yaml` → `cdnow_2`. */
function scenarioName(path: string): string {
  const base = (path.split(/[/\\]/).pop() ?? "").replace(/\.[^.]*$/, "");
  const cleaned = base.replace(/[^A-Za-z0-9_]/g, "_");
  return cleaned === "" ? CALIBRATE_DEFAULTS.name : /^\d/.test(cleaned) ? `s_${cleaned}` : cleaned;
}
