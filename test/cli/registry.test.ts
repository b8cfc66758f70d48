import { describe, expect, test } from "vitest";
import { REGISTRY } from "../../cli/registry.ts";
import { main } from "../../main.ts";
import { stdout } from "./_capture.ts";

describe("command registry", () => {
  test("each entry loads the command of its name", async () => {
    for (const entry of REGISTRY) expect((await entry.load()).name).toBe(entry.name);
  });

  test("lab --help lists every command with its summary, in registry order", async () => {
    const help = await stdout({ name: "lab", help: "", run: (argv) => main(argv) }, ["--help"]);
    const listed = help.split("\n").filter((line) => /^ {2}[a-z]/.test(line));
    expect(listed.map((line) => line.trim().split(/\s+/)[0])).toEqual(REGISTRY.map((e) => e.name));
    for (const entry of REGISTRY) expect(help).toContain(entry.summary);
  });
});
