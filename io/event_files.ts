/**
 * Event logs and per-member tables from files: picks the parser by extension
 * (`.parquet`, else delimited text) and writes quarantined rows to a side file, so a
 * load either fails on a bad row or leaves every set-aside row on disk.
 *
 * @module
 */
import {
  type BadRow,
  type EventLoadOptions,
  type LoadedEventLog,
  type LoadedTable,
  parseEventCsv,
  parseEventParquet,
  parseTableCsv,
  type TableLoadOptions,
} from "../log/mod.ts";
import { writeFileAtomic } from "./atomic.ts";

/** File options of {@link loadEventLog}. */
export interface EventFileOptions extends Omit<EventLoadOptions, "source"> {
  /** Where quarantined rows go; default `<file without extension>.quarantine.csv`. */
  readonly quarantinePath?: string;
}

/** A loaded file: the log, its load report, and the quarantine file if one was written. */
export interface LoadedEventFile extends LoadedEventLog {
  /** Path of the quarantine side file, or null when no row was quarantined. */
  readonly quarantinePath: string | null;
}

/**
 * Loads an event log from a CSV/TSV/whitespace text file or a Parquet file.
 *
 * With `onBadRow: "quarantine"`, bad rows are written to the quarantine file as CSV
 * with columns line, reason, row (the file is only written when there are any).
 *
 * @example
 * ```ts
 * import { loadEventLog } from "./event_files.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "id,date\na,2020-01-01\n,2020-01-02\n");
 * const { log, quarantinePath } = await loadEventLog(path, {
 *   idCol: "id", dateCol: "date", onBadRow: "quarantine",
 * });
 * if (log.length !== 1 || quarantinePath === null) throw new Error("unexpected");
 * ```
 */
export async function loadEventLog(
  path: string,
  options: EventFileOptions,
): Promise<LoadedEventFile> {
  const bytes = await Deno.readFile(path);
  const { quarantinePath, ...loadOptions } = options;
  const parse = { ...loadOptions, source: path };
  const loaded = /\.parquet$/i.test(path)
    ? await parseEventParquet(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      parse,
    )
    : parseEventCsv(bytes, parse);
  if (loaded.report.badRows.length === 0) return { ...loaded, quarantinePath: null };
  const target = quarantinePath ?? defaultQuarantinePath(path);
  await writeFileAtomic(target, quarantineCsv(loaded.report.badRows));
  return { ...loaded, quarantinePath: target };
}

/**
 * Loads a per-member table (see {@link parseTableCsv}) from a delimited text file.
 *
 * @example
 * ```ts
 * import { loadTable } from "./event_files.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "tenure,Churn\n3,Yes\n");
 * const { table } = await loadTable(path);
 * if (table.number("tenure")[0] !== 3) throw new Error("unexpected");
 * ```
 */
export async function loadTable(
  path: string,
  options: Omit<TableLoadOptions, "source"> = {},
): Promise<LoadedTable> {
  return parseTableCsv(await Deno.readFile(path), { ...options, source: path });
}

/**
 * The default quarantine path of a file: its extension replaced by `.quarantine.csv`.
 *
 * @example
 * ```ts
 * import { defaultQuarantinePath } from "./event_files.ts";
 * if (defaultQuarantinePath("/d/orders.csv") !== "/d/orders.quarantine.csv") throw new Error();
 * ```
 */
export function defaultQuarantinePath(path: string): string {
  return path.replace(/(\.[^./\\]*)?$/, ".quarantine.csv");
}

/**
 * Bad rows as CSV text with columns line, reason, row.
 *
 * @example
 * ```ts
 * import { quarantineCsv } from "./event_files.ts";
 * const csv = quarantineCsv([{ line: 3, text: ",x", reason: "id is empty" }]);
 * if (csv !== 'line,reason,row\n3,id is empty,",x"\n') throw new Error(csv);
 * ```
 */
export function quarantineCsv(rows: readonly BadRow[]): string {
  const quote = (s: string) => /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  const lines = rows.map((r) => `${r.line},${quote(r.reason)},${quote(r.text)}`);
  return `line,reason,row\n${lines.join("\n")}\n`;
}
