/**
 * `lab clv fit` and `lab clv predict`: fit a CLV model to a transaction file, print
 * the parameters with standard errors, or write per-member predictions (P(alive),
 * expected purchases, expected spend, discounted CLV) as CSV.
 *
 * @module
 */
import { writeFileAtomic } from "../io/mod.ts";
import {
  type AliveProbability,
  type ClvFit,
  computeClv,
  ConvergenceError,
  type CustomerSummary,
  DAY,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  ordersOf,
  type PurchaseForecast,
  summarizeOpportunities,
  summarizeTransactions,
  type TimeUnit,
  type Transactions,
  WEEK,
} from "../models/clv/mod.ts";
import {
  type Command,
  numberOption,
  parseCommandLine,
  type ParsedArgs,
  printJson,
  UsageError,
} from "./command.ts";
import {
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  type LoadSummary,
  printLoad,
  reportDataErrors,
} from "./_event_file.ts";

/** Models `lab clv` fits. */
export type ClvModelName = "bgnbd" | "pareto" | "mbgnbd" | "gg" | "bgbb";

const MODELS: readonly ClvModelName[] = ["bgnbd", "pareto", "mbgnbd", "gg", "bgbb"];

/** Defaults of `lab clv`. */
export const CLV_DEFAULTS = {
  model: "bgnbd" as ClvModelName,
  unit: "week",
  level: 0.95,
  discountRate: 0,
} as const;

/** Help text of the time-unit options, shared by the commands that fit CLV models. */
export const UNIT_HELP =
  `  --unit U              day, week (default) or month; times are in this unit
  --month-days N        length of a month in days (required with --unit month; never implied)`;

const HELP = `Usage: deno task lab clv fit <transactions> [options]
       deno task lab clv predict <transactions> --horizon N --out FILE [options]

fit      fits a CLV model to the calibration period and prints its parameters,
         standard errors and log-likelihood.
predict  fits a purchase model (and Gamma-Gamma spend when amounts are given) and
         writes one CSV row per member: frequency, recency_<unit>s, T_<unit>s,
         p_alive (at the calibration end), expected_purchases (over the horizon),
         expected_spend (per purchase day) and clv (discounted, over the horizon).

Purchases are the log's orders; orders on the same day are one purchase day. Members
who first buy after the calibration end are left out.

${LOADER_HELP}

CLV options:
  --model NAME          bgnbd (default), pareto, mbgnbd, gg (Gamma-Gamma spend) or
                        bgbb (discrete opportunities: one per unit); predict takes
                        bgnbd, pareto or mbgnbd
  --calibration-end D   last day of the calibration period, YYYY-MM-DD, YYYYMMDD or a
                        day number of the log (required)
${UNIT_HELP}
  --level P             confidence level of the intervals (default 0.95)
  --horizon N           predict: forecast length in units (required)
  --period N            predict: discounting period in units (default: the horizon)
  --discount-rate R     predict: discount rate per period (default 0)
  --out FILE            predict: output CSV (required)
  --json                print JSON: {"model","params","se","loglik","n"} (fit) or a
                        short report (predict)
  -h, --help            show this help

Example:
  deno task lab clv fit ../shared/data/cdnow/CDNOW_sample.txt --model bgnbd \\
    --id-col 1 --date-col 2 --amount-col 4 --delimiter whitespace --no-header \\
    --calibration-end 1997-09-30 --unit week --json`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  model: { type: "string" },
  "calibration-end": { type: "string" },
  unit: { type: "string" },
  "month-days": { type: "string" },
  level: { type: "string" },
  horizon: { type: "string" },
  period: { type: "string" },
  "discount-rate": { type: "string" },
  out: { type: "string" },
} as const;

/** The `lab clv` command. */
export const clvCommand: Command = {
  name: "clv",
  help: HELP,
  run: (argv) => reportModelErrors(() => runClv(argv)),
};

/**
 * Runs a command body that fits models, printing a data error (`Cannot …`) or a fit that
 * did not converge as `error: <message>` with exit code 1 instead of a stack trace.
 *
 * @example
 * ```ts
 * import { reportModelErrors } from "./clv.ts";
 * import { ConvergenceError } from "../models/clv/mod.ts";
 * const code = await reportModelErrors(() => {
 *   throw new ConvergenceError("Cannot fit BG/NBD: r is not identified by these data");
 * });
 * if (code !== 1) throw new Error("unexpected");
 * ```
 */
export function reportModelErrors(body: () => Promise<number> | number): Promise<number> {
  return reportDataErrors(async () => {
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof ConvergenceError)) throw error;
      console.error(`error: ${error.message}`);
      return 1;
    }
  });
}

async function runClv(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "fit" && sub !== "predict") {
    throw new UsageError(`clv: expected a sub-command 'fit' or 'predict', got '${sub ?? ""}'`);
  }
  const { values, positionals } = parseCommandLine(`clv ${sub}`, rest, OPTIONS);
  const input = await readInput(`clv ${sub}`, positionals, values);
  return sub === "fit" ? fit(input, values) : await predict(input, values);
}

interface Input {
  readonly summary: CustomerSummary;
  readonly transactions: Transactions;
  readonly unit: TimeUnit;
  readonly calibrationEnd: number;
  readonly ids: readonly string[] | null;
  readonly load: LoadSummary;
}

function required(values: ParsedArgs["values"], name: string): string {
  const raw = values[name];
  if (typeof raw !== "string" || raw === "") {
    throw new UsageError(`--${name} is required. Run with --help for the options.`);
  }
  return raw;
}

/**
 * Reads `--unit` (day, week or month) and `--month-days`: a month has the length the
 * user states, never an implied 30 days.
 *
 * @example
 * ```ts
 * import { timeUnitOption } from "./clv.ts";
 * const month = timeUnitOption({ unit: "month", "month-days": "30.4375" });
 * if (month.days !== 30.4375) throw new Error("unexpected");
 * ```
 */
export function timeUnitOption(values: ParsedArgs["values"]): TimeUnit {
  const name = String(values.unit ?? CLV_DEFAULTS.unit);
  if (name === "day") return DAY;
  if (name === "week") return WEEK;
  if (name === "month") {
    const days = numberOption(values, "month-days");
    if (days === undefined || !(days > 0)) {
      throw new UsageError("--unit month needs --month-days N (e.g. 30.4375); none is implied");
    }
    return { name: "month", days };
  }
  throw new UsageError(`--unit: expected day, week or month, got '${name}'`);
}

/**
 * Reads a date option (YYYY-MM-DD, YYYYMMDD, or a day number of the log) as a log day.
 *
 * @example
 * ```ts
 * import { logDayOption } from "./clv.ts";
 * if (logDayOption({ end: "19970930" }, "end", "1997-01-01") !== 272) throw new Error();
 * ```
 */
export function logDayOption(
  values: ParsedArgs["values"],
  name: string,
  origin: string | null,
): number {
  const text = required(values, name).trim();
  if (/^-?\d{1,7}$/.test(text)) return Number(text);
  const iso = /^\d{8}$/.test(text)
    ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
    : text;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : NaN;
  if (Number.isNaN(date)) {
    throw new UsageError(
      `--${name}: expected a date YYYY-MM-DD or YYYYMMDD, or a day number, got '${text}'`,
    );
  }
  if (origin === null) {
    throw new UsageError(`--${name}: the log has day numbers, not dates; give a day number`);
  }
  return Math.round((date - Date.parse(`${origin}T00:00:00Z`)) / 86_400_000);
}

async function readInput(
  command: string,
  positionals: string[],
  values: ParsedArgs["values"],
): Promise<Input> {
  const unit = timeUnitOption(values);
  const { log, load } = await loadFromArgs(command, positionals, values);
  const calibrationEnd = logDayOption(values, "calibration-end", log.origin);
  const transactions = ordersOf(log);
  const summary = summarizeTransactions(transactions, { calibrationEnd, unit });
  return { summary, transactions, unit, calibrationEnd, ids: log.members.ids, load };
}

function modelOption(values: ParsedArgs["values"]): ClvModelName {
  const model = String(values.model ?? CLV_DEFAULTS.model) as ClvModelName;
  if (!MODELS.includes(model)) {
    throw new UsageError(`--model: expected one of ${MODELS.join(", ")}, got '${model}'`);
  }
  return model;
}

/**
 * Reads `--level`, the confidence level of intervals or bands: a number in (0, 1).
 *
 * @example
 * ```ts
 * import { levelOption } from "./clv.ts";
 * if (levelOption({ level: "0.9" }, 0.95) !== 0.9 || levelOption({}, 0.95) !== 0.95) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function levelOption(values: ParsedArgs["values"], fallback: number): number {
  const level = numberOption(values, "level") ?? fallback;
  if (!(level > 0 && level < 1)) throw new UsageError(`--level: must be in (0, 1), got ${level}`);
  return level;
}

function fitModel(model: ClvModelName, input: Input, level: number): ClvFit {
  const { summary } = input;
  switch (model) {
    case "bgnbd":
      return fitBgNbd(summary, { level });
    case "pareto":
      return fitParetoNbd(summary, { level });
    case "mbgnbd":
      return fitMbgNbd(summary, { level });
    case "gg":
      if (summary.monetary === null) {
        throw new UsageError("--model gg needs --amount-col (order amounts)");
      }
      return fitGammaGamma({ frequency: summary.frequency, monetary: summary.monetary }, { level });
    case "bgbb":
      return fitBgBb(summarizeOpportunities(input.transactions, input), { level });
  }
}

function fit(input: Input, values: ParsedArgs["values"]): number {
  const model = modelOption(values);
  const result = fitModel(model, input, levelOption(values, CLV_DEFAULTS.level));
  if (values.json === true) {
    printJson({
      model: result.model,
      params: result.params,
      se: result.se,
      loglik: result.logLikelihood,
      n: result.n,
      level: result.level,
      unit: input.unit,
    });
    return 0;
  }
  printLoad(input.load);
  console.log(
    `${result.model}: n = ${result.n}, log-likelihood ${result.logLikelihood.toFixed(2)}, ` +
      `times in ${input.unit.name}s of ${input.unit.days} days`,
  );
  const pct = `${Math.round(result.level * 100)}%`;
  console.log(`parameter    estimate          se   lower ${pct}   upper ${pct}`);
  for (const row of result.summary()) {
    console.log(
      [
        row.parameter.padEnd(9),
        ...[row.estimate, row.se, row.lower, row.upper].map((v) => v.toPrecision(5).padStart(11)),
      ].join(" "),
    );
  }
  return 0;
}

async function predict(input: Input, values: ParsedArgs["values"]): Promise<number> {
  const model = modelOption(values);
  if (model !== "bgnbd" && model !== "pareto" && model !== "mbgnbd") {
    throw new UsageError(`clv predict: --model must be bgnbd, pareto or mbgnbd, got '${model}'`);
  }
  const out = required(values, "out");
  const horizon = numberOption(values, "horizon");
  if (horizon === undefined || !(horizon > 0)) {
    throw new UsageError("clv predict: --horizon N (> 0, in units) is required");
  }
  const period = numberOption(values, "period") ?? horizon;
  const discountRate = numberOption(values, "discount-rate") ?? CLV_DEFAULTS.discountRate;
  const purchases = fitModel(model, input, levelOption(values, CLV_DEFAULTS.level)) as
    & ClvFit
    & AliveProbability
    & PurchaseForecast;
  const { summary } = input;
  const spend = summary.monetary === null
    ? null
    : fitGammaGamma({ frequency: summary.frequency, monetary: summary.monetary });
  const clv = spend === null ? null : computeClv(purchases, spend, {
    frequency: summary.frequency,
    recency: summary.recency,
    T: summary.T,
    monetary: summary.monetary!,
  }, { horizon, period, discountRate });
  const units = `${input.unit.name}s`;
  const lines = [
    `member,frequency,recency_${units},T_${units},p_alive,expected_purchases,expected_spend,clv`,
  ];
  for (let i = 0; i < summary.ids.length; i++) {
    const code = summary.ids[i] as number;
    const x = summary.frequency[i], tx = summary.recency[i], T = summary.T[i];
    const value = spend === null ? "" : spend.expectedSpend(x, summary.monetary![i]).toFixed(4);
    lines.push([
      csvField(input.ids?.[code] ?? String(code)),
      x,
      tx.toFixed(4),
      T.toFixed(4),
      purchases.probabilityAlive(x, tx, T).toFixed(6),
      purchases.conditionalExpectedPurchases(horizon, x, tx, T).toFixed(6),
      value,
      clv === null ? "" : clv[i].toFixed(4),
    ].join(","));
  }
  await writeFileAtomic(out, lines.join("\n") + "\n");
  const report = {
    model: purchases.model,
    members: summary.ids.length,
    out,
    horizon,
    period,
    discountRate,
    unit: input.unit,
    spend: spend === null ? null : spend.model,
  };
  if (values.json === true) printJson(report);
  else {
    console.log(
      `Wrote ${summary.ids.length} members' predictions (${purchases.model}` +
        `${
          spend === null ? "" : " + Gamma-Gamma"
        }, horizon ${horizon} ${input.unit.name}s) to ${out}`,
    );
  }
  return 0;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
