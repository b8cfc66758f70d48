/**
 * `lab labels`: lifecycle stage labels on an event file or run folder, the three ways of
 * seed 003 (frameworks.md §2) — one metric with thresholds, several metrics that must all
 * pass, or a weighted growth score cut into stages. Every member gets exactly one stage.
 *
 * @module
 */
import {
  labelStages,
  type MemberMetric,
  type MetricDirection,
  type MetricThresholds,
  type ScoreTerm,
  type StageLabels,
  type StageRule,
} from "../models/analytics/mod.ts";
import { type Command, parseCommandLine, printJson, UsageError } from "./command.ts";
import {
  choiceOption,
  dateOfDay,
  dayOption,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  printLoad,
  reportDataErrors,
} from "./_event_file.ts";

const METRICS: readonly MemberMetric[] = ["orders", "amount", "interval", "recency", "tenure"];

const HELP = `Usage: deno task lab labels <file|run folder> [loader options] [rule options]

Puts every member in exactly one lifecycle stage at --as-of, by one of the three ways of
seed 003. Metrics: orders (count), amount (order total), interval (mean days between
orders; infinite below 2 orders), recency (days since the last order; infinite without
one), tenure (days since acquisition). interval and recency are better when lower.

${LOADER_HELP}
Rule options:
  --method <m>           threshold | all | score (default threshold)
  --stages <a,b,...>     stage names, earliest first (default lead,growth,mature)
  --metric <spec>        threshold: one metric and its thresholds, one per stage boundary
                         (default orders:1,3 — 0 orders lead, 1–2 growth, ≥ 3 mature)
  --criterion <spec>     all (repeatable): every metric's thresholds; a member stays in
                         the earliest stage any criterion allows
  --term <metric:w>      score (repeatable): a weighted term of the growth score, e.g.
                         orders:2; add :higher or :lower to override the direction
  --thresholds <t,...>   score: the score thresholds, one per stage boundary
  --scale <s>            score: percentile (metrics as percentiles, score in 0..1) | raw
                         (default percentile)
  --as-of <date>         day of measurement, YYYY-MM-DD or a day number (default: the
                         last day in the log)
  --list                 with --json, also list every member's stage (and score)

A <spec> is metric:t1,t2,... with inf for "never passes", optionally followed by
:higher or :lower, e.g. orders:1,3  or  interval:inf,30:lower.

Examples:
  deno task lab labels ../shared/data/cdnow/CDNOW_master.txt --id-col customer_id \\
    --date-col date --amount-col dollar_value --method all --stages lead,growth,mature \\
    --criterion orders:1,3 --criterion interval:inf,60 --json
  deno task lab labels runs/default-42 --method score --term orders:2 --term recency:1 \\
    --thresholds 0.4,0.7`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  method: { type: "string" },
  stages: { type: "string" },
  metric: { type: "string" },
  criterion: { type: "string", multiple: true },
  term: { type: "string", multiple: true },
  thresholds: { type: "string" },
  scale: { type: "string" },
  "as-of": { type: "string" },
  list: { type: "boolean" },
} as const;

/** The `lab labels` command. */
export const labelsCommand: Command = {
  name: "labels",
  help: HELP,
  run: (argv) => reportDataErrors(() => runLabels(argv)),
};

async function runLabels(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("labels", argv, OPTIONS);
  const rule = ruleFromOptions(values);
  const { log, load } = await loadFromArgs("labels", positionals, values);
  const asOf = dayOption(values, "as-of", log.origin);
  const labels = labelStages(log, { rule, asOf });
  if (values.json === true) {
    printJson({
      load,
      model: labels.model,
      method: labels.method,
      asOf: dateOfDay(log.origin, labels.asOf),
      n: labels.n,
      rule,
      stages: labels.summary(),
      members: values.list === true ? memberRows(labels, log.members.ids) : undefined,
    });
    return 0;
  }
  printLoad(load);
  console.log(
    `Stages as of ${dateOfDay(log.origin, labels.asOf)} (${labels.method}): ` +
      `${labels.n} members, each in exactly one stage`,
  );
  console.log(`${"stage".padEnd(16)}${"members".padStart(10)}${"share".padStart(9)}  95% interval`);
  for (const row of labels.summary()) {
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      `${row.stage.padEnd(16)}${String(row.members).padStart(10)}${
        pct(row.estimate).padStart(9)
      }  ${pct(row.lower)} – ${pct(row.upper)}`,
    );
  }
  return 0;
}

/**
 * The staging rule the options describe.
 *
 * @example
 * ```ts
 * import { ruleFromOptions } from "./labels.ts";
 * const rule = ruleFromOptions({ method: "all", criterion: ["orders:1,3", "interval:inf,30"] });
 * if (rule.method !== "all" || rule.criteria[1].thresholds[0] !== Infinity) throw new Error();
 * ```
 */
export function ruleFromOptions(
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
): StageRule {
  const method = choiceOption(values, "method", ["threshold", "all", "score"] as const) ??
    "threshold";
  const stages = typeof values.stages === "string"
    ? values.stages.split(",").map((s) => s.trim())
    : ["lead", "growth", "mature"];
  if (stages.some((s) => s === "")) {
    throw new UsageError(`--stages: expected comma-separated names, got '${values.stages}'`);
  }
  const list = (name: string) => {
    const v = values[name];
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
  };
  const misplaced = (name: string, owner: string) => {
    if (values[name] !== undefined) {
      throw new UsageError(`--${name} belongs to --method ${owner}, not --method ${method}`);
    }
  };
  if (method === "threshold") {
    misplaced("criterion", "all");
    misplaced("term", "score");
    misplaced("thresholds", "score");
    const spec = typeof values.metric === "string" ? values.metric : "orders:1,3";
    return { method, stages, metric: parseThresholds("metric", spec) };
  }
  if (method === "all") {
    misplaced("metric", "threshold");
    misplaced("term", "score");
    misplaced("thresholds", "score");
    const specs = list("criterion");
    if (specs.length === 0) throw new UsageError("--method all needs at least one --criterion");
    return { method, stages, criteria: specs.map((s) => parseThresholds("criterion", s)) };
  }
  misplaced("metric", "threshold");
  misplaced("criterion", "all");
  const terms = list("term").map(parseTerm);
  if (terms.length === 0) throw new UsageError("--method score needs at least one --term");
  if (typeof values.thresholds !== "string") {
    throw new UsageError("--method score needs --thresholds, one per stage boundary");
  }
  const thresholds = values.thresholds.split(",").map((t) => parseNumber("thresholds", t));
  const scale = choiceOption(values, "scale", ["percentile", "raw"] as const) ?? "percentile";
  return { method, stages, terms, thresholds, scale };
}

function parseThresholds(option: string, spec: string): MetricThresholds {
  const parts = spec.split(":");
  if (parts.length < 2 || parts.length > 3) {
    throw new UsageError(`--${option}: expected metric:t1,t2[:higher|lower], got '${spec}'`);
  }
  const metric = parseMetric(option, parts[0]);
  const thresholds = parts[1].split(",").map((t) => parseNumber(option, t));
  const direction = parts[2] === undefined ? undefined : parseDirection(option, parts[2]);
  return direction === undefined ? { metric, thresholds } : { metric, thresholds, direction };
}

function parseTerm(spec: string): ScoreTerm {
  const parts = spec.split(":");
  if (parts.length < 2 || parts.length > 3) {
    throw new UsageError(`--term: expected metric:weight[:higher|lower], got '${spec}'`);
  }
  const metric = parseMetric("term", parts[0]);
  const weight = parseNumber("term", parts[1]);
  const direction = parts[2] === undefined ? undefined : parseDirection("term", parts[2]);
  return direction === undefined ? { metric, weight } : { metric, weight, direction };
}

function parseMetric(option: string, text: string): MemberMetric {
  const metric = text.trim() as MemberMetric;
  if (!METRICS.includes(metric)) {
    throw new UsageError(`--${option}: metric '${text}' is not one of ${METRICS.join(", ")}`);
  }
  return metric;
}

function parseDirection(option: string, text: string): MetricDirection {
  if (text !== "higher" && text !== "lower") {
    throw new UsageError(`--${option}: direction must be higher or lower, got '${text}'`);
  }
  return text;
}

function parseNumber(option: string, text: string): number {
  const t = text.trim().toLowerCase();
  if (t === "inf" || t === "infinity") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  const x = t === "" ? NaN : Number(t);
  if (Number.isNaN(x)) throw new UsageError(`--${option}: '${text}' is not a number`);
  return x;
}

function memberRows(labels: StageLabels, ids: readonly string[] | null) {
  return Array.from(labels.stage, (s, m) => ({
    member: ids?.[m] ?? m,
    stage: labels.stages[s],
    ...(labels.score === null ? {} : { score: labels.score[m] }),
  }));
}
