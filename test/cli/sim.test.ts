import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunManifest } from "../../io/run_folder.ts";
import type { SimSummary } from "../../cli/sim.ts";

const mainTs = new URL("../../main.ts", import.meta.url).pathname;
let dir = "";

beforeAll(async () => {
  dir = await Deno.makeTempDir({ prefix: "lab-sim-test-" });
});
afterAll(async () => {
  await Deno.remove(dir, { recursive: true });
});

/** Runs `lab sim ...` in a child process (stderr is a pipe, not a terminal). */
async function lab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", mainTs, "sim", ...args],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function manifest(out: string): Promise<RunManifest> {
  return JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
}

describe("lab sim", () => {
  test("lab sim --json prints a summary that parses and names the run folder, and nothing on stderr", async () => {
    const out = `${dir}/json-run`;
    const { code, stdout, stderr } = await lab(
      "default",
      "--members=800",
      "--days=40",
      "--workers=1",
      "--out",
      out,
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const summary: SimSummary = JSON.parse(stdout);
    expect(summary.out).toBe(out);
    expect(summary.scenario).toBe("default");
    expect(summary.seed).toBe(42);
    expect(summary.horizon).toBe(40);
    expect(summary.totals.initial).toBe(800);
    expect(summary.files.map((f) => f.name)).toEqual(["daily.csv", "members.csv", "tenure.csv"]);
    const written = await manifest(out);
    expect(written.files).toEqual(summary.files);
    expect(written.totals.members).toBe(summary.totals.members);
  });

  test("lab sim writes byte-identical data files with 1 and with 2 workers", async () => {
    const args = ["default", "--seed=5", "--members=6000", "--days=45", "--events"];
    const formats = ["--format", "csv,parquet", "--json"];
    const one = await lab(...args, "--workers=1", "--out", `${dir}/w1`, ...formats);
    const two = await lab(...args, "--workers=2", "--out", `${dir}/w2`, ...formats);
    expect([one.code, two.code]).toEqual([0, 0]);
    const [a, b] = [await manifest(`${dir}/w1`), await manifest(`${dir}/w2`)];
    expect(b.workers).toBe(2);
    expect(a.files.map((f) => f.name)).toEqual([
      "daily.csv",
      "daily.parquet",
      "events.csv",
      "events.parquet",
      "members.csv",
      "members.parquet",
      "tenure.csv",
    ]);
    expect(a.files.find((f) => f.name === "events.csv")!.rows).toBeGreaterThan(10_000);
    expect(b.files).toEqual(a.files);
  });

  test("lab sim prints a human summary and plain progress lines, into runs/<scenario>-<seed> by default", async () => {
    const { code, stdout, stderr } = await lab(
      "default",
      "--members=300",
      "--days=20",
      "--no-members",
      "--seed=my seed",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Simulated default (seed my seed, 20 days");
    expect(stdout).toMatch(/K-factor {4}\d/);
    expect(stdout).toContain("run folder  runs/default-my_seed (daily.csv, tenure.csv)");
    expect((await manifest(`${dir}/runs/default-my_seed`)).seed).toBe("my seed");
    const lines = stderr.trimEnd().split("\n");
    expect(lines.at(-2)).toMatch(/^sim default: 100% \(\d+\/\d+\)$/);
    expect(lines.at(-1)).toBe("sim default: writing runs/default-my_seed");
    expect(stderr).not.toContain("\r");
  });

  test("lab sim exits 2 with the field named when the scenario is invalid", async () => {
    const { code, stdout, stderr } = await lab("default", "--set", "horizon=0", "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: Cannot use scenario/);
    expect(stderr).toContain("horizon: must be ≥ 1, got 0");
  });

  test("lab sim exits 2 with the estimate and writes nothing when the run would not fit in memory", async () => {
    // 300 million members with events need hundreds of GB: refused by the pilot estimate.
    const out = `${dir}/huge`;
    const { code, stdout, stderr } = await lab(
      "default",
      "--members=300000000",
      "--events",
      "--out",
      out,
      "--json",
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: Cannot simulate: the run would need about [\d.]+ GB/);
    await expect(Deno.stat(out)).rejects.toThrow(Deno.errors.NotFound);
  });

  test("lab sim exits 2 on a usage mistake and names the option", async () => {
    const { code, stderr } = await lab("default", "--format", "xlsx");
    expect(code).toBe(2);
    expect(stderr).toContain(
      "--format: expected a comma-separated list of csv, parquet, got 'xlsx'",
    );
  });
});
