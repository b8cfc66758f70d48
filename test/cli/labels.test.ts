import { describe, expect, test } from "vitest";
import { labelsCommand, ruleFromOptions } from "../../cli/labels.ts";
import { stdout } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

/**
 * Runs `lab labels --json --list` with the rule options on a small log — member a: 3 orders
 * 10 days apart; b: 2 orders 50 days apart; c: 1 order; d joins only — and parses the JSON.
 */
async function labelSmallLog(rule: string[]) {
  const dir = await Deno.makeTempDir({ prefix: "lab-labels-" });
  const path = `${dir}/events.csv`;
  await Deno.writeTextFile(
    path,
    [
      "id,date,type,amount",
      "a,2020-01-01,order,10",
      "a,2020-01-11,order,10",
      "a,2020-01-21,order,10",
      "b,2020-01-01,order,50",
      "b,2020-02-20,order,50",
      "c,2020-02-01,order,5",
      "d,2020-01-05,join,",
    ].join("\n") + "\n",
  );
  const loader = ["--id-col", "id", "--date-col", "date", "--type-col", "type", "--amount-col"];
  try {
    return JSON.parse(
      await stdout(labelsCommand, [path, ...loader, "amount", ...rule, "--json", "--list"]),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

describe("lab labels", () => {
  test("the default rule stages members by order count: 0 lead, 1–2 growth, ≥ 3 mature", async () => {
    const out = await labelSmallLog([]);
    expect(out.n).toBe(4);
    expect(out.stages.map((s: { members: number }) => s.members)).toEqual([1, 2, 1]);
    const byMember = Object.fromEntries(
      out.members.map((m: { member: string; stage: string }) => [m.member, m.stage]),
    );
    expect(byMember).toEqual({ a: "mature", b: "growth", c: "growth", d: "lead" });
  });

  test("--method all keeps a member in the earlier stage when any criterion fails", async () => {
    const out = await labelSmallLog([
      "--method",
      "all",
      "--criterion",
      "orders:1,2",
      "--criterion",
      "interval:inf,30",
    ]);
    // b has 2 orders but a 50-day interval: growth, not mature.
    const stages = out.members.map((m: { stage: string }) => m.stage);
    expect(stages).toEqual(["mature", "growth", "growth", "lead"]);
  });

  test("--method score cuts the growth score and reports every member's score", async () => {
    const out = await labelSmallLog([
      "--method",
      "score",
      "--term",
      "orders:1",
      "--thresholds",
      "0.5,0.8",
    ]);
    // Hazen percentiles of orders 3, 2, 1, 0: 7/8, 5/8, 3/8, 1/8.
    expect(out.members.map((m: { score: number }) => m.score)).toEqual([
      0.875,
      0.625,
      0.375,
      0.125,
    ]);
    expect(out.members.map((m: { stage: string }) => m.stage)).toEqual([
      "mature",
      "growth",
      "lead",
      "lead",
    ]);
  });

  test("ruleFromOptions names the option that is wrong", () => {
    expect(() => ruleFromOptions({ method: "all" })).toThrow("--method all needs at least one");
    expect(() => ruleFromOptions({ metric: "visits:1" })).toThrow(
      "--metric: metric 'visits' is not one of orders, amount, interval, recency, tenure",
    );
    expect(() => ruleFromOptions({ metric: "orders:1,x" })).toThrow(
      "--metric: 'x' is not a number",
    );
    expect(() => ruleFromOptions({ method: "score", term: ["orders:1"] })).toThrow(UsageError);
    expect(() => ruleFromOptions({ method: "all", term: ["orders:1"] })).toThrow(
      "--term belongs to --method score",
    );
  });
});
