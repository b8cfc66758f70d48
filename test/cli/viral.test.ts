import { describe, expect, test } from "vitest";
import { viralCommand } from "../../cli/viral.ts";
import { stdout } from "./_capture.ts";

describe("lab viral", () => {
  test("--json measures K = invites per member × conversion, the cycle time and Skok's curve", async () => {
    const dir = await Deno.makeTempDir({ prefix: "lab-viral-" });
    const path = `${dir}/referrals.csv`;
    // s1 sends two invites and c1 joins from one of them ten days after s1; s2 sends one.
    await Deno.writeTextFile(
      path,
      [
        "id,date,type,referrer",
        "s1,2020-01-01,join,",
        "s1,2020-01-02,invite,",
        "s1,2020-01-03,invite,",
        "c1,2020-01-11,join,s1",
        "s2,2020-01-01,join,",
        "s2,2020-01-05,invite,",
      ].join("\n") + "\n",
    );
    const out = JSON.parse(
      await stdout(viralCommand, [
        path,
        "--id-col",
        "id",
        "--date-col",
        "date",
        "--type-col",
        "type",
        "--attr-cols",
        "referrer",
        "--cycles",
        "2",
        "--json",
      ]),
    );
    expect(out).toMatchObject({ n: 3, invites: 3, converted: 1, invitesPerMember: 1 });
    expect(out.k).toBeCloseTo(1 / 3, 12);
    expect(out.cycleDays).toBe(10);
    // Two seeds on the first day, one referred: seeds' K = 1/2. Day 10 is the last observed
    // day, so day 20 has Skok's value but no observation.
    expect(out.skok.n0).toBe(2);
    expect(out.skok.k).toBe(0.5);
    expect(out.skok.points.map((p: { observed: number | null }) => p.observed)).toEqual([
      2,
      3,
      null,
    ]);
    expect(out.skok.points[1].skok).toBeCloseTo(2 * (0.25 - 1) / (0.5 - 1), 12);
    await Deno.remove(dir, { recursive: true });
  });
});
