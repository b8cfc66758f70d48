/**
 * The event log of a simulated run folder (`lab sim --events`), read back through the
 * same loaders as a real log: `events.csv` (or `events.parquet`) with its day numbers,
 * event types, amounts and stages, joined to `members.csv` for the member attributes
 * (channel, the scenario's attributes such as tier, group, referrer, arm). So every
 * model and command runs on simulated and real logs alike.
 *
 * @module
 */
import {
  type BadRowPolicy,
  type EventLoadOptions,
  type EventLog,
  joinMembers,
  type LoadReport,
  type MemberJoinReport,
} from "../log/mod.ts";
import { loadEventLog, loadTable } from "./event_files.ts";
import type { RunManifest } from "./run_folder.ts";
import { RUN_MEMBER_OUTCOMES } from "./run_tables.ts";

/** How a run folder's `events` file maps onto the event-log schema. */
export const RUN_EVENT_COLUMNS = {
  idCol: "member",
  dateCol: "day",
  dateFormat: "day",
  typeCol: "type",
  amountCol: "amount",
  stageCol: "stage",
} as const satisfies Partial<EventLoadOptions>;

/** Options of {@link loadRunLog}. */
export interface RunLogOptions {
  /** Bad rows stop the load (`fail`, default) or go to `events.quarantine.csv`. */
  readonly onBadRow?: BadRowPolicy;
}

/** A run folder's log with where it came from. */
export interface LoadedRunLog {
  readonly log: EventLog;
  readonly report: LoadReport;
  /** How the member table matched the log. */
  readonly join: MemberJoinReport;
  /** Path of the quarantine side file, or null when no row was quarantined. */
  readonly quarantinePath: string | null;
  /** The events file read. */
  readonly eventsFile: string;
  /** Scenario name, seed and version of the run, from its manifest. */
  readonly run: {
    readonly scenario: string;
    readonly seed: number | string;
    readonly version: string;
  };
}

/**
 * Whether a path is a run folder: a directory holding `manifest.json`.
 *
 * @example
 * ```ts
 * import { isRunFolder } from "./run_log.ts";
 * const dir = await Deno.makeTempDir();
 * if (await isRunFolder(dir)) throw new Error("no manifest yet");
 * ```
 */
export async function isRunFolder(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory &&
      (await Deno.stat(`${path}/manifest.json`)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Loads the event log of a run folder written with `lab sim --events` (or `writeRun` of
 * a run recorded with events and members), with the member attributes attached.
 *
 * @example
 * ```ts
 * import { loadRunLog, writeRun } from "./mod.ts";
 * import { simulate } from "../sim/run.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const result = await simulate(scenario, { workers: 1, record: { events: true } });
 * const dir = await Deno.makeTempDir();
 * await writeRun(result, dir);
 * const { log, run } = await loadRunLog(dir);
 * if (log.origin !== null || run.scenario !== "tiny" || log.members.count !== 100) {
 *   throw new Error("unexpected");
 * }
 * if (log.members.attributes.channel === undefined) throw new Error("no channel");
 * ```
 */
export async function loadRunLog(dir: string, options: RunLogOptions = {}): Promise<LoadedRunLog> {
  const manifestPath = `${dir}/manifest.json`;
  const manifest = JSON.parse(await Deno.readTextFile(manifestPath)) as RunManifest;
  const names = new Set(manifest.files.map((f) => f.name));
  const events = names.has("events.csv")
    ? "events.csv"
    : names.has("events.parquet")
    ? "events.parquet"
    : null;
  if (events === null) {
    throw new RangeError(
      `Cannot load run ${dir}: it has no event log (run lab sim with --events)`,
    );
  }
  if (!names.has("members.csv")) {
    throw new RangeError(
      `Cannot load run ${dir}: it has no members.csv (run lab sim without --no-members, with csv in --format)`,
    );
  }
  const loaded = await loadEventLog(`${dir}/${events}`, {
    ...RUN_EVENT_COLUMNS,
    onBadRow: options.onBadRow,
  });
  const { table } = await loadTable(`${dir}/members.csv`);
  const outcomes: readonly string[] = RUN_MEMBER_OUTCOMES;
  const attributeCols = table.names.filter((n) => n !== "id" && !outcomes.includes(n));
  let joined;
  try {
    joined = joinMembers(loaded.log, table, { idCol: "id", attributeCols });
  } catch (error) {
    // Name the file: the join's message names only its rows.
    if (error instanceof RangeError) {
      const reason = error.message.replace(/^Cannot join members: /, "");
      throw new RangeError(`Cannot load ${dir}/members.csv: ${reason}`, { cause: error });
    }
    throw error;
  }
  return {
    log: joined.log,
    report: loaded.report,
    join: joined.report,
    quarantinePath: loaded.quarantinePath,
    eventsFile: `${dir}/${events}`,
    run: {
      scenario: manifest.scenario.name,
      seed: manifest.seed,
      version: manifest.version,
    },
  };
}
