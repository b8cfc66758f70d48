/**
 * Private helpers of `lab warn` and `lab validate`: small tidy tables as CSV text, and
 * output folders written file by file under temporary names (`io/atomic.ts`) with
 * `manifest.json` last, listing each file's rows, bytes and SHA-256 beside the scenario,
 * seed and version the outputs came from — a folder without a manifest is incomplete.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { removeIfPresent, writeFileAtomic } from "../io/atomic.ts";
import { jsonNumbers } from "../io/json.ts";
import { escapeCsvField } from "../io/csv_writer.ts";

/** A cell of a tidy table: text, a number (NaN and null are empty), or a boolean. */
export type Cell = string | number | boolean | null;

/** A file to write: its name in the folder, its text and, for tables, its data rows. */
export interface OutputFile {
  readonly name: string;
  readonly text: string;
  readonly rows?: number;
}

/** A file as the manifest lists it. */
export interface WrittenOutput {
  readonly name: string;
  readonly rows: number | null;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * A CSV table (RFC 4180, `\n` line ends): integers plain, other numbers to 10
 * significant digits, NaN and null empty.
 *
 * @example
 * ```ts
 * import { csvTable } from "./_warn_output.ts";
 * const file = csvTable("t.csv", ["window", "precision"], [[7, 0.25], [14, NaN]]);
 * if (file.text !== "window,precision\n7,0.25\n14,\n" || file.rows !== 2) throw new Error();
 * ```
 */
export function csvTable(
  name: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
): OutputFile {
  const line = (cells: readonly Cell[]) => cells.map(formatCell).join(",");
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new RangeError(
        `Cannot write ${name}: row ${i} has ${row.length} cells, expected ${columns.length}`,
      );
    }
  });
  const text = [columns.map(escapeCsvField).join(","), ...rows.map(line)].join("\n") + "\n";
  return { name, text, rows: rows.length };
}

function formatCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return "";
    return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(10)));
  }
  return escapeCsvField(String(cell));
}

/**
 * Writes the files into `dir` (created if needed), then `manifest.json` with `manifest`
 * and the list of files. An old manifest is removed first, so an interrupted write
 * leaves no manifest describing files that changed. Returns the files listed.
 *
 * @example
 * ```ts
 * import { csvTable, writeOutputFolder } from "./_warn_output.ts";
 * const dir = await Deno.makeTempDir();
 * const files = await writeOutputFolder(dir, [csvTable("a.csv", ["x"], [[1]])], {
 *   command: "warn sweep", scenario: "warning", seed: 1, version: "0.1.0",
 * });
 * if (files[0].rows !== 1 || files[0].sha256.length !== 64) throw new Error("unexpected");
 * ```
 */
export async function writeOutputFolder(
  dir: string,
  files: readonly OutputFile[],
  manifest: Readonly<Record<string, unknown>>,
): Promise<WrittenOutput[]> {
  await Deno.mkdir(dir, { recursive: true });
  await removeIfPresent(`${dir}/manifest.json`);
  const written: WrittenOutput[] = [];
  const encoder = new TextEncoder();
  for (const file of files) {
    const bytes = encoder.encode(file.text);
    await writeFileAtomic(`${dir}/${file.name}`, bytes);
    written.push({
      name: file.name,
      rows: file.rows ?? null,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  const body = { ...manifest, files: written };
  await writeFileAtomic(`${dir}/manifest.json`, JSON.stringify(body, jsonNumbers, 2) + "\n");
  return written;
}
