/**
 * Run folders: everything a simulation run produced, written to `runs/<name>/` as
 * `manifest.json` plus data files (`daily`, `tenure`, and on request `members` and
 * `events`, as CSV and/or Parquet). Every file is written under a temporary name and
 * renamed when complete; the manifest, written last, lists each data file with its
 * row count and SHA-256, so a folder without a manifest is an incomplete run.
 *
 * Data files are byte-identical for the same scenario and seed whatever the number of
 * workers; the manifest differs (timings, workers).
 *
 * @module
 */
import type { Scenario } from "../sim/scenario.ts";
import type { RunResult, RunTimings, RunTotals } from "../sim/run_result.ts";
import { removeIfPresent, writeFileAtomic } from "./atomic.ts";
import { writeCsv } from "./csv_writer.ts";
import { writeParquet } from "./parquet_writer.ts";
import { tabulateDaily, tabulateEvents, tabulateMembers, tabulateTenure } from "./run_tables.ts";
import type { Table, WrittenFile } from "./table.ts";

/** A data-file format of a run folder. */
export type RunFormat = "csv" | "parquet";

/** Defaults of {@link writeRun}. */
export const WRITE_RUN_DEFAULTS: { readonly formats: readonly RunFormat[] } = {
  formats: ["csv"],
};

/** Options of {@link writeRun}. */
export interface WriteRunOptions {
  /** Formats of the daily, member and event tables (default `["csv"]`; tenure is always CSV). */
  readonly formats?: readonly RunFormat[];
}

/** One data file of a run folder, as listed in the manifest. */
export interface RunFile {
  /** File name inside the run folder, e.g. `daily.csv`. */
  readonly name: string;
  readonly table: "daily" | "tenure" | "members" | "events";
  readonly format: RunFormat;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** The contents of `manifest.json`. NaN totals (e.g. cycle time without referrals) are null. */
export interface RunManifest {
  readonly scenario: Scenario;
  readonly seed: number | string;
  readonly version: string;
  readonly engine: "event" | "day";
  readonly workers: number;
  readonly horizon: number;
  readonly stages: readonly string[];
  readonly channels: readonly string[];
  readonly attributes: RunResult["attributes"];
  /** Run timings plus `write`, the seconds spent writing the data files. */
  readonly timings: RunTimings & { readonly write: number };
  readonly totals: RunTotals;
  readonly files: readonly RunFile[];
}

/** Every data file name a run folder may hold; stale ones from an earlier run are removed. */
const DATA_FILES = [
  "daily.csv",
  "daily.parquet",
  "tenure.csv",
  "members.csv",
  "members.parquet",
  "events.csv",
  "events.parquet",
];

/**
 * The default run folder of a scenario and seed: `runs/<scenario>-<seed>` (characters
 * other than letters, digits, `_`, `-` and `.` in the seed become `_`).
 *
 * @example
 * ```ts
 * import { defaultRunDir } from "./run_folder.ts";
 * if (defaultRunDir("default", 42) !== "runs/default-42") throw new Error("unexpected");
 * ```
 */
export function defaultRunDir(scenario: string, seed: number | string): string {
  return `runs/${scenario}-${String(seed).replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

/**
 * Writes a run folder: data files in the requested formats, then `manifest.json`.
 * Creates `dir` if needed; files of an earlier run in the same folder are replaced.
 * Returns the manifest.
 *
 * @example
 * ```ts
 * import { simulate } from "../sim/run.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { writeRun } from "./run_folder.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const result = await simulate(scenario, { workers: 1, record: { members: true } });
 * const dir = await Deno.makeTempDir();
 * const manifest = await writeRun(result, dir, { formats: ["csv", "parquet"] });
 * const members = manifest.files.find((f) => f.name === "members.parquet");
 * if (members?.rows !== 100) throw new Error("unexpected");
 * ```
 */
export async function writeRun(
  result: RunResult,
  dir: string,
  options: WriteRunOptions = {},
): Promise<RunManifest> {
  const formats = options.formats ?? WRITE_RUN_DEFAULTS.formats;
  if (formats.length === 0) {
    throw new RangeError("Cannot write run: formats is empty, expected csv and/or parquet");
  }
  for (const format of formats) {
    if (format !== "csv" && format !== "parquet") {
      throw new RangeError(
        `Cannot write run: format '${format}' is unknown, expected csv or parquet`,
      );
    }
  }
  const started = performance.now();
  await Deno.mkdir(dir, { recursive: true });
  // An old manifest would describe files about to change: remove it first.
  await removeIfPresent(`${dir}/manifest.json`);
  const metadata = {
    scenario: result.scenario.name,
    seed: String(result.seed),
    version: result.version,
  };
  const tables: Table[] = [tabulateDaily(result)];
  if (result.members !== undefined) tables.push(tabulateMembers(result, result.members));
  if (result.events !== undefined) {
    const stages = result.events.stages.length > 0 ? result.events.stages : result.stages;
    tables.push(tabulateEvents(result.events, stages));
  }
  const files: RunFile[] = [];
  const record = (table: Table, format: RunFormat, written: WrittenFile) =>
    files.push({
      name: `${table.name}.${format}`,
      table: table.name as RunFile["table"],
      format,
      rows: written.rows,
      bytes: written.bytes,
      sha256: written.sha256,
    });
  const tenure = tabulateTenure(result);
  record(tenure, "csv", await writeCsv(`${dir}/tenure.csv`, tenure));
  for (const table of tables) {
    for (const format of formats) {
      const path = `${dir}/${table.name}.${format}`;
      const written = format === "csv"
        ? await writeCsv(path, table)
        : await writeParquet(path, table, { metadata });
      record(table, format, written);
    }
  }
  const kept = new Set(files.map((f) => f.name));
  for (const name of DATA_FILES) if (!kept.has(name)) await removeIfPresent(`${dir}/${name}`);
  const manifest: RunManifest = {
    scenario: result.scenario,
    seed: result.seed,
    version: result.version,
    engine: result.engine,
    workers: result.workers,
    horizon: result.horizon,
    stages: result.stages,
    channels: result.channels,
    attributes: result.attributes,
    timings: { ...result.timings, write: (performance.now() - started) / 1000 },
    totals: result.totals,
    files: files.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  await writeFileAtomic(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
