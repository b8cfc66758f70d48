/**
 * Private: `lab warn evaluate`, scoring a warning rule on an existing event log or run
 * folder over its parameter (the inactivity window, the P(alive) threshold, the RFM drop,
 * the group margin): precision, recall, alerts per day, lead times and the
 * precision–recall curve (`models/warning`). A log with churn events (a simulated run)
 * is judged against its observed churn days; a log without them against churn defined by
 * a holdout without orders.
 *
 * @module
 */
import { EventCode, type EventLog } from "../log/mod.ts";
import {
  alertsByDrop,
  alertsByMargin,
  alertsByThreshold,
  alertsByWindow,
  type AlertVariant,
  type ChurnOutcomes,
  EVALUATE_WARNINGS_DEFAULTS,
  type GroupAlertTarget,
  holdoutChurn,
  observedChurn,
  traceWarningCurve,
  type WarningCurve,
} from "../models/warning/mod.ts";
import { renderWarningCurve } from "../report/charts/warning_windows.ts";
import { VERSION } from "../version.ts";
import {
  integerOption,
  numberOption,
  parseCommandLine,
  type ParsedArgs,
  UsageError,
} from "./command.ts";
import {
  choiceOption,
  dateOfDay,
  dayOption,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  type LoadSummary,
  printLoad,
} from "./_event_file.ts";
import { csvTable, writeOutputFolder, type WrittenOutput } from "./_warn_output.ts";
import { jsonNumbers } from "../io/json.ts";
import { parseValues } from "./_warn_values.ts";

/**
 * The rules `lab warn evaluate` scores: the option of their parameter, the parameter and
 * its default values, and the options only they take.
 */
const RULES = {
  inactivity: {
    option: "windows",
    parameter: "window (days)",
    values: "7,14,30",
    only: ["stages"],
  },
  alive: {
    option: "thresholds",
    parameter: "P(alive) threshold",
    values: "0.1,0.3,0.5,0.7",
    only: ["warmup"],
  },
  "rfm-downgrade": { option: "drops", parameter: "segments dropped", values: "1,2,3", only: [] },
  "group-activity": {
    option: "margins",
    parameter: "points below benchmark",
    values: "0,2,5",
    only: ["target"],
  },
} as const;

type RuleName = keyof typeof RULES;

/** Defaults of `lab warn evaluate`. */
export const WARN_EVALUATE_DEFAULTS = {
  rule: "inactivity" as RuleName,
  /** Holdout days when the log has no churn events. */
  holdout: 90,
  /** Days between the as-of days of the periodic rules. */
  every: 30,
} as const;

/** Help text of `lab warn evaluate`. */
export const EVALUATE_HELP =
  `Usage: deno task lab warn evaluate <file|run folder> [--rule R] [options]

Scores a warning rule on an existing log over its parameter: for each value, alerts
raised, judged alerts per day, precision (alerts followed by a churn --latency to
--horizon days later), recall (churns with such an alert), member precision, and lead
times (days from the earliest such alert to churn: median with its interval, quartiles
and distribution), with Wilson intervals; the precision–recall curve over the values.
Alerts after a churn count against precision: rules see silence, not churn.

Outcomes: a log with churn events (a run folder of lab sim --events) is judged against
its churn days (alerts on days up to the last day − horizon); a log without them (real
orders) against a holdout: members who ordered in the --active-within days up to --as-of
churn when they place no order in the --holdout days after it, and the alerts of the
--horizon days up to --as-of are judged.

Rules and their values:
  inactivity      --windows SPEC     days without an order (default ${RULES.inactivity.values});
                  --stages a,b       only members in these stages (a simulated log's)
  alive           --thresholds SPEC  P(alive) from BG/NBD below it (default ${RULES.alive.values});
                  --warmup N         days of history before the first as-of day (default 90)
  rfm-downgrade   --drops SPEC       places down the RFM segment list (default ${
    RULES["rfm-downgrade"].values
  })
  group-activity  --margins SPEC     points below the tier × tenure benchmark (default ${
    RULES["group-activity"].values
  });
                  --target T         all (default) or inactive members of the group
  --every N       days between the as-of days of alive, rfm-downgrade and group-activity
                  (default ${WARN_EVALUATE_DEFAULTS.every})
SPEC: values, ranges a..b or a..b:step, separated by commas (3..30, 0.1..0.9:0.2, 7,14,30).

${LOADER_HELP}
Evaluation options:
  --rule R               inactivity (default), alive, rfm-downgrade or group-activity
  --outcome O            observed (churn events) or holdout (default: observed when the
                         log has churn events)
  --as-of D              holdout: last day before it, YYYY-MM-DD or a day number
                         (default: the last day − --holdout)
  --holdout N            holdout: days without an order that make a churn (default ${WARN_EVALUATE_DEFAULTS.holdout})
  --active-within N      holdout: members in scope ordered in the N days up to --as-of
                         (default: the holdout)
  --horizon H            days after an alert within which a churn makes it right (default ${EVALUATE_WARNINGS_DEFAULTS.horizon})
  --latency L            days an intervention needs before churn (default ${EVALUATE_WARNINGS_DEFAULTS.latency})
  --level P              confidence level of the intervals (default ${EVALUATE_WARNINGS_DEFAULTS.level})
  --out DIR              also write curve.csv, lead_times.csv, curve.svg and manifest.json

Example:
  deno task lab sim default --members 5000 --events --out runs/default-events
  deno task lab warn evaluate runs/default-events --rule inactivity --windows 7..35:7
  deno task lab warn evaluate runs/default-events --rule alive --thresholds 0.1..0.7:0.2`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  rule: { type: "string" },
  windows: { type: "string" },
  thresholds: { type: "string" },
  drops: { type: "string" },
  margins: { type: "string" },
  stages: { type: "string" },
  warmup: { type: "string" },
  target: { type: "string" },
  every: { type: "string" },
  outcome: { type: "string" },
  "as-of": { type: "string" },
  holdout: { type: "string" },
  "active-within": { type: "string" },
  horizon: { type: "string" },
  latency: { type: "string" },
  level: { type: "string" },
  out: { type: "string" },
} as const;

/**
 * Runs `lab warn evaluate` with the arguments after the sub-command.
 *
 * @example
 * ```ts
 * import { runEvaluate } from "./_warn_evaluate.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * const rows = ["id,date"];
 * for (let m = 0; m < 20; m++) rows.push(`m${m},2020-01-01`, `m${m},2020-0${1 + (m % 3)}-20`);
 * await Deno.writeTextFile(path, rows.join("\n") + "\n");
 * const code = await runEvaluate([path, "--id-col", "id", "--date-col", "date",
 *   "--holdout", "30", "--windows", "7,14", "--json"]);
 * if (code !== 0) throw new Error("unexpected");
 * ```
 */
export async function runEvaluate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("warn evaluate", argv, OPTIONS);
  const rule = choiceOption<RuleName>(values, "rule", Object.keys(RULES) as RuleName[]) ??
    WARN_EVALUATE_DEFAULTS.rule;
  const spec = RULES[rule];
  for (const [name, r] of Object.entries(RULES)) {
    for (const option of [r.option, ...r.only]) {
      if (name !== rule && values[option] !== undefined) {
        throw new UsageError(`--${option} belongs to --rule ${name}, not ${rule}`);
      }
    }
  }
  const parameterValues = parseValues(
    String(values[spec.option] ?? spec.values),
    spec.option,
    rule === "inactivity"
      ? { integer: true, min: 1 }
      : rule === "alive"
      ? { min: 0, max: 1 }
      : rule === "rfm-downgrade"
      ? { integer: true, min: 1, max: 7 }
      : { min: 0 },
  );
  const horizon = integerOption(values, "horizon", { min: 1 }) ??
    EVALUATE_WARNINGS_DEFAULTS.horizon;
  const latency = integerOption(values, "latency", { min: 0 }) ??
    EVALUATE_WARNINGS_DEFAULTS.latency;
  const level = numberOption(values, "level") ?? EVALUATE_WARNINGS_DEFAULTS.level;
  const every = integerOption(values, "every", { min: 1 }) ?? WARN_EVALUATE_DEFAULTS.every;
  const { log, load } = await loadFromArgs("warn evaluate", positionals, values);
  const outcomes = churnOutcomes(log, values);
  const variants = ruleVariants(rule, log, parameterValues, values, outcomes, every);
  const curve = traceWarningCurve(variants, outcomes, {
    horizon,
    latency,
    level,
    parameter: spec.parameter,
  });
  const report = {
    load,
    rule,
    parameter: spec.parameter,
    outcomes: {
      kind: outcomes.kind,
      from: dateOfDay(log.origin, outcomes.from),
      to: dateOfDay(log.origin, outcomes.to),
      holdout: outcomes.holdout,
      members: outcomes.members,
    },
    horizon,
    latency,
    level,
    points: curve.points.map(({ evaluation: e, ...p }) => ({
      ...p,
      alertsRaised: e.alertsRaised,
      n: e.n,
      timely: e.timely,
      late: e.late,
      afterChurn: e.afterChurn,
      falseAlarms: e.falseAlarms,
      churns: e.churns,
      caught: e.caught,
      memberPrecision: e.memberPrecision,
      leadTime: e.leadTime,
    })),
  };
  let files: WrittenOutput[] | null = null;
  if (typeof values.out === "string") {
    files = await writeCurve(values.out, curve, report, argv);
  }
  if (values.json === true) {
    console.log(JSON.stringify({ ...report, out: values.out ?? null, files }, jsonNumbers, 2));
    return 0;
  }
  printCurve(load, report, curve);
  if (files !== null) {
    console.log(`Output folder ${values.out}: ${files.map((f) => f.name).join(", ")}`);
  }
  return 0;
}

/** Observed churn for a log with churn events, else (or with --outcome holdout) a holdout. */
function churnOutcomes(log: EventLog, values: ParsedArgs["values"]): ChurnOutcomes {
  let hasChurn = false;
  for (let i = 0; i < log.length && !hasChurn; i++) hasChurn = log.type[i] === EventCode.churn;
  const kind = choiceOption(values, "outcome", ["observed", "holdout"] as const) ??
    (hasChurn ? "observed" : "holdout");
  const holdoutOptions = ["as-of", "holdout", "active-within"].filter((o) =>
    values[o] !== undefined
  );
  if (kind === "observed") {
    if (!hasChurn) {
      throw new UsageError(
        "--outcome observed: the log has no churn events; use --outcome holdout (real logs)",
      );
    }
    if (holdoutOptions.length > 0) {
      throw new UsageError(`--${holdoutOptions[0]} needs --outcome holdout`);
    }
    return observedChurn(log);
  }
  const holdout = integerOption(values, "holdout", { min: 1 }) ?? WARN_EVALUATE_DEFAULTS.holdout;
  let last = -Infinity;
  for (let i = 0; i < log.length; i++) last = Math.max(last, log.day[i]);
  const asOf = dayOption(values, "as-of", log.origin) ?? last - holdout;
  return holdoutChurn(log, {
    asOf,
    holdout,
    activeWithin: integerOption(values, "active-within", { min: 1 }),
  });
}

/** Each value's alerts; the periodic rules look at the holdout's as-of day (and one before). */
function ruleVariants(
  rule: RuleName,
  log: EventLog,
  parameterValues: readonly number[],
  values: ParsedArgs["values"],
  outcomes: ChurnOutcomes,
  every: number,
): AlertVariant[] {
  const holdout = outcomes.kind === "holdout";
  const asOf = outcomes.to;
  switch (rule) {
    case "inactivity": {
      const stages = typeof values.stages === "string"
        ? values.stages.split(",").map((s) => s.trim()).filter((s) => s)
        : undefined;
      return alertsByWindow(log, parameterValues, { stages });
    }
    case "alive":
      return alertsByThreshold(log, parameterValues, {
        every,
        warmup: integerOption(values, "warmup", { min: 0 }),
        asOf: holdout ? [asOf - every, asOf] : undefined,
      });
    case "rfm-downgrade":
      return alertsByDrop(log, parameterValues, {
        every,
        asOf: holdout ? [asOf - every, asOf] : undefined,
      });
    case "group-activity":
      return alertsByMargin(log, parameterValues, {
        periodDays: every,
        target: choiceOption<GroupAlertTarget>(values, "target", ["all", "inactive"]),
        asOf: holdout ? [asOf] : undefined,
      });
  }
}

type Report = {
  readonly rule: RuleName;
  readonly parameter: string;
  readonly outcomes: { kind: string; from: string; to: string; holdout: number; members: number };
  readonly horizon: number;
  readonly latency: number;
  readonly level: number;
};

async function writeCurve(
  out: string,
  curve: WarningCurve,
  report: Report & { load: LoadSummary },
  argv: readonly string[],
): Promise<WrittenOutput[]> {
  const rows = curve.points.map(({ value, rule, precision, recall, evaluation: e }) => [
    value,
    rule,
    e.alertsRaised,
    e.n,
    e.alertsPerDay,
    precision.estimate,
    precision.lower,
    precision.upper,
    recall.estimate,
    recall.lower,
    recall.upper,
    e.memberPrecision,
    e.timely,
    e.late,
    e.afterChurn,
    e.falseAlarms,
    e.churns,
    e.caught,
    e.leadTime.median,
    e.leadTime.medianLower,
    e.leadTime.medianUpper,
    e.leadTime.q25,
    e.leadTime.q75,
  ]);
  const leads = curve.points.flatMap((p) => {
    const counts = new Map<number, number>();
    for (const d of p.evaluation.leadTimes) counts.set(d, (counts.get(d) ?? 0) + 1);
    return [...counts].map(([d, n]) => [p.value, d, n]);
  });
  const files = [
    csvTable("curve.csv", [
      "value",
      "rule",
      "alerts_raised",
      "judged",
      "alerts_per_day",
      "precision",
      "precision_lower",
      "precision_upper",
      "recall",
      "recall_lower",
      "recall_upper",
      "member_precision",
      "timely",
      "late",
      "after_churn",
      "false_alarms",
      "churns",
      "caught",
      "median_lead_time",
      "median_lead_lower",
      "median_lead_upper",
      "lead_q25",
      "lead_q75",
    ], rows),
    csvTable("lead_times.csv", ["value", "lead_days", "churns"], leads),
    {
      name: "curve.svg",
      text: renderWarningCurve(
        curve.points.map((p) => ({
          window: p.value,
          precision: p.precision,
          recall: p.recall,
        })),
        { level: curve.level, parameter: report.parameter },
      ),
    },
  ];
  return await writeOutputFolder(out, files, {
    command: "warn evaluate",
    arguments: argv,
    input: report.load.file,
    run: report.load.run,
    scenario: report.load.run?.scenario ?? null,
    seed: report.load.run?.seed ?? null,
    version: VERSION,
    rule: report.rule,
    outcomes: report.outcomes,
    horizon: report.horizon,
    latency: report.latency,
    level: report.level,
  });
}

function printCurve(load: LoadSummary, report: Report, curve: WarningCurve): void {
  printLoad(load);
  const o = report.outcomes;
  console.log(
    o.kind === "observed"
      ? `Judged against observed churn, ${o.from} … ${o.to}, ${o.members} members`
      : `Judged against a ${o.holdout}-day holdout after ${o.to}: ${o.members} members active ` +
        `before it`,
  );
  console.log(
    `Rule ${report.rule} by ${report.parameter}: right when a churn follows ${report.latency} ` +
      `to ${report.horizon} days after the alert; ${Math.round(report.level * 100)}% Wilson ` +
      "intervals",
  );
  const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)}%`);
  const range = (x: { lower: number; upper: number }) => `[${pct(x.lower)}, ${pct(x.upper)}]`;
  console.log(
    `${"value".padStart(8)}${"alerts/day".padStart(12)}${"precision".padStart(10)}${
      "".padStart(18)
    }${"recall".padStart(9)}${"".padStart(18)}${"lead days".padStart(11)}  (q25–q75)`,
  );
  for (const p of curve.points) {
    const lead = p.evaluation.leadTime;
    const days = Number.isNaN(lead.median)
      ? "–"
      : `${lead.median.toFixed(1)}  (${lead.q25.toFixed(0)}–${lead.q75.toFixed(0)})`;
    console.log(
      `${String(p.value).padStart(8)}${p.alertsPerDay.toFixed(2).padStart(12)}` +
        `${pct(p.precision.estimate).padStart(10)} ${range(p.precision).padEnd(17)}` +
        `${pct(p.recall.estimate).padStart(9)} ${range(p.recall).padEnd(17)}${days.padStart(11)}`,
    );
  }
}
