import { afterEach, describe, expect, test, vi } from "vitest";
import { survivalCommand } from "../../cli/survival.ts";
import { capture } from "./_capture.ts";
import { UsageError } from "../../cli/command.ts";

const telco = new URL(
  "../../../shared/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv",
  import.meta.url,
).pathname;

afterEach(() => vi.restoreAllMocks());

describe("lab survival", () => {
  const base = [telco, "--duration", "tenure", "--event", "Churn", "--event-value", "Yes"];

  test("--json prints S(t) with log-log intervals matching SciPy on the Telco data", async () => {
    const { code, out } = await capture(survivalCommand, [
      ...base,
      "--at",
      "12,24,48,72",
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.n).toBe(7043);
    expect(result.events).toBe(1869);
    // SciPy 1.17 scipy.stats.ecdf(...).sf and confidence_interval(method="log-log")
    const reference = [
      [12, 0.8431995538158313, 0.8341686858114631, 0.8517833206931246],
      [72, 0.5927901520522304, 0.5730628910042945, 0.6119362091926649],
    ];
    for (const [t, s, lo, hi] of reference) {
      const row = result.survival.find((r: { t: number }) => r.t === t);
      expect(row.s).toBeCloseTo(s, 10);
      expect(row.lo).toBeCloseTo(lo, 9);
      expect(row.hi).toBeCloseTo(hi, 9);
    }
    expect(result.median).toBeNull(); // never below 0.5 by 72 months (JSON null = not reached)
  });

  test("--group gives one curve per group and the log-rank test", async () => {
    const { out } = await capture(survivalCommand, [
      ...base,
      "--at",
      "12",
      "--group",
      "Contract",
      "--json",
    ]);
    const result = JSON.parse(out);
    expect(result.groups.map((g: { label: string }) => g.label)).toEqual([
      "Month-to-month",
      "One year",
      "Two year",
    ]);
    expect(result.groups[0].survival[0].s).toBeCloseTo(0.703096636348866, 10);
    expect(result.groups[0].median).toBe(35);
    expect(result.logRank.df).toBe(2);
    expect(result.logRank.statistic).toBeCloseTo(2352.8725382593384, 6);
  });

  test("prints readable tables without --json", async () => {
    const { out } = await capture(survivalCommand, [...base, "--at", "12"]);
    expect(out).toContain("all: n = 7043, events = 1869, median = not reached");
    expect(out).toMatch(/12\s+0\.8432\s+\[0\.8342, 0\.8518\]/);
  });

  test("usage mistakes are UsageErrors that point to --help", async () => {
    await expect(survivalCommand.run([telco, "--duration", "tenure"])).rejects.toThrow(UsageError);
    await expect(capture(survivalCommand, [...base, "--at", "12,x"])).rejects.toThrow(
      "--at: expected",
    );
    const yesNo = await capture(survivalCommand, [
      telco,
      "--duration",
      "tenure",
      "--event",
      "Churn",
      "--json",
    ]);
    expect(JSON.parse(yesNo.out).events).toBe(1869); // yes/no read as 1/0 without --event-value
    await expect(
      survivalCommand.run([telco, "--duration", "tenure", "--event", "Contract"]),
    ).rejects.toThrow("row 1 is 'Month-to-month'");
  });
});
