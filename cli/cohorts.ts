/**
 * `lab cohorts`: retention matrices by join cohort (or, with `--composition`, the
 * new/returning/resurrecting/dormant composition) from an event file.
 *
 * @module
 */
import type { PeriodUnit } from "../log/mod.ts";
import {
  buildRetentionMatrix,
  composeLifecycle,
  type RetentionMatrix,
  type RetentionMode,
} from "../models/analytics/mod.ts";
import { type Command, integerOption, parseCommandLine, printJson, UsageError } from "./command.ts";
import {
  choiceOption,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  printLoad,
  reportDataErrors,
} from "./_event_file.ts";

const HELP = `Usage: deno task lab cohorts <file> --id-col <col> --date-col <col> [options]

Retention by join cohort. The cohort is a member's first event (its join in a simulated
log, its first order in an order file); activity is orders (every row of a file without
--type-col). Cells not observed in full before the last day of data are empty.

${LOADER_HELP}
Matrix options:
  --period <p>           day | week | month (default week; a log without dates has
                         30-day months)
  --mode <m>             classic (active in period N) | unbounded (N or later) |
                         bracket (any period in [a,b)) (default classic)
  --brackets <a-b,...>   bracket ranges for --mode bracket, e.g. 1-2,2-4,4-8
  --max-offset <n>       last column for classic/unbounded (default all)
  --composition          print new/returning/resurrecting/dormant per period instead

Example:
  deno task lab cohorts ../shared/data/cdnow/CDNOW_master.txt --id-col customer_id \\
    --date-col date --amount-col dollar_value --period month --mode unbounded`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  period: { type: "string" },
  mode: { type: "string" },
  brackets: { type: "string" },
  "max-offset": { type: "string" },
  composition: { type: "boolean" },
} as const;

/** The `lab cohorts` command. */
export const cohortsCommand: Command = {
  name: "cohorts",
  help: HELP,
  run: (argv) => reportDataErrors(() => runCohorts(argv)),
};

async function runCohorts(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("cohorts", argv, OPTIONS);
  const period = choiceOption<PeriodUnit>(values, "period", ["day", "week", "month"]) ?? "week";
  const mode = choiceOption<RetentionMode>(values, "mode", ["classic", "unbounded", "bracket"]) ??
    "classic";
  const brackets = typeof values.brackets === "string" ? parseBrackets(values.brackets) : undefined;
  const maxOffset = integerOption(values, "max-offset", { min: 0 });
  const { log, load } = await loadFromArgs("cohorts", positionals, values);
  if (values.composition === true) {
    const composition = composeLifecycle(log, { period });
    if (values.json === true) printJson({ load, period, rows: composition.rows });
    else {
      printLoad(load);
      const head = ["period", "active", "new", "returning", "resurrecting", "dormant"];
      console.log(head.map((h) => h.padStart(13)).join(""));
      for (const r of composition.rows) {
        const cells = [r.label, r.active, r.new, r.returning, r.resurrecting, -r.dormant];
        console.log(cells.map((c) => String(c).padStart(13)).join("") + (r.complete ? "" : " *"));
      }
    }
    return 0;
  }
  const matrix = buildRetentionMatrix(log, { period, mode, brackets, maxOffset });
  if (values.json === true) printJson({ load, ...matrix });
  else {
    printLoad(load);
    printMatrix(matrix);
  }
  return 0;
}

function parseBrackets(text: string): [number, number][] {
  return text.split(",").map((part) => {
    const match = /^\s*(\d+)-(\d+)\s*$/.exec(part);
    if (match === null) {
      throw new UsageError(`--brackets: expected ranges like 1-2,2-4, got '${part}'`);
    }
    return [Number(match[1]), Number(match[2])];
  });
}

function printMatrix(m: RetentionMatrix): void {
  console.log(`${m.mode} retention by ${m.period} cohort (% of cohort; blank = not observed)`);
  const width = 7;
  console.log(
    ["cohort".padEnd(12), "size".padStart(8), ...m.columns.map((c) => c.padStart(width))].join(""),
  );
  const pct = (v: number | null) => (v === null ? "" : (100 * v).toFixed(1)).padStart(width);
  for (const row of m.cohorts) {
    console.log(
      [row.label.padEnd(12), String(row.size).padStart(8), ...row.rates.map(pct)].join(""),
    );
  }
  console.log(["average".padEnd(12), String(m.n).padStart(8), ...m.average.map(pct)].join(""));
}
