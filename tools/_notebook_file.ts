/**
 * Private helpers of the notebook runner and its tests: reading a `.ipynb` file
 * (nbformat 4), finding outputs a committed notebook must not carry, the error outputs
 * of an executed one, and the notebook's code cells as one TypeScript module, so
 * `deno check` can type-check notebooks like the rest of the code.
 *
 * @module
 */

/** One cell of an nbformat 4 notebook (the fields the lab reads). */
export interface NotebookCell {
  readonly cell_type: "code" | "markdown" | "raw";
  /** The text, as one string or as lines (Jupyter writes lines). */
  readonly source: string | readonly string[];
  /** Outputs of a code cell. */
  readonly outputs?: readonly NotebookOutput[];
  /** Execution count of a code cell; null when never run. */
  readonly execution_count?: number | null;
}

/** One output of a code cell. */
export interface NotebookOutput {
  readonly output_type: string;
  /** Error outputs: exception name and value. */
  readonly ename?: string;
  readonly evalue?: string;
  /** Display and result outputs: MIME type → content. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A notebook: its cells and metadata. */
export interface Notebook {
  readonly nbformat: number;
  readonly cells: readonly NotebookCell[];
  readonly metadata: {
    readonly kernelspec?: { readonly name?: string; readonly language?: string };
  };
}

/**
 * Parses notebook JSON. Throws a SyntaxError naming the source when the text is not an
 * nbformat 4 notebook.
 *
 * @example
 * ```ts
 * import { parseNotebook } from "./_notebook_file.ts";
 * const nb = parseNotebook('{"nbformat": 4, "metadata": {}, "cells": []}', "x.ipynb");
 * if (nb.cells.length !== 0) throw new Error("unexpected");
 * ```
 */
export function parseNotebook(text: string, source: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Cannot read notebook ${source}: ${(error as Error).message}`);
  }
  const nb = value as Partial<Notebook> | null;
  if (typeof nb !== "object" || nb === null || nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new SyntaxError(
      `Cannot read notebook ${source}: expected an nbformat 4 notebook with a cells array`,
    );
  }
  nb.cells.forEach((cell, i) => {
    if (!["code", "markdown", "raw"].includes(cell?.cell_type)) {
      throw new SyntaxError(
        `Cannot read notebook ${source}: cell ${i + 1} has cell_type ` +
          `'${cell?.cell_type}', expected code, markdown or raw`,
      );
    }
  });
  return { nbformat: 4, cells: nb.cells, metadata: nb.metadata ?? {} };
}

/**
 * The text of a cell.
 *
 * @example
 * ```ts
 * import { cellText } from "./_notebook_file.ts";
 * if (cellText({ cell_type: "code", source: ["a\n", "b"] }) !== "a\nb") throw new Error();
 * ```
 */
export function cellText(cell: NotebookCell): string {
  return typeof cell.source === "string" ? cell.source : cell.source.join("");
}

/**
 * What a notebook carries that a committed notebook must not: outputs and execution
 * counts, one message per cell (1-based), empty when the notebook is clean.
 *
 * @example
 * ```ts
 * import { findOutputs } from "./_notebook_file.ts";
 * const found = findOutputs({ nbformat: 4, metadata: {}, cells: [
 *   { cell_type: "code", source: "1", execution_count: 3, outputs: [] },
 * ] });
 * if (found[0] !== "cell 1: execution_count is 3, expected null") throw new Error(found[0]);
 * ```
 */
export function findOutputs(nb: Notebook): string[] {
  const found: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const outputs = cell.outputs?.length ?? 0;
    if (outputs > 0) found.push(`cell ${i + 1}: ${outputs} outputs, expected none`);
    const count = cell.execution_count ?? null;
    if (count !== null) found.push(`cell ${i + 1}: execution_count is ${count}, expected null`);
  });
  return found;
}

/** An error output of an executed notebook. */
export interface CellError {
  /** 1-based cell number. */
  readonly cell: number;
  readonly name: string;
  readonly message: string;
}

/**
 * The error outputs of an executed notebook, in cell order.
 *
 * @example
 * ```ts
 * import { cellErrors } from "./_notebook_file.ts";
 * const errors = cellErrors({ nbformat: 4, metadata: {}, cells: [
 *   { cell_type: "code", source: "x", outputs: [{ output_type: "error", ename: "E", evalue: "v" }] },
 * ] });
 * if (errors[0].cell !== 1 || errors[0].name !== "E") throw new Error("unexpected");
 * ```
 */
export function cellErrors(nb: Notebook): CellError[] {
  return nb.cells.flatMap((cell, i) =>
    (cell.outputs ?? []).filter((o) => o.output_type === "error").map((o) => ({
      cell: i + 1,
      name: o.ename ?? "Error",
      message: o.evalue ?? "",
    }))
  );
}

/** Static `import … from "<relative>"` and `import("<relative>")` specifiers. */
const RELATIVE_IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\2/g;

/**
 * The code cells of a notebook as one TypeScript module, for `deno check`: cells in
 * order, each after a `// cell N` comment, with relative import specifiers made absolute
 * against the notebook's URL so the module type-checks from any folder. The kernel runs
 * cells as one module scope too, so what checks here is what the kernel runs.
 *
 * @example
 * ```ts
 * import { notebookModule } from "./_notebook_file.ts";
 * const text = notebookModule({ nbformat: 4, metadata: {}, cells: [
 *   { cell_type: "code", source: 'import { VERSION } from "../version.ts";\nVERSION;' },
 * ] }, new URL("file:///repo/notebooks/a.ipynb"));
 * if (!text.includes('"file:///repo/version.ts"')) throw new Error(text);
 * ```
 */
export function notebookModule(nb: Notebook, notebookUrl: URL): string {
  const parts: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const code = cellText(cell).replace(
      RELATIVE_IMPORT,
      (_, lead: string, quote: string, spec: string) =>
        `${lead}${quote}${new URL(spec, notebookUrl).href}${quote}`,
    );
    parts.push(`// cell ${i + 1}\n${code}\n`);
  });
  return `${parts.join("\n")}export {};\n`;
}

/** An output problem of an executed notebook. */
export interface DisplayProblem {
  /** 1-based cell number. */
  readonly cell: number;
  /**
   * `lost`: the cell calls `show(` but no display arrived; `value`: the cell shows its
   * value as an `execute_result` instead of calling `show()`.
   */
  readonly kind: "lost" | "value";
  readonly message: string;
}

/**
 * Output problems of an executed notebook that nbconvert does not report, in cell order
 * (1-based cells), empty when every output arrived. The Deno kernel publishes a cell's
 * value without waiting for it, so the value can arrive after the kernel reports the cell
 * finished, when nbconvert (and at times JupyterLab) has stopped listening: the notebooks
 * display everything with `show()`, which the cell awaits. Under heavy load a display can
 * still go missing, rarely; the runner then executes the notebook again.
 *
 * @example
 * ```ts
 * import { findDisplayProblems } from "./_notebook_file.ts";
 * const [problem] = findDisplayProblems({ nbformat: 4, metadata: {}, cells: [
 *   { cell_type: "code", source: "await show(chart(options));", outputs: [] },
 * ] });
 * if (problem.kind !== "lost" || problem.cell !== 1) throw new Error(problem.message);
 * ```
 */
export function findDisplayProblems(nb: Notebook): DisplayProblem[] {
  const found: DisplayProblem[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== "code") return;
    const cell = i + 1;
    const outputs = c.outputs ?? [];
    if (outputs.some((o) => o.output_type === "execute_result")) {
      found.push({
        cell,
        kind: "value",
        message: `cell ${cell}: shows its value as an execute_result, which the Deno kernel ` +
          "can send after the cell has finished (and nbconvert then drops it); display it " +
          "with await show(...)",
      });
    }
    const shows = /\bshow\(/.test(cellText(c));
    if (shows && !outputs.some((o) => o.output_type === "display_data")) {
      found.push({
        cell,
        kind: "lost",
        message: `cell ${cell}: calls show() but has no display output`,
      });
    }
  });
  return found;
}
