/**
 * Tidy result tables (one row per observation, one column per variable) and their
 * encodings: CSV (numbers at full precision, missing values empty), JSON (an array of
 * records, missing values null) and Parquet (DOUBLE, INT32, BOOLEAN and UTF-8 columns,
 * missing values null, the scenario, seed and version in the footer). Result tables are
 * small (rows per replication, metric and arm), so each is encoded in one piece.
 *
 * @module
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import { escapeCsvField } from "../io/csv_writer.ts";
import { VERSION } from "../version.ts";

/** A cell: NaN and null are missing. */
export type TidyCell = string | number | boolean | null;

/** Column types: `double`, `integer`, `boolean`, `string`. */
export type TidyType = "double" | "integer" | "boolean" | "string";

/** A tidy table: a name, typed columns and rows as records. */
export interface TidyTable {
  readonly name: string;
  readonly columns: readonly (readonly [string, TidyType])[];
  readonly rows: readonly Readonly<Record<string, TidyCell>>[];
}

/** File formats of result tables. */
export type TidyFormat = "csv" | "parquet" | "json";

/**
 * Checks that every row has every column with a value of the column's type (or a
 * missing value); throws a RangeError naming the table, row and column.
 *
 * @example
 * ```ts
 * import { checkTidyTable } from "./tidy.ts";
 * checkTidyTable({ name: "t", columns: [["x", "double"]], rows: [{ x: 1.5 }, { x: null }] });
 * ```
 */
export function checkTidyTable(table: TidyTable): void {
  table.rows.forEach((row, i) => {
    for (const [name, type] of table.columns) {
      if (!(name in row)) {
        throw new RangeError(`Cannot write ${table.name}: row ${i} has no column ${name}`);
      }
      const value = row[name];
      if (value === null || (typeof value === "number" && Number.isNaN(value))) continue;
      const fits = type === "string"
        ? typeof value === "string"
        : type === "boolean"
        ? typeof value === "boolean"
        : type === "integer"
        ? Number.isInteger(value)
        : typeof value === "number";
      if (!fits) {
        throw new RangeError(
          `Cannot write ${table.name}: row ${i}, column ${name} is ${JSON.stringify(value)}; ` +
            `expected ${type === "integer" ? "an integer" : `a ${type}`}`,
        );
      }
    }
  });
}

/**
 * Encodes a table in a format, as bytes.
 *
 * @param metadata key-value pairs stored in a Parquet file's footer
 * @example
 * ```ts
 * import { encodeTidy } from "./tidy.ts";
 * const table = {
 *   name: "t", columns: [["metric", "string"], ["power", "double"]] as const,
 *   rows: [{ metric: "orders", power: 0.81 }, { metric: "arpu", power: NaN }],
 * };
 * const csv = new TextDecoder().decode(encodeTidy(table, "csv"));
 * if (csv !== "metric,power\norders,0.81\narpu,\n") throw new Error(csv);
 * ```
 */
export function encodeTidy(
  table: TidyTable,
  format: TidyFormat,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  checkTidyTable(table);
  const missing = (v: TidyCell) => v === null || (typeof v === "number" && Number.isNaN(v));
  if (format === "csv") {
    const lines = [table.columns.map(([name]) => escapeCsvField(name)).join(",")];
    for (const row of table.rows) {
      lines.push(
        table.columns.map(([name]) => {
          const v = row[name];
          return missing(v) ? "" : escapeCsvField(String(v));
        }).join(","),
      );
    }
    return new TextEncoder().encode(lines.join("\n") + "\n");
  }
  if (format === "json") {
    const records = table.rows.map((row) =>
      Object.fromEntries(
        table.columns.map(([name]) => [name, missing(row[name]) ? null : row[name]]),
      )
    );
    return new TextEncoder().encode(JSON.stringify(records, null, 1) + "\n");
  }
  const buffer = parquetWriteBuffer({
    columnData: table.columns.map(([name, type]) => ({
      name,
      data: table.rows.map((row) => (missing(row[name]) ? null : row[name])),
      type: PARQUET_TYPES[type],
      nullable: true,
    })),
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: `Lifecycle Lab ${VERSION}`,
  });
  return new Uint8Array(buffer);
}

const PARQUET_TYPES = {
  double: "DOUBLE",
  integer: "INT32",
  boolean: "BOOLEAN",
  string: "STRING",
} as const;

/**
 * A value with every object key turned from camelCase into snake_case, recursively, and
 * non-finite numbers into null: the JSON convention of result files and `--json`.
 *
 * @example
 * ```ts
 * import { snakeKeys } from "./tidy.ts";
 * const out = JSON.stringify(snakeKeys({ meanEstimate: 1, falsePositiveRate: { rate: NaN } }));
 * if (out !== '{"mean_estimate":1,"false_positive_rate":{"rate":null}}') throw new Error(out);
 * ```
 */
export function snakeKeys(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map((
        [key, v],
      ) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]),
    );
  }
  return value;
}
