import { describe, expect, test } from "vitest";
import { groupsCommand } from "../../cli/groups.ts";
import { stdout } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

/**
 * Two groups of 10 tier-399 members who joined on 2020-01-01; graded as of 2020-02-29
 * (tenure month 2, benchmark 65%). Group a: 8 members order once for 100 in the period;
 * group b: 6 do.
 */
async function groupLog(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "lab-groups-" });
  const rows = ["id,date,type,amount,tier,group"];
  for (const [group, active] of [["a", 8], ["b", 6]] as const) {
    for (let k = 0; k < 10; k++) {
      rows.push(`${group}${k},2020-01-01,join,,399,${group}`);
      if (k < active) rows.push(`${group}${k},2020-02-15,order,100,399,${group}`);
    }
  }
  await Deno.writeTextFile(`${dir}/events.csv`, rows.join("\n") + "\n");
  return `${dir}/events.csv`;
}

const loader = [
  "--id-col",
  "id",
  "--date-col",
  "date",
  "--type-col",
  "type",
  "--amount-col",
  "amount",
  "--attr-cols",
  "tier,group",
];

describe("lab groups", () => {
  test("--json grades each group's activity against the tier × tenure benchmark", async () => {
    const path = await groupLog();
    const out = JSON.parse(
      await stdout(groupsCommand, [path, ...loader, "--as-of", "2020-02-29", "--json"]),
    );
    expect(out.n).toBe(2);
    const [a, b] = out.groups;
    expect([a.group, a.activity, a.activityGrade]).toEqual(["a", 0.8, "excellent"]);
    expect(a.benchmark).toBeCloseTo(0.65, 12);
    expect([b.group, b.activity, b.activityGrade, b.grade]).toEqual(["b", 0.6, "fail", "fail"]);
    // Output per active member is 100 in both, equal to the pooled tier value: pass.
    expect(a.outputGrade).toBe("pass");
    expect(a.grade).toBe("pass");
    expect(out.grades).toEqual({ excellent: 0, good: 0, pass: 1, fail: 1 });
    await Deno.remove(path.replace(/\/events\.csv$/, ""), { recursive: true });
  });

  test("a custom --benchmark file replaces the thesis table and bad files are named", async () => {
    const path = await groupLog();
    const dir = path.replace(/\/events\.csv$/, "");
    await Deno.writeTextFile(
      `${dir}/bench.json`,
      JSON.stringify({ tiers: { "399": Array(13).fill(0.5) } }),
    );
    const out = JSON.parse(
      await stdout(groupsCommand, [
        path,
        ...loader,
        "--as-of",
        "2020-02-29",
        "--benchmark",
        `${dir}/bench.json`,
        "--json",
      ]),
    );
    expect(out.groups[1].activityGrade).toBe("excellent");
    await Deno.writeTextFile(`${dir}/bad.json`, "{");
    await expect(groupsCommand.run([path, ...loader, "--benchmark", `${dir}/bad.json`])).rejects
      .toThrow(UsageError);
    await Deno.remove(dir, { recursive: true });
  });
});
