import { describe, expect, test } from "vitest";
import { COMMANDS } from "../../cli/commands.ts";
import { REGISTRY } from "../../cli/registry.ts";

describe("command registry", () => {
  test("each entry loads the command of its name, in the order lab --help lists them", () => {
    expect(COMMANDS.map((command) => command.name)).toEqual(REGISTRY.map((entry) => entry.name));
  });
});
