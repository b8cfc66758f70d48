/**
 * Runs a command in-process with its console output captured, for the command tests.
 *
 * @module
 */
import { expect, vi } from "vitest";
import type { Command } from "../../cli/command.ts";

/** Runs a command, returning its exit code and what it printed to the console. */
export async function capture(
  command: Command,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    out.push(a.map(String).join(" "));
  });
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
    err.push(a.map(String).join(" "));
  });
  try {
    const code = await command.run(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Runs a command that must exit with `code` (default 0) and returns its standard output. */
export async function stdout(command: Command, argv: string[], code = 0): Promise<string> {
  const run = await capture(command, argv);
  expect(run.code).toBe(code);
  return run.out;
}
