/**
 * Parquet output of run tables through hyparquet-writer: integers as INT32, money as
 * DOUBLE rounded to cents, labels as UTF-8 strings (dictionary encoded when it pays),
 * missing values as nulls in OPTIONAL columns. One row group per chunk of rows; each
 * finished row group is streamed to disk, so memory holds one row group at a time.
 * Key-value metadata (scenario name, seed, version) travels in the file footer.
 *
 * @module
 */
import type { DecodedArray, SchemaElement } from "hyparquet";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { VERSION } from "../version.ts";
import { writeChunksAtomic } from "./atomic.ts";
import {
  checkTable,
  digestChunks,
  labelAt,
  roundCents,
  type Table,
  type TableColumn,
  type WrittenFile,
} from "./table.ts";

/** Defaults of {@link writeParquet}. */
export const PARQUET_DEFAULTS = {
  /** Rows per row group (and per chunk streamed to disk). */
  rowGroupRows: 100_000,
} as const;

/** Options of {@link writeParquet}. */
export interface ParquetOptions {
  /** Key-value metadata stored in the footer, e.g. `{ scenario: "default", seed: "42" }`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Rows per row group (default {@link PARQUET_DEFAULTS.rowGroupRows}). */
  readonly rowGroupRows?: number;
}

/**
 * Encodes a table as Parquet bytes, one chunk per row group, then the footer.
 *
 * @example
 * ```ts
 * import { encodeParquet } from "./parquet_writer.ts";
 * const table = {
 *   name: "tenure",
 *   rows: 2,
 *   columns: [{ kind: "integer", name: "tenure", values: [0, 1] }],
 * } as const;
 * let bytes = 0;
 * for (const chunk of encodeParquet(table)) bytes += chunk.length;
 * if (bytes < 12) throw new Error("unexpected");
 * ```
 */
export function* encodeParquet(table: Table, options: ParquetOptions = {}): Generator<Uint8Array> {
  const rowGroupRows = options.rowGroupRows ?? PARQUET_DEFAULTS.rowGroupRows;
  if (!Number.isInteger(rowGroupRows) || rowGroupRows < 1) {
    throw new RangeError(
      `Cannot write ${table.name}: rowGroupRows is ${rowGroupRows}, expected ≥ 1`,
    );
  }
  checkTable(table);
  const writer = new ByteWriter(1 << 20);
  const parquet = new ParquetWriter({
    writer,
    schema: parquetSchema(table),
    kvMetadata: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    createdBy: `Lifecycle Lab ${VERSION}`,
  });
  for (let start = 0; start < table.rows; start += rowGroupRows) {
    const end = Math.min(start + rowGroupRows, table.rows);
    void parquet.write({
      columnData: table.columns.map((column) => ({
        name: column.name,
        data: columnSlice(table.name, column, start, end),
        // Min/max of labels costs a UTF-8 string comparison per row and filters little.
        statistics: column.kind !== "label",
      })),
      rowGroupSize: end - start,
    });
    yield takeBytes(writer);
  }
  void parquet.finish();
  yield takeBytes(writer);
}

/**
 * Writes a table as a Parquet file under a temporary name, renamed when complete;
 * returns the row count, size and SHA-256 of what was written.
 *
 * @example
 * ```ts
 * import { writeParquet } from "./parquet_writer.ts";
 * const path = `${await Deno.makeTempDir()}/tenure.parquet`;
 * const table = {
 *   name: "tenure",
 *   rows: 1,
 *   columns: [{ kind: "integer", name: "tenure", values: [0] }],
 * } as const;
 * const written = await writeParquet(path, table, { metadata: { seed: "7" } });
 * if (written.rows !== 1) throw new Error("unexpected");
 * ```
 */
export async function writeParquet(
  path: string,
  table: Table,
  options: ParquetOptions = {},
): Promise<WrittenFile> {
  const digested = digestChunks(encodeParquet(table, options));
  await writeChunksAtomic(path, digested.chunks);
  return { path, rows: table.rows, ...digested.result() };
}

function parquetSchema(table: Table): SchemaElement[] {
  const root: SchemaElement = { name: "root", num_children: table.columns.length };
  return [root, ...table.columns.map(schemaElement)];
}

function schemaElement(column: TableColumn): SchemaElement {
  switch (column.kind) {
    case "integer":
      return {
        name: column.name,
        type: "INT32",
        repetition_type: column.missing === undefined ? "REQUIRED" : "OPTIONAL",
      };
    case "money":
      return {
        name: column.name,
        type: "DOUBLE",
        repetition_type: column.optional ? "OPTIONAL" : "REQUIRED",
      };
    case "label":
      return {
        name: column.name,
        type: "BYTE_ARRAY",
        converted_type: "UTF8",
        repetition_type: column.optional ? "OPTIONAL" : "REQUIRED",
      };
  }
}

function columnSlice(
  table: string,
  column: TableColumn,
  start: number,
  end: number,
): DecodedArray {
  // Required integers go as typed views: no copy and no boxing of millions of numbers.
  if (column.kind === "integer" && column.missing === undefined) {
    const values = column.values;
    return values instanceof Int32Array
      ? values.subarray(start, end)
      : Int32Array.from({ length: end - start }, (_, i) => values[start + i]);
  }
  const out = new Array<number | string | null>(end - start);
  switch (column.kind) {
    case "integer":
      for (let row = start; row < end; row++) {
        const value = column.values[row];
        out[row - start] = value === column.missing ? null : value;
      }
      break;
    case "money":
      for (let row = start; row < end; row++) {
        const value = column.values[row];
        out[row - start] = column.optional && Number.isNaN(value) ? null : roundCents(value);
      }
      break;
    case "label":
      for (let row = start; row < end; row++) out[row - start] = labelAt(table, column, row);
      break;
  }
  return out;
}

/** Copies out the bytes encoded since the last call and rewinds the buffer. */
function takeBytes(writer: ByteWriter): Uint8Array {
  const bytes = writer.getBytes().slice();
  // `offset` keeps counting the whole file (the footer's offsets need it); only the buffer rewinds.
  writer.index = 0;
  return bytes;
}
