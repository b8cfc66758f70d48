/**
 * The column model the run writers share: a table is a row count and typed columns
 * (integers, money in cents, labels by code), so CSV and Parquet writers stream
 * millions of rows straight from the run's typed arrays without an object per row.
 * Also the receipt a writer returns (rows, bytes, SHA-256) and the tap that computes it
 * while the bytes stream to disk.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** An integer column; `missing` (e.g. -1) is written as an empty cell / null. */
export interface IntegerColumn {
  readonly kind: "integer";
  readonly name: string;
  readonly values: ArrayLike<number>;
  /** Sentinel value meaning "no value"; absent when every row has one. */
  readonly missing?: number;
}

/** A money column: written with exactly two decimals (cents); NaN is empty when `optional`. */
export interface MoneyColumn {
  readonly kind: "money";
  readonly name: string;
  readonly values: ArrayLike<number>;
  readonly optional?: boolean;
}

/** A categorical column: codes index `labels`; code -1 is empty when `optional`. */
export interface LabelColumn {
  readonly kind: "label";
  readonly name: string;
  readonly codes: ArrayLike<number>;
  readonly labels: readonly string[];
  readonly optional?: boolean;
}

/** One column of a {@link Table}. */
export type TableColumn = IntegerColumn | MoneyColumn | LabelColumn;

/** A named table of `rows` rows; every column holds at least `rows` values. */
export interface Table {
  /** Table name, used in file names and error messages (`daily`, `members`, ...). */
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly TableColumn[];
}

/** What a writer wrote: the file, its row count, size and SHA-256 checksum. */
export interface WrittenFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** Lowercase hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

/**
 * Checks that a table can be written: at least one column, unique column names, and
 * `rows` values in every column. Throws a RangeError naming the table and column.
 *
 * @example
 * ```ts
 * import { checkTable } from "./table.ts";
 * checkTable({ name: "t", rows: 1, columns: [{ kind: "integer", name: "a", values: [1] }] });
 * ```
 */
export function checkTable(table: Table): void {
  if (!Number.isInteger(table.rows) || table.rows < 0) {
    throw new RangeError(
      `Cannot write ${table.name}: rows is ${table.rows}, expected an integer ≥ 0`,
    );
  }
  if (table.columns.length === 0) {
    throw new RangeError(`Cannot write ${table.name}: the table has no columns`);
  }
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (seen.has(column.name)) {
      throw new RangeError(`Cannot write ${table.name}: column name ${column.name} appears twice`);
    }
    seen.add(column.name);
    const length = column.kind === "label" ? column.codes.length : column.values.length;
    if (length < table.rows) {
      throw new RangeError(
        `Cannot write ${table.name}: column ${column.name} has ${length} values, expected ${table.rows}`,
      );
    }
  }
}

/**
 * Rounds money to cents, so that sums that differ only in the last bits (added in
 * another order) are written identically.
 *
 * @example
 * ```ts
 * import { roundCents } from "./table.ts";
 * if (roundCents(0.1 + 0.2) !== 0.3) throw new Error("unexpected");
 * ```
 */
export function roundCents(value: number): number {
  // + 0 turns -0 into 0 so that "-0.00" never appears.
  return Math.round(value * 100) / 100 + 0;
}

/**
 * Returns the label of `code` in a label column, or throws a RangeError naming the
 * table, column and row when the code is out of range.
 *
 * @example
 * ```ts
 * import { labelAt } from "./table.ts";
 * const column = { kind: "label", name: "stage", codes: [1], labels: ["new", "active"] } as const;
 * if (labelAt("members", column, 0) !== "active") throw new Error("unexpected");
 * ```
 */
export function labelAt(table: string, column: LabelColumn, row: number): string | null {
  const code = column.codes[row];
  if (code === -1 && column.optional) return null;
  const label = column.labels[code];
  if (label === undefined) {
    throw new RangeError(
      `Cannot write ${table}: column ${column.name} at row ${row} has code ${code}, ` +
        `expected 0..${column.labels.length - 1}${column.optional ? " or -1" : ""}`,
    );
  }
  return label;
}

/** A byte stream with its running size and checksum, filled in as it is consumed. */
export interface DigestedChunks {
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Size and SHA-256 of the bytes consumed so far (complete once `chunks` is done). */
  result(): { bytes: number; sha256: string };
}

/**
 * Wraps a chunk stream so that its size and SHA-256 are computed as it is written,
 * without reading the file back.
 *
 * @example
 * ```ts
 * import { digestChunks } from "./table.ts";
 * const digested = digestChunks(["ab", "c"]);
 * let seen = 0;
 * for await (const chunk of digested.chunks) seen += chunk.length;
 * if (seen !== 3 || digested.result().bytes !== 3) throw new Error("unexpected");
 * ```
 */
export function digestChunks(
  source: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): DigestedChunks {
  const hash = createHash("sha256");
  const encoder = new TextEncoder();
  let bytes = 0;
  let sha256: string | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      const data = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      hash.update(data);
      bytes += data.length;
      yield data;
    }
    sha256 = hash.digest("hex");
  }
  return {
    chunks: chunks(),
    result() {
      if (sha256 === undefined) {
        throw new Error("Cannot read the checksum: the chunk stream was not fully consumed");
      }
      return { bytes, sha256 };
    },
  };
}
