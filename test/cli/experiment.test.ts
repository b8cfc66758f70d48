import { stringify } from "yaml";
import { afterEach, describe, expect, test, vi } from "vitest";
import { experimentCommand } from "../../cli/experiment.ts";
import { capture } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";
import { PLAIN, spec } from "../experiments/_fixtures.ts";

async function specFile(overrides: Parameters<typeof spec>[0]): Promise<string> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/experiment.yaml`;
  await Deno.writeTextFile(path, stringify(spec(overrides)));
  return path;
}

describe("lab experiment", () => {
  afterEach(() => vi.restoreAllMocks());

  test("--json prints per metric truth, estimate, bias, power, FPR and coverage; writes the folder", async () => {
    const path = await specFile({
      seed: 1,
      metrics: ["activation", "orders"],
      looks: { count: 3 },
    });
    const out = await Deno.makeTempDir();
    const { code, out: text } = await capture(experimentCommand, [
      path,
      "--replications",
      "20",
      "--workers",
      "1",
      "--out",
      out,
      "--format",
      "csv,json",
      "--json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(text);
    expect(json).toMatchObject({
      experiment: "test",
      scenario: "plain",
      replications: 20,
      aa: true,
    });
    expect(json.metrics).toHaveLength(2);
    expect(Object.keys(json.metrics[0])).toEqual(expect.arrayContaining([
      "true_effect",
      "mean_estimate",
      "bias",
      "power",
      "false_positive_rate",
      "coverage",
    ]));
    expect(json.sequential[0].stopping_distribution).toHaveLength(3);
    expect(JSON.parse(await Deno.readTextFile(`${out}/summary.json`))).toEqual(json);
    await Deno.stat(`${out}/metrics.json`);
  });

  test("--assignment, --members and --seed override the spec; the text report flags bands", async () => {
    const path = await specFile({ seed: 1, metrics: ["orders"], analysis: { sequential: false } });
    const out = await Deno.makeTempDir();
    const { code, out: text } = await capture(experimentCommand, [
      path,
      "--replications=5",
      "--workers=1",
      "--assignment=cluster",
      "--members=1000",
      "--seed=9",
      `--out=${out}`,
    ]);
    expect(code).toBe(0);
    expect(text).toMatch(/^test: 5 replications \(cluster randomization/);
    const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
    expect(manifest.experiment).toMatchObject({ assignment: "cluster", members: 1000, seed: 9 });
  });

  test("--sizes adds a simulated power curve", async () => {
    const path = await specFile({
      seed: 2,
      metrics: ["orders"],
      analysis: { sequential: false },
      arms: [{ name: "control" }, { name: "more", set: { "stages.active.orders.value": 0.12 } }],
      truth: { runs: 2 },
    });
    const out = await Deno.makeTempDir();
    const { out: text } = await capture(experimentCommand, [
      path,
      "--replications=4",
      "--workers=1",
      "--sizes=500,2000",
      `--out=${out}`,
      "--json",
    ]);
    const curve = JSON.parse(text).power_curve;
    expect(curve.map((p: { members: number }) => p.members)).toEqual([500, 2000]);
    const csv = await Deno.readTextFile(`${out}/power_curve.csv`);
    expect(csv).toMatch(/,simulated,500,/);
  });

  test("bad specs and options are usage errors naming the file, field or option", async () => {
    const bad = await specFile({ metrics: ["revenue"] });
    await expect(experimentCommand.run([bad])).rejects.toThrow(/experiment\.yaml: metrics\[0\]/);
    const noGroups = await specFile({ scenario: { ...PLAIN, organization: undefined } });
    await expect(experimentCommand.run([noGroups, "--assignment", "cluster"]))
      .rejects.toThrow(/assignment: cluster assignment needs groups/);
    await expect(experimentCommand.run([noGroups, "--assignment", "team"]))
      .rejects.toThrow(/--assignment: expected member, cluster or tree/);
    await expect(experimentCommand.run([noGroups, "--sizes", "10,x"])).rejects.toThrow(UsageError);
    await expect(experimentCommand.run([])).rejects.toThrow(/expected one experiment file/);
  });

  test("runs through main.ts with --help and --json (JSON only on stdout)", async () => {
    const path = await specFile({ metrics: ["orders"], analysis: { sequential: false } });
    const out = await Deno.makeTempDir();
    const run = (args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          new URL("../../main.ts", import.meta.url).pathname,
          "experiment",
          ...args,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
    const help = await run(["--help"]);
    expect(new TextDecoder().decode(help.stdout)).toMatch(/Usage: deno task lab experiment/);
    const json = await run([path, "--replications", "2", "--workers", "1", "--out", out, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(json.stdout)).replications).toBe(2);
    const missing = await run(["no-such.yaml"]);
    expect(missing.code).toBe(2);
    expect(new TextDecoder().decode(missing.stderr)).toMatch(/no experiment file 'no-such.yaml'/);
  });
});
