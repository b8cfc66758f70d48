import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { calibrateCommand } from "../../cli/calibrate.ts";
import { checkCommand } from "../../cli/check.ts";
import { simCommand } from "../../cli/sim.ts";
import { clvCommand } from "../../cli/clv.ts";
import { UsageError } from "../../cli/command.ts";
import { capture } from "./_capture.ts";
import { CDNOW_LOG_ARGS } from "./_cdnow.ts";

const folder = await Deno.makeTempDir({ prefix: "calibrate_test_" });
afterAll(() => Deno.remove(folder, { recursive: true }));

describe("lab calibrate", () => {
  const yaml = `${folder}/cdnow.yaml`;
  let written: { code: number; out: string };
  let run: { code: number; out: string };
  beforeAll(async () => {
    written = await capture(calibrateCommand, [...CDNOW_LOG_ARGS, "--out", yaml]);
    run = await capture(simCommand, [
      yaml,
      "--workers=1",
      "--events",
      "--out",
      `${folder}/run`,
      "--json",
    ]);
  });

  test("calibrate writes a scenario that lab check accepts and lab sim runs", async () => {
    expect(written.code).toBe(0);
    expect(written.out).toContain(`Wrote ${yaml}`);
    const text = await Deno.readTextFile(yaml);
    expect(text).toMatch(/^# Calibrated by Lifecycle Lab \d+\.\d+\.\d+ \(lab calibrate\)/);
    expect(text).toContain("scenario day 0 = 1997-01-01");
    expect(text).toMatch(/^name: cdnow$/m);

    const checked = await capture(checkCommand, [yaml]);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain("valid (2 stages, 0 rules, 1 channels)");

    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary.totals.members).toBe(2357);
    expect(summary.horizon).toBe(546);
  });

  test("calibrate --json prints the fits with standard errors and the acquisition", async () => {
    const { code, out } = await capture(calibrateCommand, [
      ...CDNOW_LOG_ARGS,
      "--out",
      `${folder}/cdnow.json`,
      "--name",
      "cdnow_json",
      "--seed",
      "7",
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.scenario).toBe("cdnow_json");
    expect(result.seed).toBe(7);
    expect(result.day0).toBe("1997-01-01");
    expect(result.unit).toEqual({ name: "week", days: 7 });
    expect(result.purchases.params.r).toBeCloseTo(0.243, 3);
    expect(result.purchases.se.r).toBeCloseTo(0.0126, 3);
    expect(result.spend.params.q).toBeCloseTo(3.74, 2);
    expect(result.acquisition).toMatchObject({ mode: "schedule", members: 2357, days: 84 });
    // The JSON scenario file is a valid scenario too.
    expect((await capture(checkCommand, [`${folder}/cdnow.json`])).code).toBe(0);
  });

  test("calibrate reads a simulated run folder, in day numbers", async () => {
    // The run folder lab sim wrote from the CDNOW scenario: days from the scenario's day 0.
    const out = `${folder}/again.yaml`;
    const { code, out: text } = await capture(calibrateCommand, [
      `${folder}/run`,
      "--calibration-end",
      "272",
      "--out",
      out,
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(text);
    expect(result.members).toBe(2357);
    expect(result.day0).toBe("day 0");
    // Refitting a simulation of the CDNOW fit lands near it (r = 0.243 ± 0.013).
    expect(Math.abs(result.purchases.params.r - 0.243)).toBeLessThan(0.05);
    // lab clv reads the same folder.
    const clv = await capture(clvCommand, [
      "fit",
      `${folder}/run`,
      "--calibration-end",
      "272",
      "--json",
    ]);
    expect(JSON.parse(clv.out).n).toBe(2357);
  });

  test("calibrate needs --out with a scenario extension", async () => {
    await expect(calibrateCommand.run([...CDNOW_LOG_ARGS])).rejects.toThrow(UsageError);
    await expect(calibrateCommand.run([...CDNOW_LOG_ARGS, "--out", `${folder}/x.txt`]))
      .rejects.toThrow("--out: expected a .yaml, .yml or .json file");
  });

  test("calibrate exits 1 and says why when no member bought by the calibration end", async () => {
    const args = [...CDNOW_LOG_ARGS.slice(0, -1), "1996-12-01", "--out", `${folder}/none.yaml`];
    const { code, err } = await capture(calibrateCommand, args);
    expect(code).toBe(1);
    expect(err).toContain("error: Cannot calibrate: no member made a first purchase");
  });
});
