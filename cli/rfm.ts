/**
 * `lab rfm`: recency, frequency and monetary scores and the eight RFM segments of an
 * event file at an as-of date, with each segment's Chinese label and recommended strategy;
 * with `--from`, the segment migration matrix between two dates.
 *
 * @module
 */
import {
  migrateRfm,
  RFM_DEFAULTS,
  RFM_SEGMENT_INFO,
  type RfmMode,
  type RfmOptions,
  type RfmResult,
  scoreRfm,
} from "../models/analytics/mod.ts";
import { type Command, integerOption, parseCommandLine, printJson } from "./command.ts";
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

const HELP =
  `Usage: deno task lab rfm <file> --id-col <col> --date-col <col> --amount-col <col> [options]

Scores every member's recency (days since the last order at --as-of), frequency (orders
in the window) and monetary value (amount in the window) from 1 to 5, and puts members in
the eight RFM segments (重要价值用户 … 一般挽留用户) with the recommended strategy.
Every row of the file is an order unless --type-col says otherwise.

${LOADER_HELP}
RFM options:
  --as-of <date>         day of measurement, YYYY-MM-DD or a day number
                         (default: the last day in the file)
  --window <days>        days counted for frequency and monetary (default ${RFM_DEFAULTS.window})
  --mode <m>             quantile | mean | median | thesis (default ${RFM_DEFAULTS.mode}):
                         quantile = high when the 1-5 score is ≥ --high-score;
                         mean/median = high when strictly better than the split;
                         thesis = the thesis bands on monthly amount and days since the
                         last order (members in no band are reported as unmatched)
  --high-score <n>       lowest high score in quantile mode (default ${RFM_DEFAULTS.highScore})
  --month-days <days>    days of the thesis "monthly amount" (default ${RFM_DEFAULTS.monthDays})
  --from <date>          also print the segment migration matrix from this date to --as-of
  --list                 with --json, also list every member's R, F, M, scores and segment

Example:
  deno task lab rfm ../shared/data/online_retail/online_retail_invoices.csv \\
    --id-col CustomerID --date-col InvoiceDate --amount-col TotalPrice \\
    --as-of 2011-12-09 --window 365 --mode median --json`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  "as-of": { type: "string" },
  window: { type: "string" },
  mode: { type: "string" },
  "high-score": { type: "string" },
  "month-days": { type: "string" },
  from: { type: "string" },
  list: { type: "boolean" },
} as const;

/** The `lab rfm` command. */
export const rfmCommand: Command = {
  name: "rfm",
  help: HELP,
  run: (argv) => reportDataErrors(() => runRfm(argv)),
};

async function runRfm(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("rfm", argv, OPTIONS);
  const options: RfmOptions = {
    window: integerOption(values, "window", { min: 1 }),
    mode: choiceOption<RfmMode>(values, "mode", ["quantile", "mean", "median", "thesis"]),
    highScore: integerOption(values, "high-score", { min: 1, max: 5 }),
    monthDays: integerOption(values, "month-days", { min: 1 }),
  };
  const { log, load } = await loadFromArgs("rfm", positionals, values);
  const asOf = dayOption(values, "as-of", log.origin);
  const from = dayOption(values, "from", log.origin);
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const rfm = scoreRfm(log, { ...defined, asOf });
  const migration = from === undefined ? null : migrateRfm(log, { ...defined, from, to: rfm.asOf });
  if (values.json === true) {
    printJson({
      load,
      model: rfm.model,
      asOf: dateOfDay(log.origin, rfm.asOf),
      window: rfm.window,
      mode: rfm.mode,
      n: rfm.n,
      unscored: rfm.unscored,
      unmatched: rfm.unmatched,
      splits: rfm.splits,
      segments: rfm.summary(),
      migration: migration && {
        from: dateOfDay(log.origin, migration.from),
        to: dateOfDay(log.origin, migration.to),
        states: migration.states,
        counts: migration.counts,
      },
      members: values.list === true ? memberRows(rfm, log.members.ids) : undefined,
    });
    return 0;
  }
  printLoad(load);
  console.log(
    `RFM as of ${dateOfDay(log.origin, rfm.asOf)}, window ${rfm.window} days, mode ${rfm.mode}: ` +
      `${rfm.n} members scored, ${rfm.unscored} without an order yet` +
      (rfm.mode === "thesis" ? `, ${rfm.unmatched} in no thesis band` : ""),
  );
  // Chinese labels are six full-width characters, 12 terminal columns wide.
  const head = [
    "segment".padEnd(24),
    "中文".padEnd(10),
    "members".padStart(9),
    "share".padStart(8),
  ];
  console.log(`${head.join("")}  strategy`);
  for (const row of rfm.summary()) {
    const share = Number.isNaN(row.estimate) ? "" : `${(100 * row.estimate).toFixed(1)}%`;
    const cells = [row.segment.padEnd(24), row.zh, String(row.members).padStart(9)];
    console.log(`${cells.join("")}${share.padStart(8)}  ${row.strategy}`);
  }
  if (migration !== null) {
    console.log(
      `\nMigration ${dateOfDay(log.origin, migration.from)} → ${
        dateOfDay(log.origin, migration.to)
      } (rows: from, columns: to)`,
    );
    const short = migration.states.map((s) =>
      s.replace("important", "imp").replace("general", "gen")
    );
    console.log("".padEnd(18) + short.map((s) => s.slice(0, 9).padStart(10)).join(""));
    migration.counts.forEach((row, i) => {
      console.log(short[i].padEnd(18) + row.map((c) => String(c).padStart(10)).join(""));
    });
  }
  return 0;
}

function memberRows(rfm: RfmResult, ids: readonly string[] | null) {
  return Array.from(rfm.member, (m, i) => ({
    member: ids?.[m] ?? m,
    recency: rfm.recency[i],
    frequency: rfm.frequency[i],
    monetary: rfm.monetary[i],
    r: rfm.scores.recency[i],
    f: rfm.scores.frequency[i],
    m: rfm.scores.monetary[i],
    segment: rfm.segment[i],
    zh: rfm.segment[i] === null ? null : RFM_SEGMENT_INFO[rfm.segment[i]!].zh,
  }));
}
