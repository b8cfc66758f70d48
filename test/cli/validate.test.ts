import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { calibrateCommand } from "../../cli/calibrate.ts";
import { validateCommand } from "../../cli/validate.ts";
import { UsageError } from "../../cli/command.ts";
import { capture } from "./_capture.ts";
import { CDNOW_LOG_ARGS } from "./_cdnow.ts";

const folder = await Deno.makeTempDir({ prefix: "validate_test_" });
afterAll(() => Deno.remove(folder, { recursive: true }));

const scenario = `${folder}/cdnow.yaml`;
const out = `${folder}/validation`;

let text: { code: number; out: string };
beforeAll(async () => {
  await capture(calibrateCommand, [...CDNOW_LOG_ARGS, "--out", scenario]);
  text = await capture(validateCommand, [
    ...CDNOW_LOG_ARGS,
    "--scenario",
    scenario,
    "--replications",
    "20",
    "--out",
    out,
  ]);
});

describe("lab validate", () => {
  test("validate prints the holdout comparison and the tracking table", () => {
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      "Validated cdnow (seed 1, 20 replications, 95% bands): holdout 1997-10-01..1998-06-30 " +
        "(39.0 weeks); day 0 = 1997-01-01",
    );
    expect(text.out).toContain("Repeat purchases in the holdout: actual 1882;");
    expect(text.out).toMatch(/^ +78 +1998-06-30 +4339 +4160\.\d/m);
  });

  test("validate writes tables, charts and a manifest with scenario, seed and version", async () => {
    const names = [];
    for await (const entry of Deno.readDir(out)) names.push(entry.name);
    expect(names.sort()).toEqual([
      "conditional.csv",
      "conditional.svg",
      "manifest.json",
      "members.csv",
      "tracking.csv",
      "tracking.svg",
      "tracking_weekly.svg",
    ]);
    const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
    expect(manifest).toMatchObject({
      command: "validate",
      scenario: "cdnow",
      seed: 1,
      replicationSeeds: "1.1 .. 1.20",
      replications: 20,
      day0: "1997-01-01",
      calibrationEnd: "1997-09-30",
      holdoutEnd: "1998-06-30",
    });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.scenarioResolved.channels[0].schedule.length).toBe(84);
    const tracking = manifest.files.find((f: { name: string }) => f.name === "tracking.csv");
    expect(tracking.rows).toBe(78);
    expect(tracking.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("tracking.csv has weeks 1–78, the holdout from week 40", async () => {
    const lines = (await Deno.readTextFile(`${out}/tracking.csv`)).trim().split("\n");
    expect(lines[0]).toBe(
      "period,last_date,phase,actual,expected,simulated_mean,simulated_lower,simulated_upper",
    );
    expect(lines[39]).toMatch(/^39,1997-09-30,calibration,2457,/);
    expect(lines[40]).toMatch(/^40,1997-10-07,holdout,/);
    expect(lines[78]).toMatch(/^78,1998-06-30,holdout,4339,4160\.\d+,/);
  });

  test("members.csv holds each member's history, forecast and holdout purchases", async () => {
    const lines = (await Deno.readTextFile(`${out}/members.csv`)).trim().split("\n");
    expect(lines[0]).toBe(
      "member,frequency,recency_weeks,T_weeks,p_alive,holdout_expected,holdout_actual",
    );
    expect(lines.length).toBe(2358);
    const first = lines[1].split(",");
    expect(first[0]).toBe("0001");
    expect(Number(first[5])).toBeCloseTo(1.226, 2); // Hardie's sheet for customer 1
  });

  test("validate --json prints the results with tracking and conditional rows", async () => {
    const { code, out: json } = await capture(validateCommand, [
      ...CDNOW_LOG_ARGS,
      "--scenario",
      scenario,
      "--replications",
      "3",
      "--seed",
      "9",
      "--out",
      `${folder}/json`,
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(json);
    expect(result.seed).toBe(9);
    expect(result.tracking.length).toBe(78);
    expect(result.tracking[77]).toMatchObject({ period: 78, actual: 4339, lastDate: "1998-06-30" });
    expect(result.conditional.length).toBe(8);
    expect(result.holdoutPurchases.actual).toBe(1882);
    expect(result.scenarioResolved).toBeUndefined();
  });

  test("validate needs --scenario and names a scenario it cannot use", async () => {
    await expect(validateCommand.run([...CDNOW_LOG_ARGS])).rejects.toThrow(
      "--scenario FILE is required",
    );
    await expect(validateCommand.run([...CDNOW_LOG_ARGS, "--scenario", `${folder}/missing.yaml`]))
      .rejects.toThrow(UsageError);
  });
});
