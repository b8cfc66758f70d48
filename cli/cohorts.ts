/**
 * `lab cohorts`: retention matrices by join cohort (or, with `--composition`, the
 * new/returning/resurrecting/dormant composition) from an event file.
 *
 * @module
 */
import { loadEventLog } from "../io/mod.ts";
import type { BadRowPolicy, DateFormat, DelimiterMode, PeriodUnit } from "../log/mod.ts";
import {
  buildRetentionMatrix,
  composeLifecycle,
  type RetentionMatrix,
  type RetentionMode,
} from "../models/analytics/mod.ts";
import { type Command, integerOption, parseCommandLine, printJson, UsageError } from "./command.ts";

const HELP = `Usage: deno task lab cohorts <file> --id-col <col> --date-col <col> [options]

Retention by join cohort from an event file (CSV/TSV/whitespace text or Parquet). The
cohort is a member's first event; activity is every loaded row (orders). Cells not
observed in full before the last day of data are empty.

Loader options:
  --id-col <col>         member id column, by header name or 0-based index (required)
  --date-col <col>       date column (required)
  --amount-col <col>     amount column (optional)
  --date-format <f>      auto | iso | yyyymmdd (default auto)
  --delimiter <mode>     auto | comma | tab | whitespace (default auto)
  --no-header            the first line is data; name columns by 0-based index
  --on-bad-row <mode>    fail | quarantine (default fail; quarantine writes
                         <file>.quarantine.csv beside the file)
Matrix options:
  --period <p>           day | week | month (default week)
  --mode <m>             classic (active in period N) | unbounded (N or later) |
                         bracket (any period in [a,b)) (default classic)
  --brackets <a-b,...>   bracket ranges for --mode bracket, e.g. 1-2,2-4,4-8
  --max-offset <n>       last column for classic/unbounded (default all)
  --composition          print new/returning/resurrecting/dormant per period instead
  --json                 print JSON instead of a table

Example:
  deno task lab cohorts ../shared/data/cdnow/CDNOW_master.txt --id-col customer_id \\
    --date-col date --amount-col dollar_value --period month --mode unbounded`;

const OPTIONS = {
  "id-col": { type: "string" },
  "date-col": { type: "string" },
  "amount-col": { type: "string" },
  "date-format": { type: "string" },
  delimiter: { type: "string" },
  "no-header": { type: "boolean" },
  "on-bad-row": { type: "string" },
  period: { type: "string" },
  mode: { type: "string" },
  brackets: { type: "string" },
  "max-offset": { type: "string" },
  composition: { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** The `lab cohorts` command. */
export const cohortsCommand: Command = {
  name: "cohorts",
  summary: "Retention matrices by join cohort and lifecycle composition from an event file",
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseCommandLine("cohorts", argv, OPTIONS);
    const [file] = positionals;
    const idCol = values["id-col"], dateCol = values["date-col"];
    if (file === undefined || typeof idCol !== "string" || typeof dateCol !== "string") {
      throw new UsageError("cohorts: expected <file>, --id-col and --date-col. See --help.");
    }
    const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
      const value = values[name];
      if (value === undefined) return undefined;
      if (!allowed.includes(value as T)) {
        throw new UsageError(`--${name}: expected one of ${allowed.join(", ")}, got '${value}'`);
      }
      return value as T;
    };
    const period = pick<PeriodUnit>("period", ["day", "week", "month"]) ?? "week";
    const mode = pick<RetentionMode>("mode", ["classic", "unbounded", "bracket"]) ?? "classic";
    const brackets = typeof values.brackets === "string"
      ? parseBrackets(values.brackets)
      : undefined;
    const loaded = await loadEventLog(file, {
      idCol,
      dateCol,
      amountCol: values["amount-col"] as string | undefined,
      dateFormat: pick<DateFormat>("date-format", ["auto", "iso", "yyyymmdd"]),
      delimiter: pick<DelimiterMode>("delimiter", ["auto", "comma", "tab", "whitespace"]),
      header: values["no-header"] !== true,
      onBadRow: pick<BadRowPolicy>("on-bad-row", ["fail", "quarantine"]),
    });
    const { report } = loaded;
    const load = {
      file,
      rowsRead: report.rowsRead,
      rowsLoaded: report.rowsLoaded,
      rowsQuarantined: report.rowsQuarantined,
      quarantineFile: loaded.quarantinePath,
      members: loaded.log.members.count,
      origin: loaded.log.origin,
    };
    if (values.composition === true) {
      const composition = composeLifecycle(loaded.log, { period });
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
    const matrix = buildRetentionMatrix(loaded.log, {
      period,
      mode,
      brackets,
      maxOffset: integerOption(values, "max-offset", { min: 0 }),
    });
    if (values.json === true) printJson({ load, ...matrix });
    else {
      printLoad(load);
      printMatrix(matrix);
    }
    return 0;
  },
};

function parseBrackets(text: string): [number, number][] {
  return text.split(",").map((part) => {
    const match = /^\s*(\d+)-(\d+)\s*$/.exec(part);
    if (match === null) {
      throw new UsageError(`--brackets: expected ranges like 1-2,2-4, got '${part}'`);
    }
    return [Number(match[1]), Number(match[2])];
  });
}

function printLoad(load: Record<string, unknown>): void {
  console.log(
    `${load.file}: ${load.rowsLoaded} of ${load.rowsRead} rows loaded, ${load.members} members` +
      (load.rowsQuarantined
        ? `, ${load.rowsQuarantined} quarantined in ${load.quarantineFile}`
        : ""),
  );
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
