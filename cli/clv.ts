/**
 * `lab clv fit` and `lab clv predict`: fit a CLV model to a transaction file, print
 * the parameters with standard errors, or write per-member predictions (P(alive),
 * expected purchases, expected spend, discounted CLV) as CSV.
 *
 * @module
 */
import { loadEventLog, writeFileAtomic } from "../io/mod.ts";
import { type ColumnRef, type DelimiterMode, EventCode, parseDateBytes } from "../log/mod.ts";
import {
  type AliveProbability,
  type ClvFit,
  computeClv,
  type CustomerSummary,
  DAY,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  type PurchaseForecast,
  summarizeOpportunities,
  summarizeTransactions,
  type TimeUnit,
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

/** Models `lab clv` fits. */
export type ClvModelName = "bgnbd" | "pareto" | "mbgnbd" | "gg" | "bgbb";

const MODELS: readonly ClvModelName[] = ["bgnbd", "pareto", "mbgnbd", "gg", "bgbb"];

/** Defaults of `lab clv`. */
export const CLV_DEFAULTS = {
  model: "bgnbd" as ClvModelName,
  unit: "week",
  level: 0.95,
  discountRate: 0,
  delimiter: "auto" as DelimiterMode,
} as const;

const HELP = `Usage: deno task lab clv fit <transactions> [options]
       deno task lab clv predict <transactions> --horizon N --out FILE [options]

fit      fits a CLV model to the calibration period and prints its parameters,
         standard errors and log-likelihood.
predict  fits a purchase model (and Gamma-Gamma spend when amounts are given) and
         writes one CSV row per member: frequency, recency, T, p_alive,
         expected_purchases, expected_spend, clv.

Options:
  --model NAME          bgnbd (default), pareto, mbgnbd, gg (Gamma-Gamma spend) or
                        bgbb (discrete opportunities: one per unit); predict takes
                        bgnbd, pareto or mbgnbd
  --id-col COL          member id column, by header name or 0-based index (required)
  --date-col COL        date column, ISO or YYYYMMDD (required)
  --amount-col COL      order amount column (needed for gg, spend and CLV)
  --calibration-end D   last day of the calibration period, YYYY-MM-DD or YYYYMMDD (required)
  --unit U              day, week (default) or month; times are in this unit
  --month-days N        length of a month in days (required with --unit month; never implied)
  --delimiter MODE      auto (default), comma, tab or whitespace
  --no-header           the file has no header line (use column indices)
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
  model: { type: "string" },
  "id-col": { type: "string" },
  "date-col": { type: "string" },
  "amount-col": { type: "string" },
  "calibration-end": { type: "string" },
  unit: { type: "string" },
  "month-days": { type: "string" },
  delimiter: { type: "string" },
  "no-header": { type: "boolean" },
  level: { type: "string" },
  horizon: { type: "string" },
  period: { type: "string" },
  "discount-rate": { type: "string" },
  out: { type: "string" },
  json: { type: "boolean" },
} as const;

/** The `lab clv` command. */
export const clvCommand: Command = {
  name: "clv",
  summary: "fit CLV models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma, BG/BB) and predict",
  help: HELP,
  run: runClv,
};

async function runClv(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "fit" && sub !== "predict") {
    throw new UsageError(`clv: expected a sub-command 'fit' or 'predict', got '${sub ?? ""}'`);
  }
  const { values, positionals } = parseCommandLine(`clv ${sub}`, rest, OPTIONS);
  if (positionals.length !== 1) {
    throw new UsageError(`clv ${sub}: expected one transactions file, got ${positionals.length}`);
  }
  const input = await readInput(positionals[0], values);
  return sub === "fit" ? fit(input, values) : await predict(input, values);
}

interface Input {
  readonly summary: CustomerSummary;
  readonly transactions: { member: Int32Array; day: Int32Array; amount?: Float64Array };
  readonly unit: TimeUnit;
  readonly calibrationEnd: number;
  readonly ids: readonly string[] | null;
}

function required(values: ParsedArgs["values"], name: string): string {
  const raw = values[name];
  if (typeof raw !== "string" || raw === "") {
    throw new UsageError(`--${name} is required. Run 'lab clv --help' for the options.`);
  }
  return raw;
}

function column(raw: string): ColumnRef {
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function timeUnit(values: ParsedArgs["values"]): TimeUnit {
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

async function readInput(path: string, values: ParsedArgs["values"]): Promise<Input> {
  const unit = timeUnit(values);
  const endText = required(values, "calibration-end");
  const endBytes = new TextEncoder().encode(endText);
  const endEpoch = parseDateBytes(endBytes, 0, endBytes.length, "auto");
  if (Number.isNaN(endEpoch)) {
    throw new UsageError(
      `--calibration-end: expected a date YYYY-MM-DD or YYYYMMDD, got '${endText}'`,
    );
  }
  const delimiter = String(values.delimiter ?? CLV_DEFAULTS.delimiter) as DelimiterMode;
  if (!["auto", "comma", "tab", "whitespace"].includes(delimiter)) {
    throw new UsageError(
      `--delimiter: expected auto, comma, tab or whitespace, got '${delimiter}'`,
    );
  }
  const amountCol = typeof values["amount-col"] === "string"
    ? column(values["amount-col"])
    : undefined;
  const { log } = await loadEventLog(path, {
    idCol: column(required(values, "id-col")),
    dateCol: column(required(values, "date-col")),
    amountCol,
    delimiter,
    header: values["no-header"] !== true,
  });
  const originBytes = new TextEncoder().encode(log.origin ?? "1970-01-01");
  const calibrationEnd = endEpoch - parseDateBytes(originBytes, 0, originBytes.length, "iso");
  const orders: number[] = [];
  for (let i = 0; i < log.length; i++) if (log.type[i] === EventCode.order) orders.push(i);
  const transactions = {
    member: Int32Array.from(orders, (i) => log.member[i]),
    day: Int32Array.from(orders, (i) => log.day[i]),
    amount: amountCol === undefined ? undefined : Float64Array.from(orders, (i) => log.amount[i]),
  };
  const summary = summarizeTransactions(transactions, { calibrationEnd, unit });
  return { summary, transactions, unit, calibrationEnd, ids: log.members.ids };
}

function modelOption(values: ParsedArgs["values"]): ClvModelName {
  const model = String(values.model ?? CLV_DEFAULTS.model) as ClvModelName;
  if (!MODELS.includes(model)) {
    throw new UsageError(`--model: expected one of ${MODELS.join(", ")}, got '${model}'`);
  }
  return model;
}

function levelOption(values: ParsedArgs["values"]): number {
  const level = numberOption(values, "level") ?? CLV_DEFAULTS.level;
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
  const result = fitModel(model, input, levelOption(values));
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
  const purchases = fitModel(model, input, levelOption(values)) as
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
  const lines = ["member,frequency,recency,T,p_alive,expected_purchases,expected_spend,clv"];
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
