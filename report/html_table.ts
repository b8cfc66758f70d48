/**
 * Tables as HTML: rows of records to a small self-styled `<table>` (numbers
 * right-aligned and formatted per column, text escaped), for notebook cells and
 * reports. No Deno APIs.
 *
 * @module
 */
import { escapeMarkup } from "./_escape.ts";
import { THEME } from "./theme.ts";

/** How a column's values are written. */
export type CellFormat = "text" | "integer" | "number" | "percent" | "currency";

/** One column of {@link renderHtmlTable}. */
export interface TableColumn<T> {
  /** The field of a row, or a function of the row. */
  readonly value: keyof T | ((row: T) => unknown);
  /** Header text. */
  readonly label: string;
  /** Format; default `text` for strings and `number` for numbers. */
  readonly format?: CellFormat;
  /** Digits after the point for `number`, `percent` and `currency`; default 2 (1 for percent). */
  readonly digits?: number;
}

/** Options of {@link renderHtmlTable}. */
export interface HtmlTableOptions {
  /** Caption above the table. */
  readonly caption?: string;
}

const RIGHT = new Set<CellFormat>(["integer", "number", "percent", "currency"]);

/**
 * Renders rows as an HTML table. Missing and non-finite numbers are written as "—", so
 * an estimate that could not be made never looks like a value.
 *
 * @example
 * ```ts
 * import { renderHtmlTable } from "./html_table.ts";
 * const html = renderHtmlTable([{ segment: "a<b", share: 0.25 }], [
 *   { value: "segment", label: "Segment" },
 *   { value: "share", label: "Share", format: "percent" },
 * ]);
 * if (!html.includes("a&lt;b") || !html.includes("25.0%")) throw new Error("unexpected");
 * ```
 */
export function renderHtmlTable<T>(
  rows: readonly T[],
  columns: readonly TableColumn<T>[],
  options: HtmlTableOptions = {},
): string {
  if (columns.length === 0) {
    throw new RangeError("Cannot render table: columns is empty, expected at least one column");
  }
  const cell = "padding:3px 10px;border-bottom:1px solid #d8dee4;";
  const style = `border-collapse:collapse;font-family:${escapeMarkup(THEME.fontFamily)};` +
    `font-size:${THEME.fontSize}px;color:${THEME.ink}`;
  const caption = options.caption === undefined ? "" : `<caption style="text-align:left;` +
    `font-weight:600;padding-bottom:4px">${escapeMarkup(options.caption)}</caption>`;
  const head = columns.map((column) =>
    `<th style="${cell}text-align:${align(column, rows)}">${escapeMarkup(column.label)}</th>`
  ).join("");
  const body = rows.map((row) =>
    "<tr>" + columns.map((column) => {
      const text = formatCell(read(row, column), formatOf(column, rows), column.digits);
      return `<td style="${cell}text-align:${align(column, rows)}">${escapeMarkup(text)}</td>`;
    }).join("") + "</tr>"
  ).join("");
  return `<table style="${style}">${caption}<thead><tr>${head}</tr></thead>` +
    `<tbody>${body}</tbody></table>`;
}

/**
 * Writes one value in a format: numbers rounded, percentages of fractions, "—" for a
 * missing or non-finite number.
 *
 * @example
 * ```ts
 * import { formatCell } from "./html_table.ts";
 * if (formatCell(0.1234, "percent") !== "12.3%" || formatCell(NaN, "number") !== "—") {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function formatCell(value: unknown, format: CellFormat, digits?: number): string {
  if (format === "text") return value === null || value === undefined ? "" : String(value);
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const fixed = (d: number) =>
    value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  if (format === "integer") return fixed(0);
  if (format === "percent") {
    return `${
      (value * 100).toLocaleString("en-US", {
        minimumFractionDigits: digits ?? 1,
        maximumFractionDigits: digits ?? 1,
      })
    }%`;
  }
  return fixed(digits ?? 2);
}

function read<T>(row: T, column: TableColumn<T>): unknown {
  return typeof column.value === "function" ? column.value(row) : row[column.value];
}

function formatOf<T>(column: TableColumn<T>, rows: readonly T[]): CellFormat {
  if (column.format !== undefined) return column.format;
  return rows.some((row) => typeof read(row, column) === "number") ? "number" : "text";
}

function align<T>(column: TableColumn<T>, rows: readonly T[]): string {
  return RIGHT.has(formatOf(column, rows)) ? "right" : "left";
}
