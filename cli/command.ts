/**
 * The shape every CLI command has, and the argument helpers they share.
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** A `deno task lab <name>` command. */
export interface Command {
  /** The word after `lab`, e.g. `sim` (sub-commands: `clv fit` is name `clv`). */
  readonly name: string;
  /** The full `--help` text: usage, options with defaults, an example. */
  readonly help: string;
  /** Each sub-command's own `--help` text, for `lab <name> <sub> --help`. */
  readonly subcommandHelp?: Readonly<Record<string, string>>;
  /** Runs the command; returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A mistake in how a command was called; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parsed options and positionals of a command line. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/**
 * Parses a command line strictly: unknown options are a {@link UsageError} that names
 * the option and points to `--help`.
 *
 * @example
 * ```ts
 * import { parseCommandLine } from "./command.ts";
 * const { values } = parseCommandLine("sim", ["--seed", "7"], { seed: { type: "string" } });
 * if (values.seed !== "7") throw new Error("unexpected");
 * ```
 */
export function parseCommandLine(
  command: string,
  argv: string[],
  options: ParseArgsOptionsConfig,
): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${message}. Run 'lab ${command} --help' for the options.`);
  }
}

/**
 * Reads an integer option, with a clear error naming the option when it is not one.
 *
 * @example
 * ```ts
 * import { integerOption } from "./command.ts";
 * if (integerOption({ seed: "12" }, "seed") !== 12) throw new Error("unexpected");
 * ```
 */
export function integerOption(
  values: ParsedArgs["values"],
  name: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).replaceAll("_", "");
  const value = Number(text);
  if (text.trim() === "" || !Number.isInteger(value)) {
    throw new UsageError(`--${name}: expected an integer, got '${raw}'`);
  }
  if (range.min !== undefined && value < range.min) {
    throw new UsageError(`--${name}: must be ≥ ${range.min}, got ${value}`);
  }
  if (range.max !== undefined && value > range.max) {
    throw new UsageError(`--${name}: must be ≤ ${range.max}, got ${value}`);
  }
  return value;
}

/**
 * Reads a number option, with a clear error naming the option when it is not one.
 *
 * @example
 * ```ts
 * import { numberOption } from "./command.ts";
 * if (numberOption({ alpha: "0.05" }, "alpha") !== 0.05) throw new Error("unexpected");
 * ```
 */
export function numberOption(
  values: ParsedArgs["values"],
  name: string,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (String(raw).trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${name}: expected a number, got '${raw}'`);
  }
  return value;
}

/**
 * Reads `--seed`: integer-looking seeds are numbers (as in scenario files), anything else
 * is a string seed; an empty seed is an error.
 *
 * @example
 * ```ts
 * import { seedOption } from "./command.ts";
 * if (seedOption({ seed: "7" }) !== 7 || seedOption({ seed: "a/1" }) !== "a/1") throw new Error();
 * ```
 */
export function seedOption(values: ParsedArgs["values"]): number | string | undefined {
  const raw = values.seed;
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (text.trim() === "") throw new UsageError("--seed: expected an integer or a word, got ''");
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

/**
 * Reads a comma-separated list option whose items must come from `allowed` (such as
 * `--format csv,parquet`), without repeats; `fallback` when the option is absent.
 *
 * @example
 * ```ts
 * import { listOption } from "./command.ts";
 * const formats = listOption({ format: "csv,json" }, "format", ["csv", "json"], ["csv"]);
 * if (formats.join() !== "csv,json") throw new Error("unexpected");
 * ```
 */
export function listOption<T extends string>(
  values: ParsedArgs["values"],
  name: string,
  allowed: readonly T[],
  fallback: readonly T[],
): T[] {
  const raw = values[name];
  if (raw === undefined) return [...fallback];
  const items = String(raw).split(",").map((f) => f.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new UsageError(
        `--${name}: expected a comma-separated list of ${allowed.join(", ")}, got '${raw}'`,
      );
    }
  }
  return [...new Set(items as T[])];
}

/**
 * Prints a value as JSON on standard output (the `--json` form of every command).
 *
 * @example
 * ```ts
 * import { printJson } from "./command.ts";
 * printJson({ ok: true });
 * ```
 */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
