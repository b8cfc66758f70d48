import { describe, expect, test } from "vitest";
import { economicsCommand } from "../../cli/economics.ts";
import { stdout } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

const master = new URL("../../../shared/data/cdnow/CDNOW_master.txt", import.meta.url).pathname;
const cdnow = [
  master,
  "--id-col",
  "customer_id",
  "--date-col",
  "date",
  "--amount-col",
  "dollar_value",
];

/**
 * Channel log of test/models/analytics/economics.test.ts as a dated CSV file; the loader
 * needs an amount on every row, so non-order rows carry 0.
 */
async function channelFile(): Promise<string> {
  const day = (d: number) =>
    new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  const lines: string[] = [];
  for (let m = 0; m < 4; m++) {
    lines.push(`m${m},${day(0)},join,0,ads`, `m${m},${day(5)},order,30,ads`);
    lines.push(`m${m},${day(35)},order,30,ads`);
    if (m < 2) lines.push(`m${m},${day(60)},churn,0,ads`);
  }
  for (const m of [4, 5]) {
    lines.push(`m${m},${day(10)},join,0,seo`, `m${m},${day(20)},order,50,seo`);
  }
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  await Deno.writeTextFile(path, `member,date,type,amount,channel\n${lines.join("\n")}\n`);
  return path;
}

describe("lab economics", () => {
  test("lab economics --json on CDNOW with a given lifetime matches a Python computation", async () => {
    const out = JSON.parse(
      await stdout(economicsCommand, [...cdnow, "--cac", "all=30", "--lifetime", "12", "--json"]),
    );
    // Reference: plain Python 3 over CDNOW_master.txt: revenue 2,500,315.63 over
    // 395,263.8667 member-periods of 30 days (first purchase through 1998-06-30) →
    // ARPU 6.325687321449428, LTV 75.90824785739314, payback 4.674399317962413 months of
    // 30.4375 days, discounted LTV (8%/year, 365-day year, geometric) 70.53703832826014.
    const all = out.channels[0];
    expect(out.monthDays).toBe(30.4375);
    expect(out.periodDays).toBe(30);
    expect(all.acquired).toBe(23570);
    expect(all.arpu).toBeCloseTo(6.325687321449428, 9);
    expect(all.ltv).toBeCloseTo(75.90824785739314, 8);
    expect(all.ltvToCac).toBeCloseTo(2.530274928579771, 9);
    expect(all.paybackMonths).toBeCloseTo(4.674399317962413, 9);
    expect(all.discountedLtv).toBeCloseTo(70.53703832826014, 8);
  });

  test("lab economics estimates lifetimes from churn events per channel", async () => {
    const out = JSON.parse(
      await stdout(economicsCommand, [
        await channelFile(),
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
        "--spend",
        "ads=200,seo=30",
        "--as-of",
        "2024-03-30",
        "--month-days",
        "30",
        "--json",
      ]),
    );
    expect(out.channels[0]).toMatchObject({
      channel: "ads",
      ok: true,
      cac: 50,
      arpu: 24,
      ltv: 120,
      churns: 2,
    });
    expect(out.channels[0].lifetime.estimate).toBe(5);
    expect(out.channels[1]).toMatchObject({ channel: "seo", ok: false, code: "no-churn" });
  });

  test("lab economics --churn-after on CDNOW matches a Python computation", async () => {
    const out = JSON.parse(
      await stdout(economicsCommand, [
        ...cdnow,
        "--cac",
        "all=30",
        "--churn-after",
        "180",
        "--json",
      ]),
    );
    // Reference: plain Python 3 with the same rule (churned 180 days after the last order
    // when no order follows within 180 days; revenue before the churn day): 21,788 churns,
    // revenue 2,142,181.86 over 184,717.5667 member-periods.
    const all = out.channels[0];
    expect(all.churns).toBe(21788);
    expect(all.revenue).toBeCloseTo(2142181.86, 4);
    expect(all.arpu).toBeCloseTo(11.597066259895612, 9);
    expect(all.lifetime.estimate).toBeCloseTo(8.477949635885198, 9);
    expect(all.lifetime.lower).toBeCloseTo(8.366121752576593, 9);
    expect(all.lifetime.upper).toBeCloseTo(8.591272294892162, 9);
    expect(all.ltvToCac).toBeCloseTo(3.2773114558472836, 9);
  });

  test("lab economics --arpu-period splits all revenue into periods of that many days", async () => {
    const retail = new URL(
      "../../../shared/data/online_retail/online_retail_invoices.csv",
      import.meta.url,
    ).pathname;
    const out = JSON.parse(
      await stdout(economicsCommand, [
        retail,
        "--id-col",
        "CustomerID",
        "--date-col",
        "InvoiceDate",
        "--amount-col",
        "TotalPrice",
        "--cac",
        "all=20",
        "--lifetime",
        "10",
        "--arpu-period",
        "30",
        "--json",
      ]),
    );
    const periods = out.arpuByPeriod as {
      start: string;
      revenue: number;
      members: number;
      complete: boolean;
    }[];
    // SOURCE.md: the invoice totals sum to 8,911,407.90 (to the cent) over 4,338 customers.
    const total = periods.reduce((s, p) => s + p.revenue, 0);
    expect(total).toBeCloseTo(8911407.9, 1);
    expect(periods[0].start).toBe("2010-12-01");
    expect(periods[periods.length - 1].members).toBe(4338);
    expect(periods[periods.length - 1].complete).toBe(false);
  });

  test("lab economics exits 1 and explains when no channel can be evaluated", async () => {
    const out = await stdout(economicsCommand, [...cdnow, "--cac", "all=30"], 1);
    expect(out).toContain("not evaluated (no-churn)");
  });

  test("lab economics needs exactly one of --cac and --spend, as channel=value pairs", async () => {
    await expect(economicsCommand.run(cdnow)).rejects.toThrow(UsageError);
    await expect(economicsCommand.run([...cdnow, "--cac", "all:30"])).rejects.toThrow(
      /expected channel=value pairs/,
    );
  });

  test("lab economics help states the month length default explicitly", () => {
    expect(economicsCommand.help).toContain("--month-days <days>     month length for payback");
    expect(economicsCommand.help).toContain("30.4375 = 365.25/12");
  });
});
