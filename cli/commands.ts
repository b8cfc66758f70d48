/**
 * Every `deno task lab` command, loaded, in the order `lab --help` lists them. Commands
 * are registered in `registry.ts`; `lab --help` needs every summary, so it loads them all,
 * while a single command loads only its own module.
 *
 * @module
 */
import type { Command } from "./command.ts";
import { REGISTRY } from "./registry.ts";

// One at a time: the modules share most of their imports, and twenty loads started at
// once would each prepare that shared graph again (measured: about 0.1 s slower).
const commands: Command[] = [];
for (const entry of REGISTRY) commands.push(await entry.load());

/** Every command, in registry order. */
export const COMMANDS: readonly Command[] = commands;
