import { describe, expect, test } from "vitest";
import { isRunFolder, loadRunLog, type RunManifest, writeRun } from "../../io/mod.ts";
import { EVENT_TYPES, type EventLog } from "../../log/mod.ts";
import type { RunResult } from "../../sim/run_result.ts";
import { simulate } from "../../sim/run.ts";
import { ScenarioSchema } from "../../sim/scenario.ts";
import { runFixture } from "./_run_fixture.ts";

function labelsOf(log: EventLog, name: string): (string | null)[] {
  const column = log.members.attributes[name];
  return Array.from(column.codes, (code) => code < 0 ? null : column.labels[code]);
}

/** The simulated member index of each loaded member (ids are the run's member ids as text). */
function runIds(log: EventLog): number[] {
  return log.members.ids!.map(Number);
}

async function fixtureRun(result: RunResult = runFixture({ withEvents: true })): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "lab-run-log-" });
  await writeRun(result, dir);
  return dir;
}

describe("isRunFolder", () => {
  test("is true only for a directory holding manifest.json", async () => {
    const dir = await Deno.makeTempDir();
    expect(await isRunFolder(dir)).toBe(false);
    expect(await isRunFolder(`${dir}/absent`)).toBe(false);
    await Deno.writeTextFile(`${dir}/events.csv`, "member,day\n");
    expect(await isRunFolder(`${dir}/events.csv`)).toBe(false);
    await Deno.mkdir(`${dir}/manifest.json`);
    expect(await isRunFolder(dir)).toBe(false);
    await Deno.remove(`${dir}/manifest.json`);
    await Deno.writeTextFile(`${dir}/manifest.json`, "{}");
    expect(await isRunFolder(dir)).toBe(true);
    await Deno.remove(dir, { recursive: true });
  });
});

describe("loadRunLog", () => {
  test("reads the fixture run's events and member attributes with known values", async () => {
    const dir = await fixtureRun();
    const loaded = await loadRunLog(dir);
    const { log } = loaded;
    expect(log.origin).toBeNull();
    expect(log.length).toBe(6);
    // Log members are numbered by first event; ids are the run's member ids.
    expect(log.members.ids).toEqual(["0", "3", "4", "5", "1", "2"]);
    expect(Array.from(log.member)).toEqual([0, 0, 0, 1, 2, 3]);
    expect(Array.from(log.day)).toEqual([0, 1, 1, 2, 3, 4]);
    expect(Array.from(log.type, (t) => EVENT_TYPES[t])).toEqual([
      "join",
      "order",
      "stage",
      "churn",
      "join",
      "invite",
    ]);
    expect(Array.from(log.amount)).toEqual([NaN, 10.01, NaN, NaN, NaN, NaN]);
    expect(Array.from(log.stage, (s) => s < 0 ? null : log.stages[s])).toEqual([
      "new",
      null,
      "active",
      "churned",
      "new",
      null,
    ]);
    // Attributes are the member columns that are not outcomes of the run.
    expect(Object.keys(log.members.attributes)).toEqual(["referrer", "channel", "tier", "group"]);
    expect(labelsOf(log, "channel")).toEqual([
      "initial",
      "initial",
      "organic",
      "referral",
      "initial",
      "initial",
    ]);
    expect(labelsOf(log, "tier")).toEqual([
      "199",
      'gold, "vip"',
      "199",
      'gold, "vip"',
      'gold, "vip"',
      "199",
    ]);
    expect(labelsOf(log, "referrer")).toEqual([null, null, null, "0", null, null]);
    expect(labelsOf(log, "group")).toEqual([null, null, null, null, null, null]);
    expect(loaded.join).toEqual({ tableRows: 6, matched: 4, added: 2, withoutRow: 0 });
    expect(loaded.report).toMatchObject({ rowsRead: 6, rowsLoaded: 6, rowsQuarantined: 0 });
    expect(loaded.quarantinePath).toBeNull();
    expect(loaded.eventsFile).toBe(`${dir}/events.csv`);
    expect(loaded.run).toEqual({ scenario: "fixture", seed: 7, version: "0.1.0" });
    await Deno.remove(dir, { recursive: true });
  });

  test("round-trips a simulated run: events and channels match the run's columns", async () => {
    const scenario = ScenarioSchema.parse({
      name: "tiny",
      seed: 11,
      horizon: 40,
      initialStage: "new",
      stages: {
        new: { hazard: { type: "constant", value: 0.02 }, orders: { type: "rate", value: 0.1 } },
        active: { hazard: { type: "constant", value: 0.01 }, orders: { type: "rate", value: 0.1 } },
        churned: { churned: true },
      },
      rules: [{ on: "order", from: ["new"], to: "active" }],
      attributes: { tier: ["basic", "plus"] },
      population: { initial: 300 },
      purchases: { spend: { type: "gamma_gamma", p: 3, q: 4, gamma: 20 } },
      channels: [{ name: "organic", daily: 2, cac: 5 }],
      referral: { invites: { type: "per_order", mean: 0.2 }, conversion: 0.3 },
    });
    const run = await simulate(scenario, { workers: 1, record: { events: true } });
    const events = run.events!, members = run.members!;
    const dir = await fixtureRun(run);
    const { log, join, run: about } = await loadRunLog(dir);
    expect(about).toEqual({ scenario: "tiny", seed: 11, version: run.version });
    expect(log.length).toBe(events.length);
    const ids = runIds(log);
    expect(Array.from(log.member, (m) => ids[m])).toEqual(Array.from(events.member));
    expect(Array.from(log.day)).toEqual(Array.from(events.day));
    expect(Array.from(log.type)).toEqual(Array.from(events.type));
    // Amounts are written in cents; events without an amount stay NaN.
    expect(Array.from(log.amount, Number.isNaN)).toEqual(Array.from(events.amount, Number.isNaN));
    const worst = Math.max(
      ...Array.from(log.amount, (a, i) => Number.isNaN(a) ? 0 : Math.abs(a - events.amount[i])),
    );
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    // The run exercises every column: orders with amounts, stage changes, churn, referrals.
    expect(new Set(Array.from(log.type, (t) => EVENT_TYPES[t]))).toEqual(
      new Set(["join", "order", "stage", "churn", "invite"]),
    );
    expect(run.totals.referred).toBeGreaterThan(0);
    const stageName = (stages: readonly string[]) => (s: number) => s < 0 ? null : stages[s];
    expect(Array.from(log.stage, stageName(log.stages))).toEqual(
      Array.from(events.stage, stageName(run.stages)),
    );
    // Every simulated member joins, so every member row matches a member of the log.
    expect(log.members.count).toBe(members.count);
    expect(join).toEqual({
      tableRows: members.count,
      matched: members.count,
      added: 0,
      withoutRow: 0,
    });
    expect(labelsOf(log, "channel")).toEqual(ids.map((m) => run.channels[members.channel[m]]));
    expect(labelsOf(log, "tier")).toEqual(
      ids.map((m) => ["basic", "plus"][members.attributes[0][m]]),
    );
    expect(labelsOf(log, "referrer")).toEqual(
      ids.map((m) => members.referrer[m] < 0 ? null : String(members.referrer[m])),
    );
    await Deno.remove(dir, { recursive: true });
  });

  test("reads events.parquet when the manifest lists no events.csv, with the same rows", async () => {
    const dir = await Deno.makeTempDir();
    await writeRun(runFixture({ withEvents: true }), dir, { formats: ["csv", "parquet"] });
    const fromCsv = await loadRunLog(dir);
    const manifest: RunManifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    await Deno.writeTextFile(
      `${dir}/manifest.json`,
      JSON.stringify({ ...manifest, files: manifest.files.filter((f) => f.name !== "events.csv") }),
    );
    const fromParquet = await loadRunLog(dir);
    expect(fromParquet.eventsFile).toBe(`${dir}/events.parquet`);
    expect(fromParquet.log).toEqual(fromCsv.log);
    expect(fromParquet.join).toEqual(fromCsv.join);
    await Deno.remove(dir, { recursive: true });
  });

  test("a clashing attribute keeps its prefixed name; arm is an attribute, policy outcomes are not", async () => {
    const fixture = runFixture({ withEvents: true });
    const zeros = () => new Int32Array(5);
    const dir = await fixtureRun({
      ...fixture,
      attributes: [{ name: "stage", values: fixture.attributes[0].values }],
      arms: ["control", "treatment"],
      policies: [{
        name: "winback",
        alerts: zeros(),
        actions: zeros(),
        refused: zeros(),
        recalled: zeros(),
        lost: zeros(),
        cost: new Float64Array(5),
      }],
    });
    const header = (await Deno.readTextFile(`${dir}/members.csv`)).split("\n")[0];
    expect(header).toContain("attribute_stage");
    expect(header).toContain(",arm,actions,policy_cost");
    const { log } = await loadRunLog(dir);
    expect(Object.keys(log.members.attributes)).toEqual([
      "referrer",
      "channel",
      "attribute_stage",
      "group",
      "arm",
    ]);
    expect(labelsOf(log, "arm")).toEqual(Array(6).fill("control"));
    await Deno.remove(dir, { recursive: true });
  });

  test("reports a string seed as written in the manifest", async () => {
    const dir = await fixtureRun({ ...runFixture({ withEvents: true }), seed: "spring-42" });
    expect((await loadRunLog(dir)).run.seed).toBe("spring-42");
    await Deno.remove(dir, { recursive: true });
  });

  test("a run without events or without members.csv says which option writes it", async () => {
    const noEvents = await fixtureRun(runFixture());
    await expect(loadRunLog(noEvents)).rejects.toThrow(
      `Cannot load run ${noEvents}: it has no event log (run lab sim with --events)`,
    );
    const noMembers = await fixtureRun(runFixture({ withEvents: true, withMembers: false }));
    const message =
      "it has no members.csv (run lab sim without --no-members, with csv in --format)";
    await expect(loadRunLog(noMembers)).rejects.toThrow(`Cannot load run ${noMembers}: ${message}`);
    const parquetOnly = await Deno.makeTempDir();
    await writeRun(runFixture({ withEvents: true }), parquetOnly, { formats: ["parquet"] });
    await expect(loadRunLog(parquetOnly)).rejects.toThrow(
      `Cannot load run ${parquetOnly}: ${message}`,
    );
    for (const dir of [noEvents, noMembers, parquetOnly]) {
      await Deno.remove(dir, { recursive: true });
    }
  });

  test("a folder without manifest.json or a listed file that is gone fails with NotFound", async () => {
    const empty = await Deno.makeTempDir();
    await expect(loadRunLog(empty)).rejects.toThrow(Deno.errors.NotFound);
    await expect(loadRunLog(empty)).rejects.toThrow(`${empty}/manifest.json`);
    const dir = await fixtureRun();
    await Deno.remove(`${dir}/members.csv`);
    await expect(loadRunLog(dir)).rejects.toThrow(`${dir}/members.csv`);
    for (const d of [empty, dir]) await Deno.remove(d, { recursive: true });
  });

  test("a bad event row fails with file and line, or is quarantined beside the events", async () => {
    const dir = await fixtureRun();
    await Deno.writeTextFile(`${dir}/events.csv`, "5,4,refund,3.00,\n", { append: true });
    const reason = "type 'refund' is not an event type (expected one of join, order, churn, " +
      "invite, stage, reactivate, action or a typeMap key)";
    await expect(loadRunLog(dir)).rejects.toThrow(
      `Cannot load ${dir}/events.csv: line 8: ${reason}`,
    );
    const loaded = await loadRunLog(dir, { onBadRow: "quarantine" });
    expect(loaded.log.length).toBe(6);
    expect(loaded.report).toMatchObject({ rowsRead: 7, rowsLoaded: 6, rowsQuarantined: 1 });
    expect(loaded.quarantinePath).toBe(`${dir}/events.quarantine.csv`);
    const quarantine = (await Deno.readTextFile(`${dir}/events.quarantine.csv`)).split("\n");
    expect(quarantine[0]).toBe("line,reason,row");
    expect(quarantine[1]).toBe(`8,"${reason}","5,4,refund,3.00,"`);
    await Deno.remove(dir, { recursive: true });
  });

  test("a member row with the wrong number of fields names members.csv and its line", async () => {
    const dir = await fixtureRun();
    await Deno.writeTextFile(`${dir}/members.csv`, "6,,0,organic\n", { append: true });
    await expect(loadRunLog(dir)).rejects.toThrow(
      `Cannot load ${dir}/members.csv: line 8: has 4 fields, expected 12`,
    );
    await Deno.remove(dir, { recursive: true });
  });

  test("a member id listed twice fails naming the file, the id column and both data rows", async () => {
    const dir = await fixtureRun();
    const csv = await Deno.readTextFile(`${dir}/members.csv`);
    await Deno.writeTextFile(`${dir}/members.csv`, csv + csv.split("\n")[4] + "\n");
    await expect(loadRunLog(dir)).rejects.toThrow(
      `Cannot load ${dir}/members.csv: id '3' appears twice (data rows 4 and 7)`,
    );
    await Deno.remove(dir, { recursive: true });
  });
});
