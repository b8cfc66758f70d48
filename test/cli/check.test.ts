import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { checkCommand } from "../../cli/check.ts";
import { capture } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

const folder = await Deno.makeTempDir({ prefix: "check_test_" });
afterAll(() => Deno.remove(folder, { recursive: true }));

describe("lab check", () => {
  test("check prints a valid preset resolved, defaults filled in, as YAML", async () => {
    const { code, out } = await capture(checkCommand, ["ref-lifecycle-v1"]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe(
      "# ref-lifecycle-v1: valid (4 stages, 2 rules, 0 channels); defaults filled in",
    );
    const resolved = parse(out);
    expect(resolved.population).toEqual({
      initial: 1_000_000,
      mix: {},
      channel: "initial",
      orderOnJoin: false,
    });
    expect(resolved.referral.inheritGroup).toBe(true);
  });

  test("check --json prints the resolved scenario with overrides applied", async () => {
    const { code, out } = await capture(checkCommand, [
      "default",
      "--set",
      "population.initial=10",
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.valid).toBe(true);
    expect(result.scenario.population.initial).toBe(10);
  });

  test("check exits 2 and prints each problem with file, line and path", async () => {
    const path = `${folder}/bad.yaml`;
    await Deno.writeTextFile(path, "name: bad\nhorizon: 0\nstages: {}\n");
    const { code, err } = await capture(checkCommand, [path]);
    expect(code).toBe(2);
    expect(err.split("\n")).toEqual([
      `Cannot use scenario: 4 problems in ${path}`,
      `${path}:1: initialStage: required`,
      `${path}:1: population: required`,
      `${path}:1: purchases: required`,
      `${path}:2: horizon: must be ≥ 1, got 0`,
    ]);
  });

  test("check --json prints the issues of an invalid scenario and exits 2", async () => {
    const { code, out } = await capture(checkCommand, [
      "default",
      "--set",
      "referral.conversion=2",
      "--json",
    ]);
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual({
      valid: false,
      source: "default.yaml",
      issues: [{
        path: "referral.conversion",
        message: "must be ≤ 1, got 2 (from override 'referral.conversion=2')",
      }],
    });
  });

  test("check refuses a missing scenario argument", async () => {
    await expect(capture(checkCommand, [])).rejects.toThrow(UsageError);
  });
});
