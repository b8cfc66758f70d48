import { afterEach, describe, expect, test, vi } from "vitest";
import { powerCommand } from "../../cli/power.ts";
import { capture } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

describe("lab power", () => {
  afterEach(() => vi.restoreAllMocks());

  test("prints n_per_arm and the inputs as JSON", async () => {
    const { code, out } = await capture(powerCommand, [
      "--baseline",
      "0.05",
      "--mde",
      "0.01",
      "--alpha",
      "0.05",
      "--power",
      "0.8",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      n_per_arm: 8158,
      n_total: 16316,
      metric: "proportion",
      baseline: 0.05,
      mde: 0.01,
      scale: "absolute",
      treatment: 0.06,
      alpha: 0.05,
      power: 0.8,
    });
  });

  test("reads --relative and --metric mean with --sd", async () => {
    const relative = await capture(powerCommand, [
      "--baseline",
      "0.05",
      "--mde",
      "0.1",
      "--relative",
      "--json",
    ]);
    expect(JSON.parse(relative.out)).toMatchObject({ n_per_arm: 31234, treatment: 0.055 });
    const mean = await capture(powerCommand, [
      "--baseline",
      "10",
      "--mde",
      "1",
      "--metric",
      "mean",
      "--sd",
      "5",
      "--json",
    ]);
    expect(JSON.parse(mean.out)).toMatchObject({ n_per_arm: 393, metric: "mean", sd: 5 });
  });

  test("prints one readable line without --json", async () => {
    const { out } = await capture(powerCommand, ["--baseline", "0.2", "--mde", "0.02"]);
    expect(out).toBe(
      "6,510 per arm (13,020 in total) to detect 0.2 → 0.22 (+0.02 absolute) on a proportion " +
        "at α = 0.05 two-sided with power 0.8.",
    );
  });

  test("reports missing or invalid options as usage errors", async () => {
    await expect(powerCommand.run(["--baseline", "0.05"])).rejects.toThrow(/--mde is required/);
    await expect(powerCommand.run(["--baseline", "0.05", "--mde", "0.01", "--metric", "mean"]))
      .rejects.toThrow(/needs --sd/);
    await expect(powerCommand.run(["--baseline", "1.5", "--mde", "0.01"])).rejects.toThrow(
      UsageError,
    );
  });

  test("runs through main.ts with --help and --json", async () => {
    const run = (args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", new URL("../../main.ts", import.meta.url).pathname, "power", ...args],
        stdout: "piped",
        stderr: "piped",
      }).output();
    const help = await run(["--help"]);
    expect(new TextDecoder().decode(help.stdout)).toMatch(/Usage: deno task lab power/);
    const json = await run(["--baseline", "0.1", "--mde", "0.01", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(json.stdout)).n_per_arm).toBe(14751);
    const bad = await run(["--baseline", "0.1"]);
    expect(bad.code).toBe(2);
  });
});
