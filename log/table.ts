/**
 * Per-member tables from delimited text (one row per customer, such as IBM's Telco
 * churn file): typed columns for survival-style inputs (a tenure, a churn flag, a
 * grouping). Columns are numeric when forced by `types` or when every value is a
 * number; others are strings. Small tables only: cells are decoded to strings first.
 *
 * @module
 */
import type { BadRow, BadRowPolicy, DelimiterMode } from "./load_options.ts";
import { definedOptions, detectSeparation, RecordScanner } from "./_records.ts";

/** Column types of a table. */
export type ColumnType = "number" | "string";

/** How to read a table. */
export interface TableLoadOptions {
  /** Field separation. Default `auto`. */
  readonly delimiter?: DelimiterMode;
  /** Whether the first line names the columns; without it columns are named "0", "1", ... */
  readonly header?: boolean;
  /** Forced column types; a value that is not a number in a `number` column is a bad row. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Bad rows stop the load (`fail`, default) or are set aside (`quarantine`). */
  readonly onBadRow?: BadRowPolicy;
  /** Name of the input in messages. Default `table`. */
  readonly source?: string;
}

/** Defaults of {@link TableLoadOptions}. */
export const DEFAULT_TABLE_LOAD_OPTIONS = {
  delimiter: "auto",
  header: true,
  types: {},
  onBadRow: "fail",
  source: "table",
} as const satisfies TableLoadOptions;

/** A typed table: numeric columns are Float64Arrays, string columns string arrays. */
export interface Table {
  /** Column names in file order. */
  readonly names: readonly string[];
  /** Number of rows. */
  readonly length: number;
  /** The type of each column. */
  readonly types: Readonly<Record<string, ColumnType>>;
  /** A numeric column; throws a RangeError naming the column when absent or not numeric. */
  number(name: string): Float64Array;
  /** Any column as text. */
  text(name: string): readonly string[];
}

/** A loaded table and its bad rows. */
export interface LoadedTable {
  readonly table: Table;
  readonly badRows: readonly BadRow[];
}

/**
 * Parses a typed table from delimited text.
 *
 * @example Read tenure and churn from a per-customer file
 * ```ts
 * import { parseTableCsv } from "./table.ts";
 * const { table } = parseTableCsv("id,tenure,Churn\na,1,Yes\nb,34,No\n");
 * if (table.number("tenure")[1] !== 34 || table.text("Churn")[0] !== "Yes") throw new Error();
 * ```
 */
export function parseTableCsv(
  input: string | Uint8Array,
  options: TableLoadOptions = {},
): LoadedTable {
  const o = { ...DEFAULT_TABLE_LOAD_OPTIONS, ...definedOptions(options) };
  const types: Readonly<Record<string, ColumnType>> = o.types;
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const separation = o.delimiter === "auto" ? detectSeparation(bytes) : o.delimiter;
  const scanner = new RecordScanner(bytes, separation);
  let names: string[] | null = null;
  if (o.header && scanner.next()) {
    names = Array.from({ length: scanner.count }, (_, i) => scanner.text(i));
  }
  for (const name of Object.keys(types)) {
    if (names !== null && !names.includes(name)) {
      throw new RangeError(
        `Cannot load ${o.source}: typed column '${name}' is not in the header (columns: ${
          names.join(", ")
        })`,
      );
    }
  }
  const cells: string[][] = names?.map(() => []) ?? [];
  const badRows: BadRow[] = [];
  const reject = (reason: string) => {
    const bad = { line: scanner.line, text: scanner.recordText(), reason };
    if (o.onBadRow === "fail") {
      throw new SyntaxError(`Cannot load ${o.source}: line ${bad.line}: ${reason}`);
    }
    badRows.push(bad);
  };
  while (scanner.next()) {
    if (names === null) {
      names = Array.from({ length: scanner.count }, (_, i) => String(i));
      names.forEach(() => cells.push([]));
    }
    if (scanner.count !== names.length) {
      reject(`has ${scanner.count} fields, expected ${names.length}`);
      continue;
    }
    const row = Array.from({ length: names.length }, (_, i) => scanner.text(i).trim());
    const bad = names.findIndex((name, i) => types[name] === "number" && !isNumber(row[i]));
    if (bad >= 0) {
      reject(`${names[bad]} '${row[bad]}' is not a number`);
      continue;
    }
    row.forEach((cell, i) => cells[i].push(cell));
  }
  return { table: buildTable(o.source, names ?? [], cells, types), badRows };
}

function isNumber(text: string): boolean {
  return text !== "" && Number.isFinite(Number(text));
}

function buildTable(
  source: string,
  names: readonly string[],
  cells: readonly string[][],
  forced: Readonly<Record<string, ColumnType>>,
): Table {
  const types: Record<string, ColumnType> = {};
  const numbers = new Map<string, Float64Array>();
  names.forEach((name, i) => {
    const numeric = forced[name] === "number" ||
      (forced[name] === undefined && cells[i].length > 0 && cells[i].every(isNumber));
    types[name] = numeric ? "number" : "string";
    if (numeric) numbers.set(name, Float64Array.from(cells[i], Number));
  });
  const index = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) {
      throw new RangeError(
        `Cannot read ${source}: column '${name}' does not exist (columns: ${names.join(", ")})`,
      );
    }
    return i;
  };
  return {
    names,
    length: cells[0]?.length ?? 0,
    types,
    number(name: string): Float64Array {
      const column = numbers.get(name);
      if (column !== undefined) return column;
      const sample = cells[index(name)].find((v) => !isNumber(v));
      throw new RangeError(
        `Cannot read ${source}: column '${name}' is not numeric (value '${sample}')`,
      );
    },
    text(name: string): readonly string[] {
      return cells[index(name)];
    },
  };
}
