import { describe, expect, test, vi } from "vitest";
import { createHash } from "node:crypto";
import { warnCommand } from "../../cli/warn.ts";
import { UsageError } from "../../cli/command.ts";
import { parseValues } from "../../cli/_warn_values.ts";
import { loadScenario } from "../../io/scenario_file.ts";
import { loadRunLog, writeRun } from "../../io/mod.ts";
import { simulate } from "../../sim/run.ts";
import { evaluateWarnings, inactivityRule, observedChurn } from "../../models/warning/mod.ts";

/** Runs `lab warn` and returns what it printed on standard output. */
async function capture(argv: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...a) => void lines.push(a.join(" ")));
  try {
    expect(await warnCommand.run(argv)).toBe(0);
    return lines.join("\n");
  } finally {
    spy.mockRestore();
  }
}

describe("lab warn sweep", () => {
  test("--json sweeps the windows and writes tables, the chart and a manifest with checksums", async () => {
    const out = await Deno.makeTempDir({ prefix: "lab-warn-sweep-" });
    const args = [
      "sweep",
      "warning",
      "--rule",
      "inactivity",
      "--windows",
      "5..14:9",
      "--replications",
      "3",
      "--members",
      "600",
      "--days",
      "120",
      "--budget",
      "50",
      "--seed",
      "11",
      "--out",
      out,
      "--json",
    ];
    const result = JSON.parse(await capture(args));
    expect(result.windows.map((w: { window: number }) => w.window)).toEqual([5, 14]);
    expect(result.best).toBe(14);
    expect(result.seeds).toEqual(["11/0", "11/1", "11/2"]);
    expect(result.budget).toBe(50);
    expect(result.windows[0].revenueSaved.mean).toBe(0);
    const names = result.files.map((f: { name: string }) => f.name);
    expect(names).toEqual([
      "windows.csv",
      "replications.csv",
      "lead_times.csv",
      "windows.svg",
      "sweep.json",
    ]);
    const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
    expect(manifest).toMatchObject({ command: "warn sweep", seed: 11, best: 14 });
    expect(manifest.scenario.name).toBe("warning");
    expect(typeof manifest.version).toBe("string");
    for (const file of manifest.files) {
      const bytes = await Deno.readFile(`${out}/${file.name}`);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    const tidy = (await Deno.readTextFile(`${out}/windows.csv`)).trim().split("\n");
    expect(tidy[0]).toBe("window,figure,mean,lower,upper,replications,level");
    expect(tidy.length).toBe(1 + 2 * 10);
    expect(tidy).toContain(`5,revenueSaved,0,0,0,3,0.95`);
    const rows = (await Deno.readTextFile(`${out}/replications.csv`)).trim().split("\n");
    expect(rows[0]).toBe(
      "window,replication,seed,alerts,actions,refused,precision,recall,median_lead_time," +
        "members_saved,revenue_saved,cost,net_value",
    );
    expect(rows.length).toBe(1 + 2 * 3);
    expect(await Deno.readTextFile(`${out}/windows.svg`)).toContain("Net value by warning window");
    // No temporary file is left behind.
    const left = [];
    for await (const entry of Deno.readDir(out)) if (entry.name.endsWith(".tmp")) left.push(entry);
    expect(left).toEqual([]);
  });

  test("the text output marks the best window", async () => {
    const out = await Deno.makeTempDir({ prefix: "lab-warn-sweep-" });
    const text = await capture([
      "sweep",
      "warning",
      "--windows",
      "7,14",
      "--replications",
      "2",
      "--members",
      "300",
      "--days",
      "90",
      "--out",
      out,
    ]);
    expect(text).toContain("Warning-window sweep of policy 'call' (call) on warning");
    expect(text).toMatch(/\n\s+14 .*← best/);
    expect(text).toContain("Best window: 14 days");
  });

  test("refuses rules other than inactivity, a missing --windows and a bad window list", async () => {
    await expect(warnCommand.run(["sweep", "warning", "--rule", "alive", "--windows", "7"]))
      .rejects.toThrow(UsageError);
    await expect(warnCommand.run(["sweep", "warning"])).rejects.toThrow(
      "warn sweep: --windows is required, e.g. --windows 3..30",
    );
    await expect(warnCommand.run(["sweep", "warning", "--windows", "30..3"])).rejects.toThrow(
      "--windows: range 30..3 runs backwards in '30..3'",
    );
    await expect(warnCommand.run(["warm"])).rejects.toThrow(
      "warn: expected a sub-command 'sweep' or 'evaluate', got 'warm'",
    );
  });
});

describe("lab warn evaluate", () => {
  test("scores the inactivity rule on a run folder against its observed churn, as the model does", async () => {
    const scenario = await loadScenario("default", { overrides: ["population.initial=600"] });
    const run = await simulate(scenario, {
      seed: 2,
      days: 150,
      workers: 1,
      record: { events: true },
    });
    const dir = await Deno.makeTempDir({ prefix: "lab-warn-run-" });
    await writeRun(run, dir);
    const out = `${dir}/evaluation`;
    const result = JSON.parse(
      await capture(["evaluate", dir, "--windows", "14,30", "--out", out, "--json"]),
    );
    expect(result.outcomes.kind).toBe("observed");
    expect(result.points.map((p: { value: number }) => p.value)).toEqual([14, 30]);
    const { log } = await loadRunLog(dir);
    const direct = evaluateWarnings(inactivityRule({ window: 30 }).alert(log), observedChurn(log));
    expect(result.points[1].precision.estimate).toBe(direct.precision);
    expect(result.points[1].recall.estimate).toBe(direct.recall);
    expect(result.points[1].leadTime.median).toBe(direct.leadTime.median);
    expect(result.points[1].n).toBe(direct.n);
    const curve = (await Deno.readTextFile(`${out}/curve.csv`)).split("\n");
    expect(curve[0].startsWith("value,rule,alerts_raised,judged,alerts_per_day,precision")).toBe(
      true,
    );
    expect(curve[2].startsWith("30,inactivity-30,")).toBe(true);
    const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
    expect(manifest).toMatchObject({ command: "warn evaluate", scenario: "default", seed: 2 });
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
      "curve.csv",
      "lead_times.csv",
      "curve.svg",
    ]);
  });

  test("scores a real-style order file against a holdout without orders", async () => {
    // As of 2020-03-01 (day 60) with a 30-day holdout: h0 (last order day 55) and h3 (day
    // 50; its next order falls after the holdout) churn; h1 orders in the holdout; h2's
    // only order (day 5) is too old to be in scope. 7-day alerts judged on days 31..60:
    // h1@47 a false alarm, h3@57 timely (4 days before the churn day 61).
    const path = `${await Deno.makeTempDir({ prefix: "lab-warn-log-" })}/orders.csv`;
    const day = (d: number) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10);
    const rows = [[0, 10], [0, 55], [1, 40], [1, 70], [2, 5], [3, 50], [3, 100]]
      .map(([m, d]) => `h${m},${day(d)},20`);
    await Deno.writeTextFile(path, ["id,date,amount", ...rows].join("\n") + "\n");
    const result = JSON.parse(
      await capture([
        "evaluate",
        path,
        "--id-col",
        "id",
        "--date-col",
        "date",
        "--amount-col",
        "amount",
        "--as-of",
        day(60),
        "--holdout",
        "30",
        "--windows",
        "7",
        "--json",
      ]),
    );
    expect(result.outcomes).toMatchObject({ kind: "holdout", to: day(60), members: 3 });
    const [p] = result.points;
    expect([p.n, p.timely, p.falseAlarms, p.churns, p.caught]).toEqual([2, 1, 1, 2, 1]);
    expect(p.precision.estimate).toBe(0.5);
    expect(p.leadTime.median).toBe(4);
  });

  test("refuses a rule's values under another rule and observed churn on a log without churn", async () => {
    const path = `${await Deno.makeTempDir({ prefix: "lab-warn-log-" })}/orders.csv`;
    await Deno.writeTextFile(path, "id,date\na,2020-01-01\na,2020-03-01\n");
    const base = [path, "--id-col", "id", "--date-col", "date"];
    await expect(warnCommand.run(["evaluate", ...base, "--thresholds", "0.5"])).rejects.toThrow(
      "--thresholds belongs to --rule alive, not inactivity",
    );
    await expect(warnCommand.run(["evaluate", ...base, "--outcome", "observed"])).rejects
      .toThrow("--outcome observed: the log has no churn events");
  });
});

describe("value lists", () => {
  test("parseValues reads ranges, steps and lists, sorted without repeats", () => {
    expect(parseValues("3..6", "windows", { integer: true })).toEqual([3, 4, 5, 6]);
    expect(parseValues("3..30:9,30,3", "windows")).toEqual([3, 12, 21, 30]);
    expect(parseValues("0.1..0.9:0.2", "thresholds")).toEqual([0.1, 0.3, 0.5, 0.7, 0.9]);
    expect(() => parseValues("2.5", "windows", { integer: true })).toThrow(
      "--windows: 2.5 is not a whole number in '2.5'",
    );
    expect(() => parseValues("1..5:0", "windows")).toThrow("step 0 is not positive");
    expect(() => parseValues("7,,14", "windows")).toThrow("an empty value");
  });
});

describe("lab warn --help", () => {
  test("a sub-command's --help prints that sub-command's help alone", async () => {
    const { main } = await import("../../main.ts");
    const help = async (argv: string[]) => {
      const lines: string[] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...a) =>
        void lines.push(a.join(" "))
      );
      try {
        expect(await main(argv)).toBe(0);
        return lines.join("\n");
      } finally {
        spy.mockRestore();
      }
    };
    const sweep = await help(["warn", "sweep", "--help"]);
    expect(sweep).toMatch(/^Usage: deno task lab warn sweep /);
    expect(sweep).not.toContain("lab warn evaluate");
    expect(await help(["warn", "evaluate", "-h"])).toMatch(/^Usage: deno task lab warn evaluate /);
    const overview = await help(["warn", "--help"]);
    expect(overview).toMatch(/^Usage: deno task lab warn <sweep\|evaluate>/);
    expect(overview).toContain("Usage: deno task lab warn sweep");
    expect(await help(["warn", "toString", "--help"])).toBe(overview);
  });
});
