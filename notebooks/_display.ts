/**
 * Display helpers for the notebooks: a chart (Observable Plot options in the lab's
 * theme), a table or Markdown text as an object the Deno kernel renders, through the
 * display symbol the kernel documents (`Symbol.for("Jupyter.display")`), and
 * {@link show}, which sends them to the notebook. Only {@link show} touches
 * `Deno.jupyter`, inside the function, because that object exists only inside the
 * kernel; the rest runs anywhere, so the tests can check what a cell would display.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { chart } from "./_display.ts";
 * const shown = chart({ title: "Orders", marks: [Plot.lineY([1, 3, 2])] });
 * if (!shown.svg.startsWith("<svg")) throw new Error("unexpected");
 * ```
 *
 * @module
 */
/// <reference lib="deno.unstable" />
import { type ChartOptions, renderPlot } from "../report/render.ts";
import { type HtmlTableOptions, renderHtmlTable, type TableColumn } from "../report/html_table.ts";

/** Milliseconds {@link show} waits after sending its displays, so none is lost. */
export const DISPLAY_SETTLE_MS = 20;

/** The symbol the Deno kernel looks for to display a cell's value. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A value the Deno kernel displays as rich output (a MIME bundle). */
export interface Displayable {
  [JUPYTER_DISPLAY](): Record<string, string>;
}

/** A rendered chart: its SVG, displayed as an image in a notebook. */
export interface ChartOutput extends Displayable {
  readonly svg: string;
}

/** A rendered table: its HTML, displayed as a table in a notebook. */
export interface TableOutput extends Displayable {
  readonly html: string;
}

/**
 * Renders chart options to SVG in the lab's theme, displayed when it is a cell's value.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { chart, JUPYTER_DISPLAY } from "./_display.ts";
 * const bundle = chart({ marks: [Plot.dot([1, 2])] })[JUPYTER_DISPLAY]();
 * if (!("image/svg+xml" in bundle)) throw new Error("unexpected");
 * ```
 */
export function chart(options: ChartOptions): ChartOutput {
  const svg = renderPlot(options);
  const text = `[chart: ${options.title ?? "untitled"}]`;
  return { svg, [JUPYTER_DISPLAY]: () => ({ "image/svg+xml": svg, "text/plain": text }) };
}

/**
 * Renders rows as an HTML table, displayed when it is a cell's value.
 *
 * @example
 * ```ts
 * import { table } from "./_display.ts";
 * const t = table([{ k: 0.31 }], [{ value: "k", label: "K", digits: 3 }]);
 * if (!t.html.includes("0.310")) throw new Error("unexpected");
 * ```
 */
export function table<T>(
  rows: readonly T[],
  columns: readonly TableColumn<T>[],
  options: HtmlTableOptions = {},
): TableOutput {
  const html = renderHtmlTable(rows, columns, options);
  const text = `[table: ${options.caption ?? `${rows.length} rows`}]`;
  return { html, [JUPYTER_DISPLAY]: () => ({ "text/html": html, "text/plain": text }) };
}

/** A model summary row: an estimate with its interval (every model's `summary()`). */
export interface EstimateRow {
  readonly name: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/** Options of {@link summaryTable}. */
export interface SummaryTableOptions extends HtmlTableOptions {
  /** How estimates and bounds are written; default `number`. */
  readonly format?: "number" | "percent";
  /** Digits after the point; default 3 for numbers, 1 for percentages. */
  readonly digits?: number;
}

/**
 * Renders a model's summary rows (estimate, interval and level, as every model's
 * `summary()` returns them) as an HTML table; a missing bound shows as "—".
 *
 * @example
 * ```ts
 * import { summaryTable } from "./_display.ts";
 * const t = summaryTable([{ name: "k-factor", estimate: 0.3, lower: 0.2, upper: 0.4, level: 0.95 }]);
 * if (!t.html.includes("95% lower") || !t.html.includes("0.300")) throw new Error(t.html);
 * ```
 */
export function summaryTable(
  rows: readonly EstimateRow[],
  options: SummaryTableOptions = {},
): TableOutput {
  const format = options.format ?? "number";
  const digits = options.digits ?? (format === "percent" ? 1 : 3);
  const level = rows[0]?.level;
  const mixed = rows.find((row) => row.level !== level);
  if (mixed !== undefined) {
    throw new RangeError(
      `Cannot show summary: row '${mixed.name}' has level ${mixed.level}, expected ${level} ` +
        "like the first row (one table per confidence level)",
    );
  }
  const percent = level === undefined ? "" : `${Math.round(level * 100)}% `;
  return table(rows, [
    { value: "name", label: "Measure" },
    { value: "estimate", label: "Estimate", format, digits },
    { value: "lower", label: `${percent}lower`, format, digits },
    { value: "upper", label: `${percent}upper`, format, digits },
  ], options);
}

/** Rendered Markdown: a paragraph written from computed figures. */
export interface MarkdownOutput extends Displayable {
  readonly markdown: string;
}

/**
 * Markdown text displayed as formatted text in a notebook, e.g. a conclusion that quotes
 * the figures computed above it.
 *
 * @example
 * ```ts
 * import { JUPYTER_DISPLAY, markdown } from "./_display.ts";
 * const note = markdown(`**Best window: ${14} days**`);
 * if (note[JUPYTER_DISPLAY]()["text/markdown"] !== "**Best window: 14 days**") throw new Error();
 * ```
 */
export function markdown(text: string): MarkdownOutput {
  return {
    markdown: text,
    [JUPYTER_DISPLAY]: () => ({ "text/markdown": text, "text/plain": text }),
  };
}

/**
 * Displays outputs from a cell, in order, then waits {@link DISPLAY_SETTLE_MS}. The
 * notebooks show every output this way rather than as a cell's last value: the Deno kernel
 * publishes a cell's value without waiting for it, so under `nbconvert` (and at times in
 * JupyterLab) the value can arrive after the kernel has reported the cell finished and be
 * dropped. Works only inside the Deno kernel.
 *
 * @example
 * ```ts ignore
 * import * as Plot from "@observablehq/plot";
 * import { chart, show } from "./_display.ts";
 * await show(chart({ marks: [Plot.dot([1])] }), chart({ marks: [Plot.dot([2])] }));
 * ```
 */
export async function show(...outputs: readonly Displayable[]): Promise<void> {
  for (const output of outputs) {
    await Deno.jupyter.display(output[JUPYTER_DISPLAY](), { raw: true });
  }
  // Under load the kernel can report the cell finished before the last display has left
  // (about one cell in fifteen lost one under nbconvert); a short timer lets it go first.
  await new Promise((resolve) => setTimeout(resolve, DISPLAY_SETTLE_MS));
}
