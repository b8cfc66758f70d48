import { describe, expect, test } from "vitest";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { defaultRunDir, type RunManifest, writeRun } from "../../io/run_folder.ts";
import { runFixture } from "./_run_fixture.ts";

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fileNames(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

describe("writeRun", () => {
  test("writeRun writes the data files and a manifest whose checksums match them", async () => {
    const dir = `${await Deno.makeTempDir()}/runs/fixture-7`;
    const manifest = await writeRun(runFixture({ withEvents: true }), dir, {
      formats: ["csv", "parquet"],
    });
    expect(fileNames(dir)).toEqual([
      "daily.csv",
      "daily.parquet",
      "events.csv",
      "events.parquet",
      "manifest.json",
      "members.csv",
      "members.parquet",
      "tenure.csv",
    ]);
    for (const file of manifest.files) {
      const bytes = await Deno.readFile(`${dir}/${file.name}`);
      expect(file.bytes).toBe(bytes.length);
      expect(file.sha256).toBe(await sha256Hex(bytes));
    }
    const onDisk: RunManifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    expect(onDisk.files).toEqual(manifest.files);
    expect(onDisk.files.map((f) => [f.name, f.rows])).toEqual([
      ["daily.csv", 5],
      ["daily.parquet", 5],
      ["events.csv", 6],
      ["events.parquet", 6],
      ["members.csv", 6],
      ["members.parquet", 6],
      ["tenure.csv", 3],
    ]);
    expect(onDisk.seed).toBe(7);
    expect(onDisk.scenario.name).toBe("fixture");
    expect(onDisk.totals.cycleTime).toBeNull();
    expect(onDisk.timings.write).toBeGreaterThanOrEqual(0);
    await Deno.remove(dir, { recursive: true });
  });

  test("writeRun writes the daily, tenure, member and event tables with the documented columns", async () => {
    const dir = await Deno.makeTempDir();
    await writeRun(runFixture({ withEvents: true }), dir);
    expect(await Deno.readTextFile(`${dir}/daily.csv`)).toBe(
      "day,stage_new,stage_active,stage_churned,joins_initial,joins_organic,joins_referral," +
        "churns,reactivations,orders,revenue,invites,conversions," +
        "spend_initial,spend_organic,spend_referral\n" +
        "0,4,0,0,4,0,0,0,0,0,0.00,0,0,0.00,0.00,0.00\n" +
        "1,3,1,0,0,0,0,0,0,2,20.30,1,1,0.00,0.00,0.00\n" +
        "2,3,1,1,0,0,0,1,0,0,0.00,0,0,0.00,0.00,0.00\n" +
        "3,3,1,1,0,1,0,0,0,1,10.00,0,0,0.00,8.00,0.00\n" +
        "4,3,1,1,0,0,1,0,0,0,0.00,1,0,0.00,0.00,0.00\n",
    );
    expect(await Deno.readTextFile(`${dir}/tenure.csv`)).toBe(
      "tenure,churned,censored\n0,0,0\n1,0,1\n2,1,2\n",
    );
    expect(await Deno.readTextFile(`${dir}/members.csv`)).toBe(
      "id,referrer,generation,channel,tier,group,join_day,churn_day,stage,orders,revenue," +
        "reactivations\n" +
        "0,,0,initial,199,,0,,active,2,20.30,0\n" +
        '1,,0,initial,"gold, ""vip""",,0,,new,0,0.00,0\n' +
        "2,,0,initial,199,,0,,new,0,0.00,0\n" +
        '3,,0,initial,"gold, ""vip""",,0,2,churned,0,0.00,0\n' +
        "4,,0,organic,199,,3,,new,1,10.00,0\n" +
        '5,0,1,referral,"gold, ""vip""",,4,,new,0,0.00,0\n',
    );
    expect(await Deno.readTextFile(`${dir}/events.csv`)).toBe(
      "member,day,type,amount,stage\n" +
        "0,0,join,,new\n" +
        "0,1,order,10.01,\n" +
        "0,1,stage,,active\n" +
        "3,2,churn,,churned\n" +
        "4,3,join,,new\n" +
        "5,4,invite,,\n",
    );
    await Deno.remove(dir, { recursive: true });
  });

  test("writeRun Parquet files hold the same rows as the CSV files and the run's metadata", async () => {
    const dir = await Deno.makeTempDir();
    await writeRun(runFixture(), dir, { formats: ["parquet", "csv"] });
    const file = (await Deno.readFile(`${dir}/members.parquet`)).buffer;
    const rows = await parquetReadObjects({ file });
    const csv = (await Deno.readTextFile(`${dir}/members.csv`)).trimEnd().split("\n");
    expect(Object.keys(rows[0]).join(",")).toBe(csv[0]);
    expect(rows[3]).toEqual({
      id: 3,
      referrer: null,
      generation: 0,
      channel: "initial",
      tier: 'gold, "vip"',
      group: null,
      join_day: 0,
      churn_day: 2,
      stage: "churned",
      orders: 0,
      revenue: 0,
      reactivations: 0,
    });
    expect(rows[0].revenue).toBe(20.3);
    expect(parquetMetadata(file).key_value_metadata).toEqual([
      { key: "scenario", value: "fixture" },
      { key: "seed", value: "7" },
      { key: "version", value: "0.1.0" },
    ]);
    await Deno.remove(dir, { recursive: true });
  });

  test("writeRun removes data files of an earlier run that this run does not write", async () => {
    const dir = await Deno.makeTempDir();
    await writeRun(runFixture({ withEvents: true }), dir, { formats: ["csv", "parquet"] });
    await writeRun(runFixture({ withMembers: false }), dir);
    expect(fileNames(dir)).toEqual(["daily.csv", "manifest.json", "tenure.csv"]);
    await Deno.remove(dir, { recursive: true });
  });

  test("writeRun that fails leaves no manifest and no partial file under a final name", async () => {
    const dir = await Deno.makeTempDir();
    const result = runFixture();
    await writeRun(result, dir);
    // A stage code out of range makes the member table fail after daily and tenure are written.
    const bad = {
      ...result,
      members: { ...result.members!, stage: Uint8Array.from([0, 0, 0, 0, 0, 9]) },
    };
    await expect(writeRun(bad, dir)).rejects.toThrow(
      "Cannot write members: column stage at row 5 has code 9, expected 0..2",
    );
    const names = fileNames(dir);
    expect(names).not.toContain("manifest.json");
    expect(names.filter((name) => name.endsWith(".tmp"))).toEqual([]);
    await Deno.remove(dir, { recursive: true });
  });

  test("writeRun rejects an unknown format before writing anything", async () => {
    const dir = `${await Deno.makeTempDir()}/run`;
    // deno-lint-ignore no-explicit-any
    await expect(writeRun(runFixture(), dir, { formats: ["xlsx" as any] })).rejects.toThrow(
      "Cannot write run: format 'xlsx' is unknown, expected csv or parquet",
    );
    await expect(Deno.stat(dir)).rejects.toThrow(Deno.errors.NotFound);
  });
});

describe("defaultRunDir", () => {
  test("defaultRunDir names the folder after the scenario and a file-safe seed", () => {
    expect(defaultRunDir("default", 42)).toBe("runs/default-42");
    expect(defaultRunDir("ref_lifecycle", "a/b c")).toBe("runs/ref_lifecycle-a_b_c");
  });
});
