/**
 * The Lifecycle Lab command line: `deno task lab <command> [options]`.
 *
 * @module
 */
import { UsageError } from "./cli/command.ts";
import { REGISTRY } from "./cli/registry.ts";
import { VERSION } from "./version.ts";

/** The command list, from the registry: no command module loads for it. */
function usage(): string {
  const width = Math.max(...REGISTRY.map((c) => c.name.length), 4);
  const lines = REGISTRY.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Lifecycle Lab ${VERSION}: simulate member lifecycles, apply growth models, run experiments.`,
    "",
    "Usage: deno task lab <command> [options]      (each command has --help)",
    "",
    "Commands:",
    ...lines,
  ].join("\n");
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return 0;
  }
  if (name === "--version") {
    console.log(VERSION);
    return 0;
  }
  const entry = REGISTRY.find((c) => c.name === name);
  if (entry === undefined) {
    console.error(`Unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    const subs = command.subcommandHelp ?? {};
    console.log(Object.hasOwn(subs, rest[0]) ? subs[rest[0]] : command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
