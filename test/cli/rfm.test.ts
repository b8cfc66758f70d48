import { describe, expect, test } from "vitest";
import { rfmCommand } from "../../cli/rfm.ts";
import { stdout } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

const retail = new URL(
  "../../../shared/data/online_retail/online_retail_invoices.csv",
  import.meta.url,
).pathname;
const retailArgs = [
  retail,
  "--id-col",
  "CustomerID",
  "--date-col",
  "InvoiceDate",
  "--amount-col",
  "TotalPrice",
];

describe("lab rfm", () => {
  test("lab rfm --json on Online Retail matches an independent median-split computation", async () => {
    const out = JSON.parse(
      await stdout(rfmCommand, [
        ...retailArgs,
        "--as-of",
        "2011-12-09",
        "--mode",
        "median",
        "--json",
      ]),
    );
    // Reference: a plain Python 3 script over the same CSV (R = days since last invoice at
    // 2011-12-09, F and M over the 365 days up to it, high = strictly better than the median).
    expect(out.load).toMatchObject({ rowsRead: 18532, rowsLoaded: 18532, members: 4338 });
    expect(out.n).toBe(4338);
    expect(out.splits.recency).toBe(50);
    expect(out.splits.frequency).toBe(2);
    expect(out.splits.monetary).toBeCloseTo(653.365, 6);
    expect(out.segments.map((s: { members: number }) => s.members)).toEqual([
      1278,
      164,
      417,
      310,
      133,
      560,
      132,
      1344,
    ]);
    expect(out.segments[0].zh).toBe("重要价值用户");
    expect(out.asOf).toBe("2011-12-09");
  });

  test("lab rfm --from adds a migration matrix that counts every member once", async () => {
    const out = JSON.parse(
      await stdout(rfmCommand, [
        ...retailArgs,
        "--as-of",
        "2011-12-09",
        "--from",
        "2011-06-09",
        "--json",
      ]),
    );
    expect(out.migration.from).toBe("2011-06-09");
    const total = out.migration.counts.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(4338);
  });

  test("lab rfm thesis mode on a small file lists members and unmatched counts", async () => {
    const path = await Deno.makeTempFile({ suffix: ".csv" });
    await Deno.writeTextFile(
      path,
      "member,date,amount\na,2024-03-28,1200\nb,2024-03-10,300\nc,2024-01-01,20\nd,2024-03-25,600\n",
    );
    const out = JSON.parse(
      await stdout(rfmCommand, [
        path,
        "--id-col",
        "member",
        "--date-col",
        "date",
        "--amount-col",
        "amount",
        "--as-of",
        "2024-03-31",
        "--mode",
        "thesis",
        "--list",
        "--json",
      ]),
    );
    const segment = Object.fromEntries(
      out.members.map((m: { member: string; segment: string | null }) => [m.member, m.segment]),
    );
    // a: 1200 in the month, 3 days → important value; b: 300, 21 days → general value;
    // c: 90 days silent → no band; d: 600, 6 days → important development.
    expect(segment).toEqual({
      a: "important-value",
      b: "general-value",
      c: null,
      d: "important-development",
    });
    expect(out.unmatched).toBe(1);
  });

  test("lab rfm prints a readable segment table", async () => {
    const out = await stdout(rfmCommand, [...retailArgs, "--mode", "quantile"]);
    expect(out).toContain("important-value");
    expect(out).toContain("一般挽留用户");
    expect(out).toContain("mode quantile");
  });

  test("lab rfm rejects an unknown mode and a missing id column", async () => {
    await expect(rfmCommand.run([...retailArgs, "--mode", "top"])).rejects.toThrow(UsageError);
    await expect(rfmCommand.run([retail, "--date-col", "InvoiceDate"])).rejects.toThrow(
      /expected <file>, --id-col and --date-col/,
    );
  });

  test("lab rfm joins a member table with --members and lists members with --list", async () => {
    const dir = await Deno.makeTempDir({ prefix: "lab-rfm-" });
    await Deno.writeTextFile(
      `${dir}/orders.csv`,
      "id,date,amount\na,2024-01-05,10\nb,2024-01-20,30\n",
    );
    await Deno.writeTextFile(`${dir}/members.csv`, "id,tier\na,199\nb,399\n");
    const out = JSON.parse(
      await stdout(rfmCommand, [
        `${dir}/orders.csv`,
        "--id-col",
        "id",
        "--date-col",
        "date",
        "--amount-col",
        "amount",
        "--members",
        `${dir}/members.csv`,
        "--member-cols",
        "tier",
        "--list",
        "--json",
      ]),
    );
    expect(out.load.memberTable).toMatchObject({ tableRows: 2, matched: 2 });
    expect(out.members.map((m: { member: string }) => m.member)).toEqual(["a", "b"]);
    await Deno.remove(dir, { recursive: true });
  });

  test("lab rfm help names every option with its default and an example", () => {
    for (const word of ["--as-of", "--window", "(default 365)", "--mode", "Example:"]) {
      expect(rfmCommand.help).toContain(word);
    }
  });
});
