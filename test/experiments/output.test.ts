import { parquetReadObjects } from "hyparquet";
import { describe, expect, test } from "vitest";
import {
  compareScenarios,
  designExperiment,
  encodeTidy,
  parseExperiment,
  resolveBaseScenario,
  runExperiment,
  snakeKeys,
  writeExperimentFolder,
  writeWhatIfFolder,
} from "../../experiments/mod.ts";
import { applyOverrides } from "../../sim/overrides.ts";
import { REFERRAL, spec } from "./_fixtures.ts";

describe("result folders", () => {
  test("an experiment's folder: tidy tables in every format, charts, and a manifest", async () => {
    const experiment = parseExperiment(spec({
      seed: 4,
      metrics: ["orders", "arpu"],
      looks: { count: 3 },
      arms: [{ name: "control" }, { name: "more", set: { "stages.active.orders.value": 0.1 } }],
      truth: { runs: 2 },
    }));
    const base = await resolveBaseScenario(experiment);
    const result = await runExperiment(designExperiment(experiment, base), { replications: 3 });
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/cuped.csv`, "stale\n");
    const manifest = await writeExperimentFolder(result, base, dir, { summary: { ok: 1 } }, {
      formats: ["csv", "parquet", "json"],
    });
    const names = manifest.files.map((f) => f.name);
    for (const table of ["metrics", "estimates", "truth", "srm", "sequential", "stopping"]) {
      for (const format of ["csv", "parquet", "json"]) {
        expect(names).toContain(`${table}.${format}`);
      }
    }
    expect(names).toEqual(
      expect.arrayContaining(["forest.svg", "power_curve.svg", "summary.json"]),
    );
    await expect(Deno.stat(`${dir}/cuped.csv`)).rejects.toThrow();
    const written = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    expect(written).toMatchObject({ kind: "experiment", name: "test", seed: 4, replications: 3 });
    expect(written.scenario.name).toBe("plain");
    expect(written.version).toMatch(/^\d+\.\d+\.\d+/);
    const estimates = await Deno.readTextFile(`${dir}/estimates.csv`);
    expect(estimates.split("\n")[0]).toMatch(/^replication,seed,metric,arm,model,ok,/);
    expect(estimates.split("\n")).toHaveLength(1 + 3 * 2 + 1);
    const bytes = await Deno.readFile(`${dir}/metrics.parquet`);
    const rows = await parquetReadObjects({ file: bytes.buffer });
    expect(rows.map((r) => r.metric)).toEqual(["orders", "arpu"]);
    expect(rows[0].coverage_band_high).toBeGreaterThan(0.9);
    const forest = await Deno.readTextFile(`${dir}/forest.svg`);
    expect(forest).toContain("diamond:");
    expect(forest).toContain("true effect");
    const entry = manifest.files.find((f) => f.name === "metrics.csv")!;
    expect(entry.rows).toBe(2);
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a what-if's folder", async () => {
    const base = applyOverrides(REFERRAL, []);
    const changed = applyOverrides(REFERRAL, ["referral.conversion=0.5"]);
    const result = await compareScenarios(base, changed, { replications: 3, metrics: ["members"] });
    const dir = await Deno.makeTempDir();
    const manifest = await writeWhatIfFolder(result, base, ["referral.conversion=0.5"], dir, {
      summary: {},
      workers: 1,
      seconds: 1,
    });
    expect(manifest.changes).toEqual(["referral.conversion=0.5"]);
    expect(manifest.files.map((f) => f.name)).toEqual([
      "forest.svg",
      "pairs.csv",
      "summary.json",
      "whatif.csv",
    ]);
  });

  test("tables refuse cells of the wrong type, naming row and column; JSON keys are snake_case", () => {
    const table = { name: "t", columns: [["n", "integer"]] as const, rows: [{ n: 1.5 }] };
    expect(() => encodeTidy(table, "csv")).toThrow("row 0, column n is 1.5; expected an integer");
    expect(snakeKeys({ trueEffect: [{ meanSe: Infinity }] })).toEqual({
      true_effect: [{ mean_se: null }],
    });
  });
});
