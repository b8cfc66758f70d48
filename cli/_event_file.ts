/**
 * Private helpers of the commands that read an event log (`lab rfm`, `cohorts`, `funnel`,
 * `economics`, `viral`): the loader options they share (passed to `loadEventLog` from
 * io/), their help text, the load summary they print, and conversion between dates on
 * the command line and log days. The input is an event file, or a run folder written by
 * `lab sim --events`, read with its own columns and member table.
 *
 * @module
 */
import { loadEventLog, loadTable } from "../io/event_files.ts";
import { isRunFolder, type LoadedRunLog, loadRunLog } from "../io/run_log.ts";
import {
  type BadRowPolicy,
  type DateFormat,
  type DelimiterMode,
  type EventLog,
  joinMembers,
  type MemberJoinReport,
} from "../log/mod.ts";
import type { ParsedArgs } from "./command.ts";
import { UsageError } from "./command.ts";

/** parseArgs configuration of the loader options. */
export const LOADER_OPTIONS = {
  "id-col": { type: "string" },
  "date-col": { type: "string" },
  "amount-col": { type: "string" },
  "type-col": { type: "string" },
  "stage-col": { type: "string" },
  "channel-col": { type: "string" },
  "attr-cols": { type: "string" },
  "date-format": { type: "string" },
  delimiter: { type: "string" },
  "no-header": { type: "boolean" },
  "on-bad-row": { type: "string" },
  members: { type: "string" },
  "members-id-col": { type: "string" },
  "member-cols": { type: "string" },
  json: { type: "boolean" },
} as const;

/** Help text of the loader options. */
export const LOADER_HELP =
  `Input: an event file (CSV/TSV/whitespace text or Parquet), or a run folder written by
lab sim --events (its columns and member table are known; no column options needed).

Loader options:
  --id-col <col>         member id column, by header name or 0-based index (required)
  --date-col <col>       date column, ISO or YYYYMMDD (required)
  --amount-col <col>     order amount column (empty on rows that are not orders)
  --type-col <col>       event type column (join, order, churn, invite, ...);
                         without it every row is an order
  --stage-col <col>      stage entered by join, stage and reactivate rows
  --channel-col <col>    member attribute column holding the acquisition channel
  --attr-cols <a,b>      more member attribute columns (tier, group, ...)
  --date-format <f>      auto | iso | yyyymmdd | day (default auto; day = whole day
                         numbers without dates, as in a simulated events.csv)
  --delimiter <mode>     auto | comma | tab | whitespace (default auto)
  --no-header            the first line is data; name columns by 0-based index
  --on-bad-row <mode>    fail | quarantine (default fail; quarantine writes
                         <file>.quarantine.csv beside the file and counts the rows)
  --members <file>       a per-member table (CSV) whose columns become member
                         attributes, e.g. a customer table with each channel
  --members-id-col <col> its member id column (default id)
  --member-cols <a,b>    its columns to attach (required with --members)
  --json                 print JSON instead of text`;

/** What a command prints about the load. */
export interface LoadSummary {
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsQuarantined: number;
  readonly quarantineFile: string | null;
  readonly members: number;
  readonly events: number;
  readonly origin: string | null;
  /** How the member table (`--members`, or a run folder's) matched; null without one. */
  readonly memberTable: MemberJoinReport | null;
  /** Scenario, seed and version of a simulated run folder; null for other files. */
  readonly run: LoadedRunLog["run"] | null;
}

/**
 * Reads an option that must be one of a list, naming the option when it is not.
 *
 * @example
 * ```ts
 * import { choiceOption } from "./_event_file.ts";
 * if (choiceOption({ mode: "mean" }, "mode", ["mean", "median"]) !== "mean") throw new Error();
 * ```
 */
export function choiceOption<T extends string>(
  values: ParsedArgs["values"],
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`--${name}: expected one of ${allowed.join(", ")}, got '${value}'`);
  }
  return value as T;
}

/**
 * Loads the event file (or run folder) named by the first positional with the loader
 * options, and names the member attribute that holds the channel (`--channel-col`, or a
 * run folder's `channel`).
 *
 * @example
 * ```ts
 * import { loadFromArgs } from "./_event_file.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "id,date,amount\na,2020-01-01,5\n");
 * const { log } = await loadFromArgs("rfm", [path], {
 *   "id-col": "id", "date-col": "date", "amount-col": "amount",
 * });
 * if (log.length !== 1) throw new Error("unexpected");
 * ```
 */
export async function loadFromArgs(
  command: string,
  positionals: readonly string[],
  values: ParsedArgs["values"],
): Promise<{ log: EventLog; load: LoadSummary; channelAttribute: string | undefined }> {
  const [file, ...extra] = positionals;
  if (extra.length > 0) {
    throw new UsageError(`${command}: expected one <file>, got also '${extra.join(" ")}'`);
  }
  if (file === undefined) throw new UsageError(`${command}: expected <file>. See --help.`);
  const onBadRow = choiceOption<BadRowPolicy>(values, "on-bad-row", ["fail", "quarantine"]);
  if (await isRunFolder(file)) return await loadRunFolder(command, file, values, onBadRow);
  const idCol = values["id-col"], dateCol = values["date-col"];
  if (typeof idCol !== "string" || typeof dateCol !== "string") {
    throw new UsageError(`${command}: expected <file>, --id-col and --date-col. See --help.`);
  }
  const channel = stringOption(values, "channel-col");
  const attributeCols = [...(channel ? [channel] : []), ...listOption(values, "attr-cols")];
  const loaded = await loadEventLog(file, {
    idCol,
    dateCol,
    amountCol: stringOption(values, "amount-col"),
    typeCol: stringOption(values, "type-col"),
    stageCol: stringOption(values, "stage-col"),
    attributeCols: attributeCols.length > 0 ? attributeCols : undefined,
    dateFormat: choiceOption<DateFormat>(values, "date-format", [
      "auto",
      "iso",
      "yyyymmdd",
      "day",
    ]),
    delimiter: choiceOption<DelimiterMode>(values, "delimiter", [
      "auto",
      "comma",
      "tab",
      "whitespace",
    ]),
    header: values["no-header"] !== true,
    onBadRow,
  });
  let { log } = loaded;
  let memberTable: MemberJoinReport | null = null;
  const membersFile = stringOption(values, "members");
  if (membersFile !== undefined) {
    const memberCols = listOption(values, "member-cols");
    if (memberCols.length === 0) {
      throw new UsageError(`${command}: --members needs --member-cols, the columns to attach`);
    }
    const { table } = await loadTable(membersFile);
    const joined = joinMembers(log, table, {
      idCol: stringOption(values, "members-id-col") ?? "id",
      attributeCols: memberCols,
    });
    log = joined.log;
    memberTable = joined.report;
  } else if (values["members-id-col"] !== undefined || values["member-cols"] !== undefined) {
    throw new UsageError(`${command}: --members-id-col and --member-cols need --members <file>`);
  }
  // The loader names an attribute by its header, or `column <i>` in a headerless file.
  const channelAttribute = channel === undefined
    ? undefined
    : log.members.attributes[channel] !== undefined
    ? channel
    : `column ${channel}`;
  return {
    log,
    channelAttribute,
    load: summary(file, loaded.report, loaded.quarantinePath, log, memberTable, null),
  };
}

/** The loader options a run folder does not take: it knows its own columns. */
const COLUMN_OPTIONS = [
  "id-col",
  "date-col",
  "amount-col",
  "type-col",
  "stage-col",
  "attr-cols",
  "date-format",
  "delimiter",
  "no-header",
  "members",
  "members-id-col",
  "member-cols",
];

async function loadRunFolder(
  command: string,
  dir: string,
  values: ParsedArgs["values"],
  onBadRow: BadRowPolicy | undefined,
) {
  const given = COLUMN_OPTIONS.filter((name) => values[name] !== undefined);
  if (given.length > 0) {
    throw new UsageError(
      `${command}: ${dir} is a run folder, which knows its columns; drop --${given.join(", --")}`,
    );
  }
  const loaded = await loadRunLog(dir, { onBadRow });
  const { log } = loaded;
  const channel = stringOption(values, "channel-col") ?? "channel";
  return {
    log,
    channelAttribute: log.members.attributes[channel] !== undefined ? channel : undefined,
    load: summary(
      loaded.eventsFile,
      loaded.report,
      loaded.quarantinePath,
      log,
      loaded.join,
      loaded.run,
    ),
  };
}

function summary(
  file: string,
  report: { rowsRead: number; rowsLoaded: number; rowsQuarantined: number },
  quarantineFile: string | null,
  log: EventLog,
  memberTable: MemberJoinReport | null,
  run: LoadSummary["run"],
): LoadSummary {
  return {
    file,
    rowsRead: report.rowsRead,
    rowsLoaded: report.rowsLoaded,
    rowsQuarantined: report.rowsQuarantined,
    quarantineFile,
    members: log.members.count,
    events: log.length,
    origin: log.origin,
    memberTable,
    run,
  };
}

function stringOption(values: ParsedArgs["values"], name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

function listOption(values: ParsedArgs["values"], name: string): string[] {
  return stringOption(values, name)?.split(",").map((s) => s.trim()).filter((s) => s) ?? [];
}

/**
 * Converts a date option (YYYY-MM-DD, or an integer day) into a day of the log.
 *
 * @example
 * ```ts
 * import { dayOption } from "./_event_file.ts";
 * if (dayOption({ "as-of": "2020-01-31" }, "as-of", "2020-01-01") !== 30) throw new Error();
 * ```
 */
export function dayOption(
  values: ParsedArgs["values"],
  name: string,
  origin: string | null,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
  if (Number.isNaN(date)) {
    throw new UsageError(`--${name}: expected a date YYYY-MM-DD or a day number, got '${raw}'`);
  }
  if (origin === null) {
    throw new UsageError(`--${name}: the log has no dates (day numbers only); give a day number`);
  }
  return Math.round((date - Date.parse(`${origin}T00:00:00Z`)) / 86_400_000);
}

/**
 * The date of a log day (YYYY-MM-DD), or `day <n>` for a log without dates.
 *
 * @example
 * ```ts
 * import { dateOfDay } from "./_event_file.ts";
 * if (dateOfDay("2020-01-01", 31) !== "2020-02-01") throw new Error("unexpected");
 * ```
 */
export function dateOfDay(origin: string | null, day: number): string {
  if (origin === null) return `day ${day}`;
  return new Date(Date.parse(`${origin}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Runs a command body, printing a data error (`Cannot …` from a loader or model) as
 * `error: <message>` with exit code 1 instead of a stack trace.
 *
 * @example
 * ```ts
 * import { reportDataErrors } from "./_event_file.ts";
 * const code = await reportDataErrors(() => {
 *   throw new RangeError("Cannot score RFM: window is 0");
 * });
 * if (code !== 1) throw new Error("unexpected");
 * ```
 */
export async function reportDataErrors(body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const data = error instanceof RangeError || error instanceof SyntaxError ||
      error instanceof TypeError;
    if (data && error.message.startsWith("Cannot ")) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/**
 * Prints the load summary of the text output: rows loaded and quarantined, members,
 * the member table's match, and the run a simulated log came from.
 *
 * @example
 * ```ts
 * import { printLoad } from "./_event_file.ts";
 * printLoad({
 *   file: "x.csv", rowsRead: 2, rowsLoaded: 2, rowsQuarantined: 0, quarantineFile: null,
 *   members: 1, events: 2, origin: "2020-01-01", memberTable: null, run: null,
 * });
 * ```
 */
export function printLoad(load: LoadSummary): void {
  const quarantined = load.rowsQuarantined > 0
    ? `, ${load.rowsQuarantined} quarantined in ${load.quarantineFile}`
    : "";
  console.log(
    `${load.file}: ${load.rowsLoaded} of ${load.rowsRead} rows loaded, ${load.members} members${quarantined}`,
  );
  const t = load.memberTable;
  if (t !== null) {
    console.log(
      `member table: ${t.matched} of ${t.tableRows} rows matched, ${t.added} members without ` +
        `events added, ${t.withoutRow} members without a row`,
    );
  }
  if (load.run !== null) {
    console.log(
      `simulated run: scenario ${load.run.scenario}, seed ${load.run.seed}, version ${load.run.version}`,
    );
  }
}
