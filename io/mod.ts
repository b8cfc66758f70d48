/**
 * File input and output at the edge of the library: atomic writes, run folders,
 * CSV and Parquet files.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./mod.ts";
 * const path = await Deno.makeTempFile();
 * await writeFileAtomic(path, "ok");
 * ```
 *
 * @module
 */
export * from "./atomic.ts";
export * from "./json.ts";
export * from "./event_files.ts";
export * from "./run_log.ts";
export * from "./table.ts";
export * from "./csv_writer.ts";
export * from "./parquet_writer.ts";
export * from "./run_tables.ts";
export * from "./run_folder.ts";
export * from "./scenario_file.ts";
