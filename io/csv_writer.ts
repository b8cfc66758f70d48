/**
 * CSV output of run tables (RFC 4180: comma separated, `\n` line ends, fields quoted
 * when they contain a comma, quote or line break). Numbers are formatted
 * deterministically: integers plain, money with exactly two decimals, missing values
 * empty. Rows are encoded straight into UTF-8 byte chunks (no string per cell, which
 * matters for tens of millions of rows), streamed to disk, and the file appears under its
 * final name only when complete.
 *
 * @module
 */
import { writeChunksAtomic } from "./atomic.ts";
import {
  checkTable,
  digestChunks,
  labelAt,
  type Table,
  type TableColumn,
  type WrittenFile,
} from "./table.ts";

/** Defaults of {@link writeCsv}. */
export const CSV_DEFAULTS = {
  /** Bytes encoded before a chunk is handed to the file (a chunk ends with a whole row). */
  chunkBytes: 1 << 20,
} as const;

/** Options of {@link writeCsv}. */
export interface CsvOptions {
  /** Bytes per chunk (default {@link CSV_DEFAULTS.chunkBytes}). */
  readonly chunkBytes?: number;
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
 * Encodes a table as CSV (UTF-8 bytes): the header, then rows in chunks of about
 * `chunkBytes` bytes, each ending with a whole row.
 *
 * @example
 * ```ts
 * import { encodeCsv } from "./csv_writer.ts";
 * const table = {
 *   name: "tenure",
 *   rows: 2,
 *   columns: [
 *     { kind: "integer", name: "tenure", values: [0, 1] },
 *     { kind: "money", name: "revenue", values: [12.5, 3] },
 *   ],
 * } as const;
 * const decoder = new TextDecoder();
 * const text = [...encodeCsv(table)].map((chunk) => decoder.decode(chunk)).join("");
 * if (text !== "tenure,revenue\n0,12.50\n1,3.00\n") throw new Error(text);
 * ```
 */
export function* encodeCsv(table: Table, options: CsvOptions = {}): Generator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? CSV_DEFAULTS.chunkBytes;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new RangeError(`Cannot write ${table.name}: chunkBytes is ${chunkBytes}, expected ≥ 1`);
  }
  checkTable(table);
  const encoder = new TextEncoder();
  yield encoder.encode(table.columns.map((c) => escapeCsvField(c.name)).join(",") + "\n");
  const cells = table.columns.map((column) => cellEncoder(encoder, column));
  // Room for one more row before the buffer must be handed over.
  const rowBytes = cells.reduce((sum, cell) => sum + cell.maxBytes + 1, 0);
  const buffer = new Uint8Array(chunkBytes + rowBytes);
  let pos = 0;
  for (let row = 0; row < table.rows; row++) {
    for (let c = 0; c < cells.length; c++) {
      if (c > 0) buffer[pos++] = COMMA;
      pos = cells[c].write(table.name, row, buffer, pos);
    }
    buffer[pos++] = NEWLINE;
    if (pos >= chunkBytes) {
      yield buffer.slice(0, pos);
      pos = 0;
    }
  }
  if (pos > 0) yield buffer.slice(0, pos);
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
  const digested = digestChunks(encodeCsv(table, options));
  await writeChunksAtomic(path, digested.chunks);
  return { path, rows: table.rows, ...digested.result() };
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const DOT = 0x2e;
const MINUS = 0x2d;
const ZERO = 0x30;

/** Writes one column's cell of a row into a byte buffer; `maxBytes` bounds its size. */
interface CellEncoder {
  readonly maxBytes: number;
  write(table: string, row: number, buffer: Uint8Array, pos: number): number;
}

function cellEncoder(encoder: TextEncoder, column: TableColumn): CellEncoder {
  switch (column.kind) {
    case "integer": {
      const { values, missing } = column;
      return {
        maxBytes: 24,
        write: (table, row, buffer, pos) => {
          const value = values[row];
          if (value === missing) return pos;
          if (!Number.isSafeInteger(value)) {
            throw new RangeError(
              `Cannot write ${table}: column ${column.name} at row ${row} is ${value}, expected an integer`,
            );
          }
          return writeInteger(buffer, pos, value);
        },
      };
    }
    case "money": {
      const { values, optional } = column;
      return {
        maxBytes: 32,
        write: (_table, row, buffer, pos) => {
          const value = values[row];
          return optional && Number.isNaN(value) ? pos : writeCents(encoder, buffer, pos, value);
        },
      };
    }
    case "label": {
      // Escape and encode each label once, not once per row.
      const encoded = column.labels.map((label) => encoder.encode(escapeCsvField(label)));
      return {
        maxBytes: Math.max(0, ...encoded.map((bytes) => bytes.length)),
        write: (table, row, buffer, pos) => {
          if (labelAt(table, column, row) === null) return pos;
          const bytes = encoded[column.codes[row]];
          for (let i = 0; i < bytes.length; i++) buffer[pos + i] = bytes[i];
          return pos + bytes.length;
        },
      };
    }
  }
}

/** Writes an integer's decimal digits; returns the position after them. */
function writeInteger(buffer: Uint8Array, pos: number, value: number): number {
  if (value < 0) {
    buffer[pos++] = MINUS;
    value = -value;
  }
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  const end = pos + digits;
  for (let p = end - 1; p >= pos; p--) {
    buffer[p] = ZERO + (value % 10);
    value = Math.floor(value / 10);
  }
  return end;
}

/**
 * Writes money as whole cents with exactly two decimals: the same text as
 * `roundCents(value).toFixed(2)`, never `-0.00`. Non-finite values are written as text
 * (`NaN`), so that a broken required column shows instead of passing as a number.
 */
function writeCents(encoder: TextEncoder, buffer: Uint8Array, pos: number, value: number): number {
  const cents = Math.round(value * 100);
  if (!Number.isSafeInteger(cents)) {
    return pos + encoder.encodeInto(String(value), buffer.subarray(pos)).written;
  }
  if (cents < 0) buffer[pos++] = MINUS;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs - whole * 100;
  pos = writeInteger(buffer, pos, whole);
  buffer[pos++] = DOT;
  buffer[pos++] = ZERO + Math.floor(fraction / 10);
  buffer[pos++] = ZERO + (fraction % 10);
  return pos;
}
