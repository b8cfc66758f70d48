/**
 * The registry of `deno task lab` commands, in the order `lab --help` lists them.
 * A new command is one file under `cli/` exporting a {@link Command}, added here.
 *
 * @module
 */
import type { Command } from "./command.ts";

/** Every command, by name. */
export const COMMANDS: readonly Command[] = [];
