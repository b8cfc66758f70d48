/**
 * `lab schema`: prints or writes the JSON Schema of scenario files, the one committed as
 * `data/scenarios/scenario.schema.json` for editors.
 *
 * @example
 * ```ts
 * import { schemaCommand } from "./schema.ts";
 * const out = await Deno.makeTempFile({ suffix: ".json" });
 * if ((await schemaCommand.run(["--out", out])) !== 0) throw new Error("unexpected");
 * await Deno.remove(out);
 * ```
 *
 * @module
 */
import { type Command, parseCommandLine, printJson, UsageError } from "./command.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { scenarioJsonSchema } from "../sim/scenario_schema.ts";

const HELP = `Usage: deno task lab schema [--out FILE] [--json]

Prints the JSON Schema (draft 2020-12) of scenario files, generated from the zod schema.
YAML editors with the YAML language server use it through a first line
  # yaml-language-server: $schema=./scenario.schema.json

Options:
  --out FILE   write the schema to FILE instead of printing it
  --json       with --out, print {"written": FILE}; without, the schema (always JSON)
  -h, --help   show this help

Example:
  deno task lab schema --out data/scenarios/scenario.schema.json`;

/** The `lab schema` command. */
export const schemaCommand: Command = {
  name: "schema",
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseCommandLine("schema", argv, {
      out: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length > 0) {
      throw new UsageError(`schema: unexpected argument '${positionals[0]}'`);
    }
    const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (values.out === undefined) {
      console.log(text.trimEnd());
      return 0;
    }
    const out = String(values.out);
    await writeFileAtomic(out, text);
    if (values.json === true) printJson({ written: out });
    else console.log(`Wrote the scenario JSON Schema to ${out}`);
    return 0;
  },
};
