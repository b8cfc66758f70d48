/**
 * `lab power`: units per arm needed to detect a minimum effect on a proportion or a
 * mean, two-sided at α with the given power (see `models/stats/power.ts`).
 *
 * @example
 * ```ts
 * import { powerCommand } from "./power.ts";
 * const code = await powerCommand.run(["--baseline", "0.05", "--mde", "0.01", "--json"]);
 * if (code !== 0) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { type Command, numberOption, parseCommandLine, printJson, UsageError } from "./command.ts";
import { planSampleSize, POWER_DEFAULTS, type PowerMetric } from "../models/stats/mod.ts";

const HELP = `Usage: deno task lab power --baseline <value> --mde <effect> [options]

Units per arm for a two-arm test to detect a minimum effect (two-sided, equal arms).
Proportions use the pooled-null z-test formula (Fleiss); means the normal approximation.
For a simulated power curve of any experiment (any metric, randomization unit and
effect the simulator can express), run 'lab experiment <spec> --sizes 5000,10000,…'.

Options:
  --baseline <x>     control proportion (0..1) or mean (required)
  --mde <x>          minimum detectable effect, absolute unless --relative (required)
  --relative         read --mde relative to the baseline (0.1 = +10%)
  --alpha <x>        two-sided significance level (default ${POWER_DEFAULTS.alpha})
  --power <x>        target power (default ${POWER_DEFAULTS.power})
  --metric <kind>    proportion | mean (default proportion)
  --sd <x>           per-unit standard deviation (required for --metric mean)
  --json             print {"n_per_arm": …} with the inputs as JSON
  -h, --help         show this help

Example:
  deno task lab power --baseline 0.05 --mde 0.01 --alpha 0.05 --power 0.8 --json`;

/** The `lab power` command. */
export const powerCommand: Command = {
  name: "power",
  help: HELP,
  run(argv: string[]): Promise<number> {
    // Through a promise so that usage errors reject rather than throw synchronously.
    return Promise.resolve(argv).then(runPower);
  },
};

function runPower(argv: string[]): number {
  const { values, positionals } = parseCommandLine("power", argv, {
    baseline: { type: "string" },
    mde: { type: "string" },
    relative: { type: "boolean" },
    alpha: { type: "string" },
    power: { type: "string" },
    metric: { type: "string" },
    sd: { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) {
    throw new UsageError(`power: unexpected argument '${positionals[0]}'`);
  }
  const baseline = numberOption(values, "baseline");
  const mde = numberOption(values, "mde");
  if (baseline === undefined) throw new UsageError("power: --baseline is required");
  if (mde === undefined) throw new UsageError("power: --mde is required");
  const kind = values.metric === undefined ? "proportion" : String(values.metric);
  const sd = numberOption(values, "sd");
  let metric: PowerMetric;
  if (kind === "proportion") {
    if (sd !== undefined) throw new UsageError("power: --sd applies only to --metric mean");
    metric = { kind, baseline };
  } else if (kind === "mean") {
    if (sd === undefined) throw new UsageError("power: --metric mean needs --sd");
    metric = { kind, baseline, sd };
  } else {
    throw new UsageError(`power: --metric must be proportion or mean, got '${kind}'`);
  }
  const scale = values.relative === true ? "relative" : "absolute";
  const alpha = numberOption(values, "alpha") ?? POWER_DEFAULTS.alpha;
  const power = numberOption(values, "power") ?? POWER_DEFAULTS.power;
  let plan;
  try {
    plan = planSampleSize(metric, mde, { scale, alpha, power });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`power: ${error.message}`);
    throw error;
  }
  if (values.json === true) {
    printJson({
      n_per_arm: plan.nPerArm,
      n_total: 2 * plan.nPerArm,
      metric: kind,
      baseline,
      mde,
      scale,
      effect: tidy(plan.effect),
      treatment: tidy(plan.treatment),
      alpha,
      power,
      ...(sd === undefined ? {} : { sd }),
      model: plan.model,
    });
  } else {
    const number = (x: number) => x.toLocaleString("en-US");
    const change = scale === "relative"
      ? `${number(mde * 100)}% relative`
      : `${mde > 0 ? "+" : ""}${number(mde)} absolute`;
    console.log(
      `${number(plan.nPerArm)} per arm (${number(2 * plan.nPerArm)} in total) to detect ` +
        `${number(baseline)} → ${number(tidy(plan.treatment))} (${change}) on a ${kind} ` +
        `at α = ${alpha} two-sided with power ${power}.`,
    );
  }
  return 0;
}

/** Drops floating-point noise such as 0.05 + 0.01 = 0.060000000000000005 from output. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
