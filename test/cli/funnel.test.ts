import { describe, expect, test } from "vitest";
import { funnelCommand } from "../../cli/funnel.ts";
import { stdout } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

/**
 * The hand-computed log of test/models/analytics/funnel.test.ts as a dated CSV file; the
 * loader needs an amount on every row, so non-order rows carry 0.
 */
async function handFile(): Promise<string> {
  const day = (d: number) =>
    new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const rows: [string, number, string, string, string][] = [
    ["m0", 0, "join", "0", "ads"],
    ["m0", 2, "order", "10", "ads"],
    ["m0", 3, "invite", "0", "ads"],
    ["m0", 8, "order", "20", "ads"],
    ["m0", 35, "order", "30", "ads"],
    ["m1", 5, "join", "0", "ads"],
    ["m1", 40, "order", "50", "ads"],
    ["m2", 10, "join", "0", "seo"],
    ["m2", 10, "order", "100", "seo"],
    ["m3", 40, "join", "0", "ads"],
    ["m3", 41, "order", "5", "ads"],
    ["m3", 75, "order", "15", "ads"],
    ["m4", 90, "join", "0", "ads"],
    ["m4", 91, "order", "7", "ads"],
    ["m5", 95, "join", "0", "seo"],
  ];
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  const lines = rows.map(([m, d, t, a, c]) => `${m},${day(d)},${t},${a},${c}`);
  await Deno.writeTextFile(path, `member,date,type,amount,channel\n${lines.join("\n")}\n`);
  return path;
}

const loader = [
  "--id-col",
  "member",
  "--date-col",
  "date",
  "--amount-col",
  "amount",
  "--type-col",
  "type",
  "--channel-col",
  "channel",
];

describe("lab funnel", () => {
  test("lab funnel --json reproduces the hand-computed funnel from a file", async () => {
    const path = await handFile();
    const out = JSON.parse(
      await stdout(funnelCommand, [path, ...loader, "--as-of", "2024-04-09", "--json"]),
    );
    expect(out.load).toMatchObject({ rowsRead: 15, rowsLoaded: 15, members: 6 });
    const total = out.cells.find((c: { cohort: string; channel: string }) =>
      c.cohort === "all" && c.channel === "all"
    );
    expect(total.steps.map((s: { base: number; count: number }) => [s.base, s.count])).toEqual([
      [6, 6],
      [5, 4],
      [3, 1],
      [3, 2],
      [4, 1],
    ]);
    expect(total.arpu[0]).toEqual({ days: 7, eligible: 5, revenue: 122, arpu: 24.4 });
    expect(out.cells[0].cohort).toBe("2024-01-01");
  });

  test("lab funnel takes activation and retention options and prints totals only", async () => {
    const path = await handFile();
    const out = await stdout(funnelCommand, [
      path,
      ...loader,
      "--as-of",
      "2024-04-09",
      "--activation-orders",
      "3",
      "--activation-days",
      "40",
      "--retention",
      "W1=0-7",
      "--totals-only",
    ]);
    expect(out).toContain("cohort all, channel all: 6 acquired");
    expect(out).toMatch(/activated\s+1 of 4/);
    expect(out).toContain("retained:W1");
    expect(out).not.toContain("cohort 2024-01-01");
  });

  test("lab funnel on CDNOW master counts every customer as acquired", async () => {
    const master = new URL("../../../shared/data/cdnow/CDNOW_master.txt", import.meta.url).pathname;
    const out = JSON.parse(
      await stdout(funnelCommand, [
        master,
        "--id-col",
        "customer_id",
        "--date-col",
        "date",
        "--amount-col",
        "dollar_value",
        "--totals-only",
        "--json",
      ]),
    );
    expect(out.n).toBe(23570);
    expect(out.cells).toHaveLength(1);
    // Order-only file: no referral step is reported rather than a zero.
    expect(out.cells[0].steps.map((s: { step: string }) => s.step)).not.toContain("referral");
  });

  test("lab funnel rejects a malformed retention window", async () => {
    const path = await handFile();
    await expect(funnelCommand.run([path, ...loader, "--retention", "D7"])).rejects.toThrow(
      UsageError,
    );
  });
});
