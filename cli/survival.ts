/**
 * `lab survival`: Kaplan–Meier curves from a per-member table (one row per member
 * with a duration and a churn flag, such as IBM's Telco churn file), optionally one
 * curve per group with the log-rank test.
 *
 * @module
 */
import { loadTable } from "../io/event_files.ts";
import type { BadRowPolicy, DelimiterMode, Table } from "../log/mod.ts";
import {
  fitKaplanMeier,
  type KaplanMeierFit,
  logRankTest,
  type SurvivalGroup,
} from "../models/analytics/mod.ts";
import { type Command, numberOption, parseCommandLine, printJson, UsageError } from "./command.ts";

const HELP = `Usage: deno task lab survival <file> --duration <col> --event <col> [options]

Kaplan–Meier survival (log-log 95% intervals, as R survfit and lifelines) from a table
with one row per member.

Options:
  --duration <col>       column with the time at risk (required)
  --event <col>          column with the churn flag (required)
  --event-value <text>   value of --event that means churned (default: 1/true/yes)
  --at <t,t,...>         times to report S(t) at (default: every observed time)
  --group <col>          one curve per value of this column, plus the log-rank test
  --alpha <a>            1 − confidence level (default 0.05)
  --delimiter <mode>     auto | comma | tab | whitespace (default auto)
  --no-header            the first line is data; name columns by 0-based index
  --on-bad-row <mode>    fail | quarantine (default fail)
  --json                 print JSON instead of tables

Example:
  deno task lab survival ../shared/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv \\
    --duration tenure --event Churn --event-value Yes --at 12,24,48,72 --group Contract`;

const OPTIONS = {
  duration: { type: "string" },
  event: { type: "string" },
  "event-value": { type: "string" },
  at: { type: "string" },
  group: { type: "string" },
  alpha: { type: "string" },
  delimiter: { type: "string" },
  "no-header": { type: "boolean" },
  "on-bad-row": { type: "string" },
  json: { type: "boolean" },
} as const;

/** The `lab survival` command. */
export const survivalCommand: Command = {
  name: "survival",
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseCommandLine("survival", argv, OPTIONS);
    const [file] = positionals;
    const durationCol = values.duration, eventCol = values.event;
    if (file === undefined || typeof durationCol !== "string" || typeof eventCol !== "string") {
      throw new UsageError("survival: expected <file>, --duration and --event. See --help.");
    }
    const alpha = numberOption(values, "alpha") ?? 0.05;
    const at = typeof values.at === "string" ? parseTimes(values.at) : null;
    const { table, badRows } = await loadTable(file, {
      delimiter: choice(values.delimiter, "delimiter", ["auto", "comma", "tab", "whitespace"]) as
        | DelimiterMode
        | undefined,
      header: values["no-header"] !== true,
      types: { [durationCol]: "number" },
      onBadRow: choice(values["on-bad-row"], "on-bad-row", ["fail", "quarantine"]) as
        | BadRowPolicy
        | undefined,
    });
    const durations = table.number(durationCol);
    const observed = eventFlags(table, eventCol, values["event-value"] as string | undefined);
    const overall = fitKaplanMeier(durations, observed, { alpha, label: "all" });
    const result: Record<string, unknown> = { file, ...curveJson(overall, at), alpha };
    if (badRows.length > 0) result.quarantined = badRows.length;
    let fits: KaplanMeierFit[] = [];
    if (typeof values.group === "string") {
      const groupValues = table.text(values.group);
      const groups: SurvivalGroup[] = [...new Set(groupValues)].sort().map((label) => ({
        label,
        durations: durations.filter((_, i) => groupValues[i] === label),
        eventObserved: observed.filter((_, i) => groupValues[i] === label),
      }));
      fits = groups.map((g) =>
        fitKaplanMeier(g.durations, g.eventObserved, { alpha, label: g.label })
      );
      const test = logRankTest(groups);
      result.groups = fits.map((f) => ({ label: f.label, ...curveJson(f, at) }));
      result.logRank = { statistic: test.statistic, df: test.df, pValue: test.pValue };
    }
    if (values.json === true) printJson(result);
    else {
      for (const fit of [overall, ...fits]) printCurve(fit, at);
      const test = result.logRank as { statistic: number; df: number; pValue: number } | undefined;
      if (test !== undefined) {
        console.log(
          `log-rank test: chi2 = ${test.statistic.toFixed(3)}, df = ${test.df}, p = ${
            test.pValue.toExponential(3)
          }`,
        );
      }
    }
    return 0;
  },
};

function choice(value: unknown, name: string, allowed: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new UsageError(`--${name}: expected one of ${allowed.join(", ")}, got '${value}'`);
  }
  return value;
}

function parseTimes(text: string): number[] {
  return text.split(",").map((part) => {
    const t = Number(part);
    if (part.trim() === "" || !Number.isFinite(t)) {
      throw new UsageError(`--at: expected comma-separated numbers, got '${part}'`);
    }
    return t;
  });
}

const TRUE = new Set(["1", "true", "yes"]), FALSE = new Set(["0", "false", "no"]);

function eventFlags(table: Table, column: string, eventValue: string | undefined): Uint8Array {
  const raw = table.text(column);
  return Uint8Array.from(raw, (value, i) => {
    if (eventValue !== undefined) return value === eventValue ? 1 : 0;
    const v = value.toLowerCase();
    if (TRUE.has(v)) return 1;
    if (FALSE.has(v)) return 0;
    throw new UsageError(
      `survival: --event column '${column}' row ${i + 1} is '${value}', expected 1/0, ` +
        `true/false or yes/no (or pass --event-value)`,
    );
  });
}

function curveJson(fit: KaplanMeierFit, at: readonly number[] | null) {
  const times = at ?? fit.table.map((r) => r.time);
  return {
    n: fit.n,
    events: fit.events,
    median: fit.median.estimate,
    medianInterval: [fit.median.lower, fit.median.upper],
    survival: times.map((t) => {
      const p = fit.survivalAt(t);
      return { t, s: p.estimate, lo: p.lower, hi: p.upper };
    }),
  };
}

function printCurve(fit: KaplanMeierFit, at: readonly number[] | null): void {
  const { survival, median } = curveJson(fit, at);
  const level = Math.round(fit.confidenceLevel * 100);
  console.log(
    `\n${fit.label}: n = ${fit.n}, events = ${fit.events}, median = ${
      Number.isFinite(median) ? median : "not reached"
    }`,
  );
  console.log(`${"t".padStart(8)}  ${"S(t)".padStart(7)}  ${`${level}% interval`.padStart(17)}`);
  for (const r of survival) {
    const f = (v: number) => Number.isNaN(v) ? "   NA" : v.toFixed(4);
    console.log(`${String(r.t).padStart(8)}  ${f(r.s).padStart(7)}  [${f(r.lo)}, ${f(r.hi)}]`);
  }
}
