/**
 * CSV output of run tables (RFC 4180: comma separated, `\n` line ends, fields quoted
 * when they contain a comma, quote or line break). Numbers are formatted
 * deterministically: integers plain, money with exactly two decimals, missing values
 * empty. Rows are streamed in chunks and the file appears under its final name only
 * when complete.
 *
 * @module
 */
import { writeChunksAtomic } from "./atomic.ts";
import {
  checkTable,
  digestChunks,
  labelAt,
  roundCents,
  type Table,
  type WrittenFile,
} from "./table.ts";

/** Defaults of {@link writeCsv}. */
export const CSV_DEFAULTS = {
  /** Rows formatted per chunk written to disk. */
  chunkRows: 50_000,
} as const;

/** Options of {@link writeCsv}. */
export interface CsvOptions {
  /** Rows formatted per chunk (default {@link CSV_DEFAULTS.chunkRows}). */
  readonly chunkRows?: number;
}

/**
 * Quotes a CSV field when it contains a comma, quote or line break.
 *
 * @example
 * ```ts
 * import { escapeCsvField } from "./csv_writer.ts";
 * if (escapeCsvField('say "hi", twice') !== '"say ""hi"", twice"') throw new Error("unexpected");
 * ```
 */
export function escapeCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Formats a table as CSV text chunks: the header, then `chunkRows` rows per chunk.
 *
 * @example
 * ```ts
 * import { formatCsv } from "./csv_writer.ts";
 * const table = {
 *   name: "tenure",
 *   rows: 2,
 *   columns: [
 *     { kind: "integer", name: "tenure", values: [0, 1] },
 *     { kind: "money", name: "revenue", values: [12.5, 3] },
 *   ],
 * } as const;
 * const text = [...formatCsv(table)].join("");
 * if (text !== "tenure,revenue\n0,12.50\n1,3.00\n") throw new Error(text);
 * ```
 */
export function* formatCsv(table: Table, options: CsvOptions = {}): Generator<string> {
  const chunkRows = options.chunkRows ?? CSV_DEFAULTS.chunkRows;
  if (!Number.isInteger(chunkRows) || chunkRows < 1) {
    throw new RangeError(`Cannot write ${table.name}: chunkRows is ${chunkRows}, expected ≥ 1`);
  }
  checkTable(table);
  yield table.columns.map((c) => escapeCsvField(c.name)).join(",") + "\n";
  const cells = table.columns.map((column) => cellFormatter(table.name, column));
  for (let start = 0; start < table.rows; start += chunkRows) {
    const end = Math.min(start + chunkRows, table.rows);
    const lines = new Array<string>(end - start);
    for (let row = start; row < end; row++) {
      let line = cells[0](row);
      for (let c = 1; c < cells.length; c++) line += "," + cells[c](row);
      lines[row - start] = line;
    }
    yield lines.join("\n") + "\n";
  }
}

/**
 * Writes a table as a CSV file, streamed in chunks under a temporary name and renamed
 * when complete; returns the row count, size and SHA-256 of what was written.
 *
 * @example
 * ```ts
 * import { writeCsv } from "./csv_writer.ts";
 * const path = `${await Deno.makeTempDir()}/tenure.csv`;
 * const table = {
 *   name: "tenure",
 *   rows: 1,
 *   columns: [{ kind: "integer", name: "tenure", values: [0] }],
 * } as const;
 * const written = await writeCsv(path, table);
 * if (written.rows !== 1 || written.bytes !== 9) throw new Error("unexpected");
 * ```
 */
export async function writeCsv(
  path: string,
  table: Table,
  options: CsvOptions = {},
): Promise<WrittenFile> {
  const digested = digestChunks(formatCsv(table, options));
  await writeChunksAtomic(path, digested.chunks);
  return { path, rows: table.rows, ...digested.result() };
}

function cellFormatter(table: string, column: Table["columns"][number]): (row: number) => string {
  switch (column.kind) {
    case "integer": {
      const { values, missing } = column;
      return missing === undefined
        ? (row) => String(values[row])
        : (row) => values[row] === missing ? "" : String(values[row]);
    }
    case "money": {
      const { values, optional } = column;
      return (row) => {
        const value = values[row];
        return optional && Number.isNaN(value) ? "" : roundCents(value).toFixed(2);
      };
    }
    case "label": {
      // Escape each label once, not once per row.
      const escaped = column.labels.map(escapeCsvField);
      return (row) => {
        const label = labelAt(table, column, row);
        return label === null ? "" : escaped[column.codes[row]];
      };
    }
  }
}
